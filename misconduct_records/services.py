"""The only ways data enters the public record.

Each function takes explicit public fields, never a model instance from the private side,
so nothing that identifies a complainant or a witness can reach the record by construction.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import AllegationCategory, PublicAllegation, PublicCase, PublicCaseEvent, Source
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
    """Create the public row of a newly received complaint: date, place and status only."""
    case = PublicCase.objects.create(
        agency_id=agency_id, district_id=district_id, received_on=received_on,
        status=CaseStatus.RECEIVED, source=source_this_board(),
    )
    PublicCaseEvent.objects.create(case=case, status=case.status, happened_at=timezone.now())
    return case


@transaction.atomic
def public_case_set_status(*, public_case_id: int, status: CaseStatus) -> PublicCase:
    """Move a public case to a new public status and add the step to its timeline."""
    case = PublicCase.objects.select_for_update().get(pk=public_case_id)
    if case.status != status:
        case.status = status
        case.save(update_fields=["status"])
        PublicCaseEvent.objects.create(case=case, status=status, happened_at=timezone.now())
    return case


@dataclass(frozen=True)
class PublishedAllegation:
    """The public fields of one allegation, as decided."""

    officer_id: int | None
    category_code: str
    finding: Finding
    force_level: ForceLevel | None = None
    prohibited_restraint: bool = False
    recommended_finding: Finding | str = ""
    discipline_recommended: Discipline | str = ""
    discipline_imposed: Discipline | str = ""


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
    case.allegations.all().delete()
    PublicAllegation.objects.bulk_create(
        PublicAllegation(
            case=case, officer_id=a.officer_id, category=categories[a.category_code],
            force_level=a.force_level, prohibited_restraint=a.prohibited_restraint,
            finding=a.finding, recommended_finding=a.recommended_finding,
            discipline_recommended=a.discipline_recommended,
            discipline_imposed=a.discipline_imposed,
        )
        for a in allegations
    )
    case.public_summary = public_summary
    case.closed_on = closed_on
    case.incident_on = incident_on
    case.published_at = timezone.now()
    case.save(update_fields=["public_summary", "closed_on", "incident_on", "published_at"])
    return public_case_set_status(public_case_id=case.pk, status=CaseStatus.CLOSED)


@transaction.atomic
def public_allegation_set_imposed_discipline(*, public_case_id: int, position: int,
                                             discipline_imposed: Discipline | str,
                                             discipline_reason: str = "") -> PublicAllegation:
    """Record the discipline a department imposed on an already published allegation.

    `position` is the allegation's place (from 0) in the order the case was published.
    """
    allegation = PublicAllegation.objects.select_for_update().filter(
        case_id=public_case_id).order_by("id")[position]
    allegation.discipline_imposed = discipline_imposed
    allegation.discipline_reason = discipline_reason
    allegation.save(update_fields=["discipline_imposed", "discipline_reason"])
    return allegation
