"""Every write of the review board, by topic; the workflow module changes a case's state."""

from .cases import (
    allegation_add,
    allegation_recommend_finding,
    allegation_record_imposed_discipline,
    case_assign,
    case_open_from_complaint,
    case_open_ia_review,
    case_open_own_motion,
    case_record_milestone,
    case_set_investigation_plan,
    case_set_public_summary,
    complaint_record_acknowledgement,
)
from .investigation import evidence_add, evidence_record_receipt, interview_record, note_add
from .letters import letter_send
from .panels import panel_form, panel_seat_add, seat_declare_conflict, vote_cast
from .report import report_write

__all__ = [
    "allegation_add", "allegation_recommend_finding", "allegation_record_imposed_discipline", "case_assign",
    "case_open_from_complaint", "case_open_ia_review", "case_open_own_motion",
    "case_record_milestone", "case_set_investigation_plan", "case_set_public_summary",
    "complaint_record_acknowledgement",
    "evidence_add", "evidence_record_receipt", "interview_record", "letter_send", "note_add",
    "panel_form", "panel_seat_add", "report_write", "seat_declare_conflict", "vote_cast",
]
