from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint
from misconduct_records.models import AllegationCategory, Officer
from misconduct_records.services import public_case_set_status
from misconduct_records.vocabulary import CaseStatus, Finding
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record

from .models import Allegation, Case, CaseCounter, CaseState

CASE_EDIT_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR, Role.BOARD_CHAIR)


def _require(actor, *roles) -> None:
    if not user_has_role(actor, *roles):
        raise PermissionDenied(_("Your role does not allow this action."))


def _next_case_number(year: int) -> str:
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{year}-{counter.last_value:04d}"


@transaction.atomic
def case_open_from_complaint(*, complaint: Complaint, actor) -> Case:
    """Open the case for a complaint. Raises ValidationError if it already has one."""
    _require(actor, Role.INTAKE, Role.SUPERVISOR)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if Case.objects.filter(complaint=complaint).exists():
        raise ValidationError(_("A case is already open for this complaint."))
    now = timezone.now()
    case = Case.objects.create(
        number=_next_case_number(now.year), complaint=complaint,
        public_case_id=complaint.public_case_id, opened_at=now, opened_by=actor,
        incident_on=complaint.occurred_on, state=CaseState.INTAKE, state_changed_at=now,
    )
    audit_record(actor=actor, action="case.open", target=case,
                 data={"complaint": complaint.tracking_number})
    public_case_set_status(public_case_id=case.public_case_id, status=CaseStatus.UNDER_REVIEW)
    return case


@transaction.atomic
def allegation_add(*, case: Case, actor, category: AllegationCategory, officer: Officer | None,
                   unidentified_description: str = "", force_level: int | None = None) -> Allegation:
    """Add an allegation to an open case."""
    _require(actor, *CASE_EDIT_ROLES)
    if case.state in (CaseState.DECIDED, CaseState.CLOSED):
        raise ValidationError(_("A decided case cannot take new allegations."))
    allegation = Allegation.objects.create(
        case=case, category=category, officer=officer,
        unidentified_description=unidentified_description, force_level=force_level,
        prohibited_restraint=category.is_prohibited_restraint,
    )
    audit_record(actor=actor, action="allegation.add", target=allegation, data={
        "case": case.number, "category": category.code,
        "officer": officer.public_id if officer else None, "force_level": force_level,
    })
    return allegation


@transaction.atomic
def allegation_record_finding(*, allegation: Allegation, actor, finding: Finding,
                              discipline_recommended: str = "") -> Allegation:
    """Record the board's finding (and, if sustained, the discipline it recommends)."""
    _require(actor, Role.BOARD_CHAIR, Role.BOARD_MEMBER)
    if finding != Finding.SUSTAINED and discipline_recommended:
        raise ValidationError(_("Discipline can only be recommended for a sustained allegation."))
    old = {"finding": allegation.finding, "discipline": allegation.discipline_recommended}
    allegation.finding = finding
    allegation.discipline_recommended = discipline_recommended
    allegation.save(update_fields=["finding", "discipline_recommended"])
    audit_record(actor=actor, action="allegation.finding", target=allegation, data={
        "old": old, "new": {"finding": finding, "discipline": discipline_recommended}})
    return allegation


@transaction.atomic
def case_set_public_summary(*, case: Case, actor, public_summary: str) -> Case:
    _require(actor, Role.INTAKE, Role.RECORDS_EDITOR, Role.SUPERVISOR)
    case.public_summary = public_summary
    case.save(update_fields=["public_summary"])
    audit_record(actor=actor, action="case.public_summary", target=case,
                 data={"public_summary": public_summary})
    return case
