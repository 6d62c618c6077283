"""Reads of the public record. Every function costs a fixed number of queries, whatever the size.

Every allegation in the ledger is public by construction: rows enter only through the publish
service (with the decided case) or an import of a published data set.
"""

import datetime
import functools
import operator

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    ForeignKey,
    Max,
    Min,
    Model,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils import timezone

from portal.model_fields import concrete_field

from .models import (
    Agency,
    AllegationCategory,
    Assignment,
    Command,
    ComplaintsReceived,
    Correction,
    DecertificationReferral,
    District,
    Officer,
    OfficerAlias,
    OfficerIdentifier,
    PublicAllegation,
    PublicCase,
    Settlement,
    SettlementOfficer,
    Source,
    case_dates_differ_sql,
)
from .names import name_normalise
from .page_cache import version_cached, version_caching, version_memo
from .vocabulary import Discipline, Family, Finding

CO_ACCUSED_LIMIT = 25
CORRECTIONS_LIMIT = 50
RECEIVED_MONTHS = 12


def complaints_received_since() -> datetime.date:
    """The first day of the month RECEIVED_MONTHS - 1 months ago (this month included)."""
    today = timezone.localdate()
    months = today.year * 12 + today.month - 1 - (RECEIVED_MONTHS - 1)
    return datetime.date(months // 12, months % 12 + 1, 1)


def complaints_received_recent() -> dict:
    """Complaints received in the last months: totals per month and per district."""
    recent = ComplaintsReceived.objects.filter(month__gte=complaints_received_since())
    return {
        "by_month": list(recent.values("month").annotate(total=Sum("count")).order_by("-month")),
        "by_district": dict(recent.values_list("district_id").annotate(total=Sum("count"))),
    }


def officers_public():
    return Officer.objects.select_related("agency", "district", "command")


# The orders an officer list offers (the `sort` of the page and of the API), each ending in the
# id so that pages never overlap, and each read from an index of Officer.
OFFICER_ORDER = ("last_name", "first_name", "id")
OFFICER_SORTS = {
    "name": OFFICER_ORDER,
    "-name": ("-last_name", "-first_name", "-id"),
    "allegations": ("allegation_total", *OFFICER_ORDER),
    "-allegations": ("-allegation_total", *OFFICER_ORDER),
    "sustained": ("sustained_total", *OFFICER_ORDER),
    "-sustained": ("-sustained_total", *OFFICER_ORDER),
    "badge": ("badge_number", "id"),
    "-badge": ("-badge_number", "-id"),
}
# A name search: best matches first (officer_search's `relevance`), then by name.
OFFICER_SEARCH_ORDER = ("-relevance", *OFFICER_ORDER)

MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 4


def officer_search(queryset=None, *, query: str):
    """Officers whose badge or identifier (a query with a digit) or name matches `query`.

    The one name search of the site (the officers page, the API, the complaint form). Names are
    compared in their normalised form (names.name_normalise), word by word in any order, so
    "Alvarez, Brian", "brian álvarez" and "Obrien" find their officer. On PostgreSQL words are
    matched by trigram word similarity (`%>`), which forgives small typos and prefixes and is
    served by the GIN index on `search_name`, best matches first (OFFICER_SEARCH_ORDER); SQLite
    (laptops, tests) needs every word as a substring and forgives no typo.
    """
    queryset = officers_public() if queryset is None else queryset
    query = " ".join(query.split()[:MAX_QUERY_WORDS])[:MAX_QUERY_LENGTH]
    if any(ch.isdigit() for ch in query):
        identifiers = OfficerIdentifier.objects.filter(value=query).values("officer_id")
        return queryset.filter(Q(badge_number=query) | Q(pk__in=identifiers))
    words = name_normalise(query).split()[:MAX_QUERY_WORDS]
    if not words:
        return queryset
    if connection.vendor != "postgresql":
        for word in words:
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    from django.contrib.postgres.search import TrigramWordSimilarity

    # Any word may match (a mistyped first name must not hide the right last name); officers
    # matching more words, more closely, come first. The score is a double precision number,
    # so that the API's cursor can carry it and compare it exactly.
    matches = Q()
    scores: list[Expression] = []
    for word in words:
        matches |= Q(search_name__trigram_word_similar=word)
        scores.append(Cast(TrigramWordSimilarity(word, "search_name"), FloatField()))
    score = functools.reduce(operator.add, scores)
    return queryset.filter(matches).annotate(relevance=score).order_by(*OFFICER_SEARCH_ORDER)


def officer_search_ranks(queryset) -> bool:
    """Whether `queryset` is a name search that ranks its matches (by `relevance`): all of them
    are read and ordered, whatever the page."""
    return "relevance" in queryset.query.annotations


def officer_get_public(*, public_id: str) -> Officer | None:
    """One officer of the public record by its public id, or None."""
    return officers_public().filter(public_id=public_id[:12]).first() if public_id else None


def allegations_public():
    """Allegations with their case and officer, in one query; give the rows read their small
    look-up rows with allegations_named.

    The small look-up tables are not joined: joined all together, seven tables cost PostgreSQL
    more to plan (75 ms at a million allegations) than to run (15 ms).
    """
    return PublicAllegation.objects.select_related("case", "officer")


LOOKUP_TABLES: dict[str, type[Model]] = {"category": AllegationCategory, "agency": Agency, "district": District,
                                         "command": Command, "source": Source}


def record_lookups() -> dict[str, dict]:
    """The small tables an allegation row names ({table: {id: row}}, LOOKUP_TABLES), read once
    per record version in each process (five queries, then none until the record changes)."""
    return version_memo("record-lookups", lambda: {
        table: model._default_manager.in_bulk() for table, model in LOOKUP_TABLES.items()})


_ALLEGATION_LOOKUPS = (("category", "category"), ("command_at_incident", "command"), ("source", "source"))
_CASE_LOOKUPS = (("district", "district"), ("agency", "agency"))


def _relation(model: type[Model], name: str) -> ForeignKey:
    field = model._meta.get_field(name)
    assert isinstance(field, ForeignKey), f"{model.__name__}.{name} is no foreign key"
    return field


def _looked_up(table: str, keys) -> dict:
    """The rows of the small table `table` (LOOKUP_TABLES) with these ids, from record_lookups;
    read alone when nothing can be kept per record version."""
    keys, manager = set(keys) - {None}, LOOKUP_TABLES[table]._default_manager
    if not keys:
        return {}
    if not version_caching():
        return manager.in_bulk(keys)
    found = record_lookups()[table]
    if not keys <= found.keys():  # a row added without a new record version
        found.update(manager.in_bulk(keys - found.keys()))
    return {key: found[key] for key in keys}


def _named(model: type[Model], rows: list, relations) -> list:
    """`rows` of `model`, each given the small rows it names (`relations`: (field, table) pairs)
    from record_lookups, as select_related would, without a join."""
    for name, table in relations:
        field = _relation(model, name)
        found = _looked_up(table, (getattr(row, field.attname) for row in rows))
        for row in rows:
            key = getattr(row, field.attname)
            if key is not None:
                field.set_cached_value(row, found[key])
    return rows


def allegations_named(allegations) -> list[PublicAllegation]:
    """The allegations (read with their case), each given its category, command at the time and
    source, and its case's district and agency, from record_lookups: what a prefetch of five
    tables gave, without its five queries per page."""
    allegations = _named(PublicAllegation, list(allegations), _ALLEGATION_LOOKUPS)
    _named(PublicCase, [a.case for a in allegations], _CASE_LOOKUPS)
    return allegations


ALLEGATIONS_NEWEST_FIRST = ("-case_received_on", "-id")
HISTORY_NEWEST_FIRST = ("-case_incident_on", "-case_received_on", "-id")


def allegations_listed():
    """Every allegation, newest received first: the order of the allegations list, which the
    index on the allegations' copies of their cases' dates serves without a sort."""
    return PublicAllegation.objects.order_by(*ALLEGATIONS_NEWEST_FIRST)


def officer_history(*, officer: Officer):
    """Every allegation against an officer, newest incident first, in one query.

    Ordered by the allegations' copies of their cases' dates, so PostgreSQL walks the officer's
    entries of one index (no join, no sort of the officer's thousands of rows).
    """
    return officer_history_rows().filter(officer=officer).order_by(*HISTORY_NEWEST_FIRST)


def officer_history_rows():
    """Allegations with their case, for an officer's history; give the rows read their small
    look-up rows with allegations_named."""
    return PublicAllegation.objects.select_related("case")


def allegations_with_stale_case_dates(*, limit: int = 10) -> list[int]:
    """Ids of allegations whose copies of their case's dates differ from the case's (none, when
    every write path keeps them: the test suite checks this after every test)."""
    allegations, cases = PublicAllegation._meta.db_table, PublicCase._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id FROM {allegations} AS a JOIN {cases} AS c ON c.id = a.case_id "  # noqa: S608  # nosec B608  # model table names
            f"WHERE {case_dates_differ_sql(connection.vendor)} ORDER BY a.id LIMIT %s", [limit])
        return [row[0] for row in cursor.fetchall()]


