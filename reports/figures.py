"""Every figure of a report or of the statistics page, counted from the public record.

A figure is a cell: a measure with dimensions, e.g. allegations received in the period in the
family "force", keyed `["allegations_received", {"family": "force"}]`. The same key means the
same number in every table, which is what keeps suppression consistent. The definitions are
written out in README.md ("Recomputing a report") and recomputed from the open-data CSV files
by scripts/recompute_report.py, which shares no code with this module.
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum

from misconduct_records.models import (
    ComplaintsReceived,
    DecertificationReferral,
    PublicAllegation,
    PublicCase,
    PublicCaseEvent,
    Settlement,
)
from misconduct_records.vocabulary import DatePrecision, Finding

from .periods import Period

NONE = "none"  # the dimension value of an empty field (no district, no finding yet)
ANY = "any"
PREVIOUS = "previous"
# Figures shown against the previous period.
HEADLINE = ["complaints_received", "cases_received", "cases_closed", "allegations_received", "sustained", "deviations"]
# Settlements paid, against the previous period; the money is in whole cents.
SETTLEMENTS = ["settlements", "settlements_paid_cents"]
MONEY = "settlements_paid_cents"
# The open-data tables the figures are counted from: a report's snapshot holds at least these, as
# CSV, which is what scripts/recompute_report.py reads.
SNAPSHOT_TABLES = ["sources", "cases", "case_events", "allegations", "complaints_received", "officers",
                   "settlements", "decertification_referrals"]


def cell(measure: str, **dims) -> str:
    return json.dumps([measure, {k: str(v) for k, v in dims.items()}], sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


# Not a published figure: whether the scope has any settlement in the record (shows the table).
SETTLEMENTS_IN_RECORD = cell("settlements_in_record")


def cell_parts(key: str) -> tuple[str, dict]:
    measure, dims = json.loads(key)
    return measure, dims


@dataclass(frozen=True)
class Scope:
    """Whose cases: this body's own (`own`), one agency's, or all; optionally narrowed."""

    own: bool = False
    agency: str = ""  # an agency slug
    district: str = ""  # a district code (statistics page)
    category: str = ""  # a category code (statistics page)

    def as_dict(self) -> dict:
        return {"own": self.own, "agency": self.agency, "complaints_agency": self.complaints_agency}

    @property
    def complaints_agency(self) -> str:
        """Whose complaint counts: this body's agency for its own cases ('' for all)."""
        return settings.PORTAL["HOME_AGENCY_SLUG"] if self.own else self.agency

    def complaints(self):
        """Monthly counts of complaints received (none when narrowed to a category)."""
        counts = ComplaintsReceived.objects.all()
        if self.category:
            return counts.none()
        if self.complaints_agency:
            counts = counts.filter(agency__slug=self.complaints_agency)
        if self.district:
            counts = counts.filter(district__code=self.district)
        return counts

    def settlements(self):
        """The settlements of the scope's agency (all agencies' when it has none); a settlement
        has no district nor category, so a narrowed scope has none."""
        if self.district or self.category:
            return Settlement.objects.none()
        rows = Settlement.objects.all()
        return rows.filter(agency__slug=self.complaints_agency) if self.complaints_agency else rows

    def cases(self):
        cases = PublicCase.objects.all()
        if self.own:
            cases = cases.filter(source__is_this_board=True)
        if self.agency:
            cases = cases.filter(agency__slug=self.agency)
        if self.district:
            cases = cases.filter(district__code=self.district)
        if self.category:
            cases = cases.filter(pk__in=PublicAllegation.objects.filter(
                category__code=self.category).values("case_id"))
        return cases

    def allegations(self):
        allegations = PublicAllegation.objects.filter(case__in=self.cases())
        if self.category:
            allegations = allegations.filter(category__code=self.category)
        return allegations


def age_band(days: int, bounds: list[int]) -> str:
    """'0-90', '91-180', …, '366+' for bounds [90, 180, 365]."""
    low = 0
    for bound in bounds:
        if days <= bound:
            return f"{low}-{bound}"
        low = bound + 1
    return f"{low}+"


def age_bands(bounds: list[int]) -> list[str]:
    return [age_band(b, bounds) for b in bounds] + [f"{bounds[-1] + 1}+"]


