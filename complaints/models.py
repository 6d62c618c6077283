import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import AllegationCategory, District, PublicCase
from misconduct_records.vocabulary import ForceLevel
from portal.encryption import EncryptedJSONField, EncryptedTextField


class FilerRole(models.TextChoices):
    AFFECTED = "affected", _("I am the person this happened to")
    GUARDIAN = "guardian", _("I am a parent or guardian of the person")
    WITNESS = "witness", _("I saw it happen")
    THIRD_PARTY = "third_party", _("I am filing for someone else")


class Channel(models.TextChoices):
    """How the complaint reached the body. Staff record every channel but the web form."""

    WEB = "web", _("Web form")
    PHONE = "phone", _("Telephone")
    IN_PERSON = "in_person", _("In person")
    MAIL = "mail", _("Mail (paper form or letter)")
    EMAIL = "email", _("E-mail")
    DEPARTMENT_REFERRAL = "department_referral", _("Referral from the police department")


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TrackingCounter(models.Model):
    """The last tracking number handed out in a year (CR-2026-000142)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Complaint(models.Model):
    """What a resident submitted. Private: only staff with a need may read it.

    Names, contact details and every free-text answer are encrypted at rest.
    """

    tracking_number = models.CharField(max_length=20, unique=True)
    status_code_digest = models.CharField(max_length=64)
    received_at = models.DateTimeField(db_index=True)
    acknowledge_by = models.DateField(null=True, blank=True, db_index=True,
                                      help_text=_("Acknowledgement is due by this date."))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, default="en")
    filer_role = models.CharField(max_length=20, choices=FilerRole, default=FilerRole.AFFECTED)
    channel = models.CharField(max_length=30, choices=Channel, default=Channel.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+",
                                   help_text=_("The staff member who recorded it for the resident."))

    narrative = EncryptedTextField(max_length=20000)
    occurred_on = models.DateField(null=True, blank=True)
    occurred_time = models.TimeField(null=True, blank=True)
    occurred_approximately = models.BooleanField(default=False)
    location = EncryptedTextField(max_length=300, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    officer_details = EncryptedTextField(blank=True)
    conduct_categories = models.ManyToManyField(AllegationCategory, blank=True, related_name="+")
    conduct_other = EncryptedTextField(max_length=1000, blank=True)
    force_level = models.PositiveSmallIntegerField(choices=ForceLevel, null=True, blank=True)

    affected_name = EncryptedTextField(max_length=200, blank=True)
    affected_contact = EncryptedTextField(max_length=300, blank=True)
    affected_details = EncryptedTextField(max_length=1000, blank=True)
    evidence_notes = EncryptedTextField(max_length=2000, blank=True)

    anonymous = models.BooleanField(default=False)
    contact_name = EncryptedTextField(max_length=200, blank=True)
    contact_email = EncryptedTextField(max_length=254, blank=True)
    contact_phone = EncryptedTextField(max_length=40, blank=True)

    # Set when the board opens a case: until then the complaint is public only as a count.
    public_case = models.OneToOneField(PublicCase, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.tracking_number

    @staticmethod
    def digest_status_code(code: str) -> str:
        return secret_digest(code)

    @property
    def acknowledgement_overdue(self) -> bool:
        return (self.acknowledged_at is None and self.acknowledge_by is not None
                and timezone.localdate() > self.acknowledge_by)

    def status_code_matches(self, code: str) -> bool:
        return hmac.compare_digest(self.status_code_digest, self.digest_status_code(code))


class InvolvedOfficer(models.Model):
    """One officer as the resident described them; every field may be "I don't know".

    What the resident typed is part of their complaint: encrypted at rest like the rest.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="officers")
    name = EncryptedTextField(max_length=200, blank=True)
    badge_number = EncryptedTextField(max_length=30, blank=True)
    rank = EncryptedTextField(max_length=60, blank=True)
    vehicle = EncryptedTextField(max_length=60, blank=True)
    description = EncryptedTextField(max_length=1000, blank=True)
    roster_id = models.CharField(max_length=12, blank=True,
                                 help_text=_("Public id of the officer the resident chose from the roster."))

    class Meta:
        ordering = ["complaint", "id"]

    def __str__(self) -> str:
        return self.name or self.badge_number or str(_("Unknown officer"))


class Witness(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="witnesses")
    name = EncryptedTextField(max_length=200, blank=True)
    contact = EncryptedTextField(max_length=300, blank=True)
    account = EncryptedTextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["complaint", "id"]
        verbose_name_plural = "witnesses"

    def __str__(self) -> str:
        return f"witness #{self.pk}"


class ComplaintDraft(models.Model):
    """A complaint being written. Reached only through its private link (token digest here)."""

    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    language = models.CharField(max_length=10, default="en")
    data = EncryptedJSONField(blank=True)

    def __str__(self) -> str:
        return f"draft #{self.pk}"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    DOCUMENT = "document", _("Document")


class Evidence(models.Model):
    """A file a resident sent, stored privately; never reachable by a public URL."""

    draft = models.ForeignKey(ComplaintDraft, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="evidence")
    complaint = models.ForeignKey(Complaint, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="evidence")
    stored_name = models.CharField(max_length=100, unique=True)
    original_name = EncryptedTextField(max_length=255)
    kind = models.CharField(max_length=10, choices=EvidenceKind)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()
    added_after_filing = models.BooleanField(default=False)
    # Chain of custody: the file exactly as received, encrypted at rest, for investigators; its
    # SHA-256 is taken before anything else touches it. `stored_name` is then the copy without
    # metadata everyone else gets (photos), or the same encrypted original when no such copy
    # can be made (videos, audio, documents).
    original_stored_name = models.CharField(max_length=100, blank=True)
    original_sha256 = models.CharField(max_length=64, blank=True)
    original_size = models.PositiveBigIntegerField(null=True, blank=True)
    has_clean_copy = models.BooleanField(default=False,
                                         help_text=_("A copy without metadata exists for staff."))

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.kind} {self.stored_name}"


class ComplaintUpdate(models.Model):
    """Information the resident added after filing."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="updates")
    created_at = models.DateTimeField()
    text = EncryptedTextField(max_length=5000)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"update #{self.pk}"


class WithdrawalRequest(models.Model):
    """The resident asked to withdraw; staff record the withdrawal through the case workflow."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE,
                                     related_name="withdrawal_request")
    requested_at = models.DateTimeField()
    reason = EncryptedTextField(max_length=2000, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"withdrawal of {self.complaint_id}"


class StatusLinkToken(models.Model):
    """A single-use, short-lived link to a status page, e-mailed to the resident.

    Only a digest is stored; opening the link once exchanges it for a session and it stops
    working. The long-lived secret code itself never travels in a URL.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"status link #{self.pk}"
