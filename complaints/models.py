import hashlib
import hmac

from django.db import models
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import District, PublicCase


class FilerRole(models.TextChoices):
    AFFECTED = "affected", _("I am the person this happened to")
    GUARDIAN = "guardian", _("I am a parent or guardian of the person")
    WITNESS = "witness", _("I saw it happen")
    THIRD_PARTY = "third_party", _("I am filing for someone else")


class TrackingCounter(models.Model):
    """The last tracking number handed out in a year (CR-2026-000142)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Complaint(models.Model):
    """What a resident submitted. Private: only staff with a need may read it."""

    tracking_number = models.CharField(max_length=20, unique=True)
    status_code_digest = models.CharField(max_length=64)
    received_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=10, default="en")
    filer_role = models.CharField(max_length=20, choices=FilerRole, default=FilerRole.AFFECTED)

    narrative = models.TextField()
    occurred_on = models.DateField(null=True, blank=True)
    occurred_time = models.TimeField(null=True, blank=True)
    occurred_approximately = models.BooleanField(default=False)
    location = models.CharField(max_length=300, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    officer_details = models.TextField(blank=True)

    anonymous = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)

    public_case = models.OneToOneField(PublicCase, on_delete=models.PROTECT,
                                       related_name="+")

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.tracking_number

    @staticmethod
    def digest_status_code(code: str) -> str:
        return hashlib.sha256(code.encode()).hexdigest()

    def status_code_matches(self, code: str) -> bool:
        return hmac.compare_digest(self.status_code_digest, self.digest_status_code(code))
