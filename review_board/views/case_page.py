"""Everything the case page shows, limited to what the viewer's role may see and do."""

from django.shortcuts import render

from misconduct_records.vocabulary import Finding
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record

from ..deadlines import limitation_date, stored_deadlines
from ..forms import (
    AllegationForm,
    AssignForm,
    ConflictForm,
    EvidenceForm,
    ImposedDisciplineForm,
    InterviewForm,
    NoteForm,
    PanelForm,
    PlanForm,
    PublicSummaryForm,
    ReceiptForm,
    RecommendationForm,
    ReportForm,
    SeatForm,
    VoteForm,
)
from ..history import case_history
from ..models import Case, CaseState, IntervieweeRole, InvestigatorReport
from ..selectors import INVESTIGATION_FILE_ROLES, case_file_readable, complaint_files_for_case
from ..services.cases import CASE_EDIT_ROLES, DISCIPLINE_ROLES
from ..services.investigation import EVIDENCE_ROLES, INTERVIEW_ROLES, NOTE_ROLES
from ..services.letters import LETTER_ROLES, LETTER_STATES
from ..services.panels import (
    MEMBER_ROLES,
    VOTING_STATES,
    panel_active,
    panel_kind_for,
    panel_results,
    panel_size,
)
from ..services.referrals import REFERRAL_ROLES
from ..services.report import REPORT_ROLES
from ..workflow import transitions_available

CIVILIAN_ROLES = (IntervieweeRole.COMPLAINANT, IntervieweeRole.CIVILIAN_WITNESS)
# Who opens the files residents sent exactly as received (metadata included): investigators.
ORIGINAL_EVIDENCE_ROLES = (Role.INVESTIGATOR, Role.SUPERVISOR)


def _panel_context(request, case, panel):
    if panel is None:
        return {}
    seats = list(panel.seats.all())
    mine = next((s for s in seats if s.member_id == request.user.pk and s.is_sitting), None)
    results = panel_results(panel=panel)
    my_votes = {v.allegation_id: v for v in (mine.votes.filter(round=panel.round) if mine else [])}
    return {
        "panel": panel, "seats": seats, "my_seat": mine, "results": results,
        "sitting_count": sum(s.is_sitting for s in seats),
        "conflict_form": ConflictForm(prefix="conflict"),
        "seat_form": SeatForm(roles=MEMBER_ROLES[panel.kind]),
        "can_vote": mine is not None and mine.conflict_declared_at is not None
        and case.state in VOTING_STATES,
        "my_votes": my_votes,
    }


def _bound(forms, key, allegation_id):
    """The form a refused post sent back for this allegation, if any: (allegation id, form)."""
    pair = forms.get(key)
    return pair[1] if pair and pair[0] == allegation_id else None


def _allegation_rows(request, case, context, forms):
    rows = []
    for a in case.allegations.select_related("officer", "category"):
        vote = context.get("my_votes", {}).get(a.pk)
        rows.append({
            "allegation": a,
            "result": context.get("results", {}).get(a.pk),
            "vote_form": _bound(forms, "vote_form", a.pk) or VoteForm(prefix=f"v{a.pk}", initial={
                "finding": vote.finding, "discipline": vote.discipline,
                "suspension_days": vote.suspension_days} if vote else None),
            "my_vote": vote,
            "recommend_form": _bound(forms, "recommend_form", a.pk) or RecommendationForm(
                prefix=f"r{a.pk}", initial={"finding": a.recommended_finding,
                                            "reasoning": a.recommendation_reasoning}),
            "discipline_form": ImposedDisciplineForm(prefix=f"d{a.pk}", initial={
                "discipline": a.discipline_imposed or a.discipline_recommended,
                "suspension_days": a.suspension_days_imposed or a.suspension_days_recommended,
                "imposed_on": a.discipline_imposed_on}),
            "can_impose": a.finding == Finding.SUSTAINED
            and case.state in (CaseState.DECIDED, CaseState.CLOSED)
            and user_has_role(request.user, *DISCIPLINE_ROLES),
        })
    return rows


