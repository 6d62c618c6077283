"""Referrals to the state certification body: the list, one referral, its steps, publishing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import staff_required

from ..forms import ReferralStepForm
from ..models import CertificationReferral, ReferralStatus
from ..selectors import cases_visible_to
from ..services.referrals import REFERRAL_ROLES, STEPS, certification_body, referral_publish, referral_record

NEXT_STEPS = {status: [step for step, (_f, _s, allowed) in STEPS.items() if status in allowed]
              for status in ReferralStatus.values}


def _referrals(user):
    return (CertificationReferral.objects.filter(case__in=cases_visible_to(user))
            .select_related("case", "officer", "allegation__category"))


@staff_required(*REFERRAL_ROLES)
def referral_list(request):
    return render(request, "review_board/referral_list.html", {
        "referrals": _referrals(request.user)[:500], "body": certification_body()})


def _detail(request, referral, refused=None, status=200):
    """The referral with a form for each step it may take next (`refused`: a (step, form) sent back)."""
    steps = [(step, ReferralStatus(STEPS[step][1]).label,
              refused[1] if refused and refused[0] == step else ReferralStepForm(prefix=step))
             for step in NEXT_STEPS[referral.status]]
    return render(request, "review_board/referral_detail.html", {
        "referral": referral, "steps": steps,
        "can_publish": referral.status != ReferralStatus.TO_SEND}, status=status)


@staff_required(*REFERRAL_ROLES)
def referral_detail(request, referral_id: int):
    return _detail(request, get_object_or_404(_referrals(request.user), pk=referral_id))


@require_POST
@staff_required(*REFERRAL_ROLES)
def referral_step(request, referral_id: int, step: str):
    referral = get_object_or_404(_referrals(request.user), pk=referral_id)
    if step not in STEPS:
        raise Http404
    form = ReferralStepForm(request.POST, prefix=step)
    if form.is_valid():
        try:
            referral_record(referral=referral, actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Referral updated."))
            return redirect("board:referral_detail", referral_id=referral.pk)
    return _detail(request, referral, refused=(step, form), status=400)


@require_POST
@staff_required(*REFERRAL_ROLES)
def referral_publish_view(request, referral_id: int):
    referral = get_object_or_404(_referrals(request.user), pk=referral_id)
    try:
        referral_publish(referral=referral, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The referral is on the officer's public profile."))
    return redirect("board:referral_detail", referral_id=referral.pk)
