"""A case's history, read from the audit trail: every change, vote, note, document and view of
identity on the case, its allegations, panel, file and complaint. Details shown are the safe
ones (states, findings recommended, what was viewed); free text stays in the trail."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, Evidence
from misconduct_records.vocabulary import Finding
from portal.models import AuditEvent

from .models import Case, CaseState, CertificationReferral, PanelSeat, ReferralStatus, Vote

HISTORY_SHOWN = 300

ACTION_LABELS = {
    "case.open": _("Case opened"),
    "case.transition": _("State changed"),
    "case.assign": _("Assigned"),
    "case.priority": _("Priority raised"),
    "case.acknowledged": _("Complaint acknowledged"),
    "case.first_contact": _("Complainant first contacted"),
    "case.public_summary": _("Public summary saved"),
    "case.investigation_plan": _("Investigation plan saved"),
    "case.report": _("Investigator's report saved"),
    "case.letter_sent": _("Closing letter sent"),
    "case.overdue_notice": _("Complainant told the case is still open"),
    "allegation.add": _("Allegation added"),
    "allegation.recommended_finding": _("Finding recommended"),
    "allegation.discipline_imposed": _("Imposed discipline recorded"),
    "panel.form": _("Panel formed"),
    "panel.seat": _("Member seated"),
    "panel.recusal": _("Member recused"),
    "panel.no_conflict": _("Member declared no conflict"),
    "panel.vote": _("Vote cast"),
    "evidence.add": _("Evidence added"),
    "evidence.received": _("Evidence received"),
    "evidence.download": _("Evidence downloaded"),
    "interview.record": _("Interview logged"),
    "note.add": _("Internal note added"),
    "complaint.filed_for_resident": _("Complaint recorded by staff"),
    "complaint.view_identity": _("Identity viewed"),
    "complaint.acknowledged": _("Complaint acknowledged"),
    "complaint.evidence_download": _("Resident's file downloaded"),
    "complaint.resident_added_information": _("Resident added information"),
    "complaint.withdrawal_requested": _("Resident asked to withdraw"),
    "complaint.withdrawal_handled": _("Withdrawal request handled"),
    "complaint.status_code_reissued": _("New status code issued"),
    "referral.create": _("Certification referral created"),
    "referral.update": _("Certification referral updated"),
    "referral.publish": _("Certification referral published"),
    "referral.withdrawn": _("Unsent certification referral withdrawn"),
}
VIEWED_VIA = {
    None: _("complaint page"), "case_file": _("case file"), "interviews": _("interviews on the case page"),
    "closing_letter": _("closing letter"), "closing_letter_pdf": _("closing letter (PDF)"),
}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    label: str
    detail: str


def _state_label(value: str) -> str:
    return str(CaseState(value).label) if value in CaseState.values else value


def _detail(event: AuditEvent) -> str:
    data = event.data or {}
    if event.action == "case.transition":
        text = f"{_state_label(data.get('from', ''))} → {_state_label(data.get('to', ''))}"
        return f"{text}: {data['reason']}" if data.get("reason") else text
    if event.action == "complaint.view_identity":
        return str(VIEWED_VIA.get(data.get("via"), data.get("via", "")))
    if event.action == "allegation.recommended_finding" and data.get("new") in Finding.values:
        return str(Finding(data["new"]).label)
    if event.action in ("panel.vote", "allegation.add", "allegation.recommended_finding",
                        "allegation.discipline_imposed"):
        allegation = data.get("allegation") or (event.target_id if event.target_type
                                                == "review_board.allegation" else "")
        return str(_("allegation %(id)s") % {"id": allegation}) if allegation else ""
    if event.action in ("referral.create", "referral.update", "referral.publish"):
        status = data.get("status", "")
        return str(ReferralStatus(status).label) if status in ReferralStatus.values else status
    return ""


def _ids(queryset) -> list[str]:
    return [str(pk) for pk in queryset.values_list("pk", flat=True)]


def case_history_filter(case: Case) -> Q:
    """Every audit target that belongs to the case."""
    targets = {
        "review_board.case": [str(case.pk)],
        "review_board.allegation": _ids(case.allegations.all()),
        "review_board.panel": _ids(case.panels.all()),
        "review_board.panelseat": _ids(PanelSeat.objects.filter(panel__case=case)),
        "review_board.vote": _ids(Vote.objects.filter(seat__panel__case=case)),
        "review_board.evidenceitem": _ids(case.evidence.all()),
        "review_board.interview": _ids(case.interviews.all()),
        "review_board.casenote": _ids(case.notes.all()),
        "review_board.certificationreferral": _ids(CertificationReferral.objects.filter(case=case)),
    }
    if case.complaint_id:
        targets["complaints.complaint"] = [str(case.complaint_id)]
    return _filter(targets)


def complaint_history_filter(complaint: Complaint) -> Q:
    case = Case.objects.filter(complaint=complaint).first()
    if case is not None:
        return case_history_filter(case)
    return _filter({"complaints.complaint": [str(complaint.pk)],
                    "complaints.evidence": _ids(Evidence.objects.filter(complaint=complaint))})


def _filter(targets: dict[str, list[str]]) -> Q:
    query = Q(pk__in=[])
    for target_type, ids in targets.items():
        if ids:
            query |= Q(target_type=target_type, target_id__in=ids)
    return query


def history_events(query: Q) -> QuerySet:
    return AuditEvent.objects.filter(query).select_related("actor").order_by("-created_at", "-id")


def history_entries(events) -> list[HistoryEntry]:
    return [HistoryEntry(
        at=e.created_at,
        actor=(e.actor.get_full_name() or e.actor.username) if e.actor else str(_("the portal")),
        action=e.action, label=str(ACTION_LABELS.get(e.action, e.action)), detail=_detail(e))
        for e in events]


def case_history(*, case: Case, limit: int = HISTORY_SHOWN) -> tuple[list[HistoryEntry], int]:
    """The newest `limit` entries of the case's history, and how many there are in all."""
    events = history_events(case_history_filter(case))
    return history_entries(events[:limit]), events.count()
