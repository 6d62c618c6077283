"""Notifications are rows written in the same transaction as the change that caused them.

Delivery happens after commit through Celery; if the broker is unreachable the row waits and
the periodic sweep delivers it later. Nothing a resident submitted depends on Redis or email.
"""

import base64
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str


def outbox_enqueue(*, kind: str, recipient: str, subject: str, body: str,
                   language: str = "en", html_body: str = "",
                   attachments: tuple[Attachment, ...] = ()) -> OutboxMessage:
    """Save a notification and schedule its delivery for after the surrounding commit.

    `body` is plain text; `html_body`, when given, is sent as its HTML alternative.
    """
    message = OutboxMessage.objects.create(
        kind=kind, recipient=recipient, subject=subject, body=body, language=language,
        html_body=html_body, attachments={"files": [
            {"filename": a.filename, "content_type": a.content_type,
             "base64": base64.b64encode(a.content).decode()} for a in attachments]},
    )
    transaction.on_commit(lambda: outbox_schedule(message_id=message.pk))
    return message


def outbox_schedule(*, message_id: int) -> bool:
    """Hand one message to the task queue; False (and logged) when the broker is down."""
    from portal.tasks import deliver_outbox_message

    try:
        deliver_outbox_message.delay(message_id)
    except Exception:  # the broker is down: the sweep will pick the message up
        logger.warning("Could not queue outbox message %s; it will be swept later", message_id)
        return False
    return True


def outbox_deliver(*, message_id: int) -> bool:
    """Send one pending message. Returns True if it was sent by this call."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return False
        message.attempts += 1
        try:
            outbox_email(message).send()
        except Exception as exc:  # SMTP errors are many; record and retry on the next sweep
            message.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            logger.warning("Outbox message %s failed (attempt %s)", message.pk, message.attempts)
            return False
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return True


def outbox_email(message: OutboxMessage) -> EmailMultiAlternatives:
    """The e-mail of one message: text, its HTML alternative and attachments when it has them."""
    email = EmailMultiAlternatives(message.subject, message.body, settings.DEFAULT_FROM_EMAIL,
                                   [message.recipient])
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for file in (message.attachments or {}).get("files", []):
        email.attach(file["filename"], base64.b64decode(file["base64"]), file["content_type"])
    return email


def outbox_sweep(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Deliver every pending message older than `older_than`; returns how many were sent."""
    cutoff = timezone.now() - older_than
    ids = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, created_at__lte=cutoff,
    ).values_list("pk", flat=True)
    return sum(outbox_deliver(message_id=pk) for pk in list(ids))
