"""Marker values typed into every private field, by a resident and by staff, are found nowhere
in plain text: not in any database row, not in any log line, not in any public output.

The database check dumps every row of every table (SQLite or PostgreSQL alike), the outbox
of e-mails included (the receipt and the closing letter name the complainant).
"""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from complaints.models import Complaint
from misconduct_records.exports import PUBLIC_TABLES, snapshot_build
from misconduct_records.models import PublicCase
from portal.models import OutboxMessage
from portal.roles import Role
from review_board.models import CaseState
from review_board.services import (
    allegation_add,
    allegation_recommend_finding,
    case_open_from_complaint,
    case_set_investigation_plan,
    case_set_public_summary,
    evidence_add,
    interview_record,
    letter_send,
    note_add,
    panel_form,
    report_write,
    seat_declare_conflict,
    vote_cast,
)
from review_board.services.cases import case_open_own_motion
from review_board.workflow import case_transition
from tests.complaints.conftest import jpeg_with_gps
from tests.complaints.filing import start_draft, step_payloads, step_url
from tests.factories import UserFactory, category

pytestmark = pytest.mark.django_db

M = {name: f"zqx{name}91" for name in (
    "narrative", "location", "officerlook", "conductother", "affectedname", "affectedcontact",
    "affecteddetails", "witnessname", "witnesscontact", "witnessaccount", "evidencenotes",
    "contactname", "evidencefile", "addedtext", "addedfile", "withdrawreason",
    "intervieweename", "interviewsummary", "notebody", "planbody", "evidencetitle", "stafffile",
    "transitionreason", "conflictnote", "origindetails", "officername", "officerbadge",
    "officerrank", "officervehicle", "reportfacts", "reasoning")}
M["contactemail"] = "zqx.contactemail91@example.net"
M["contactphone"] = "617-555-0991"

RESIDENT_ANSWERS = {
    "filer_role": "third_party", "narrative": f"They pushed him. {M['narrative']}",
    "location": M["location"], "conduct": ["physical-force"],
    "officers": [{"name": M["officername"], "badge_number": M["officerbadge"], "rank": M["officerrank"],
                  "vehicle": M["officervehicle"], "description": M["officerlook"]}],
    "force_level": "4", "conduct_other": M["conductother"], "affected_name": M["affectedname"],
    "affected_contact": M["affectedcontact"], "affected_details": M["affecteddetails"],
    "witnesses": [{"name": M["witnessname"], "contact": M["witnesscontact"],
                   "account": M["witnessaccount"]}],
    "evidence_notes": M["evidencenotes"], "contact_name": M["contactname"],
    "contact_email": M["contactemail"], "contact_phone": M["contactphone"],
}


def _photo(name):
    return SimpleUploadedFile(f"{name}.jpg", jpeg_with_gps(), content_type="image/jpeg")


def _resident_files(client, district):
    payloads = step_payloads({**RESIDENT_ANSWERS, "district": district.pk})
    _response, token = start_draft(client, payloads[0][1])
    for step, data in payloads[1:]:
        if step == "evidence":
            client.post(step_url(token, step), {"files": [_photo(M["evidencefile"])]})
        assert client.post(step_url(token, step), data).status_code == 302, step
    filed = client.post(step_url(token, "review"), {"action": "next"}, follow=True)
    complaint, code = filed.context["complaint"], filed.context["status_code"]
    client.post(reverse("complaints:status_lookup"), {"tracking_number": complaint.tracking_number,
                                                      "status_code": code})
    client.post(reverse("complaints:add_information"), {"text": M["addedtext"],
                                                        "files": [_photo(M["addedfile"])]})
    client.post(reverse("complaints:withdraw"), {"confirm": "on", "reason": M["withdrawreason"]})
    return Complaint.objects.get(pk=complaint.pk)


