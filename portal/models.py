from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.encryption import EncryptedJSONField, EncryptedTextField


class AuditEvent(models.Model):
    """One append-only entry of the audit trail, chained by hash to the entry before it."""

    created_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"


class OutboxMessage(models.Model):
    """A notification saved with the change that caused it, delivered by a worker later.

    Recipient and body are encrypted at rest; the body is erased once the message is sent.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=64)
    recipient = EncryptedTextField()
    language = models.CharField(max_length=10, default="en")
    subject = models.CharField(max_length=255)
    body = EncryptedTextField(blank=True)
    # An HTML alternative to the text body, and files sent with it ({"files": [{"filename",
    # "content_type", "base64"}]}); both encrypted (a letter names the complainant) and erased
    # with the body once sent.
    html_body = EncryptedTextField(blank=True)
    attachments = EncryptedJSONField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A claimed message is not picked up again before this time (the retry back-off).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"



class Heartbeat(models.Model):
    """The last time a periodic job proved it runs (the worker's heartbeat, read by /readyz)."""

    name = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