def nearest_rank(sorted_values: list[int], percent: int) -> int:
    """The nearest-rank percentile: the smallest value with `percent`% of values at or below."""
    rank = -(-percent * len(sorted_values) // 100)  # ceiling
    return sorted_values[max(rank, 1) - 1]


def compute(*, scope: Scope, period: Period, bounds: list[int]) -> tuple[Counter, dict]:
    """(counts by cell key, statistics by key) for one period."""
    counts: Counter = Counter()
    stats: dict = {}
    _complaints_received(counts, scope.complaints().filter(month__range=(period.start, period.end)))
    cases = scope.cases()
    _cases_received(counts, cases.filter(received_on__range=(period.start, period.end)))
    counts[cell("cases_closed")] = cases.filter(closed_on__range=(period.start, period.end)).count()
    _open_cases(counts, cases, period.end, bounds)
    _decision_time(counts, stats, cases.filter(closed_on__range=(period.start, period.end),
                                               received_on__isnull=False), bounds)
    # By the case's dates as each allegation carries them (the same as its case's, kept so by
    # every write: misconduct_records.services.allegation_case_dates_refresh), on their index.
    allegations = scope.allegations()
    _allegations_received(counts, allegations.filter(case_received_on__range=(period.start, period.end)))
    closed = allegations.filter(case_closed_on__range=(period.start, period.end))
    _findings(counts, closed)
    _discipline(counts, closed.filter(finding=Finding.SUSTAINED))
    _referrals(counts, scope, cases, period)
    _settlements(counts, scope.settlements(), period)
    return counts, stats


def _cases_received(counts: Counter, cases) -> None:
    for row in cases.values("district__code").annotate(n=Count("id")).order_by():
        counts[cell("cases_received", district=row["district__code"] or NONE)] += row["n"]
        counts[cell("cases_received")] += row["n"]


def _complaints_received(counts: Counter, months) -> None:
    """Complaints received in the months that start within the period (public as counts)."""
    for row in months.values("district__code").annotate(n=Sum("count")).order_by():
        counts[cell("complaints_received", district=row["district__code"] or NONE)] += row["n"]
        counts[cell("complaints_received")] += row["n"]
    counts[cell("complaints_received")] += 0


def _open_cases(counts: Counter, cases, end: datetime.date, bounds: list[int]) -> None:
    """Cases received by the end of the period and not closed by then, by their state then and
    their age in days. The state is the last public step dated (UTC) on or before the end; a
    case whose steps all came later was "received"; a case without steps (imported) keeps its
    status."""
    last_step = (PublicCaseEvent.objects.filter(case=OuterRef("pk"), happened_at__date__lte=end)
                 .order_by("-happened_at", "-id").values("status")[:1])
    rows = (cases.filter(received_on__lte=end).exclude(closed_on__lte=end)
            .annotate(step=Subquery(last_step),
                      steps=Exists(PublicCaseEvent.objects.filter(case=OuterRef("pk"))))
            .values("step", "steps", "status", "received_on").annotate(n=Count("id")).order_by())
    for row in rows:
        state = row["step"] or ("received" if row["steps"] else row["status"])
        age = age_band((end - row["received_on"]).days, bounds)
        for key in (cell("open_cases", state=state, age=age), cell("open_cases", state=state),
                    cell("open_cases", age=age), cell("open_cases")):
            counts[key] += row["n"]


def _decision_time(counts: Counter, stats: dict, cases, bounds: list[int]) -> None:
    # Unordered: sorted here. (The cases' default order would make PostgreSQL walk the received_on
    # index of every case to serve the cursor .iterator() opens.)
    days = sorted((closed - received).days for received, closed in
                  cases.order_by().values_list("received_on", "closed_on").iterator())
    for value in days:
        counts[cell("decision_days", band=age_band(value, bounds))] += 1
    counts[cell("decision_days")] = len(days)
    if days:
        stats[cell("decision_days_median")] = nearest_rank(days, 50)
        stats[cell("decision_days_p90")] = nearest_rank(days, 90)


def _allegations_received(counts: Counter, allegations) -> None:
    rows = (allegations.values("category__code", "category__family", "case__district__code",
                               "force_level", "prohibited_restraint")
            .annotate(n=Count("id")).order_by())
    for row in rows:
        n = row["n"]
        counts[cell("allegations_received")] += n
        counts[cell("allegations_received", family=row["category__family"])] += n
        counts[cell("allegations_received", family=row["category__family"],
                    category=row["category__code"])] += n
        counts[cell("allegations_received", district=row["case__district__code"] or NONE)] += n
        if row["force_level"]:
            counts[cell("allegations_received", force_level=row["force_level"])] += n
            counts[cell("allegations_received", force_level=ANY)] += n
        if row["prohibited_restraint"]:
            counts[cell("allegations_received", prohibited_restraint="true")] += n


def _findings(counts: Counter, allegations) -> None:
    rows = allegations.values("category__code", "finding").annotate(n=Count("id")).order_by()
    for row in rows:
        finding = row["finding"] or NONE
        for key in (cell("findings", category=row["category__code"], finding=finding),
                    cell("findings", category=row["category__code"]),
                    cell("findings", finding=finding), cell("findings")):
            counts[key] += row["n"]


def _discipline(counts: Counter, sustained) -> None:
    rows = (sustained.values("discipline_recommended", "discipline_imposed")
            .annotate(n=Count("id")).order_by())
    for row in rows:
        recommended, imposed = row["discipline_recommended"] or NONE, row["discipline_imposed"] or NONE
        for key in (cell("discipline", recommended=recommended, imposed=imposed),
                    cell("discipline", recommended=recommended), cell("discipline", imposed=imposed),
                    cell("discipline")):
            counts[key] += row["n"]
    deviated = (sustained.exclude(discipline_recommended="").exclude(discipline_imposed="")
                .exclude(discipline_imposed=F("discipline_recommended")))
    for row in deviated.values("discipline_reason").annotate(n=Count("id")).order_by():
        reason = row["discipline_reason"].strip() or NONE
        counts[cell("deviations", reason=reason)] += row["n"]
        counts[cell("deviations")] += row["n"]


def _referrals(counts: Counter, scope: Scope, cases, period: Period) -> None:
    referrals = DecertificationReferral.objects.filter(referred_on__range=(period.start, period.end))
    in_scope = Q(case__in=cases)
    if scope.agency:
        in_scope |= Q(case__isnull=True, officer__agency__slug=scope.agency)
    for row in referrals.filter(in_scope).values("status").annotate(n=Count("id")).order_by():
        counts[cell("referrals", status=row["status"])] += row["n"]
        counts[cell("referrals")] += row["n"]


def settlement_in_period(closed_on, precision: str, year: int | None, period: Period) -> bool:
    """Dated by its closing date when the city gave the day or month; else by the year the
    publisher assigned (or of the closing date), when that whole year lies within the period."""
    if closed_on and precision != DatePrecision.YEAR:
        return period.start <= closed_on <= period.end
    year = year or (closed_on.year if closed_on else None)
    if not year:
        return False
    return period.start <= datetime.date(year, 1, 1) and datetime.date(year, 12, 31) <= period.end


def _settlements(counts: Counter, settlements, period: Period) -> None:
    """Settlements in the period and what they cost (the published total, else the award plus
    other costs; a settlement without an amount is counted and adds nothing)."""
    counts[SETTLEMENTS_IN_RECORD] = int(settlements.exists())
    counts[cell("settlements")] += 0
    counts[cell(MONEY)] += 0
    rows = settlements.values_list("closed_on", "closed_on_precision", "year", "total_incurred_cents",
                                   "amount_awarded_cents", "other_expenses_cents")
    for closed_on, precision, year, total, awarded, other in rows.iterator():
        if settlement_in_period(closed_on, precision, year, period):
            counts[cell("settlements")] += 1
            paid = total if total is not None else (awarded or 0) + (other or 0)
            counts[cell(MONEY)] += paid


def headline_key(measure: str, *, previous: bool = False) -> str:
    dims = {"period": PREVIOUS} if previous else {}
    if measure == "sustained":
        return cell("findings", finding=Finding.SUSTAINED.value, **dims)
    return cell(measure, **dims)


def compute_with_previous(*, scope: Scope, period: Period, bounds: list[int]) -> tuple[Counter, dict]:
    """The period's figures plus the headline figures of the period before it."""
    counts, stats = compute(scope=scope, period=period, bounds=bounds)
    before, _ = compute(scope=scope, period=period.previous(), bounds=bounds)
    for measure in HEADLINE + SETTLEMENTS:
        counts[headline_key(measure, previous=True)] = before[headline_key(measure)]
    return counts, stats
