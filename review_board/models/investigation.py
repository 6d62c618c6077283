from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.encryption import EncryptedTextField

from .cases import Case


def private_storage() -> FileSystemStorage:
    """Evidence lives outside the web root; only the audited download view reads it."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class EvidenceKind(models.TextChoices):
    UPLOAD = "upload", _("Staff upload")
    BODY_CAMERA = "body_camera", _("Body-worn camera footage")
    OTHER = "other", _("Other reference")


class EvidenceItem(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind)
    title = EncryptedTextField(max_length=200)
    file = models.FileField(upload_to="evidence/%Y/%m/", storage=private_storage, blank=True)
    footage_reference = models.CharField(max_length=120, blank=True)
    requested_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title


class IntervieweeRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    CIVILIAN_WITNESS = "civilian_witness", _("Civilian witness")
    SUBJECT_OFFICER = "subject_officer", _("Subject officer")
    WITNESS_OFFICER = "witness_officer", _("Witness officer")
    OTHER = "other", _("Other")


class Interview(models.Model):
    """An interview held for the investigation; the name and summary are encrypted at rest."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interviews")
    interviewee_role = models.CharField(max_length=20, choices=IntervieweeRole)
    interviewee = EncryptedTextField(max_length=200)
    held_on = models.DateField()
    summary = EncryptedTextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_interviewee_role_display()} {self.held_on}"


class CaseNote(models.Model):
    """Internal notes: staff only, never published, never sent to the complainant."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    body = EncryptedTextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} note {self.created_at:%Y-%m-%d}"
