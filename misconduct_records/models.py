import secrets

from django.db import models
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from portal.model_fields import QuickChoiceLabels

from .vocabulary import (
    CaseStatus,
    DatePrecision,
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
    files = models.CharField(max_length=500, blank=True, help_text="The file or files imported.")
    licence = models.CharField(max_length=200, blank=True)
    licence_url = models.URLField(blank=True)
    citation = models.CharField(max_length=300, blank=True,
                                help_text="The credit line shown wherever the data is used.")
    retrieved_on = models.DateField(null=True, blank=True)
    data_current_through = models.DateField(null=True, blank=True)
    is_this_board = models.BooleanField(default=False)
    coverage = models.TextField(blank=True)
    exclusions = models.TextField(blank=True, help_text="Known gaps and exclusions of the source.")
    caution = models.TextField(blank=True, help_text="The publisher's words of caution on using the figures.")

    def __str__(self) -> str:
        return self.name


class AgencyQuerySet(models.QuerySet):
    def with_officers(self):
        """Agencies with officers on the record: the ones worth offering as a filter.

        Incident-level data sets (fatal force) name thousands of agencies with none. An
        uncorrelated sub-query reads the officers once; a correlated EXISTS per agency was
        planned as a scan of all officers for each agency (84 s on the Chicago data).
        """
        return self.filter(pk__in=Officer.objects.order_by().values("agency_id"))


class Agency(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    kind = models.CharField(max_length=40, blank=True,
                            help_text="The kind of agency as its source names it (e.g. local_police, sheriff).")
    ori_codes = models.TextField(blank=True,
                                 help_text="FBI/DOJ ORI codes, separated by ';'.")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    source_row = models.CharField(max_length=100, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "agencies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CodedQuerySet(models.QuerySet):
    def in_natural_order(self):
        """By agency, then code as people count: 1, 2, 10, 100 (not 1, 10, 100, 2). Commands
        and districts are named by their codes; a mapping gives them labels from a lookup."""
        return self.order_by("agency__name", Length("code"), "code")


class District(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=100)

    objects = CodedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="district_unique_code"),
        ]

    def __str__(self) -> str:
        return self.label(self.code, self.name)

    @staticmethod
    def label(code: str, name: str) -> str:
        """How a district is named on the pages (lists read code and name, not the row)."""
        return f"{code} {name}"


class Command(models.Model):
    """A unit, command or bureau of an agency (districts are their own model)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="commands")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200, blank=True)

    objects = CodedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="command_unique_code"),
        ]

    def __str__(self) -> str:
        return self.label(self.code, self.name)

    @staticmethod
    def label(code: str, name: str) -> str:
        """How a command is named on the pages (lists read code and name, not the row)."""
        return name or code


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


class Officer(QuickChoiceLabels, models.Model):
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    badge_number = models.CharField(max_length=30, blank=True, db_index=True)
    rank = models.CharField(max_length=60, blank=True)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="officers",
    )
    middle_name = models.CharField(max_length=100, blank=True)
    suffix = models.CharField(max_length=20, blank=True)
    command = models.ForeignKey(Command, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="officers")
    # Demographics exactly as the department published them.
    race = models.CharField(max_length=60, blank=True)
    gender = models.CharField(max_length=30, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    is_active = models.BooleanField(null=True, blank=True)
    appointed_on = models.DateField(null=True, blank=True)
    separated_on = models.DateField(null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    source_row = models.CharField(max_length=100, blank=True,
                                  help_text="The row's key in its source (e.g. an officer UID).")
    # Kept by services.officer_counts_refresh (after every publish and import) so that lists can
    # sort and compare officers without aggregating the whole allegation table on each request.
    allegation_total = models.PositiveIntegerField(default=0, editable=False)
    sustained_total = models.PositiveIntegerField(default=0, editable=False)
    # Every part of the name without accents or punctuation (names.officer_search_name), kept by
    # services.officer_search_names_refresh and by whoever creates officers; search reads it.
    search_name = models.CharField(max_length=300, blank=True, default="", editable=False)

    objects = OfficerQuerySet.as_manager()
    # Not a column: set on the officers selectors.officer_co_accused returns.
    shared_cases: int

    class Meta:
        # The id breaks ties, so that a page of the list never repeats or skips an officer; each
        # order a list offers reads one of these indexes (selectors.OFFICER_SORTS).
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="officer_name_order"),
            models.Index(fields=["agency", "allegation_total"]),
            models.Index(fields=["-allegation_total", "last_name", "first_name", "id"],
                         name="officer_most_allegations"),
            models.Index(fields=["-sustained_total", "last_name", "first_name", "id"],
                         name="officer_most_sustained"),
            models.Index(fields=["badge_number", "id"], name="officer_badge_order"),
            models.Index(fields=["source", "source_row"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class OfficerIdentifier(QuickChoiceLabels, models.Model):
    """A badge/star (which changes on promotion), employee number, certification or source id."""

    class Kind(models.TextChoices):
        BADGE = "badge", _("Badge or star number")
        EMPLOYEE_NUMBER = "employee_number", _("Employee number")
        CERTIFICATION = "certification", _("State certification number")
        SOURCE_ID = "source_id", _("Identifier in a data source")

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=20, choices=Kind)
    value = models.CharField(max_length=60)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]
        constraints = [
            models.UniqueConstraint(fields=["officer", "kind", "value", "source"],
                                    name="officer_identifier_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class OfficerAlias(models.Model):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="aliases")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        verbose_name_plural = "officer aliases"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Assignment(QuickChoiceLabels, models.Model):
    """Where and at what rank an officer served, and when."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="assignments")
    command = models.ForeignKey(Command, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="assignments")
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="assignments")
    rank = models.CharField(max_length=60, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    source_row = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["officer", "-started_on"]
        indexes = [
            models.Index(fields=["officer", "started_on"]),
            models.Index(fields=["source", "source_row"]),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id}: {self.command or self.district} from {self.started_on}"


class PublicCase(QuickChoiceLabels, models.Model):
    """A case as the public sees it: dates, place, status, and the staff-written summary only."""

    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="cases")
    received_on = models.DateField(null=True, blank=True)
    incident_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # How much of each date the source published (blank: the day, as for this board's cases).
    received_on_precision = models.CharField(max_length=5, choices=DatePrecision, blank=True)
    incident_on_precision = models.CharField(max_length=5, choices=DatePrecision, blank=True)
    status = models.CharField(max_length=30, choices=CaseStatus, default=CaseStatus.RECEIVED)
    public_summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    source_row = models.CharField(max_length=100, blank=True,
                                  help_text="The case's key in its source (e.g. a CR number).")

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["source", "source_row"]),
                   models.Index(fields=["received_on", "id"]),
                   models.Index(fields=["closed_on", "id"], name="case_closed")]  # reports' periods

    def __str__(self) -> str:
        return self.public_id


