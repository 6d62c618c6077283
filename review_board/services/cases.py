"""Opening cases, assigning them, their allegations and the discipline the department imposes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint
from complaints.notifications import complaint_notify_case_moved
from complaints.selectors import home_agency
from complaints.services import complaint_acknowledge, complaint_attach_public_case
from misconduct_records.models import AllegationCategory, Officer, PublicCase
from misconduct_records.services import public_case_register, public_case_set_status
from misconduct_records.vocabulary import CaseStatus, Discipline, Finding
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record

from ..deadlines import case_deadlines_store
from ..models import Allegation, Case, CaseCounter, CaseOrigin, CaseState, Priority
from .common import require_role

CASE_EDIT_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR, Role.BOARD_CHAIR)
OPEN_ROLES = (Role.INTAKE, Role.SUPERVISOR)
APPEALABLE_FINDINGS = (Finding.NOT_SUSTAINED, Finding.EXONERATED, Finding.UNFOUNDED)
DISCIPLINE_ROLES = (Role.SUPERVISOR, Role.RECORDS_EDITOR)


def _next_case_number(year: int) -> str:
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{year}-{counter.last_value:04d}"


def _case_create(*, actor, origin: str, public_case_id: int, received_on: datetime.date,
                 **fields) -> Case:
    now = timezone.now()
    case = Case.objects.create(
        number=_next_case_number(now.year), origin=origin, public_case_id=public_case_id,
        opened_at=now, opened_by=actor, state=CaseState.INTAKE, state_changed_at=now,
        received_on=received_on, **fields,
    )
    audit_record(actor=actor, action="case.open", target=case, data={
        "origin": origin, "complaint": case.complaint.tracking_number if case.complaint else None})
    previous = PublicCase.objects.values_list("status", flat=True).get(pk=public_case_id)
    public_case_set_status(public_case_id=public_case_id, status=CaseStatus.UNDER_REVIEW)
    complaint_notify_case_moved(complaint_id=case.complaint_id, old=previous,
                                new=CaseStatus.UNDER_REVIEW)
    case_deadlines_store(case)
    return case


def _public_case_for(complaint: Complaint) -> int:
    """The public row appears only now that a case is opened: received day and district only."""
    if complaint.public_case_id is not None:
        return complaint.public_case_id
    public_case = public_case_register(
        agency_id=home_agency(complaint.district).pk, district_id=complaint.district_id,
        received_on=timezone.localdate(complaint.received_at))
    complaint_attach_public_case(complaint=complaint, public_case_id=public_case.pk)
    return public_case.pk


def _lock_unused_complaint(complaint: Complaint) -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if Case.objects.filter(complaint=complaint).exists():
        raise ValidationError(_("A case is already open for this complaint."))
    return complaint


@transaction.atomic
def case_open_from_complaint(*, complaint: Complaint, actor) -> Case:
    """Open the case for a complaint, and its public case row. Raises ValidationError if it has one."""
    require_role(actor, *OPEN_ROLES)
    complaint = _lock_unused_complaint(complaint)
    return _case_create(actor=actor, origin=CaseOrigin.COMPLAINT, complaint=complaint,
                        public_case_id=_public_case_for(complaint),
                        received_on=timezone.localdate(complaint.received_at),
                        incident_on=complaint.occurred_on)


@transaction.atomic
def case_open_own_motion(*, actor, agency_id: int, district_id: int | None,
                         incident_on: datetime.date | None, origin_details: str) -> Case:
    """Open a case nobody complained about (an unreported incident, footage, a news report)."""
    require_role(actor, *OPEN_ROLES)
    if not origin_details.strip():
        raise ValidationError(_("Say what prompted the board to open this case."))
    today = timezone.localdate()
    public_case = public_case_register(agency_id=agency_id, district_id=district_id,
                                       received_on=today)
    return _case_create(actor=actor, origin=CaseOrigin.OWN_MOTION, public_case_id=public_case.pk,
                        received_on=today, incident_on=incident_on, origin_details=origin_details)


@transaction.atomic
def case_open_ia_review(*, actor, agency_id: int, district_id: int | None, ia_reference: str,
                        ia_finding: str, incident_on: datetime.date | None = None,
                        complaint: Complaint | None = None, origin_details: str = "") -> Case:
    """Open a review of a finished internal-affairs investigation for the oversight panel.

    With a complaint it is the complainant's appeal, allowed only against a not-sustained,
    exonerated or unfounded internal finding.
    """
    require_role(actor, *OPEN_ROLES)
    if complaint is not None and ia_finding not in APPEALABLE_FINDINGS:
        raise ValidationError(_("A complainant may appeal only a not-sustained, exonerated or "
                                "unfounded internal-affairs finding."))
    if complaint is not None:
        complaint = _lock_unused_complaint(complaint)
        public_case_id, received_on = _public_case_for(complaint), timezone.localdate(complaint.received_at)
        incident_on = incident_on or complaint.occurred_on
    else:
        received_on = timezone.localdate()
        public_case_id = public_case_register(agency_id=agency_id, district_id=district_id,
                                              received_on=received_on).pk
    return _case_create(actor=actor, origin=CaseOrigin.IA_REVIEW, public_case_id=public_case_id,
                        received_on=received_on, incident_on=incident_on, complaint=complaint,
                        ia_reference=ia_reference, ia_finding=ia_finding,
                        is_appeal=complaint is not None, origin_details=origin_details)


@transaction.atomic
def case_assign(*, case: Case, actor, investigator, supervisor=None) -> Case:
    """Give the case to an investigator (and name the supervisor who answers for it)."""
    require_role(actor, Role.INTAKE, Role.SUPERVISOR)
    if not user_has_role(investigator, Role.INVESTIGATOR, Role.SUPERVISOR):
        raise ValidationError(_("Cases can only be assigned to investigators."))
    if supervisor is not None and not user_has_role(supervisor, Role.SUPERVISOR):
        raise ValidationError(_("The supervisor must hold the supervisor role."))
    old = {"assigned_to": case.assigned_to_id, "supervisor": case.supervisor_id}
    case.assigned_to, case.supervisor = investigator, supervisor or case.supervisor
    case.save(update_fields=["assigned_to", "supervisor"])
    audit_record(actor=actor, action="case.assign", target=case, data={
        "old": old, "new": {"assigned_to": investigator.pk, "supervisor": case.supervisor_id}})
    return case


MILESTONES = {"acknowledged": "acknowledged_at", "first_contact": "first_contact_at"}


@transaction.atomic
def case_record_milestone(*, case: Case, actor, milestone: str) -> Case:
    """Record that the complaint was acknowledged or the complainant first contacted."""
    require_role(actor, Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR)
    field = MILESTONES[milestone]
    if milestone == "acknowledged" and case.complaint is not None:  # one fact, kept on the complaint
        complaint_acknowledge(complaint=case.complaint, actor=actor)
    if getattr(case, field) is None:
        setattr(case, field, timezone.now())
        case.save(update_fields=[field])
        audit_record(actor=actor, action=f"case.{milestone}", target=case)
        case_deadlines_store(case)
    return case


@transaction.atomic
def complaint_record_acknowledgement(*, complaint: Complaint, actor) -> Complaint:
    """Intake acknowledges a complaint from its page; its case, if any, stops that clock too."""
    require_role(actor, *OPEN_ROLES)
    complaint = complaint_acknowledge(complaint=complaint, actor=actor)
    case = Case.objects.filter(complaint=complaint).first()
    if case is not None:
        case_record_milestone(case=case, actor=actor, milestone="acknowledged")
    return complaint


@transaction.atomic
def allegation_add(*, case: Case, actor, category: AllegationCategory, officer: Officer | None,
                   unidentified_description: str = "", force_level: int | None = None) -> Allegation:
    """Add an allegation to an open case; a prohibited restraint raises the case's priority."""
    require_role(actor, *CASE_EDIT_ROLES)
    if case.state not in (CaseState.INTAKE, CaseState.PRELIMINARY_REVIEW, CaseState.INVESTIGATION,
                          CaseState.MEDIATION):
        raise ValidationError(_("Allegations can only be added before the case goes to the board."))
    if officer is None and not unidentified_description.strip():
        raise ValidationError(_("Name the officer or describe the unidentified officer."))
    allegation = Allegation.objects.create(
        case=case, category=category, officer=officer,
        unidentified_description=unidentified_description, force_level=force_level,
        prohibited_restraint=category.is_prohibited_restraint,
    )
    if allegation.prohibited_restraint and case.priority != Priority.HIGH:
        Case.objects.filter(pk=case.pk).update(priority=Priority.HIGH)
        case.priority = Priority.HIGH
        audit_record(actor=actor, action="case.priority", target=case,
                     data={"priority": "high", "why": "prohibited restraint alleged"})
    audit_record(actor=actor, action="allegation.add", target=allegation, data={
        "case": case.number, "category": category.code,
        "officer": officer.public_id if officer else None, "force_level": force_level,
    })
    return allegation