OFFICER_KINDS = ("category_id", "source_id", "finding", "discipline_recommended", "discipline_imposed",
                 "imposed_raw", "recommended_raw")


def officer_kinds(*, officer: Officer) -> list[tuple]:
    """The officer's allegations counted per kind, in one query: one row per category, source,
    finding, discipline recommended and imposed, and whether the source published them
    (OFFICER_KINDS, then the count). The profile's summary, families and sources are counted
    from these rows: a few dozen, however long the history."""
    return list(PublicAllegation.objects.filter(officer=officer)
                .annotate(imposed_raw=ExpressionWrapper(~Q(discipline_raw=""), output_field=BooleanField()),
                          recommended_raw=ExpressionWrapper(~Q(discipline_recommended_raw=""),
                                                            output_field=BooleanField()))
                .values_list(*OFFICER_KINDS).annotate(n=Count("id")).order_by())


def officer_summary(*, officer: Officer, kinds: list[tuple] | None = None) -> dict:
    """Counts for the profile's summary box: the totals (one query), then the findings and the
    discipline counted from `kinds` (officer_kinds, read when not given). Forty filtered counts
    in one statement cost more to write than to run."""
    row = PublicAllegation.objects.filter(officer=officer).aggregate(
        allegations=Count("id"), cases=Count("case", distinct=True),
        first_received=Min("case_received_on"), last_received=Max("case_received_on"))
    for finding in Finding:
        row[f"finding_{finding.value}"] = 0
    for discipline in Discipline:
        row[f"recommended_{discipline.value}"] = row[f"imposed_{discipline.value}"] = 0
    row.update(imposed_published=0, recommended_published=0, differs=0)
    for _category, _source, finding, recommended, imposed, imposed_raw, recommended_raw, n in (
            officer_kinds(officer=officer) if kinds is None else kinds):
        for key in (f"finding_{finding}", f"recommended_{recommended}", f"imposed_{imposed}"):
            if key in row:
                row[key] += n
        # a source that publishes no imposed (or recommended) discipline at all is "not
        # published", never a column of zeros
        row["imposed_published"] += n if imposed or imposed_raw else 0
        row["recommended_published"] += n if recommended or recommended_raw else 0
        row["differs"] += n if imposed and recommended and imposed != recommended else 0
    row["sustained"] = row[f"finding_{Finding.SUSTAINED.value}"]
    row["findings"] = [(f, row[f"finding_{f.value}"]) for f in Finding if row[f"finding_{f.value}"]]
    row["discipline"] = [(d, row[f"recommended_{d.value}"], row[f"imposed_{d.value}"])
                         for d in Discipline
                         if row[f"recommended_{d.value}"] or row[f"imposed_{d.value}"]]
    return row


