from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import Agency
from portal.encryption import EncryptedTextField

from .periods import Period, PeriodKind


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED).order_by("-published_at", "-id")


class Report(models.Model):
    """A public report over one period and scope, computed from one pinned open-data snapshot.

    `figures` holds only what is published (suppressed cells are null): tables, cells, the
    relations between them, the suppression threshold and the snapshot's name.
    """

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=PeriodKind)
    period_start = models.DateField()
    period_end = models.DateField()
    own_cases = models.BooleanField(default=False, help_text="This body's own cases only.")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    status = models.CharField(max_length=20, choices=ReportStatus, default=ReportStatus.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    snapshot = models.CharField(max_length=60, blank=True,
                                help_text="The open-data snapshot the figures were computed from.")
    figures = models.JSONField(default=dict, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="How long generation took.")
    error = models.CharField(max_length=500, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.slug

    @property
    def period(self) -> Period:
        return Period(self.kind, self.period_start, self.period_end)


class Subscriber(models.Model):
    """A reader told by e-mail when a report is published, after confirming the address.

    Tokens are stored only as SHA-256 digests; the e-mailed links carry the tokens themselves.
    """

    email = EncryptedTextField()
    email_digest = models.CharField(max_length=64, unique=True)
    confirm_digest = models.CharField(max_length=64, blank=True, db_index=True)
    unsubscribe_digest = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"subscriber {self.pk}"


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class Feedback(models.Model):
    """A reader's comment on a report: shown only once staff publish it, with their answer."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="feedback")
    body = EncryptedTextField(max_length=2000)
    status = models.CharField(max_length=20, choices=FeedbackStatus, default=FeedbackStatus.PENDING)
    answer = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"feedback {self.pk} on {self.report_id} ({self.status})"