def _audit_civilian_names(request, case) -> None:
    """Interviews name the complainant and civilian witnesses: reading them is audited."""
    civilian = case.interviews.filter(interviewee_role__in=CIVILIAN_ROLES)
    if civilian.exists():
        audit_record(actor=request.user, action="complaint.view_identity", target=case,
                     data={"via": "interviews", "interviews": list(civilian.values_list("pk", flat=True))})


def case_page(request, case, *, status=200, **forms):
    user = request.user
    panel = panel_active(case)
    context = {"case": case, **_panel_context(request, case, panel)}
    sees_file = user_has_role(user, *INVESTIGATION_FILE_ROLES)
    context.update({
        "allegations": _allegation_rows(request, case, context, forms),
        "reads_case_file": case_file_readable(user=user, case=case),
        "referrals": list(case.referrals.select_related("officer"))
        if user_has_role(user, *REFERRAL_ROLES) else [],
        "can_recommend": case.state == CaseState.INVESTIGATION
        and user_has_role(user, Role.INVESTIGATOR, Role.SUPERVISOR),
        "deadlines": stored_deadlines(cases=Case.objects.filter(pk=case.pk)),
        "limitation_date": limitation_date(case),
        "transitions": transitions_available(case=case, actor=user),
        "can_edit_allegations": user_has_role(user, *CASE_EDIT_ROLES) and case.state in (
            CaseState.INTAKE, CaseState.PRELIMINARY_REVIEW, CaseState.INVESTIGATION, CaseState.MEDIATION),
        "allegation_form": forms.get("allegation_form") or AllegationForm(),
        "can_assign": user_has_role(user, Role.INTAKE, Role.SUPERVISOR) and case.is_open,
        "assign_form": AssignForm(initial={"investigator": case.assigned_to_id,
                                           "supervisor": case.supervisor_id}),
        "can_summarise": case.is_open
        and user_has_role(user, Role.INTAKE, Role.RECORDS_EDITOR, Role.SUPERVISOR),
        "summary_form": forms.get("summary_form")
        or PublicSummaryForm(initial={"public_summary": case.public_summary}),
        "can_form_panel": user_has_role(user, Role.BOARD_CHAIR) and panel is None and case.state in (
            CaseState.INVESTIGATION, CaseState.BOARD_REVIEW, CaseState.RECONSIDERATION),
        "panel_form": PanelForm(roles=MEMBER_ROLES[panel_kind_for(case)]),
        "panel_size": panel_size(),
        "is_chair": user_has_role(user, Role.BOARD_CHAIR),
        "sees_file": sees_file,
        "can_mark_milestones": user_has_role(user, Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR),
        "sees_complaint": case.complaint_id and user_has_role(user, Role.INTAKE, Role.INVESTIGATOR,
                                                              Role.SUPERVISOR),
        "can_letter": case.complaint_id and case.state in LETTER_STATES
        and user_has_role(user, *LETTER_ROLES),
    })
    if sees_file:
        _audit_civilian_names(request, case)
        report = InvestigatorReport.objects.filter(case=case).select_related("written_by").first()
        context.update({
            "report": report,
            "evidence": case.evidence.select_related("added_by"),
            "complaint_files": complaint_files_for_case(case),
            "can_read_originals": user_has_role(user, *ORIGINAL_EVIDENCE_ROLES),
            "interviews": case.interviews.select_related("recorded_by"),
            "notes": case.notes.select_related("author"),
            "can_add_evidence": user_has_role(user, *EVIDENCE_ROLES),
            "evidence_form": forms.get("evidence_form") or EvidenceForm(),
            "receipt_form": ReceiptForm(),
            "can_interview": user_has_role(user, *INTERVIEW_ROLES),
            "interview_form": forms.get("interview_form") or InterviewForm(),
            "can_note": user_has_role(user, *NOTE_ROLES),
            "note_form": forms.get("note_form") or NoteForm(),
            "can_plan": user_has_role(user, *INTERVIEW_ROLES),
            "plan_form": PlanForm(initial={"plan": case.investigation_plan}),
            "can_report": case.state == CaseState.INVESTIGATION
            and user_has_role(user, *REPORT_ROLES),
            "report_form": forms.get("report_form") or ReportForm(initial={
                "facts": report.facts if report else ""}),
        })
    context["history"], context["history_total"] = case_history(case=case)
    return render(request, "review_board/case_detail.html", context,
                  status=400 if forms else status)
