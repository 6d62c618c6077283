from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.evidence import evidence_open
from complaints.selectors import complaint_evidence
from portal.access import staff_required
from portal.roles import user_has_role
from portal.services.audit import audit_record

from ..forms import EvidenceForm, InterviewForm, NoteForm, PlanForm, ReceiptForm, ReportForm
from ..models import EvidenceItem
from ..selectors import CASE_FILE_ROLES, case_file_get_for_user, case_get_for_user
from ..services import (
    case_set_investigation_plan,
    evidence_add,
    evidence_record_receipt,
    interview_record,
    note_add,
    report_write,
)
from ..services.investigation import EVIDENCE_ROLES, INTERVIEW_ROLES, NOTE_ROLES
from ..services.report import REPORT_ROLES
from .case_page import ORIGINAL_EVIDENCE_ROLES, case_page
from .common import back_to_case, run_action


@require_POST
@staff_required(*EVIDENCE_ROLES)
def evidence_create(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return case_page(request, case, evidence_form=form)
    return run_action(request, case, lambda: evidence_add(case=case, actor=request.user,
                                                          **form.cleaned_data),
                      success=_("Evidence added."), anchor="evidence-heading")


@require_POST
@staff_required(*EVIDENCE_ROLES)
def evidence_receipt(request, number: str, item_id: int):
    case = case_get_for_user(user=request.user, number=number)
    item = get_object_or_404(EvidenceItem, pk=item_id, case=case)
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the footage arrived."))
        return back_to_case(case, "evidence-heading")
    return run_action(request, case, lambda: evidence_record_receipt(
        item=item, actor=request.user, **form.cleaned_data), anchor="evidence-heading")


@staff_required(*CASE_FILE_ROLES)
def evidence_download(request, number: str, item_id: int):
    """Private files are only ever served here, to staff who read the case file; audited."""
    case = case_file_get_for_user(user=request.user, number=number)
    item = get_object_or_404(EvidenceItem, pk=item_id, case=case)
    if not item.file:
        raise Http404
    audit_record(actor=request.user, action="evidence.download", target=item)
    return FileResponse(item.file.open("rb"), as_attachment=True,
                        filename=item.file.name.rsplit("/", 1)[-1])


@staff_required(*CASE_FILE_ROLES)
def complaint_file_download(request, number: str, evidence_id: int):
    """A file the resident attached, served only to staff on the case; audited by evidence_open."""
    case = case_file_get_for_user(user=request.user, number=number)
    if case.complaint_id is None:
        raise Http404
    evidence = get_object_or_404(complaint_evidence(complaint=case.complaint), pk=evidence_id)
    original = request.GET.get("original") == "1" or not evidence.has_clean_copy
    if original and not user_has_role(request.user, *ORIGINAL_EVIDENCE_ROLES):
        raise Http404  # only investigators open files with their metadata
    return FileResponse(evidence_open(evidence=evidence, actor=request.user, original=original),
                        as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)


@require_POST
@staff_required(*INTERVIEW_ROLES)
def interview_create(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = InterviewForm(request.POST)
    if not form.is_valid():
        return case_page(request, case, interview_form=form)
    return run_action(request, case, lambda: interview_record(case=case, actor=request.user,
                                                              **form.cleaned_data),
                      success=_("Interview logged."), anchor="interviews-heading")


@require_POST
@staff_required(*NOTE_ROLES)
def note_create(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return case_page(request, case, note_form=form)
    return run_action(request, case, lambda: note_add(case=case, actor=request.user,
                                                      **form.cleaned_data),
                      success=_("Note added."), anchor="notes-heading")


@require_POST
@staff_required(*REPORT_ROLES)
def report_update(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return case_page(request, case, report_form=form)
    return run_action(request, case, lambda: report_write(case=case, actor=request.user,
                                                          **form.cleaned_data),
                      success=_("Investigator's report saved."), anchor="report-heading")


@require_POST
@staff_required(*INTERVIEW_ROLES)
def plan_update(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    form = PlanForm(request.POST)
    form.is_valid()
    return run_action(request, case, lambda: case_set_investigation_plan(
        case=case, actor=request.user, plan=form.cleaned_data.get("plan", "")),
        success=_("Investigation plan saved."), anchor="plan-heading")
