"""The outbox: private at rest, erased once sent, never sent inside a transaction, retried for days."""

import datetime
import importlib
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from portal.models import AuditEvent, OutboxMessage
from portal.services import outbox
from portal.services.outbox import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    message_id_header,
    outbox_deliver,
    outbox_enqueue,
    outbox_sweep,
)
from portal.tasks import deliver_outbox_message
from tests.factories import UserFactory
from tests.fake_smtp import refusing_smtp_port, silent_smtp_server, smtp_settings

pytestmark = pytest.mark.django_db

RECIPIENT = "rita.marker@example.net"
BODY = "Your private link: https://portal.example.org/complaints/status/SECRET-MARKER/"


def _enqueue():
    return outbox_enqueue(kind="test", recipient=RECIPIENT, subject="Hello", body=BODY)


def _make_due(message):
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())


def _raw_row(message) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT recipient, body FROM portal_outboxmessage WHERE id = %s", [message.pk])
        return repr(cursor.fetchone())


def test_message_is_delivered_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert mail.outbox[0].to == [RECIPIENT]


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


def test_email_down_records_the_error_and_retries_after_the_back_off(django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True):
            message = _enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1 and "smtp down" in message.last_error
    assert outbox_sweep(older_than=datetime.timedelta(0)) == 0  # not due yet
    _make_due(message)
    assert outbox_sweep(older_than=datetime.timedelta(0)) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT


def test_recipient_and_body_are_encrypted_at_rest():
    message = _enqueue()
    raw = _raw_row(message)
    assert "rita.marker" not in raw and "SECRET-MARKER" not in raw
    message.refresh_from_db()
    assert message.recipient == RECIPIENT and message.body == BODY


def test_body_is_erased_once_delivered_and_the_facts_are_kept():
    message = _enqueue()
    assert outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.body == "" and "SECRET-MARKER" in mail.outbox[0].body
    assert (message.kind, message.status, message.attempts) == ("test", "sent", 1)
    assert message.created_at and message.sent_at


def test_existing_plain_rows_are_encrypted_and_sent_bodies_erased_by_the_migration():
    migration = importlib.import_module("portal.migrations.0003_outbox_encrypted_with_backoff")
    waiting, sent = _enqueue(), _enqueue()
    now = timezone.now()
    with connection.cursor() as cursor:  # rows as the old code wrote them
        cursor.execute("UPDATE portal_outboxmessage SET recipient = %s, body = %s, status = %s "
                       "WHERE id = %s", [RECIPIENT, BODY, "sent", sent.pk])
        cursor.execute("UPDATE portal_outboxmessage SET recipient = %s, body = %s, created_at = %s "
                       "WHERE id = %s", [RECIPIENT, BODY, now, waiting.pk])
    migration.encrypt_existing_rows(None, SimpleNamespace(connection=connection))
    assert "rita.marker" not in _raw_row(waiting) + _raw_row(sent)
    waiting.refresh_from_db()
    sent.refresh_from_db()
    assert waiting.body == BODY and waiting.recipient == RECIPIENT and sent.body == ""


def test_the_admin_shows_neither_recipient_nor_body(client):
    message = _enqueue()
    admin = UserFactory(username="ada", is_staff=True, is_superuser=True)
    client.force_login(admin)
    pages = [client.get("/admin/portal/outboxmessage/"),
             client.get(f"/admin/portal/outboxmessage/{message.pk}/change/")]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert "rita.marker" not in html and "SECRET-MARKER" not in html


def test_every_attempt_carries_the_same_message_id():
    message = _enqueue()
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=OSError("down")):
        assert not outbox_deliver(message_id=message.pk)
    _make_due(message)
    assert outbox_deliver(message_id=message.pk)
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id_header(message)
    assert message_id_header(OutboxMessage.objects.get()) == message_id_header(message)


@pytest.mark.django_db(transaction=True)
def test_a_silent_mail_server_times_out_and_the_send_is_outside_any_transaction():
    with mock.patch.object(outbox, "outbox_schedule"):  # committed at once: keep it for the test
        message = _enqueue()
    seen = []
    real_send = outbox._send

    def send_watching(msg):
        seen.append(connection.in_atomic_block)
        return real_send(msg)

    with silent_smtp_server() as port, override_settings(**smtp_settings(port)), \
            mock.patch.object(outbox, "_send", send_watching):
        started = time.monotonic()
        assert not deliver_outbox_message.apply(args=[message.pk]).get()
        elapsed = time.monotonic() - started
    assert elapsed < 10 and seen == [False]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING and message.attempts == 1
    assert "timed out" in message.last_error
    assert message.next_attempt_at > timezone.now()


def test_a_refusing_mail_server_is_retried_with_a_back_off_over_days():
    message = _enqueue()
    waits = []
    with refusing_smtp_port() as port, override_settings(**smtp_settings(port)):
        for _ in range(MAX_ATTEMPTS):
            before = timezone.now()
            _make_due(message)
            assert not outbox_deliver(message_id=message.pk)
            message.refresh_from_db()
            waits.append(round((message.next_attempt_at - before).total_seconds() / 60))
    assert "ConnectionRefusedError" in message.last_error
    assert message.status == OutboxMessage.Status.FAILED and message.attempts == MAX_ATTEMPTS
    assert waits == sorted(waits) and waits[0] <= 2 and waits[-1] >= 24 * 60
    assert sum(RETRY_DELAYS, datetime.timedelta()) > datetime.timedelta(days=3)


def test_a_crash_after_the_server_accepted_still_counts_the_attempt():
    """The worker dies after sending, before recording: the limit still ends the retries."""
    message = _enqueue()
    with mock.patch.object(outbox, "_record_sent", side_effect=SystemExit("worker killed")):
        for _ in range(MAX_ATTEMPTS + 3):
            _make_due(message)
            with pytest.raises(SystemExit):
                outbox_deliver(message_id=message.pk)
            if OutboxMessage.objects.get(pk=message.pk).attempts >= MAX_ATTEMPTS:
                break
    _make_due(message)
    assert not outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.attempts == MAX_ATTEMPTS and message.status == OutboxMessage.Status.FAILED
    assert len(mail.outbox) == MAX_ATTEMPTS


def test_delivery_tasks_have_time_limits(settings):
    assert deliver_outbox_message.soft_time_limit and deliver_outbox_message.time_limit
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.EMAIL_TIMEOUT


def test_the_requeue_command_gives_failed_messages_new_attempts(capsys):
    message = _enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(status="failed", attempts=MAX_ATTEMPTS)
    with mock.patch.object(outbox, "outbox_schedule"):
        call_command("outbox_requeue")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING and message.attempts == 0
    assert AuditEvent.objects.filter(action="outbox.requeue").count() == 1
    assert "Queued 1" in capsys.readouterr().out
