from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.models import Complaint
from portal.access import shows_identity, staff_required
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record

from ..forms import (
    AllegationForm,
    AssignForm,
    IAReviewForm,
    ImposedDisciplineForm,
    OwnMotionForm,
    PublicSummaryForm,
    RecommendationForm,
    TransitionForm,
)
from ..models import Allegation, Case
from ..selectors import IDENTITY_ROLES, case_get_for_user, complaint_get_for_user
from ..services import (
    allegation_add,
    allegation_recommend_finding,
    allegation_record_imposed_discipline,
    case_assign,
    case_open_from_complaint,
    case_open_ia_review,
    case_open_own_motion,
    case_record_milestone,
    case_set_public_summary,
    complaint_record_acknowledgement,
)
from ..services.cases import CASE_EDIT_ROLES, DISCIPLINE_ROLES, MILESTONES, OPEN_ROLES
from ..workflow import TransitionError, case_transition
from .case_page import case_page
from .common import back_to_case, run_action


@shows_identity
@staff_required(*IDENTITY_ROLES)
def complaint_detail(request, tracking_number: str):
    complaint = complaint_get_for_user(user=request.user, tracking_number=tracking_number)
    audit_record(actor=request.user, action="complaint.view_identity", target=complaint)
    return render(request, "review_board/complaint_detail.html", {
        "complaint": complaint, "case": Case.objects.filter(complaint=complaint).first(),
        "can_open": user_has_role(request.user, *OPEN_ROLES)})


@require_POST
@staff_required(*OPEN_ROLES)
def complaint_acknowledge_view(request, tracking_number: str):
    complaint = complaint_get_for_user(user=request.user, tracking_number=tracking_number)
    complaint_record_acknowledgement(complaint=complaint, actor=request.user)
    messages.success(request, _("Acknowledgement recorded."))
    return redirect("board:complaint_detail", tracking_number=tracking_number)


@require_POST
@staff_required(*OPEN_ROLES)
def case_open(request, tracking_number: str):
    complaint = complaint_get_for_user(user=request.user, tracking_number=tracking_number)
    try:
        case = case_open_from_complaint(complaint=complaint, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("board:complaint_detail", tracking_number=tracking_number)
    messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
    return redirect("board:case_detail", number=case.number)


def _open_page(request, form_class, opener, title):
    form = form_class(request.POST or None)
    if form.is_valid():
        try:
            case = opener(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            return redirect("board:case_detail", number=case.number)
    return render(request, "review_board/case_open.html", {"form": form, "title": title},
                  status=400 if form.errors else 200)


@staff_required(*OPEN_ROLES)
def case_open_own_motion_view(request):
    return _open_page(request, OwnMotionForm, lambda data: case_open_own_motion(
        actor=request.user, agency_id=data["agency"].pk,
        district_id=data["district"].pk if data["district"] else None,
        incident_on=data["incident_on"], origin_details=data["origin_details"]),
        _("Open a case on the board's own motion"))


@staff_required(*OPEN_ROLES)
def case_open_ia_review_view(request):
    def open_review(data):
        complaint = None
        if data["complaint_tracking_number"]:
            complaint = Complaint.objects.filter(
                tracking_number=data["complaint_tracking_number"].strip()).first()
            if complaint is None:
                raise ValidationError(_("No complaint has that tracking number."))
        return case_open_ia_review(
            actor=request.user, agency_id=data["agency"].pk,
            district_id=data["district"].pk if data["district"] else None,
            ia_reference=data["ia_reference"], ia_finding=data["ia_finding"],
            incident_on=data["incident_on"], complaint=complaint,
            origin_details=data["origin_details"])
    return _open_page(request, IAReviewForm, open_review, _("Open a review of an internal-affairs case"))


@staff_required()
def case_detail(request, number: str):
    return case_page(request, case_get_for_user(user=request.user, number=number))


@require_POST
@staff_required(Role.INTAKE, Role.SUPERVISOR)
def case_assign_view(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an investigator."))
        return back_to_case(case)
    return run_action(request, case, lambda: case_assign(
        case=case, actor=request.user, investigator=form.cleaned_data["investigator"],
        supervisor=form.cleaned_data["supervisor"]), success=_("Case assigned."))


@require_POST
@staff_required(Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR)
def case_milestone(request, number: str, milestone: str):
    case = case_get_for_user(user=request.user, number=number)
    if milestone not in MILESTONES:
        raise Http404
    return run_action(request, case, lambda: case_record_milestone(
        case=case, actor=request.user, milestone=milestone), success=_("Recorded."))


@require_POST
@staff_required(*CASE_EDIT_ROLES)
def allegation_create(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = AllegationForm(request.POST)
    if not form.is_valid():
        return case_page(request, case, allegation_form=form)
    data = form.cleaned_data
    return run_action(request, case, lambda: allegation_add(
        case=case, actor=request.user, category=data["category"], officer=data["officer"],
        unidentified_description=data["unidentified_description"],
        force_level=data["force_level"]), anchor="allegations-heading")


@require_POST
@staff_required(Role.INVESTIGATOR, Role.SUPERVISOR)
def allegation_recommendation(request, number: str, allegation_id: int):
    case = case_get_for_user(user=request.user, number=number)
    allegation = get_object_or_404(Allegation, pk=allegation_id, case=case)
    form = RecommendationForm(request.POST, prefix=f"r{allegation.pk}")
    if not form.is_valid():
        return case_page(request, case, recommend_form=(allegation.pk, form))
    return run_action(request, case, lambda: allegation_recommend_finding(
        allegation=allegation, actor=request.user, **form.cleaned_data),
        success=_("Recommendation saved."), anchor="allegations-heading")


@require_POST
@staff_required(*DISCIPLINE_ROLES)
def allegation_discipline(request, number: str, allegation_id: int):
    case = case_get_for_user(user=request.user, number=number)
    allegation = get_object_or_404(Allegation, pk=allegation_id, case=case)
    form = ImposedDisciplineForm(request.POST, prefix=f"d{allegation.pk}")
    if not form.is_valid():
        messages.error(request, _("Check the discipline form: %(errors)s") % {
            "errors": " ".join(e for errs in form.errors.values() for e in errs)})
        return back_to_case(case)
    return run_action(request, case, lambda: allegation_record_imposed_discipline(
        allegation=allegation, actor=request.user, **form.cleaned_data),
        success=_("Imposed discipline recorded."))


@require_POST
@staff_required(Role.INTAKE, Role.RECORDS_EDITOR, Role.SUPERVISOR)
def case_summary(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = PublicSummaryForm(request.POST)
    if not form.is_valid():
        return case_page(request, case, summary_form=form)
    return run_action(request, case, lambda: case_set_public_summary(
        case=case, actor=request.user, **form.cleaned_data), success=_("Public summary saved."))


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
    return back_to_case(case)
