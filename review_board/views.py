from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.roles import STAFF_ROLES, Role, user_has_role
from portal.services.audit import audit_record

from .forms import AllegationForm, FindingForm, PublicSummaryForm, TransitionForm
from .models import Allegation
from .selectors import (
    case_get_for_user,
    cases_open,
    complaint_get_for_user,
    complaints_awaiting_case,
)
from .services import (
    allegation_add,
    allegation_record_finding,
    case_open_from_complaint,
    case_set_public_summary,
)
from .workflow import TransitionError, case_transition, transitions_available


def staff_required(*roles):
    """Signed-in staff holding one of `roles` (any staff role if none given); others get 404."""
    allowed = roles or tuple(STAFF_ROLES)

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not user_has_role(request.user, *allowed):
                raise Http404
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(allowed)
        return wrapper

    return decorator


@staff_required()
def dashboard(request):
    return render(request, "review_board/dashboard.html", {
        "complaints": complaints_awaiting_case()[:100],
        "cases": cases_open()[:100],
    })


@staff_required(Role.INTAKE, Role.SUPERVISOR, Role.INVESTIGATOR)
def complaint_detail(request, tracking_number: str):
    complaint = complaint_get_for_user(user=request.user, tracking_number=tracking_number)
    audit_record(actor=request.user, action="complaint.view_identity", target=complaint)
    return render(request, "review_board/complaint_detail.html", {"complaint": complaint})


@require_POST
@staff_required(Role.INTAKE, Role.SUPERVISOR)
def case_open(request, tracking_number: str):
    complaint = complaint_get_for_user(user=request.user, tracking_number=tracking_number)
    try:
        case = case_open_from_complaint(complaint=complaint, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("board:complaint_detail", tracking_number=tracking_number)
    messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
    return redirect("board:case_detail", number=case.number)


def _case_page(request, case, **forms):
    allegations = case.allegations.select_related("officer", "category")
    context = {
        "case": case,
        "allegations": [(a, FindingForm(initial={"finding": a.finding,
                                                 "discipline_recommended": a.discipline_recommended},
                                        prefix=f"a{a.pk}")) for a in allegations],
        "transitions": transitions_available(case=case, actor=request.user),
        "allegation_form": forms.get("allegation_form") or AllegationForm(),
        "summary_form": forms.get("summary_form")
        or PublicSummaryForm(initial={"public_summary": case.public_summary}),
    }
    return render(request, "review_board/case_detail.html", context,
                  status=400 if forms else 200)


@staff_required()
def case_detail(request, number: str):
    return _case_page(request, case_get_for_user(user=request.user, number=number))


@require_POST
@staff_required(Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR, Role.BOARD_CHAIR)
def allegation_create(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = AllegationForm(request.POST)
    if not form.is_valid():
        return _case_page(request, case, allegation_form=form)
    try:
        allegation_add(case=case, actor=request.user, category=form.cleaned_data["category"],
                       officer=form.cleaned_data["officer"],
                       unidentified_description=form.cleaned_data["unidentified_description"],
                       force_level=form.cleaned_data["force_level"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("board:case_detail", number=case.number)


@require_POST
@staff_required(Role.BOARD_CHAIR, Role.BOARD_MEMBER)
def allegation_finding(request, number: str, allegation_id: int):
    case = case_get_for_user(user=request.user, number=number)
    allegation = get_object_or_404(Allegation, pk=allegation_id, case=case)
    form = FindingForm(request.POST, prefix=f"a{allegation.pk}")
    if form.is_valid():
        try:
            allegation_record_finding(allegation=allegation, actor=request.user,
                                      **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return redirect("board:case_detail", number=case.number)


@require_POST
@staff_required(Role.INTAKE, Role.RECORDS_EDITOR, Role.SUPERVISOR)
def case_summary(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = PublicSummaryForm(request.POST)
    if not form.is_valid():
        return _case_page(request, case, summary_form=form)
    case_set_public_summary(case=case, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Public summary saved."))
    return redirect("board:case_detail", number=case.number)


@require_POST
@staff_required()
def case_move(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = TransitionForm(request.POST)
    if form.is_valid():
        to, reason = form.cleaned_data["to"], form.cleaned_data["reason"]
        try:
            case_transition(case=case, to=to, actor=request.user, reason=reason)
        except (TransitionError, ValueError) as error:
            messages.error(request, str(error))
    return redirect("board:case_detail", number=case.number)