@transaction.atomic
def case_set_public_summary(*, case: Case, actor, public_summary: str) -> Case:
    """Save the staff-written public summary: the only narrative ever published."""
    require_role(actor, Role.INTAKE, Role.RECORDS_EDITOR, Role.SUPERVISOR)
    if not case.is_open:
        raise ValidationError(_("The case is closed: its published summary can no longer change here."))
    case.public_summary = public_summary
    case.save(update_fields=["public_summary"])
    audit_record(actor=actor, action="case.public_summary", target=case,
                 data={"fields": ["public_summary"]})
    return case


@transaction.atomic
def case_set_investigation_plan(*, case: Case, actor, plan: str) -> Case:
    require_role(actor, Role.INVESTIGATOR, Role.SUPERVISOR)
    case.investigation_plan = plan
    case.save(update_fields=["investigation_plan"])
    # Field names only: the plan is about people, and the audit trail can never be erased.
    audit_record(actor=actor, action="case.investigation_plan", target=case,
                 data={"fields": ["investigation_plan"]})
    return case


@transaction.atomic
def allegation_record_imposed_discipline(
    *, allegation: Allegation, actor, discipline: str, imposed_on: datetime.date,
    suspension_days: int | None = None, reason: str = "",
) -> Allegation:
    """Record what the department actually imposed; a published case's record follows."""
    from ..deadlines import limitation_date
    from .publishing import publish_imposed_discipline

    require_role(actor, *DISCIPLINE_ROLES)
    case = allegation.case
    if allegation.finding != Finding.SUSTAINED or case.state not in (CaseState.DECIDED,
                                                                      CaseState.CLOSED):
        raise ValidationError(_("Discipline is imposed only on a sustained allegation of a decided case."))
    if (limit := limitation_date(case)) and imposed_on > limit:
        raise ValidationError(_("The limitation date (%(date)s) has passed: discipline can no longer "
                                "be imposed.") % {"date": limit.isoformat()})
    if (discipline == Discipline.SUSPENSION) != bool(suspension_days):
        raise ValidationError(_("Give the number of days for a suspension, and only for a suspension."))
    if discipline != allegation.discipline_recommended and not reason.strip():
        raise ValidationError(_("Give the department's reason for imposing other discipline than recommended."))
    old = {"discipline": allegation.discipline_imposed, "days": allegation.suspension_days_imposed}
    allegation.discipline_imposed, allegation.suspension_days_imposed = discipline, suspension_days
    allegation.discipline_imposed_reason, allegation.discipline_imposed_on = reason, imposed_on
    allegation.save(update_fields=["discipline_imposed", "suspension_days_imposed",
                                   "discipline_imposed_reason", "discipline_imposed_on"])
    audit_record(actor=actor, action="allegation.discipline_imposed", target=allegation, data={
        "old": old, "new": {"discipline": discipline, "days": suspension_days, "on": imposed_on},
        "fields": ["discipline_imposed_reason"] if reason else []})
    if case.state == CaseState.CLOSED:
        publish_imposed_discipline(allegation=allegation)
    return allegation


@transaction.atomic
def allegation_recommend_finding(*, allegation: Allegation, actor, finding: str,
                                 reasoning: str = "") -> Allegation:
    """The investigator's recommended finding and its reasoning, which the panel reads before it votes."""
    require_role(actor, Role.INVESTIGATOR, Role.SUPERVISOR)
    if not Case.objects.filter(pk=allegation.case_id, state=CaseState.INVESTIGATION).exists():
        raise ValidationError(_("A finding is recommended while the case is under investigation."))
    if finding not in Finding.values:
        raise ValidationError(_("Choose a finding to recommend."))
    old = allegation.recommended_finding
    allegation.recommended_finding, allegation.recommendation_reasoning = finding, reasoning
    allegation.save(update_fields=["recommended_finding", "recommendation_reasoning"])
    audit_record(actor=actor, action="allegation.recommended_finding", target=allegation,
                 data={"old": old, "new": finding, "reasoning_characters": len(reasoning)})
    return allegation
