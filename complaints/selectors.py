import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings

from misconduct_records.models import Agency, PublicCaseEvent
from misconduct_records.vocabulary import CaseStatus

from .models import Complaint, Evidence, WithdrawalRequest

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def home_agency(district=None) -> Agency:
    """The agency a complaint is about: the district's, else the portal's own department."""
    if district is not None:
        return district.agency
    return Agency.objects.get(slug=settings.PORTAL["HOME_AGENCY_SLUG"])


def complaint_timeline(*, complaint: Complaint) -> list:
    """The public-safe steps of a complaint's progress, oldest first (received, before a case)."""
    events = list(PublicCaseEvent.objects.filter(case_id=complaint.public_case_id).order_by(
        "happened_at", "id")) if complaint.public_case_id else []
    if not events:
        events = [PublicCaseEvent(status=CaseStatus.RECEIVED, happened_at=complaint.received_at)]
    return events


def complaint_evidence(*, complaint: Complaint):
    """The files of a complaint, for staff who may see it (read them with `evidence_open`)."""
    return Evidence.objects.filter(complaint=complaint).order_by("uploaded_at", "id")


def withdrawal_requests_pending():
    """Residents' requests to withdraw that staff have not yet acted on, oldest first."""
    return (WithdrawalRequest.objects.filter(handled_at__isnull=True)
            .select_related("complaint").order_by("requested_at"))


@dataclass(frozen=True)
class StatusStep:
    status: str
    label: "str | StrPromise"
    happened_at: datetime.datetime | None
    current: bool


# The usual path of a complaint; other outcomes (mediation, referral, ...) appear as they happen.
USUAL_PATH = [CaseStatus.RECEIVED, CaseStatus.UNDER_REVIEW, CaseStatus.UNDER_INVESTIGATION,
              CaseStatus.AT_BOARD, CaseStatus.DECIDED, CaseStatus.CLOSED]


def complaint_public_status(*, complaint: Complaint) -> CaseStatus:
    """The complaint's public status: received until a case is opened, then the case's."""
    case = complaint.public_case  # None, without a query, until a case is opened
    return CaseStatus(case.status) if case is not None else CaseStatus.RECEIVED


def complaint_status_steps(*, complaint: Complaint) -> list[StatusStep]:
    """Every public step: those that happened (with their date), then those still to come."""
    events = complaint_timeline(complaint=complaint)
    current = complaint_public_status(complaint=complaint)
    steps = [StatusStep(e.status, CaseStatus(e.status).label, e.happened_at, False) for e in events]
    if current in USUAL_PATH:
        reached = max((USUAL_PATH.index(e.status) for e in events if e.status in USUAL_PATH), default=0)
        steps += [StatusStep(s, s.label, None, False) for s in USUAL_PATH[reached + 1:]]
    for i in range(len(steps) - 1, -1, -1):  # the latest step that happened is the current one
        if steps[i].happened_at is not None:
            steps[i] = StatusStep(steps[i].status, steps[i].label, steps[i].happened_at, True)
            break
    return steps


def complaints_awaiting_acknowledgement():
    """Complaints staff have not acknowledged yet, the most urgent (earliest due) first."""
    return Complaint.objects.filter(acknowledged_at__isnull=True).order_by("acknowledge_by", "received_at")
