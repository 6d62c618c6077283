"""Anonymous Ana files, keeps her code, reads her status, adds evidence and withdraws."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from complaints.models import Complaint, Evidence, WithdrawalRequest
from complaints.notifications import complaint_notify_status
from misconduct_records.vocabulary import CaseStatus
from portal.models import AuditEvent, OutboxMessage
from tests.complaints.conftest import jpeg_with_gps
from tests.complaints.filing import file_complaint, start_draft, step_url
from tests.slice import RITA

pytestmark = pytest.mark.django_db

ANA = {"filer_role": "third_party", "narrative": "My neighbour was pushed to the ground.",
       "conduct": ["physical-force", "neck-knee-restraint"], "force_level": "4",
       "affected_name": "Mr. Teodoro Vasquez-Lind", "officers": [{"badge_number": "10442"}, {}]}


@pytest.fixture
def filed(journalist, district):
    response = file_complaint(journalist, {**ANA, "district": district.pk})
    return response.context["complaint"], response.context["status_code"]


def _credentials(filed):
    complaint, code = filed
    return {"tracking_number": complaint.tracking_number, "status_code": code}


def test_anonymous_filing_records_everything_and_shows_the_code_once(journalist, filed):
    complaint, code = filed
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.anonymous and complaint.filer_role == "third_party"
    assert complaint.force_level == 4
    assert set(complaint.conduct_categories.values_list("code", flat=True)) == {
        "physical-force", "neck-knee-restraint"}
    assert list(complaint.officers.values_list("badge_number", flat=True)) == ["10442"]
    assert complaint.acknowledge_by is not None and complaint.acknowledge_by.weekday() < 5
    assert code not in complaint.status_code_digest
    assert not OutboxMessage.objects.exists()  # no email: nothing to send


def test_receipt_pdf_carries_number_and_code(journalist, filed):
    response = journalist.post("/complaints/receipt/", _credentials(filed))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert journalist.post("/complaints/receipt/", {**_credentials(filed), "status_code": "no"}).status_code == 404


def test_status_add_information_and_withdraw(journalist, filed):
    creds = _credentials(filed)
    page = journalist.post("/complaints/status/", creds, follow=True).content.decode()
    assert "Received" in page and "Add information or evidence" in page
    photo = SimpleUploadedFile("later.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = journalist.post("/complaints/status/add/", {"text": "A second officer watched.",
                                                            "files": [photo]})
    assert "Your information was added" in response.content.decode()
    assert Evidence.objects.get().added_after_filing
    response = journalist.post("/complaints/status/withdraw/", {})
    assert "Tick the box to confirm" in response.content.decode()
    response = journalist.post("/complaints/status/withdraw/", {"confirm": "on",
                                                                 "reason": "We settled it."})
    assert "Your request to withdraw was recorded" in response.content.decode()
    assert WithdrawalRequest.objects.get().reason == "We settled it."
    assert AuditEvent.objects.filter(action="complaint.withdrawal_requested").exists()
    assert Client().post("/complaints/status/withdraw/", {**creds, "confirm": "on"}).status_code == 404


def test_status_notifications_go_out_in_the_residents_language(journalist, district,
                                                               django_capture_on_commit_callbacks):
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        response = journalist.post  # noqa: F841
        filed = file_complaint(journalist, {**RITA, "district": district.pk})
    complaint = Complaint.objects.get(pk=filed.context["complaint"].pk)
    complaint.language = "es"
    with django_capture_on_commit_callbacks(execute=True):
        assert complaint_notify_status(complaint=complaint, status=CaseStatus.UNDER_INVESTIGATION)
    message = OutboxMessage.objects.get(kind="complaint_status")
    assert message.language == "es" and message.recipient == RITA["contact_email"]
    assert complaint.tracking_number in mail.outbox[-1].subject
    assert filed.context["status_code"] not in message.body


def test_draft_resumes_from_its_private_link(journalist, client):
    _response, token = start_draft(journalist, {"filer_role": "witness", "narrative": "Story."})
    journalist.post(step_url(token, "officers"), {
        "officers-TOTAL_FORMS": "1", "officers-INITIAL_FORMS": "0", "officers-0-name": "Sgt. Pell",
        "action": "save"})
    # Later, on another device: the link is all it takes.
    page = client.get(step_url(token, "officers")).content.decode()
    assert 'value="Sgt. Pell"' in page
    assert client.get(step_url("not-a-real-token-123", "officers")).status_code == 404


def test_add_another_officer_works_without_javascript(journalist):
    _response, token = start_draft(journalist, {"filer_role": "witness", "narrative": "Story."})
    response = journalist.post(step_url(token, "officers"), {
        "officers-TOTAL_FORMS": "1", "officers-INITIAL_FORMS": "0", "officers-0-badge_number": "777",
        "action": "add-officers"})
    assert response.status_code == 302 and response.url.endswith("#officers-1")
    page = journalist.get(step_url(token, "officers")).content.decode()
    assert 'value="777"' in page and "Officer 2" in page


def test_drafts_untouched_for_30_days_are_deleted_with_their_files(journalist, private_media):
    import datetime

    from django.utils import timezone

    from complaints.models import ComplaintDraft
    from complaints.services import draft_purge_expired

    _response, token = start_draft(journalist, {"filer_role": "witness", "narrative": "Story."})
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    journalist.post(step_url(token, "evidence"), {"files": [photo]})
    stored = private_media / "evidence" / Evidence.objects.get().stored_name
    assert draft_purge_expired() == 0
    assert draft_purge_expired(now=timezone.now() + datetime.timedelta(days=31)) == 1
    assert not ComplaintDraft.objects.exists() and not stored.exists()


def test_case_move_helper_emails_only_real_changes(journalist, district, django_capture_on_commit_callbacks):
    from complaints.notifications import complaint_notify_case_moved

    filed = file_complaint(journalist, {**RITA, "district": district.pk})
    pk = filed.context["complaint"].pk
    assert not complaint_notify_case_moved(complaint_id=pk, old="at_board", new="at_board")
    assert not complaint_notify_case_moved(complaint_id=None, old="a", new="b")
    assert complaint_notify_case_moved(complaint_id=pk, old="decided", new="closed")
    assert OutboxMessage.objects.filter(kind="complaint_status").count() == 1


def test_status_page_shows_done_and_coming_steps(journalist, filed):
    from complaints.selectors import complaint_status_steps

    complaint, _code = filed
    steps = complaint_status_steps(complaint=Complaint.objects.get(pk=complaint.pk))
    assert [s.status for s in steps] == ["received", "under_review", "under_investigation",
                                         "at_board", "decided", "closed"]
    assert steps[0].current and steps[0].happened_at and not any(s.happened_at for s in steps[1:])
    page = journalist.post("/complaints/status/", _credentials(filed), follow=True).content.decode()
    assert "current step" in page and "Not yet" in page


def test_people_step_asks_about_the_affected_person_only_when_filing_for_someone(journalist):
    _response, token = start_draft(journalist, {"filer_role": "affected", "narrative": "Story."})
    assert "Name of the person this happened to" not in journalist.get(step_url(token, "people")).content.decode()
    _response, token = start_draft(journalist, {"filer_role": "guardian", "narrative": "Story."})
    assert "Name of the person this happened to" in journalist.get(step_url(token, "people")).content.decode()


def test_acknowledgement_is_due_in_seven_business_days_and_recorded_once(filed, intake_officer):
    import datetime

    from complaints.selectors import complaints_awaiting_acknowledgement
    from complaints.services import complaint_acknowledge
    from portal.business_days import add_business_days

    assert add_business_days(datetime.date(2026, 11, 27), 7) == datetime.date(2026, 12, 8)  # Fri
    # Christmas and New Year's Day are not business days.
    assert add_business_days(datetime.date(2026, 12, 22), 7) == datetime.date(2027, 1, 4)
    complaint = Complaint.objects.get(pk=filed[0].pk)
    assert list(complaints_awaiting_acknowledgement()) == [complaint]
    assert not complaint.acknowledgement_overdue
    complaint_acknowledge(complaint=complaint, actor=intake_officer)
    complaint_acknowledge(complaint=complaint, actor=intake_officer)
    assert not complaints_awaiting_acknowledgement().exists()
    assert AuditEvent.objects.filter(action="complaint.acknowledged").count() == 1


def test_status_code_is_long_unambiguous_and_forgiving_when_typed(journalist, filed):
    complaint, code = filed
    assert len(code.replace("-", "")) == 32 and not set(code) & set("01ilo")
    typed = code.upper().replace("-", " ")
    page = journalist.post("/complaints/status/", {"tracking_number": complaint.tracking_number.lower(),
                                                   "status_code": f"  {typed} "}, follow=True)
    assert page.status_code == 200 and "Current status" in page.content.decode()
