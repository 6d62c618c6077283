"""Emails to the resident, through the outbox, always in the complaint's language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from misconduct_records.vocabulary import CaseStatus
from portal.services.outbox import outbox_enqueue

from .models import Complaint


def _site_url(site_url: str = "") -> str:
    return (site_url or settings.PORTAL.get("SITE_URL", "")).rstrip("/")


def queue_receipt(*, complaint: Complaint, site_url: str) -> None:
    """The receipt carries a single-use, short-lived link to the status page, never the code."""
    from .status_access import status_link_issue, status_link_path

    with translation.override(complaint.language):
        body = render_to_string("complaints/email/receipt.txt", {
            "complaint": complaint,
            "status_url": _site_url(site_url) + status_link_path(token=status_link_issue(complaint=complaint)),
            "lookup_url": _site_url(site_url) + reverse("complaints:status_lookup"),
        })
        subject = _("Your complaint %(number)s was received") % {
            "number": complaint.tracking_number}
    outbox_enqueue(kind="complaint_receipt", recipient=complaint.contact_email,
                   subject=subject, body=body, language=complaint.language)


def queue_new_code(*, complaint: Complaint, status_code: str) -> None:
    """E-mail a replacement secret code to the contact on file."""
    with translation.override(complaint.language):
        body = render_to_string("complaints/email/new_code.txt", {
            "complaint": complaint, "status_code": status_code,
            "lookup_url": _site_url() + reverse("complaints:status_lookup"),
            "contact": settings.PORTAL["CONTACT"]})
        subject = _("A new code for your complaint %(number)s") % {
            "number": complaint.tracking_number}
    outbox_enqueue(kind="complaint_new_code", recipient=complaint.contact_email,
                   subject=subject, body=body, language=complaint.language)


def complaint_notify_status(*, complaint: Complaint, status: str, site_url: str = "") -> bool:
    """Queue an email telling the resident their complaint's new public status (and outcome).

    Call inside the transaction that changed the status. Returns False when the resident left
    no email. The secret code is never in these emails: only the receipt carries the link.
    """
    if not complaint.contact_email:
        return False
    with translation.override(complaint.language):
        label = CaseStatus(status).label
        body = render_to_string("complaints/email/status_changed.txt", {
            "complaint": complaint, "status_label": label,
            "outcome": complaint.public_case.public_summary
            if status == CaseStatus.CLOSED and complaint.public_case is not None else "",
            "lookup_url": _site_url(site_url) + reverse("complaints:status_lookup"),
        })
        subject = _("Your complaint %(number)s: %(status)s") % {
            "number": complaint.tracking_number, "status": label}
    outbox_enqueue(kind="complaint_status", recipient=complaint.contact_email,
                   subject=subject, body=body, language=complaint.language)
    return True


def complaint_notify_case_moved(*, complaint_id: int | None, old: str, new: str) -> bool:
    """For the case workflow: email the resident when the public status really changed."""
    if complaint_id is None or old == new:
        return False
    complaint = Complaint.objects.select_related("public_case").get(pk=complaint_id)
    return complaint_notify_status(complaint=complaint, status=new)
