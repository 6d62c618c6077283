"""Copying a decided case's public fields, and nothing else, into the public record."""

from django.utils import timezone

from misconduct_records.services import (
    PublishedAllegation,
    public_allegation_set_imposed_discipline,
    record_publish,
)

from ..models import Allegation, Case


def publish_case(case: Case) -> None:
    allegations = list(case.allegations.select_related("category").order_by("id"))
    record_publish(
        public_case_id=case.public_case_id,
        public_summary=case.public_summary,
        closed_on=timezone.localdate(),
        incident_on=case.incident_on,
        allegations=[
            PublishedAllegation(
                officer_id=a.officer_id, category_code=a.category.code, finding=a.finding,
                force_level=a.force_level, prohibited_restraint=a.prohibited_restraint,
                recommended_finding=a.recommended_finding,
                discipline_recommended=a.discipline_recommended,
                discipline_imposed=a.discipline_imposed,
                suspension_days=_suspension_days(a),
                discipline_reason=a.discipline_imposed_reason,
            )
            for a in allegations
        ],
    )


def _suspension_days(allegation: Allegation) -> int | None:
    """The days imposed once the department has acted, else the days the board recommended."""
    if allegation.discipline_imposed:
        return allegation.suspension_days_imposed
    return allegation.suspension_days_recommended


def publish_imposed_discipline(*, allegation: Allegation) -> None:
    """Bring the published allegation in line with the discipline the department imposed."""
    ids = list(allegation.case.allegations.order_by("id").values_list("id", flat=True))
    public_allegation_set_imposed_discipline(
        public_case_id=allegation.case.public_case_id, position=ids.index(allegation.pk),
        discipline_imposed=allegation.discipline_imposed,
        discipline_reason=allegation.discipline_imposed_reason,
        suspension_days=_suspension_days(allegation))