def officer_by_family(*, officer: Officer, kinds: list[tuple] | None = None) -> list[dict]:
    """Allegations and sustained allegations per family of the taxonomy, most first, counted
    from `kinds` (officer_kinds, read when not given)."""
    kinds = officer_kinds(officer=officer) if kinds is None else kinds
    categories = _looked_up("category", (kind[0] for kind in kinds))
    counts: dict[str, dict] = {}
    for category, _source, finding, *_discipline, n in kinds:
        family = categories[category].family
        row = counts.setdefault(family, {"category__family": family, "total": 0, "sustained": 0})
        row["total"] += n
        row["sustained"] += n if finding == Finding.SUSTAINED else 0
    labels = dict(Family.choices)
    return [{"family": labels.get(family, family), **row}
            for family, row in sorted(counts.items(), key=lambda item: (-item[1]["total"], item[0]))]


def officer_comparison(*, officer: Officer) -> dict:
    """Where the officer stands in the department: the share of its officers with fewer allegations.

    Method: every officer of the same agency in the record, counting all allegations of every
    source over the whole window the record covers, from the agency's officers counted by their
    number of allegations (one query on a denormalised count, once per record version).
    """
    totals = version_cached(f"agency-allegation-totals:{officer.agency_id}", lambda: list(
        Officer.objects.filter(agency_id=officer.agency_id).values_list("allegation_total")
        .annotate(n=Count("id")).order_by()), language=False)
    row = {"total": sum(n for _, n in totals),
           "fewer": sum(n for value, n in totals if value < officer.allegation_total),
           "with_any": sum(n for value, n in totals if value > 0)}
    # Rounded down, so that "100%" is never said of an officer some colleague matches or exceeds.
    row["share_fewer"] = 100 * row["fewer"] // row["total"] if row["total"] else None
    return row


