"""Notifications are rows written in the same transaction as the change that caused them.

Delivery happens after commit through Celery; if the broker is unreachable the row waits and
the periodic sweep delivers it later. Nothing a resident submitted depends on Redis or email.

Sending never happens inside a database transaction: a message is first claimed (its attempt
counted and committed), then sent with a timeout, then its result recorded. A worker that dies
between the send and the record cannot send a message more than `MAX_ATTEMPTS` times, and the
stable Message-ID lets mail servers recognise a repeat. Failures back off over days.
"""

import base64
import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

# The wait after each failed attempt: about four days from the first try to giving up.
RETRY_DELAYS = tuple(timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720, 1440, 1440, 1440))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claimed message is left alone this long, in case its worker is still sending it.
CLAIM_LEASE = timedelta(minutes=10)
SWEEP_BATCH = 200


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


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    return RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]


def message_id_header(message: OutboxMessage) -> str:
    """The same Message-ID for every attempt at one message."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<outbox-{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def _claim(message_id: int) -> OutboxMessage | None:
    """Count the attempt and commit it before anything is sent; None if not ours to send."""
    now = timezone.now()
    with transaction.atomic():
        message = (OutboxMessage.objects.select_for_update()
                   .filter(pk=message_id, status=OutboxMessage.Status.PENDING,
                           next_attempt_at__lte=now).first())
        if message is None:
            return None
        if message.attempts >= MAX_ATTEMPTS:  # earlier attempts died before recording a result
            message.status = OutboxMessage.Status.FAILED
            message.save(update_fields=["status"])
            logger.warning("Outbox message %s failed for good after %s attempts", message.pk,
                           message.attempts)
            return None
        message.attempts += 1
        message.next_attempt_at = now + max(retry_delay(message.attempts), CLAIM_LEASE)
        message.save(update_fields=["attempts", "next_attempt_at"])
    return message


def _send(message: OutboxMessage) -> None:
    outbox_email(message).send()


def _error_text(exc: Exception) -> str:
    """What went wrong, without the addresses some SMTP errors quote."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return type(exc).__name__
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: {exc.smtp_code}"
    return f"{type(exc).__name__}: {exc}"[:500]


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    gave_up = message.attempts >= MAX_ATTEMPTS
    OutboxMessage.objects.filter(pk=message.pk).update(
        last_error=_error_text(exc),
        status=OutboxMessage.Status.FAILED if gave_up else OutboxMessage.Status.PENDING,
        next_attempt_at=timezone.now() + retry_delay(message.attempts))
    logger.warning("Outbox message %s failed (attempt %s%s)", message.pk, message.attempts,
                   ", giving up" if gave_up else "")


def _record_sent(message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error="", body="",
        html_body="", attachments={})


def outbox_deliver(*, message_id: int) -> bool:
    """Send one pending message that is due. Returns True if it was sent by this call."""
    message = _claim(message_id)
    if message is None:
        return False
    try:
        _send(message)
    except Exception as exc:  # SMTP errors are many; record and retry later
        _record_failure(message, exc)
        return False
    _record_sent(message)
    return True


def outbox_email(message: OutboxMessage) -> EmailMessage:
    """The e-mail of one message: text, its HTML alternative and attachments when it has them."""
    files = (message.attachments or {}).get("files", [])
    parts = (message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient])
    headers = {"Message-ID": message_id_header(message)}
    if not (message.html_body or files):
        return EmailMessage(*parts, headers=headers)
    email = EmailMultiAlternatives(*parts, headers=headers)
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for file in files:
        email.attach(file["filename"], base64.b64decode(file["base64"]), file["content_type"])
    return email


def outbox_sweep(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Deliver pending messages that are due and older than `older_than`; returns how many were sent."""
    now = timezone.now()
    ids = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now,
        created_at__lte=now - older_than,
    ).order_by("next_attempt_at").values_list("pk", flat=True)[:SWEEP_BATCH]
    return sum(outbox_deliver(message_id=pk) for pk in list(ids))


def outbox_needing_attention(*, late_after: timedelta | None = None) -> QuerySet[OutboxMessage]:
    """Failed messages and messages still waiting longer than `OUTBOX_LATE_MINUTES`."""
    late_after = late_after or timedelta(minutes=settings.OUTBOX_LATE_MINUTES)
    late = Q(status=OutboxMessage.Status.PENDING, created_at__lte=timezone.now() - late_after)
    return (OutboxMessage.objects.filter(late | Q(status=OutboxMessage.Status.FAILED))
            .only("pk", "created_at", "kind", "status", "attempts", "last_error", "next_attempt_at")
            .order_by("created_at"))


def outbox_requeue(*, message_ids: list[int], actor=None) -> int:
    """Give failed or waiting messages a fresh set of attempts now (audited); returns how many."""
    from portal.services.audit import audit_record

    with transaction.atomic():
        messages = list(OutboxMessage.objects.select_for_update().filter(pk__in=message_ids)
                        .exclude(status=OutboxMessage.Status.SENT).only("pk", "status", "attempts"))
        for message in messages:
            audit_record(actor=actor, action="outbox.requeue", target=message,
                         data={"status": message.status, "attempts": message.attempts})
            transaction.on_commit(partial(outbox_schedule, message_id=message.pk))
        OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(
            status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=timezone.now())
    return len(messages)
