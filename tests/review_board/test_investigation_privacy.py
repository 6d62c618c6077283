"""Ivan's interviews, notes and plans about people are encrypted at rest, and the hash-chained
audit trail (which can never be erased) only says which record and which field changed."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from portal.encryption import PREFIX, encrypt_columns_migration
from portal.models import AuditEvent
from review_board.models import Case, CaseNote, CaseState, EvidenceItem, EvidenceKind, Interview, PanelSeat
from review_board.services import (
    case_set_investigation_plan,
    evidence_add,
    interview_record,
    note_add,
    seat_declare_conflict,
)
from review_board.workflow import case_transition

pytestmark = pytest.mark.django_db

WITNESS_NAME = "Marisol Quintanilla-Hart"
SUMMARY = "Marisol saw Officer 10442 push the complainant at the bus stop."
NOTE = "Call Marisol back after her night shift."
PLAN = "Interview Marisol Quintanilla-Hart first; request footage."
TITLE = "Photo of Marisol's bruise"
REASON = "Marisol says the complainant moved away."
MARKERS = [WITNESS_NAME, "Marisol", "marisol"]


def _raw(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
        return " ".join(str(v) for row in cursor.fetchall() for v in row)


def _work_the_case(case, investigator, intake_officer):
    interview_record(case=case, actor=investigator, interviewee_role="civilian_witness",
                     interviewee=WITNESS_NAME, held_on=datetime.date(2026, 11, 2), summary=SUMMARY)
    note_add(case=case, actor=investigator, body=NOTE)
    case_set_investigation_plan(case=case, actor=investigator, plan=PLAN)
    evidence_add(case=case, actor=intake_officer, kind=EvidenceKind.UPLOAD, title=TITLE,
                 file=SimpleUploadedFile("marisol_quintanilla.jpg", b"\xff\xd8 jpeg"))
    return case_transition(case=case, to=CaseState.WITHDRAWN, actor=intake_officer, reason=REASON)


def test_interviews_notes_plans_and_evidence_names_are_encrypted_at_rest(case, investigator,
                                                                          intake_officer):
    _work_the_case(case, investigator, intake_officer)
    for table in ("review_board_interview", "review_board_casenote", "review_board_case",
                  "review_board_evidenceitem"):
        raw = _raw(table)
        assert PREFIX in raw, table
        for marker in MARKERS:
            assert marker not in raw, (table, marker)
    interview = Interview.objects.get()
    assert (interview.interviewee, interview.summary) == (WITNESS_NAME, SUMMARY)  # staff still read it
    assert Case.objects.get().investigation_plan == PLAN
    assert EvidenceItem.objects.get().title == TITLE
    assert {n.body for n in CaseNote.objects.all()} == {NOTE, f"intake → withdrawn: {REASON}"}


def test_the_audit_trail_names_records_and_fields_never_what_was_typed(case, investigator,
                                                                       intake_officer):
    _work_the_case(case, investigator, intake_officer)
    trail = json.dumps([e.data for e in AuditEvent.objects.all()], default=str)
    for typed in (*MARKERS, SUMMARY, NOTE, PLAN, TITLE, REASON):
        assert typed not in trail
    plan_event = AuditEvent.objects.get(action="case.investigation_plan")
    assert plan_event.data == {"fields": ["investigation_plan"]}
    assert "marisol" not in _raw("portal_auditevent").lower()


def test_a_recusal_note_stays_out_of_the_audit_trail(decided, members):
    panel = decided.panels.get(is_active=True)
    panel.seats.filter(member=members[0]).update(conflict_declared_at=None)
    seat_declare_conflict(panel=panel, actor=members[0], has_conflict=True, note="Marisol is my cousin.")
    assert "Marisol" not in _raw("portal_auditevent")
    assert "Marisol" not in _raw("review_board_panelseat")
    assert PanelSeat.objects.get(member=members[0]).conflict_note == "Marisol is my cousin."


def test_rows_written_before_encryption_are_encrypted_by_the_migration(case, investigator):
    from django.apps import apps

    interview = interview_record(case=case, actor=investigator, interviewee_role="civilian_witness",
                                 interviewee=WITNESS_NAME, held_on=datetime.date(2026, 11, 2),
                                 summary=SUMMARY)
    with connection.cursor() as cursor:  # as the old code stored it
        cursor.execute("UPDATE review_board_interview SET interviewee = %s, summary = %s WHERE id = %s",
                       [WITNESS_NAME, SUMMARY, interview.pk])
    forward, _backward = encrypt_columns_migration("review_board", {"interview": ["interviewee", "summary"]})
    forward(apps, type("Editor", (), {"connection": connection})())
    forward(apps, type("Editor", (), {"connection": connection})())  # twice: nothing encrypted twice
    assert WITNESS_NAME not in _raw("review_board_interview")
    interview.refresh_from_db()
    assert (interview.interviewee, interview.summary) == (WITNESS_NAME, SUMMARY)


def test_a_lifecycle_without_a_place_for_reasons_never_audits_their_text(case, intake_officer):
    from portal.lifecycle import Lifecycle, Transition
    from portal.roles import Role

    bare = Lifecycle(model=Case, states=CaseState, audit_action="test.move", refused="%(state)s %(to)s",
                     transitions={(CaseState.INTAKE, CaseState.PRELIMINARY_REVIEW):
                                  Transition(roles=frozenset({Role.INTAKE}), label="Review")})
    bare.move(obj=case, to=CaseState.PRELIMINARY_REVIEW, actor=intake_officer, reason=REASON)
    assert AuditEvent.objects.get(action="test.move").data == {
        "from": "intake", "to": "preliminary_review", "reason_given": True}