def officer_co_accused(*, officer: Officer) -> list[Officer]:
    """Officers named in the same cases, most shared cases first, in one indexed query; each is
    an Officer carrying its id, public id, name and `shared_cases`, which is what the profile
    shows of it."""
    cases = PublicAllegation.objects.filter(officer=officer).values("case_id")
    shared = (PublicAllegation.objects.filter(case_id__in=cases, officer__isnull=False)
              .exclude(officer_id=officer.pk)
              .values_list("officer_id", "officer__public_id", "officer__first_name", "officer__last_name")
              .annotate(n=Count("case_id", distinct=True)).order_by("-n", "officer_id")[:CO_ACCUSED_LIMIT])
    others = []
    for pk, public_id, first_name, last_name, n in shared:
        other = Officer(pk=pk, public_id=public_id, first_name=first_name, last_name=last_name)
        other.shared_cases = n
        others.append(other)
    return sorted(others, key=lambda o: (-o.shared_cases, o.last_name, o.pk))


def officer_assignments(*, officer: Officer) -> list[Assignment]:
    """Where the officer served, latest first, each with its command and district
    (record_lookups, not joined)."""
    rows = list(Assignment.objects.filter(officer=officer).order_by("-started_on", "-id"))
    return _named(Assignment, rows, (("command", "command"), ("district", "district")))


OFFICER_PARTS: dict[str, type[Model]] = {
    "identifiers": OfficerIdentifier, "aliases": OfficerAlias, "assignments": Assignment,
    "referrals": DecertificationReferral, "settlements": SettlementOfficer, "corrections": Correction}


def officer_parts(*, officer: Officer) -> set[str]:
    """Which of the profile's optional lists (OFFICER_PARTS) the officer has, in one query:
    most officers have none of most of them, and reading each empty list costs a query."""
    with connection.cursor() as cursor:
        cursor.execute(_officer_parts_sql(), [officer.pk] * len(OFFICER_PARTS))
        present = cursor.fetchone()
    return {name for name, found in zip(OFFICER_PARTS, present, strict=True) if found}


@functools.cache
def _officer_parts_sql() -> str:
    """SELECT EXISTS (a row of the officer's in each table of OFFICER_PARTS), …: written once
    (the ORM would write six subqueries anew for each profile)."""
    quote = connection.ops.quote_name
    tables = [(quote(model._meta.db_table), quote(_relation(model, "officer").column))
              for model in OFFICER_PARTS.values()]
    checks = ", ".join(f"EXISTS (SELECT 1 FROM {table} WHERE {column} = %s)"  # noqa: S608  # nosec B608  # names
                       for table, column in tables)
    return f"SELECT {checks}"


