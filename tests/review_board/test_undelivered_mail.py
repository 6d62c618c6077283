"""Sofia (supervisor) sees e-mails that could not be delivered and sends them again; Ines does not."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent, OutboxMessage
from portal.services import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_and_late():
    with mock.patch.object(outbox, "outbox_schedule"):
        failed = outbox.outbox_enqueue(kind="closing_letter", recipient="rita.marker@example.net",
                                       subject="Your case", body="Dear BODY-MARKER")
        late = outbox.outbox_enqueue(kind="complaint_receipt", recipient="rita.marker@example.net",
                                     subject="Received", body="BODY-MARKER")
        fresh = outbox.outbox_enqueue(kind="complaint_status", recipient="x@example.net",
                                      subject="Status", body="BODY-MARKER")
    OutboxMessage.objects.filter(pk=failed.pk).update(status="failed", attempts=outbox.MAX_ATTEMPTS,
                                                      last_error="TimeoutError: timed out")
    OutboxMessage.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(hours=3))
    return failed, late, fresh


def test_supervisor_sees_failed_and_long_queued_mail_without_its_contents(supervisor, client_for,
                                                                          failed_and_late):
    failed, late, fresh = failed_and_late
    html = client_for(supervisor).get(reverse("board:dashboard")).content.decode()
    assert 'data-testid="undelivered-mail"' in html
    assert f'value="{failed.pk}"' in html and f'value="{late.pk}"' in html
    assert f'value="{fresh.pk}"' not in html
    assert "rita.marker" not in html and "BODY-MARKER" not in html


def test_intake_staff_do_not_see_the_mail_section(intake_officer, client_for, failed_and_late):
    html = client_for(intake_officer).get(reverse("board:dashboard")).content.decode()
    assert "undelivered-mail" not in html


def test_requeue_gives_a_failed_message_new_attempts_and_is_audited(supervisor, client_for,
                                                                    failed_and_late,
                                                                    django_capture_on_commit_callbacks):
    failed = failed_and_late[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(supervisor).post(reverse("board:outbox_requeue"),
                                               {"message": [failed.pk]})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == OutboxMessage.Status.SENT and failed.attempts == 1
    assert AuditEvent.objects.filter(action="outbox.requeue", actor=supervisor).count() == 1


def test_intake_staff_cannot_requeue(intake_officer, client_for, failed_and_late):
    response = client_for(intake_officer).post(reverse("board:outbox_requeue"),
                                                {"message": [failed_and_late[0].pk]})
    assert response.status_code == 404
