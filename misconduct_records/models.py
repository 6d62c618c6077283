import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from .vocabulary import (
    CaseStatus,
    Discipline,
    EightCantWait,
    Family,
    Finding,
    ForceLevel,
)

_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no look-alike characters


def new_public_id() -> str:
    """An opaque, stable identifier for URLs: it says nothing about order or volume."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))


class Source(models.Model):
    """Where a row of the record came from: this board, or a published data set."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True)
    licence = models.CharField(max_length=200, blank=True)
    retrieved_on = models.DateField(null=True, blank=True)
    is_this_board = models.BooleanField(default=False)
    coverage = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)

    class Meta:
        verbose_name_plural = "agencies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="district_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AllegationCategory(models.Model):
    """One category of the taxonomy; data, seeded by a migration, editable per city."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    family = models.CharField(max_length=30, choices=Family)
    description = models.TextField(blank=True)
    eight_cant_wait = models.CharField(max_length=30, choices=EightCantWait, blank=True)
    is_prohibited_restraint = models.BooleanField(default=False)
    uses_force_level = models.BooleanField(default=False)

    class Meta:
        ordering = ["family", "name"]
        verbose_name_plural = "allegation categories"

    def __str__(self) -> str:
        return self.name


class OfficerQuerySet(models.QuerySet):
    def with_allegation_counts(self):
        return self.annotate(
            allegation_count=models.Count("allegations", distinct=True),
            sustained_count=models.Count(
                "allegations", filter=models.Q(allegations__finding=Finding.SUSTAINED),
                distinct=True,
            ),
        )


class Officer(models.Model):
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    badge_number = models.CharField(max_length=30, blank=True, db_index=True)
    rank = models.CharField(max_length=60, blank=True)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="officers",
    )
    appointed_on = models.DateField(null=True, blank=True)
    separated_on = models.DateField(null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PublicCase(models.Model):
    """A case as the public sees it: dates, place, status, and the staff-written summary only."""

    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="cases")
    received_on = models.DateField(null=True, blank=True)
    incident_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=30, choices=CaseStatus, default=CaseStatus.RECEIVED)
    public_summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.public_id


class PublicCaseEvent(models.Model):
    """One public step of a case's progress, for the timeline residents and the public see."""

    case = models.ForeignKey(PublicCase, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=30, choices=CaseStatus)
    happened_at = models.DateTimeField()

    class Meta:
        ordering = ["happened_at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.happened_at:%Y-%m-%d}"


class PublicAllegation(models.Model):
    case = models.ForeignKey(PublicCase, on_delete=models.CASCADE, related_name="allegations")
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="allegations")
    category = models.ForeignKey(AllegationCategory, on_delete=models.PROTECT, related_name="+")
    force_level = models.PositiveSmallIntegerField(choices=ForceLevel, null=True, blank=True)
    prohibited_restraint = models.BooleanField(default=False)
    recommended_finding = models.CharField(max_length=30, choices=Finding, blank=True)
    finding = models.CharField(max_length=30, choices=Finding, blank=True)
    discipline_recommended = models.CharField(max_length=30, choices=Discipline, blank=True)
    discipline_imposed = models.CharField(max_length=30, choices=Discipline, blank=True)
    discipline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "id"]
        indexes = [models.Index(fields=["officer", "finding"])]

    def __str__(self) -> str:
        return f"{self.category} ({self.get_finding_display() or _('pending')})"
