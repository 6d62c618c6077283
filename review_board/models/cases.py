from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from misconduct_records.models import AllegationCategory, Officer, PublicCase
from misconduct_records.vocabulary import Discipline, Finding, ForceLevel
from portal.encryption import EncryptedTextField


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


FINISHED_STATES = frozenset({CaseState.CLOSED, CaseState.WITHDRAWN, CaseState.DISMISSED,
                             CaseState.REFERRED})


class CaseOrigin(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    OWN_MOTION = "own_motion", _("Board's own motion")
    IA_REVIEW = "ia_review", _("Review of an internal-affairs investigation")


class Priority(models.IntegerChoices):
    NORMAL = 1, _("Normal")
    HIGH = 2, _("High")


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

    # Added after the first release: origin details, priority, deadlines, the IA review.
    priority = models.PositiveSmallIntegerField(choices=Priority, default=Priority.NORMAL,
                                                db_index=True)
    origin_details = EncryptedTextField(
        blank=True, help_text=_("What prompted an own-motion case or an internal-affairs review."))
    ia_reference = models.CharField(max_length=60, blank=True)
    ia_finding = models.CharField(max_length=30, choices=Finding, blank=True)
    is_appeal = models.BooleanField(default=False)
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="supervised_cases")
    received_on = models.DateField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    letter_sent_at = models.DateTimeField(null=True, blank=True)
    investigation_plan = EncryptedTextField(blank=True)
    overdue_notices_sent = models.PositiveSmallIntegerField(
        default=0, help_text=_("How many 6-monthly 'still open' notices the complainant has had."))

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["assigned_to", "state"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state not in FINISHED_STATES


class Allegation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    unidentified_description = models.CharField(max_length=300, blank=True)
    category = models.ForeignKey(AllegationCategory, on_delete=models.PROTECT, related_name="+")
    force_level = models.PositiveSmallIntegerField(choices=ForceLevel, null=True, blank=True)
    prohibited_restraint = models.BooleanField(default=False)
    recommended_finding = models.CharField(max_length=30, choices=Finding, blank=True)
    recommendation_reasoning = EncryptedTextField(
        blank=True, help_text=_("The investigator's reasoning for the recommended finding."))
    finding = models.CharField(max_length=30, choices=Finding, blank=True)
    discipline_recommended = models.CharField(max_length=30, choices=Discipline, blank=True)
    discipline_imposed = models.CharField(max_length=30, choices=Discipline, blank=True)
    suspension_days_recommended = models.PositiveSmallIntegerField(null=True, blank=True)
    suspension_days_imposed = models.PositiveSmallIntegerField(null=True, blank=True)
    discipline_imposed_reason = models.TextField(
        blank=True, help_text=_("The department's stated reason where it differs from the board."))
    discipline_imposed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discipline_recommended=Discipline.SUSPENSION)
                | models.Q(suspension_days_recommended__isnull=True),
                name="allegation_days_only_for_recommended_suspension",
            ),
            models.CheckConstraint(
                condition=models.Q(officer__isnull=False) | ~models.Q(unidentified_description=""),
                name="allegation_names_officer_or_describes_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} — {self.officer or self.unidentified_description}"
