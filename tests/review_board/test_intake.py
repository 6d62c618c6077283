"""Complaints that do not come through the web form, and the acknowledgement clock.

Ines (intake) takes Rita's complaint by phone and gives her the receipt; Bea (board member)
may not record complaints. Every complaint waits with its acknowledgement due date.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from complaints.models import Channel, Complaint
from complaints.services import acknowledgement_due, complaint_acknowledge
from portal.models import AuditEvent, OutboxMessage
from review_board.services.reminders import deadline_reminders_send
from tests.slice import RITA

pytestmark = pytest.mark.django_db


def _phone_answers(district, **extra):
    return {
        "intake-channel": "phone", "intake-received_on": timezone.localdate().isoformat(),
        "intake-language": "es",
        "incident-filer_role": "affected", "incident-narrative": RITA["narrative"],
        "incident-location": RITA["location"], "incident-district": district.pk,
        "officers-TOTAL_FORMS": "2", "officers-INITIAL_FORMS": "2",
        "officers-0-badge_number": "10442", "officers-0-description": "tall, moustache",
        "witnesses-TOTAL_FORMS": "2", "witnesses-INITIAL_FORMS": "2",
        "witnesses-0-name": "Wanda Witness",
        "conduct-conduct": ["physical-force"],
        "contact-contact_name": RITA["contact_name"], "contact-contact_email": RITA["contact_email"],
        **extra,
    }


def test_intake_records_a_phone_complaint_with_the_same_tracking_number_and_code(
        district, intake_officer, client_for, django_capture_on_commit_callbacks):
    client = client_for(intake_officer)
    assert client.get(reverse("board:complaint_record")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("board:complaint_record"), _phone_answers(district))
    assert response.status_code == 200, response.content.decode()[:3000]
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.entered_by, complaint.language) == (
        Channel.PHONE, intake_officer, "es")
    assert complaint.tracking_number.startswith("CR-")
    assert complaint.status_code_matches(response.context["status_code"])
    assert complaint.acknowledge_by == acknowledgement_due(timezone.localdate())
    assert complaint.officers.get().badge_number == "10442"
    assert complaint.witnesses.get().name == "Wanda Witness"
    assert list(complaint.conduct_categories.values_list("code", flat=True)) == ["physical-force"]
    assert AuditEvent.objects.filter(action="complaint.filed_for_resident").exists()
    assert OutboxMessage.objects.get(kind="complaint_receipt").recipient == RITA["contact_email"]
    assert "Recibimos" in mail.outbox[0].body or complaint.tracking_number in mail.outbox[0].body


def test_the_web_forms_checks_apply_and_nothing_typed_is_lost(district, intake_officer, client_for):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client_for(intake_officer).post(reverse("board:complaint_record"), _phone_answers(
        district, **{"incident-narrative": "", "incident-occurred_on": future,
                     "intake-channel": ""}))
    page = response.content.decode()
    assert response.status_code == 400
    assert "The date cannot be in the future." in page  # the web form's own check
    assert "Choose how the complaint reached us." in page
    assert RITA["location"] in page
    assert not Complaint.objects.exists()


def test_the_receipt_letter_carries_the_code_and_is_an_audited_identity_view(
        district, intake_officer, client_for):
    client = client_for(intake_officer)
    recorded = client.post(reverse("board:complaint_record"), _phone_answers(district))
    complaint, code = recorded.context["complaint"], recorded.context["status_code"]
    letter = client.post(reverse("board:complaint_receipt_letter"),
                         {"tracking_number": complaint.tracking_number, "status_code": code})
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="complaint.view_identity",
                                     data__via="receipt_letter").exists()
    wrong = client.post(reverse("board:complaint_receipt_letter"),
                        {"tracking_number": complaint.tracking_number, "status_code": "nope"})
    assert wrong.status_code == 400


def test_a_board_member_cannot_record_complaints(board_member, client_for):
    assert client_for(board_member).get(reverse("board:complaint_record")).status_code == 404


def test_the_dashboard_shows_each_waiting_complaints_acknowledgement_date(filed, intake_officer,
                                                                         client_for):
    page = client_for(intake_officer).get(reverse("board:dashboard")).content.decode()
    due = filed.complaint.acknowledge_by
    assert 'data-testid="acknowledge-by"' in page
    assert date_format(due, "DATE_FORMAT") in page


def test_intake_acknowledges_from_the_complaint_page(filed, intake_officer, client_for):
    client = client_for(intake_officer)
    url = reverse("board:complaint_detail", args=[filed.complaint.tracking_number])
    assert reverse("board:complaint_acknowledge", args=[filed.complaint.tracking_number]) in (
        client.get(url).content.decode())
    response = client.post(reverse("board:complaint_acknowledge",
                                   args=[filed.complaint.tracking_number]))
    assert response.status_code == 302
    filed.complaint.refresh_from_db()
    assert filed.complaint.acknowledged_at is not None
    assert "Acknowledged on" in client.get(url).content.decode()


def test_a_complaint_without_a_due_date_can_be_acknowledged(filed, intake_officer):
    # Complaints recorded before the clock existed have no due date; acknowledging one must
    # not fail on comparing the day with nothing.
    Complaint.objects.filter(pk=filed.complaint.pk).update(acknowledge_by=None)
    complaint = complaint_acknowledge(complaint=filed.complaint, actor=intake_officer)
    assert complaint.acknowledged_at is not None
    event = AuditEvent.objects.get(action="complaint.acknowledged")
    assert event.data == {"due": None, "late": False}


def test_acknowledging_the_complaint_stops_its_cases_clock(case, intake_officer, client_for):
    assert case.stored_deadlines.filter(kind="acknowledgement").exists()
    client_for(intake_officer).post(reverse("board:complaint_acknowledge",
                                            args=[case.complaint.tracking_number]))
    assert not case.stored_deadlines.filter(kind="acknowledgement").exists()


def test_morning_reminders_tell_intake_of_complaints_to_acknowledge(
        filed, intake_officer, django_capture_on_commit_callbacks):
    Complaint.objects.filter(pk=filed.complaint.pk).update(
        acknowledge_by=timezone.localdate() - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send() == 1
    reminder = OutboxMessage.objects.get(kind="deadline_reminder")
    assert reminder.recipient == intake_officer.email
    body = mail.outbox[-1].body
    assert filed.complaint.tracking_number in body and "OVERDUE" in body


def test_the_resident_is_promised_the_setting_not_a_fixed_number(settings, district, journalist):
    from tests.complaints.filing import file_complaint

    settings.ACKNOWLEDGE_BUSINESS_DAYS = 4
    response = file_complaint(journalist, {**RITA, "district": district.pk})
    page = response.content.decode()
    assert "within 4 business days" in page
    complaint = response.context["complaint"]
    assert complaint.acknowledge_by == acknowledgement_due(timezone.localdate(complaint.received_at))
