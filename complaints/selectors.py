from django.conf import settings

from misconduct_records.models import Agency, PublicCaseEvent

from .models import Complaint, Evidence, WithdrawalRequest


def home_agency(district=None) -> Agency:
    """The agency a complaint is about: the district's, else the portal's own department."""
    if district is not None:
        return district.agency
    return Agency.objects.get(slug=settings.PORTAL["HOME_AGENCY_SLUG"])


def complaint_timeline(*, complaint: Complaint):
    """The public-safe steps of a complaint's progress, oldest first."""
    return PublicCaseEvent.objects.filter(case_id=complaint.public_case_id).order_by(
        "happened_at", "id")


def complaint_evidence(*, complaint: Complaint):
    """The files of a complaint, for staff who may see it (read them with `evidence_open`)."""
    return Evidence.objects.filter(complaint=complaint).order_by("uploaded_at", "id")


def withdrawal_requests_pending():
    """Residents' requests to withdraw that staff have not yet acted on, oldest first."""
    return (WithdrawalRequest.objects.filter(handled_at__isnull=True)
            .select_related("complaint").order_by("requested_at"))
