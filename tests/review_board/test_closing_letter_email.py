"""Rita O'Brien's closing letter arrives as a real e-mail: readable text, an HTML part, the
letter as a PDF, and how to ask for reconsideration and by when."""

import datetime
import email
from email import policy

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(decided, intake_officer, client_for, officer, settings, django_capture_on_commit_callbacks):
    settings.REVIEW_BOARD = {**settings.REVIEW_BOARD, "RECONSIDERATION_DAYS": 45}
    Complaint.objects.filter(pk=decided.complaint_id).update(contact_name="Rita O'Brien",
                                                             language="en")
    officer.last_name = "O'Malley"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(intake_officer).post(reverse("board:letter_send", args=[decided.number]))
    return email.message_from_bytes(mail.outbox[-1].message().as_bytes(), policy=policy.default)


def test_the_letter_is_a_multipart_email_with_text_html_and_the_pdf(sent):
    assert sent.get_content_type() == "multipart/mixed"
    text, html = sent.get_body(("plain",)), sent.get_body(("html",))
    assert text is not None and html is not None
    [pdf] = [part for part in sent.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert pdf.get_filename().endswith(".pdf") and pdf.get_content().startswith(b"%PDF")


def test_the_text_part_reads_as_text(sent):
    text = sent.get_body(("plain",)).get_content()
    assert text.startswith("Civilian Review Board")
    assert "{" not in text and "font-family" not in text and "<" not in text
    assert "&#x27;" not in text and "&amp;" not in text
    assert "Dear Rita O'Brien," in text and "O'Malley" in text
    assert "Finding: Sustained" in text


def test_the_letter_says_how_to_ask_for_reconsideration_and_by_when(sent, settings):
    by = timezone.localdate() + datetime.timedelta(days=45)
    for part in (sent.get_body(("plain",)).get_content(), sent.get_body(("html",)).get_content()):
        assert "reconsider its decision until" in part and "45 days" in part
        assert by.strftime("%Y") in part and settings.PORTAL["CONTACT"]["PHONE"] in part