def _staff_work(complaint, officer, intake_officer, investigator, board_chair, district, client_for):
    case = case_open_from_complaint(complaint=complaint, actor=intake_officer)
    allegation = allegation_add(case=case, actor=intake_officer, officer=officer,
                                category=category("physical-force"), force_level=4)
    interview_record(case=case, actor=investigator, interviewee_role="civilian_witness",
                     interviewee=M["intervieweename"], held_on=datetime.date(2026, 11, 2),
                     summary=M["interviewsummary"])
    note_add(case=case, actor=investigator, body=M["notebody"])
    case_set_investigation_plan(case=case, actor=investigator, plan=M["planbody"])
    evidence_add(case=case, actor=intake_officer, kind="upload", title=M["evidencetitle"],
                 file=SimpleUploadedFile(f"{M['stafffile']}.pdf", b"%PDF-1.4 staff file"))
    for to, actor in [(CaseState.PRELIMINARY_REVIEW, intake_officer), (CaseState.INVESTIGATION, intake_officer)]:
        case = case_transition(case=case, to=to, actor=actor, reason=M["transitionreason"])
    report_write(case=case, actor=investigator, facts=M["reportfacts"])
    allegation_recommend_finding(allegation=allegation, actor=investigator, finding="sustained",
                                 reasoning=M["reasoning"])
    case = case_transition(case=case, to=CaseState.BOARD_REVIEW, actor=investigator,
                           reason=M["transitionreason"])
    members = [UserFactory(username=f"m{n}", roles=[Role.BOARD_MEMBER]) for n in range(3)]
    panel = panel_form(case=case, actor=board_chair, members=members)
    for member in members:
        seat_declare_conflict(panel=panel, actor=member, has_conflict=False, note=M["conflictnote"])
        vote_cast(panel=panel, actor=member, allegation=allegation, finding="sustained",
                  discipline="written_reprimand")
    case = case_transition(case=case, to=CaseState.DECIDED, actor=board_chair)
    case_set_public_summary(case=case, actor=intake_officer, public_summary="Force was used at a stop.")
    case = case_transition(case=case, to=CaseState.CLOSED, actor=intake_officer)
    letter_send(case=case, actor=intake_officer)
    case_open_own_motion(actor=intake_officer, agency_id=district.agency_id, district_id=district.pk,
                         incident_on=None, origin_details=M["origindetails"])
    ines = client_for(intake_officer)  # staff read everything they may: those reads log nothing private
    for url in (reverse("board:complaint_detail", args=[complaint.tracking_number]),
                reverse("board:case_detail", args=[case.number]),
                reverse("board:case_file", args=[case.number]),
                reverse("board:letter_html", args=[case.number]), reverse("board:dashboard")):
        assert ines.get(url).status_code == 200, url
    return case


def _found(text: str) -> list[str]:
    lowered = text.lower()
    return [value for value in M.values() if value.lower() in lowered]


def _database_dump() -> str:
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(rows)


def _public_outputs(client, officer, tmp_path, settings) -> dict[str, str]:
    public_id = PublicCase.objects.filter(published_at__isnull=False).get().public_id
    urls = [reverse("home"), reverse("records:officer_list"), reverse("records:allegation_list"),
            reverse("records:case_list"), reverse("records:case_detail", args=[public_id]),
            reverse("records:district_list"), reverse("records:data_dictionary"),
            reverse("records:officer_detail", args=[officer.public_id]),
            "/api/v1/officers/", f"/api/v1/officers/{officer.public_id}/", "/api/v1/allegations/",
            "/api/v1/cases/", f"/api/v1/cases/{public_id}/", "/api/v1/districts/",
            "/api/v1/complaints-received/", "/api/schema/"]
    urls += [reverse("records:data_download", args=[t, f]) for t in PUBLIC_TABLES for f in ("csv", "json")]
    outputs = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        outputs[url] = body.decode()
    settings.PUBLIC_DATA_ROOT = tmp_path
    snapshot_build()
    outputs.update({str(p): p.read_text() for p in Path(tmp_path).rglob("*") if p.is_file()})
    return outputs


@pytest.fixture
def worked(journalist, district, officer, intake_officer, investigator, board_chair, client_for,
           console_log, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = _resident_files(journalist, district)
        _staff_work(complaint, officer, intake_officer, investigator, board_chair, district, client_for)
    return console_log.getvalue()


def test_marker_values_are_nowhere_in_plain_text(worked, journalist, officer, tmp_path, settings):
    complaint = Complaint.objects.get()
    assert complaint.contact_name == M["contactname"]  # the flow really stored them
    assert complaint.witnesses.get().account == M["witnessaccount"]
    assert complaint.updates.get().text == M["addedtext"]
    assert complaint.officers.get().badge_number == M["officerbadge"]
    assert OutboxMessage.objects.filter(kind="closing_letter").exists()
    dump = _database_dump()
    assert "enc1:" in dump
    assert not _found(dump), "in the database"
    stored_files = " ".join(p.name for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"))
    assert not _found(stored_files), "in stored file names"
    assert worked.strip(), "the flow logged nothing: the capture is not working"
    assert not _found(worked), "in the log"
    for where, text in _public_outputs(journalist, officer, tmp_path, settings).items():
        assert not _found(text), where
