from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from misconduct_records.models import AllegationCategory, Officer, PublicCase
from misconduct_records.vocabulary import Discipline, Finding, ForceLevel


class CaseState(models.TextChoices):
    INTAKE = "intake", _("Intake")
    PRELIMINARY_REVIEW = "preliminary_review", _("Preliminary review")
    INVESTIGATION = "investigation", _("Investigation")
    BOARD_REVIEW = "board_review", _("Board review")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISMISSED = "dismissed", _("Dismissed")
    REFERRED = "referred", _("Referred")
    MEDIATION = "mediation", _("Mediation")
    RECONSIDERATION = "reconsideration", _("Reconsideration")


class CaseOrigin(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    OWN_MOTION = "own_motion", _("Board's own motion")
    IA_REVIEW = "ia_review", _("Review of an internal-affairs investigation")


class CaseCounter(models.Model):
    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Case(models.Model):
    number = models.CharField(max_length=20, unique=True)
    origin = models.CharField(max_length=20, choices=CaseOrigin, default=CaseOrigin.COMPLAINT)
    # Changed only by review_board.workflow.case_transition.
    state = models.CharField(max_length=30, choices=CaseState, default=CaseState.INTAKE,
                             db_index=True)
    complaint = models.OneToOneField(Complaint, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="case")
    public_case = models.OneToOneField(PublicCase, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="assigned_cases")
    incident_on = models.DateField(null=True, blank=True)
    public_summary = models.TextField(
        blank=True,
        help_text=_("Written by staff for publication. The only narrative ever made public."),
    )
    state_changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.number


class Allegation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    unidentified_description = models.CharField(max_length=300, blank=True)
    category = models.ForeignKey(AllegationCategory, on_delete=models.PROTECT, related_name="+")
    force_level = models.PositiveSmallIntegerField(choices=ForceLevel, null=True, blank=True)
    prohibited_restraint = models.BooleanField(default=False)
    recommended_finding = models.CharField(max_length=30, choices=Finding, blank=True)
    finding = models.CharField(max_length=30, choices=Finding, blank=True)
    discipline_recommended = models.CharField(max_length=30, choices=Discipline, blank=True)
    discipline_imposed = models.CharField(max_length=30, choices=Discipline, blank=True)

    class Meta:
        ordering = ["case", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(officer__isnull=False) | ~models.Q(unidentified_description=""),
                name="allegation_names_officer_or_describes_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} — {self.officer or self.unidentified_description}"
