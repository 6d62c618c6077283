"""Ivan's investigation file: evidence stored privately, interviews, notes; and the closing letter."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.models import AuditEvent, OutboxMessage
from review_board.models import EvidenceItem

pytestmark = pytest.mark.django_db


def _post(client, name, case, data, **kwargs):
    return client.post(reverse(f"board:{name}", args=[case.number]), data, **kwargs)


def test_staff_upload_is_private_and_each_download_is_audited(case, investigator, client_for,
                                                              journalist, settings):
    ivan = client_for(investigator)
    photo = SimpleUploadedFile("scene.jpg", b"\xff\xd8 jpeg bytes", content_type="image/jpeg")
    response = _post(ivan, "evidence_create", case,
                     {"kind": "upload", "title": "Scene photo", "file": photo})
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert str(settings.PRIVATE_MEDIA_ROOT) in item.file.path
    assert "static" not in item.file.path
    url = reverse("board:evidence_download", args=[case.number, item.pk])
    download = ivan.get(url)
    assert b"".join(download.streaming_content) == b"\xff\xd8 jpeg bytes"
    assert AuditEvent.objects.filter(action="evidence.download").count() == 1
    assert journalist.get(url).status_code == 302  # to sign-in, never the file


def test_body_camera_footage_is_tracked_from_request_to_receipt(case, investigator, client_for):
    ivan = client_for(investigator)
    _post(ivan, "evidence_create", case, {"kind": "body_camera", "title": "BWC of Officer 10442",
                                          "footage_reference": "AXON-55-1", "requested_on": "2026-11-02"})
    item = EvidenceItem.objects.get()
    assert item.received_on is None
    ivan.post(reverse("board:evidence_receipt", args=[case.number, item.pk]),
              {"received_on": "2026-11-01"})
    item.refresh_from_db()
    assert item.received_on is None  # before the request: refused
    ivan.post(reverse("board:evidence_receipt", args=[case.number, item.pk]),
              {"received_on": "2026-11-09"})
    item.refresh_from_db()
    assert item.received_on == datetime.date(2026, 11, 9)


def test_interviews_and_notes_stay_internal(case, investigator, client_for, board_member):
    ivan = client_for(investigator)
    _post(ivan, "interview_create", case, {"interviewee_role": "civilian_witness",
                                           "interviewee": "Witness W-1", "held_on": "2026-11-03",
                                           "summary": "Saw the push from across the street."})
    _post(ivan, "note_create", case, {"body": "Request the dispatch log."})
    page = ivan.get(reverse("board:case_detail", args=[case.number])).content.decode()
    assert "Saw the push" in page and "Request the dispatch log." in page
    assert case.interviews.count() == 1 and case.notes.count() == 1
    viewed = AuditEvent.objects.filter(action="complaint.view_identity", actor=investigator)
    assert viewed.get().data["via"] == "interviews"  # civilian names on the page: audited


def test_the_closing_letter_is_in_the_complainants_language(decided, intake_officer, client_for):
    ines = client_for(intake_officer)
    html = ines.get(reverse("board:letter_html", args=[decided.number])).content.decode()
    assert '<html lang="es">' in html
    assert decided.complaint.contact_name in html and "Physical force" in html
    assert AuditEvent.objects.filter(action="complaint.view_identity").exists()
    pdf = ines.get(reverse("board:letter_pdf", args=[decided.number]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_sending_the_letter_stops_its_clock(decided, intake_officer, client_for,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(intake_officer).post(reverse("board:letter_send", args=[decided.number]))
    message = OutboxMessage.objects.get(kind="closing_letter")
    assert message.recipient == decided.complaint.contact_email and message.language == "es"
    assert mail.outbox[-1].to == [decided.complaint.contact_email]
    decided.refresh_from_db()
    assert decided.letter_sent_at is not None


def test_files_from_the_complaint_are_listed_and_downloaded_with_an_audit_event(
        case, investigator, client_for):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from complaints.evidence import private_storage
    from complaints.models import Evidence

    stored = private_storage().save("scene.txt", ContentFile(b"what the resident saw"))
    evidence = Evidence.objects.create(
        complaint=case.complaint, stored_name=stored, original_name="scene-notes.txt",
        kind="document", content_type="text/plain", size=21, sha256="0" * 64,
        uploaded_at=timezone.now())
    ivan = client_for(investigator)
    page = ivan.get(reverse("board:case_detail", args=[case.number])).content.decode()
    assert "scene-notes.txt" in page
    download = ivan.get(reverse("board:complaint_file_download", args=[case.number, evidence.pk]))
    assert b"".join(download.streaming_content) == b"what the resident saw"
    assert AuditEvent.objects.filter(action="complaint.evidence_download",
                                     actor=investigator).count() == 1