class ComplaintsReceived(models.Model):
    """How many complaints were received in a month, per agency and district.

    Complaints are public as counts from the day they arrive; a public case row appears only
    when the board opens a case, so no row stands for one resident's complaint before that.
    """

    month = models.DateField(help_text="The month the complaints were received (its first day).")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", help_text="The district, where the resident gave one.")
    count = models.PositiveIntegerField(default=0, help_text="Complaints received, anonymous ones included.")

    class Meta:
        ordering = ["-month", "agency", "district"]
        verbose_name_plural = "complaints received"
        constraints = [
            models.UniqueConstraint(fields=["month", "agency", "district"], name="complaints_received_unique",
                                    condition=models.Q(district__isnull=False)),
            models.UniqueConstraint(fields=["month", "agency"], name="complaints_received_unique_no_district",
                                    condition=models.Q(district__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.agency_id}/{self.district_id}: {self.count}"


class PublicCaseEvent(models.Model):
    """One public step of a case's progress, for the timeline residents and the public see."""

    case = models.ForeignKey(PublicCase, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=30, choices=CaseStatus)
    happened_at = models.DateTimeField()

    class Meta:
        ordering = ["happened_at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.happened_at:%Y-%m-%d}"


CASE_DATE_COPIES = {"received_on": "case_received_on", "incident_on": "case_incident_on",
                    "closed_on": "case_closed_on"}  # a case's date -> its copy on each allegation
# Every column of a case copied onto its allegations: its dates and its district.
CASE_COPIES = {**CASE_DATE_COPIES, "district_id": "case_district_id"}


def case_dates_differ_sql(vendor: str) -> str:
    """SQL true where an allegation `a` does not carry the dates and the district of its case `c`
    (NULLs equal)."""
    distinct = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"a.{copy} {distinct} c.{column}" for column, copy in CASE_COPIES.items())


class PublicAllegation(QuickChoiceLabels, models.Model):
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
    suspension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    discipline_reason = models.TextField(
        blank=True, help_text="The department's stated reason where imposed differs from recommended.")
    # The officer's rank and command when the incident happened, fixed when the row is written
    # so that a history table needs no per-row look-ups.
    rank_at_incident = models.CharField(max_length=60, blank=True)
    command_at_incident = models.ForeignKey(Command, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    # What the source said, before mapping onto the canonical values above.
    category_raw = models.CharField(max_length=200, blank=True)
    finding_raw = models.CharField(max_length=60, blank=True)
    recommended_finding_raw = models.CharField(max_length=60, blank=True)
    discipline_raw = models.CharField(max_length=200, blank=True)
    discipline_recommended_raw = models.CharField(max_length=200, blank=True)
    vocabulary_version = models.CharField(max_length=40, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    source_row = models.CharField(max_length=100, blank=True)
    # Copies of the case's dates (and district, below), so that the lists sort and filter on an index of this table
    # instead of joining a million cases and sorting them. Every write of a case's dates or of
    # allegations keeps them equal to the case's (services.allegation_case_dates_refresh); the
    # case is the record, these are never shown or corrected on their own.
    case_received_on = models.DateField(null=True, blank=True, editable=False)
    case_incident_on = models.DateField(null=True, blank=True, editable=False)
    case_closed_on = models.DateField(null=True, blank=True, editable=False)
    # The case's district, copied for the same reason: the district filter of the lists and the
    # district pages read an index of this table instead of joining every allegation to its case.
    case_district = models.ForeignKey(District, null=True, blank=True, editable=False,
                                      on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        ordering = ["case", "id"]
        indexes = [
            models.Index(fields=["officer", "finding"]),
            models.Index(fields=["category", "finding"]),
            models.Index(fields=["source", "source_row"]),
            # An officer's history, newest first (selectors.officer_history).
            models.Index(fields=["officer", "-case_incident_on", "-case_received_on", "-id"],
                         name="allegation_officer_history"),
            # The allegations list, newest first, and its year and received-range filters.
            models.Index(fields=["-case_received_on", "-id"], name="allegation_received"),
            # Sorted by incident date (either way: an index is read in both directions).
            models.Index(fields=["-case_incident_on", "-id"], name="allegation_incident"),
            # The finding filter, newest first (the commonest filter, and the reports' links').
            models.Index(fields=["finding", "-case_received_on", "-id"], name="allegation_finding"),
            # The closed-range filter of the reports' links: the range's rows, read from the
            # index alone, then sorted (filters.AllegationFilter.filter_queryset).
            models.Index(fields=["case_closed_on", "case_received_on", "id"], name="allegation_closed"),
            # The district filter and the district pages, newest first.
            models.Index(fields=["case_district", "-case_received_on", "-id"], name="allegation_district"),
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.get_finding_display() or _('pending')})"


class DecertificationReferral(QuickChoiceLabels, models.Model):
    """A referral of an officer to the state certification body, shown publicly."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("Referred")
        DECERTIFIED = "decertified", _("Decertified")
        SUSPENDED = "suspended", _("Certification suspended")
        RETRAINING = "retraining", _("Retraining ordered")
        DECLINED = "declined", _("Declined")

    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="referrals")
    case = models.ForeignKey(PublicCase, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    referred_on = models.DateField()
    reason = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status, default=Status.REFERRED)
    certifying_body = models.CharField(max_length=200, blank=True,
                                       help_text=_("The state body the officer was referred to."))
    acknowledged_on = models.DateField(null=True, blank=True,
                                       help_text=_("When the certification body acknowledged it."))
    decided_on = models.DateField(null=True, blank=True,
                                  help_text=_("When the certification body decided."))

    def __str__(self) -> str:
        return f"{self.officer_id} {self.status} {self.referred_on}"


class Correction(models.Model):
    """A revision of a public row: what changed and when; listed on the public corrections log."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=40)
    corrected_at = models.DateTimeField(db_index=True)
    changes = models.JSONField(help_text="{field: [old, new]}")
    note = models.TextField(blank=True, help_text="Why the row was corrected.")
    evidence = models.CharField(max_length=300, blank=True,
                                help_text="The document, letter or link that shows the new value.")

    # The public case the corrected row belongs to, and the officer, so pages can list their
    # corrections with one indexed query.
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="corrections")
    case = models.ForeignKey(PublicCase, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="corrections")
    revision = models.PositiveIntegerField(default=1, help_text="1 for a row's first correction.")

    class Meta:
        ordering = ["-corrected_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} at {self.corrected_at:%Y-%m-%d}"


class ImportRun(models.Model):
    """One run of the importer over a source: counts and the bad rows it reported."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="import_runs")
    mapping = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    counts = models.JSONField(default=dict, help_text="{table: {created, updated, unchanged}}")
    rejected_rows = models.JSONField(default=list, help_text="[{file, line, reason}]")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.mapping} at {self.started_at:%Y-%m-%d %H:%M}"


from .fatal_force import FatalForceIncident  # noqa: E402,F401  (registered with this app)
from .settlements import Settlement, SettlementOfficer  # noqa: E402,F401
