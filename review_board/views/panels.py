from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import staff_required
from portal.roles import Role

from ..forms import ConflictForm, PanelForm, SeatForm, VoteForm
from ..models import Allegation
from ..selectors import case_get_for_user
from ..services import panel_form, panel_seat_add, seat_declare_conflict, vote_cast
from ..services.panels import MEMBER_ROLES, panel_active, panel_kind_for
from .case_page import case_page
from .common import back_to_case, run_action

PANEL_ROLES = (Role.BOARD_MEMBER, Role.BOARD_CHAIR, Role.PANEL_MEMBER)


def _panel_or_404(case):
    panel = panel_active(case)
    if panel is None:
        raise Http404
    return panel


@require_POST
@staff_required(Role.BOARD_CHAIR)
def panel_create(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = PanelForm(request.POST, roles=MEMBER_ROLES[panel_kind_for(case)])
    if not form.is_valid():
        messages.error(request, _("Choose the panel's members."))
        return back_to_case(case, "panel-heading")
    return run_action(request, case, lambda: panel_form(
        case=case, actor=request.user, members=list(form.cleaned_data["members"])),
        success=_("Panel formed."), anchor="panel-heading")


@require_POST
@staff_required(Role.BOARD_CHAIR)
def panel_seat(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    panel = _panel_or_404(case)
    form = SeatForm(request.POST, roles=MEMBER_ROLES[panel.kind])
    if not form.is_valid():
        messages.error(request, _("Choose a member to seat."))
        return back_to_case(case, "panel-heading")
    return run_action(request, case, lambda: panel_seat_add(
        panel=panel, actor=request.user, member=form.cleaned_data["member"]),
        success=_("Member seated."), anchor="panel-heading")


@require_POST
@staff_required(*PANEL_ROLES)
def panel_conflict(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    panel = _panel_or_404(case)
    form = ConflictForm(request.POST, prefix="conflict")
    if not form.is_valid():
        messages.error(request, _("Answer whether you have a conflict of interest."))
        return back_to_case(case, "panel-heading")
    recusing = form.cleaned_data["has_conflict"]
    response = run_action(request, case, lambda: seat_declare_conflict(
        panel=panel, actor=request.user, **form.cleaned_data),
        success=_("You have recused from this case.") if recusing else _("Declaration recorded."),
        anchor="panel-heading")
    if recusing:  # the case is no longer theirs to open
        return redirect("board:dashboard")
    return response


@require_POST
@staff_required(*PANEL_ROLES)
def panel_vote(request, number: str, allegation_id: int):
    case = case_get_for_user(user=request.user, number=number)
    panel = _panel_or_404(case)
    allegation = get_object_or_404(Allegation, pk=allegation_id, case=case)
    form = VoteForm(request.POST, prefix=f"v{allegation.pk}")
    if not form.is_valid():  # the same form again, with each problem next to its field
        return case_page(request, case, vote_form=(allegation.pk, form))
    return run_action(request, case, lambda: vote_cast(
        panel=panel, actor=request.user, allegation=allegation, **form.cleaned_data),
        success=_("Vote recorded."), anchor="allegations-heading")
