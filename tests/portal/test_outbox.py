import datetime
from unittest import mock

import pytest
from django.core import mail

from portal.models import OutboxMessage
from portal.services.outbox import outbox_enqueue, outbox_sweep

pytestmark = pytest.mark.django_db


def _enqueue():
    return outbox_enqueue(kind="test", recipient="rita@example.net", subject="Hello",
                          body="Body")


def test_message_is_delivered_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert mail.outbox[0].to == ["rita@example.net"]


def test_broker_down_keeps_the_message_for_the_sweep(django_capture_on_commit_callbacks):
    with mock.patch("portal.tasks.deliver_outbox_message.delay",
                    side_effect=ConnectionError("redis is down")):
        with django_capture_on_commit_callbacks(execute=True):
            message = _enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert outbox_sweep(older_than=datetime.timedelta(0)) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and len(mail.outbox) == 1


def test_email_down_records_the_error_and_retries(django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True):
            message = _enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1 and "smtp down" in message.last_error
    outbox_sweep(older_than=datetime.timedelta(0))
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
