import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from misconduct_records.models import District
from misconduct_records.services import public_case_register
from portal.services.outbox import outbox_enqueue

from .models import Complaint, TrackingCounter


@dataclass(frozen=True)
class FiledComplaint:
    complaint: Complaint
    status_code: str  # shown once to the resident; only its digest is stored


def _next_tracking_number(year: int) -> str:
    counter, _ = TrackingCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{settings.PORTAL['TRACKING_PREFIX']}-{year}-{counter.last_value:06d}"


def complaint_status_path(*, complaint: Complaint, status_code: str) -> str:
    return reverse("complaints:status_link", kwargs={
        "tracking_number": complaint.tracking_number, "code": status_code,
    })


@transaction.atomic
def complaint_submit(*, narrative: str, filer_role: str, language: str,
                     agency_id: int, district: District | None = None,
                     occurred_on: datetime.date | None = None, location: str = "",
                     officer_details: str = "", contact_name: str = "",
                     contact_email: str = "", contact_phone: str = "",
                     site_url: str = "") -> FiledComplaint:
    """Store a complaint, register its public case and queue the receipt, in one transaction."""
    now = timezone.now()
    status_code = secrets.token_urlsafe(24)
    public_case = public_case_register(
        agency_id=agency_id, district_id=district.pk if district else None,
        received_on=timezone.localdate(now),
    )
    complaint = Complaint.objects.create(
        tracking_number=_next_tracking_number(now.year),
        status_code_digest=Complaint.digest_status_code(status_code),
        received_at=now, language=language, filer_role=filer_role, narrative=narrative,
        occurred_on=occurred_on, location=location, district=district,
        officer_details=officer_details,
        anonymous=not (contact_name or contact_email or contact_phone),
        contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone,
        public_case=public_case,
    )
    if contact_email:
        _queue_receipt(complaint=complaint, status_code=status_code, site_url=site_url)
    return FiledComplaint(complaint=complaint, status_code=status_code)


def _queue_receipt(*, complaint: Complaint, status_code: str, site_url: str) -> None:
    with translation.override(complaint.language):
        body = render_to_string("complaints/email/receipt.txt", {
            "complaint": complaint,
            "status_url": site_url + complaint_status_path(complaint=complaint,
                                                           status_code=status_code),
        })
        subject = _("Your complaint %(number)s was received") % {
            "number": complaint.tracking_number}
    outbox_enqueue(kind="complaint_receipt", recipient=complaint.contact_email,
                   subject=subject, body=body, language=complaint.language)


def complaint_find(*, tracking_number: str, status_code: str) -> Complaint | None:
    """The complaint matching a tracking number and its secret code, or None."""
    complaint = (Complaint.objects.select_related("public_case")
                 .filter(tracking_number=tracking_number.strip().upper()).first())
    if complaint is None:
        # Spend the same effort as a real comparison so timing says nothing.
        Complaint.digest_status_code(status_code)
        return None
    return complaint if complaint.status_code_matches(status_code.strip()) else None