def officer_sources(*, officer: Officer, kinds: list[tuple] | None = None) -> list[Source]:
    """The sources of the officer's row and allegations, for provenance and "current through",
    by name (the allegations' from `kinds`: officer_kinds, read when not given)."""
    kinds = officer_kinds(officer=officer) if kinds is None else kinds
    used = _looked_up("source", [officer.source_id, *(kind[1] for kind in kinds)])
    return sorted(used.values(), key=lambda source: (source.name, source.pk))


def officer_referrals(*, officer: Officer) -> list[DecertificationReferral]:
    return list(DecertificationReferral.objects.filter(officer=officer)
                .select_related("case").order_by("-referred_on"))


def corrections_for(*, officer: Officer | None = None, case: PublicCase | None = None):
    """The latest corrections of an officer's or a case's rows, in one query."""
    corrections = Correction.objects.select_related("content_type")
    if officer is not None:
        corrections = corrections.filter(officer=officer)
    if case is not None:
        corrections = corrections.filter(case=case)
    return list(corrections.order_by("-corrected_at")[:CORRECTIONS_LIMIT])


def correction_lines(correction: Correction) -> list[dict]:
    """What changed, as labelled old → new pairs (choices shown by their labels)."""
    model = ContentType.objects.get_for_id(correction.content_type_id).model_class()
    lines = []
    for field_name, (old, new) in correction.changes.items():
        field = concrete_field(model, field_name) if model else None
        labels = dict(field.flatchoices) if field is not None and field.choices else {}
        lines.append({"field": field.verbose_name if field is not None else field_name,
                      "old": labels.get(old, old), "new": labels.get(new, new)})
    return lines


def data_current_through(sources: list[Source]) -> datetime.date | None:
    """The oldest "current through" date of the sources shown; this board's data is live."""
    dates = [s.data_current_through or (timezone.localdate() if s.is_this_board else None)
             for s in sources]
    known = [d for d in dates if d]
    return min(known) if known else None


def yearly_counts(allegations) -> list[dict]:
    """Allegations and sustained allegations per year received, in one query."""
    return list(allegations.annotate(year=ExtractYear("case_received_on")).values("year")
                .exclude(year=None).annotate(
                    total=Count("id"), sustained=Count("id", filter=Q(finding=Finding.SUSTAINED)))
                .order_by("year"))


def finding_counts(allegations) -> list[tuple]:
    rows = dict(allegations.values_list("finding").annotate(n=Count("id")).order_by())
    labels = dict(Finding.choices)
    return sorted(((labels.get(k, k) or "—", n) for k, n in rows.items()), key=lambda r: -r[1])


def _paid():
    """What a settlement cost: the published total, else the award plus other costs."""
    return Coalesce("total_incurred_cents",
                    F("amount_awarded_cents") + Coalesce("other_expenses_cents", Value(0)),
                    output_field=BigIntegerField())


def officer_settlements(*, officer: Officer) -> list[SettlementOfficer]:
    """Settlements whose matter names this officer (matched on star number and surname)."""
    return list(SettlementOfficer.objects.filter(officer=officer)
                .select_related("settlement__agency", "settlement__source")
                .order_by(F("settlement__closed_on").desc(nulls_last=True), "id"))


def settlement_totals(*, agency: Agency | None = None):
    """Settlements and the money paid per agency and year (the year the publisher assigned);
    rows without an amount are counted, not guessed."""
    rows = Settlement.objects.all() if agency is None else Settlement.objects.filter(agency=agency)
    return (rows.values("agency__slug", "agency__name", "year")
            .annotate(settlements=Count("id"), paid_cents=Sum(_paid()),
                      without_amount=Count("id", filter=Q(amount_awarded_cents__isnull=True,
                                                          total_incurred_cents__isnull=True)))
            .order_by("agency__slug", "year"))


def settlement_sources(*, agency: Agency) -> list[Source]:
    return list(Source.objects.filter(pk__in=Settlement.objects.filter(agency=agency).values("source_id")))


def record_version() -> str:
    """The current version of the public record's data (bumped by every service that changes it).

    A cache emptied or lost starts a new version, so nothing stale can be served after it.
    """
    from .page_cache import record_version as current

    return current() or "unversioned"
