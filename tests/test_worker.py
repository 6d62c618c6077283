"""Runs only on .ci/run's second pass: a real Celery worker over Redis against PostgreSQL."""

import time

import pytest

from portal.models import OutboxMessage
from tests.complaints.filing import file_complaint
from tests.slice import RITA

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_confirmation_email_is_sent_by_the_worker(real_worker, journalist, district):
    response = file_complaint(journalist, {**RITA, "district": district.pk})
    assert response.status_code == 200
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        message = OutboxMessage.objects.get(kind="complaint_receipt")
        if message.status == OutboxMessage.Status.SENT:
            break
        time.sleep(0.2)
    assert message.status == OutboxMessage.Status.SENT, message.last_error
    assert message.attempts == 1
