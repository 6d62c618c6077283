"""The only ways data enters the public record.

Each function takes explicit public fields, never a model instance from the private side,
so nothing that identifies a complainant or a witness can reach the record by construction.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.model_fields import concrete_field
from portal.services.audit import audit_record

from .models import (
    CASE_COPIES,
    AllegationCategory,
    Assignment,
    ComplaintsReceived,
    Correction,
    DecertificationReferral,
    Officer,
    PublicAllegation,
    PublicCase,
    PublicCaseEvent,
    Source,
    case_dates_differ_sql,
)
from .names import officer_search_name
from .page_cache import intake_version_bump, record_version_bump
from .vocabulary import CaseStatus, Discipline, Finding, ForceLevel

THIS_BOARD_SOURCE_SLUG = "this-board"
def source_this_board() -> Source:
    source, _ = Source.objects.get_or_create(
        slug=THIS_BOARD_SOURCE_SLUG,
        defaults={"name": "Civilian Review Board", "is_this_board": True,
                  "publisher": "Civilian Review Board"},
    )
    return source


@transaction.atomic
def public_case_register(*, agency_id: int, district_id: int | None,
                         received_on: datetime.date) -> PublicCase:
    """Create the public row of a case the board has opened: day, place and status only.

    Its "received" step is dated on the day received (no time of day); the caller moves it on.
    """
    case = PublicCase.objects.create(
        agency_id=agency_id, district_id=district_id, received_on=received_on,
        status=CaseStatus.RECEIVED, source=source_this_board(),
    )
    start_of_day = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time.min))
    PublicCaseEvent.objects.create(case=case, status=case.status,
                                   happened_at=min(start_of_day, timezone.now()))
    record_version_bump()
    return case


def complaints_received_add(*, agency_id: int, district_id: int | None, received_on: datetime.date) -> None:
    """Count one more complaint received in that month, agency and district (never a row per
    complaint). Only what shows these counts is drawn again (intake_version_bump): a complaint
    changes nothing else on the public record, so filing one leaves every other cached page."""
    intake_version_bump()  # (after commit)
    month = received_on.replace(day=1)
    district = Q(district__isnull=True) if district_id is None else Q(district_id=district_id)
    row = ComplaintsReceived.objects.filter(district, month=month, agency_id=agency_id)
    if row.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ComplaintsReceived.objects.create(month=month, agency_id=agency_id, district_id=district_id,
                                              count=1)
    except IntegrityError:  # another request created the row first
        row.update(count=F("count") + 1)


@transaction.atomic
def public_case_set_status(*, public_case_id: int, status: CaseStatus) -> PublicCase:
    """Move a public case to a new public status and add the step to its timeline."""
    case = PublicCase.objects.select_for_update().get(pk=public_case_id)
    if case.status != status:
        case.status = status
        case.save(update_fields=["status"])
        PublicCaseEvent.objects.create(case=case, status=status, happened_at=timezone.now())
    record_version_bump()
    return case


@dataclass(frozen=True)
class PublishedAllegation:
    """The public fields of one allegation, as decided."""

    officer_id: int | None
    category_code: str
    finding: Finding | str
    force_level: ForceLevel | int | None = None
    prohibited_restraint: bool = False
    recommended_finding: Finding | str = ""
    discipline_recommended: Discipline | str = ""
    discipline_imposed: Discipline | str = ""
    suspension_days: int | None = None
    discipline_reason: str = ""


@transaction.atomic
def record_publish(*, public_case_id: int, public_summary: str, closed_on: datetime.date,
                   incident_on: datetime.date | None,
                   allegations: list[PublishedAllegation]) -> PublicCase:
    """Publish a decided case: its summary, dates and allegations replace any earlier version."""
    case = PublicCase.objects.select_for_update().get(pk=public_case_id)
    categories = {
        c.code: c for c in AllegationCategory.objects.filter(
            code__in={a.category_code for a in allegations})
    }
    previous_officers = set(case.allegations.values_list("officer_id", flat=True))
    case.allegations.all().delete()
    at_incident = _rank_and_command_at(
        officer_ids={a.officer_id for a in allegations if a.officer_id},
        on=incident_on or case.received_on)
    PublicAllegation.objects.bulk_create(
        PublicAllegation(
            case=case, officer_id=a.officer_id, category=categories[a.category_code],
            force_level=a.force_level, prohibited_restraint=a.prohibited_restraint,
            finding=a.finding, recommended_finding=a.recommended_finding,
            discipline_recommended=a.discipline_recommended,
            discipline_imposed=a.discipline_imposed, suspension_days=a.suspension_days,
            discipline_reason=a.discipline_reason,
            rank_at_incident=at_incident.get(a.officer_id, ("", None))[0],
            command_at_incident_id=at_incident.get(a.officer_id, ("", None))[1],
            source_id=case.source_id,
        )
        for a in allegations
    )
    officer_counts_refresh(officer_ids={
        officer_id for officer_id in previous_officers | {a.officer_id for a in allegations}
        if officer_id is not None})
    case.public_summary = public_summary
    case.closed_on = closed_on
    case.incident_on = incident_on
    case.published_at = timezone.now()
    case.save(update_fields=["public_summary", "closed_on", "incident_on", "published_at"])
    allegation_case_dates_refresh(case_ids=[case.pk])
    record_version_bump()
    return public_case_set_status(public_case_id=case.pk, status=CaseStatus.CLOSED)


@transaction.atomic
def public_allegation_set_imposed_discipline(*, public_case_id: int, position: int,
                                             discipline_imposed: Discipline | str,
                                             discipline_reason: str = "",
                                             suspension_days: int | None = None) -> PublicAllegation:
    """Record the discipline a department imposed on an already published allegation.

    `position` is the allegation's place (from 0) in the order the case was published.
    """
    allegation = PublicAllegation.objects.select_for_update().filter(
        case_id=public_case_id).order_by("id")[position]
    allegation.discipline_imposed = discipline_imposed
    allegation.discipline_reason = discipline_reason
    allegation.suspension_days = suspension_days
    allegation.save(update_fields=["discipline_imposed", "discipline_reason", "suspension_days"])
    record_version_bump()
    return allegation

def allegation_case_dates_refresh(*, case_ids: Iterable[int] | None = None,
                                  source_id: int | None = None) -> int:
    """Copy cases' dates and districts onto their allegations where they differ; returns the
    rows changed.

    Whoever writes a case's dates or allegations calls this in the same transaction: for the
    cases written (`case_ids`), the cases of a source (`source_id`), or every case (neither).
    One UPDATE … FROM: a hash join on a million rows, not a sub-query per row.
    """
    allegations, cases = PublicAllegation._meta.db_table, PublicCase._meta.db_table
    where, params = [], []
    if case_ids is not None:
        case_ids = sorted(set(case_ids))
        if not case_ids:
            return 0
        where.append(f"c.id IN ({', '.join(['%s'] * len(case_ids))})")
        params += case_ids
    if source_id is not None:
        where.append("c.source_id = %s")
        params.append(source_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {allegations} AS a SET "  # noqa: S608  # nosec B608  # model table and column names
            + ", ".join(f"{copy} = c.{column}" for column, copy in CASE_COPIES.items())
            + f" FROM {cases} AS c WHERE a.case_id = c.id AND ({case_dates_differ_sql(connection.vendor)})"
            + "".join(f" AND {condition}" for condition in where), params)
        return cursor.rowcount


def _rank_and_command_at(*, officer_ids: set[int], on: datetime.date | None) -> dict:
    """{officer_id: (rank, command_id)} on a date: the assignment then, else the current post."""
    result = {o.pk: (o.rank, o.command_id) for o in Officer.objects.filter(pk__in=officer_ids)}
    if on is None:
        return result
    assignments = (Assignment.objects.filter(officer_id__in=officer_ids)
                   .filter(Q(started_on__lte=on) | Q(started_on__isnull=True))
                   .filter(Q(ended_on__gte=on) | Q(ended_on__isnull=True))
                   .order_by("officer_id", "started_on"))
    for assignment in assignments:  # the latest one that covers the date wins
        rank, command_id = result.get(assignment.officer_id, ("", None))
        result[assignment.officer_id] = (assignment.rank or rank, assignment.command_id or command_id)
    return result


def officer_counts_refresh(*, officer_ids: Iterable[int] | None = None) -> int:
    """Recount officers' allegations and sustained allegations (all officers when ids is None).

    Importers call this once after a run; publishing calls it for the officers it touched.
    """
    officers = Officer.objects.all()
    if officer_ids is not None:
        officers = officers.filter(pk__in=list(officer_ids))

    def count(extra: Q) -> Coalesce:
        rows = (PublicAllegation.objects.filter(Q(officer_id=OuterRef("pk")) & extra)
                .order_by().values("officer_id").annotate(n=Count("id")).values("n"))
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    updated = officers.update(allegation_total=count(Q()),
                              sustained_total=count(Q(finding=Finding.SUSTAINED)))
    record_version_bump()
    return updated


NAME_FIELDS = ("first_name", "middle_name", "last_name", "suffix")


def officer_search_names_refresh(*, officer_ids: Iterable[int] | None = None) -> int:
    """Bring officers' stored search names up to date (all officers when ids is None).

    Whoever writes officers' names in bulk (importers, generators) calls this once afterwards;
    returns how many officers changed.
    """
    officers = Officer.objects.only("search_name", *NAME_FIELDS).order_by("pk")
    if officer_ids is not None:
        officers = officers.filter(pk__in=list(officer_ids))
    changed = []
    for officer in officers.iterator(chunk_size=2000):
        name = officer_search_name(**{field: getattr(officer, field) for field in NAME_FIELDS})
        if name != officer.search_name:
            officer.search_name = name
            changed.append(officer)
    Officer.objects.bulk_update(changed, ["search_name"], batch_size=1000)
    return len(changed)


# The public fields a records editor may correct, per model. Anything else is not public.
CORRECTABLE_FIELDS = {
    PublicAllegation: {"category", "force_level", "prohibited_restraint", "recommended_finding",
                       "finding", "discipline_recommended", "discipline_imposed",
                       "suspension_days", "discipline_reason", "rank_at_incident",
                       "command_at_incident"},
    PublicCase: {"district", "received_on", "incident_on", "closed_on", "public_summary"},
    Officer: {"first_name", "middle_name", "last_name", "suffix", "badge_number", "rank",
              "district", "command", "race", "gender", "birth_year", "is_active",
              "appointed_on", "separated_on"},
}
ERROR_NOT_CORRECTABLE = "These fields cannot be corrected on the public record: {fields}."
ERROR_NOTHING_CHANGED = "The correction changes nothing."


def _json_value(value):
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@transaction.atomic
def correction_record(*, instance: PublicAllegation | PublicCase | Officer, changes: dict,
                      note: str, actor, evidence: str = "") -> Correction:
    """Correct public fields of one row, keeping old and new values as a numbered revision.

    Raises ValueError for a field that is not correctable or a correction that changes nothing.
    """
    allowed = CORRECTABLE_FIELDS[type(instance)]
    if not set(changes) <= allowed:
        raise ValueError(ERROR_NOT_CORRECTABLE.format(fields=", ".join(sorted(set(changes) - allowed))))
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    diff = {}
    for field, new in changes.items():
        attname = concrete_field(type(instance), field).attname
        old = getattr(instance, attname)
        if _json_value(old) != _json_value(new):
            diff[field] = [_json_value(old), _json_value(new)]
            setattr(instance, field if hasattr(new, "pk") else attname, new)
    if not diff:
        raise ValueError(ERROR_NOTHING_CHANGED)
    instance.save(update_fields=list(diff))
    content_type = ContentType.objects.get_for_model(instance)
    correction = Correction.objects.create(
        content_type=content_type, object_id=str(instance.pk), corrected_at=timezone.now(),
        changes=diff, note=note, evidence=evidence,
        officer_id=instance.pk if isinstance(instance, Officer) else getattr(instance, "officer_id", None),
        case_id=instance.pk if isinstance(instance, PublicCase) else getattr(instance, "case_id", None),
        revision=Correction.objects.filter(content_type=content_type,
                                           object_id=str(instance.pk)).count() + 1,
    )
    columns = {concrete_field(type(instance), name).attname for name in diff}
    if isinstance(instance, PublicCase) and columns & CASE_COPIES.keys():
        allegation_case_dates_refresh(case_ids=[instance.pk])
    if isinstance(instance, PublicAllegation) and "finding" in diff and instance.officer_id:
        officer_counts_refresh(officer_ids=[instance.officer_id])
    if isinstance(instance, Officer) and set(diff) & set(NAME_FIELDS):
        officer_search_names_refresh(officer_ids=[instance.pk])
    record_version_bump()
    audit_record(actor=actor, action="record.correct", target=instance,
                 data={"changes": diff, "note": note, "evidence": evidence, "revision": correction.revision})
    return correction


@transaction.atomic
def decertification_referral_publish(
    *, public_referral_id: int | None, officer_id: int, public_case_id: int | None,
    referred_on: datetime.date, reason: str, status: str, certifying_body: str,
    acknowledged_on: datetime.date | None = None, decided_on: datetime.date | None = None,
) -> DecertificationReferral:
    """Publish a referral to the state certification body, or bring a published one up to date.

    Takes public fields only: the officer, the public case, dates, the public reason, the outcome.
    """
    fields = {"officer_id": officer_id, "case_id": public_case_id, "referred_on": referred_on,
              "reason": reason, "status": status, "certifying_body": certifying_body,
              "acknowledged_on": acknowledged_on, "decided_on": decided_on}
    if public_referral_id is None:
        return DecertificationReferral.objects.create(**fields)
    referral = DecertificationReferral.objects.select_for_update().get(pk=public_referral_id)
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.save(update_fields=[*fields])
    return referral
