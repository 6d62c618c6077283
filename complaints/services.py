import datetime
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from misconduct_records.models import AllegationCategory, District
from misconduct_records.services import complaints_received_add
from misconduct_records.vocabulary import CaseStatus
from portal.business_days import add_business_days
from portal.services.audit import audit_record

from .models import (
    Complaint,
    ComplaintDraft,
    ComplaintUpdate,
    Evidence,
    InvolvedOfficer,
    TrackingCounter,
    WithdrawalRequest,
    Witness,
)
from .notifications import queue_receipt

ACKNOWLEDGE_WITHIN_BUSINESS_DAYS = 7
ERROR_ALREADY_WITHDRAWN = _("You already asked to withdraw this complaint.")
ERROR_CLOSED = _("This complaint is closed; it can no longer be changed.")
FINAL_STATUSES = {CaseStatus.CLOSED, CaseStatus.WITHDRAWN, CaseStatus.DISMISSED, CaseStatus.REFERRED}


# No look-alike characters (0/o, 1/l/i): people copy the code by hand.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 32  # 31**32, about 158 bits


def new_status_code() -> str:
    """A long random code, shown in groups of four (abcd-efgh-...) to be copied by hand."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(chars[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def canonical_status_code(typed: str) -> str:
    """The code as issued, from what a person typed (any case, spaces or dashes anywhere)."""
    chars = re.sub(r"[^0-9a-z]", "", typed.lower())[:CODE_LENGTH * 2]
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


@dataclass(frozen=True)
class FiledComplaint:
    complaint: Complaint
    status_code: str  # shown once to the resident; only its digest is stored


def _next_tracking_number(year: int) -> str:
    counter, _ = TrackingCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{settings.PORTAL['TRACKING_PREFIX']}-{year}-{counter.last_value:06d}"


@transaction.atomic
def complaint_submit(*, narrative: str, filer_role: str, language: str,
                     agency_id: int, district: District | None = None,
                     occurred_on: datetime.date | None = None,
                     occurred_time: datetime.time | None = None,
                     occurred_approximately: bool = False, location: str = "",
                     officer_details: str = "", officers: list[dict] = (),
                     conduct: list[str] = (), force_level: str | int | None = None,
                     conduct_other: str = "", affected_name: str = "", affected_contact: str = "",
                     affected_details: str = "", witnesses: list[dict] = (),
                     evidence_notes: str = "", contact_name: str = "", contact_email: str = "",
                     contact_phone: str = "", site_url: str = "") -> FiledComplaint:
    """Store a complaint, count it publicly and queue the receipt, in one transaction.

    The public record counts it at once (month, district); its public case row appears only
    when the board opens a case.
    """
    now = timezone.now()
    status_code = new_status_code()
    complaints_received_add(agency_id=agency_id, district_id=district.pk if district else None,
                            received_on=timezone.localdate(now))
    complaint = Complaint.objects.create(
        tracking_number=_next_tracking_number(now.year),
        status_code_digest=Complaint.digest_status_code(status_code),
        received_at=now,
        acknowledge_by=add_business_days(timezone.localdate(now), ACKNOWLEDGE_WITHIN_BUSINESS_DAYS),
        language=language, filer_role=filer_role, narrative=narrative,
        occurred_on=occurred_on, occurred_time=occurred_time,
        occurred_approximately=occurred_approximately, location=location, district=district,
        officer_details=officer_details, conduct_other=conduct_other,
        force_level=int(force_level) if force_level else None,
        affected_name=affected_name, affected_contact=affected_contact,
        affected_details=affected_details, evidence_notes=evidence_notes,
        anonymous=not (contact_name or contact_email or contact_phone),
        contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone,
    )
    InvolvedOfficer.objects.bulk_create(InvolvedOfficer(complaint=complaint, **o) for o in officers)
    Witness.objects.bulk_create(Witness(complaint=complaint, **w) for w in witnesses)
    if conduct:
        complaint.conduct_categories.set(AllegationCategory.objects.filter(code__in=conduct))
    if contact_email:
        queue_receipt(complaint=complaint, site_url=site_url)
    return FiledComplaint(complaint=complaint, status_code=status_code)


@transaction.atomic
def complaint_submit_draft(*, draft: ComplaintDraft, cleaned: dict, agency_id: int,
                           language: str, site_url: str = "") -> FiledComplaint:
    """File a finished draft: the complaint takes its answers and files; the draft is deleted."""
    cleaned = {k: v for k, v in cleaned.items() if k not in ("website", "files")}
    cleaned["officer_details"] = officers_summary(cleaned.get("officers", []))
    filed = complaint_submit(agency_id=agency_id, language=language, site_url=site_url, **cleaned)
    Evidence.objects.filter(draft=draft).update(draft=None, complaint=filed.complaint)
    draft.delete()
    return filed


@transaction.atomic
def complaint_acknowledge(*, complaint: Complaint, actor) -> Complaint:
    """Record that staff acknowledged the complaint (first time only), with an audit event."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.acknowledged_at is None:
        complaint.acknowledged_at = timezone.now()
        complaint.save(update_fields=["acknowledged_at"])
        audit_record(actor=actor, action="complaint.acknowledged", target=complaint,
                     data={"due": complaint.acknowledge_by,
                           "late": complaint.acknowledged_at.date() > complaint.acknowledge_by})
    return complaint


@transaction.atomic
def complaint_reissue_status_code(*, complaint: Complaint, actor) -> str:
    """Replace a lost secret code (the old one stops working); returns the new code, once."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    code = new_status_code()
    complaint.status_code_digest = Complaint.digest_status_code(code)
    complaint.save(update_fields=["status_code_digest"])
    audit_record(actor=actor, action="complaint.status_code_reissued", target=complaint)
    return code


def officers_summary(officers: list[dict]) -> str:
    """The officers as one text, for pages that show a single "Officers" answer."""
    lines = []
    for number, officer in enumerate(officers, start=1):
        parts = [officer.get(k, "") for k in ("name", "rank", "badge_number", "vehicle", "description")]
        lines.append(f"{number}. " + " · ".join(p for p in parts if p))
    return "\n".join(lines)


def complaint_attach_public_case(*, complaint: Complaint, public_case_id: int) -> None:
    """Link the complaint to the public case the board opened for it (its status follows it)."""
    Complaint.objects.filter(pk=complaint.pk).update(public_case_id=public_case_id)
    complaint.public_case_id = public_case_id


def _check_open(complaint: Complaint) -> None:
    if complaint.public_case_id and complaint.public_case.status in FINAL_STATUSES:
        raise ValidationError(ERROR_CLOSED, code="closed")


@transaction.atomic
def complaint_add_information(*, complaint: Complaint, text: str, uploads: list = ()) -> ComplaintUpdate | None:
    """Add the resident's later information and files. Raises ValidationError if closed."""
    from .evidence import evidence_store

    _check_open(complaint)
    if complaint.evidence.count() + len(uploads) > settings.COMPLAINT_LIMITS["MAX_FILES"]:
        raise ValidationError(_("You can send at most %(limit)s files with one complaint.")
                              % {"limit": settings.COMPLAINT_LIMITS["MAX_FILES"]}, code="too_many")
    for upload in uploads:
        evidence_store(upload=upload, complaint=complaint)
    update = None
    if text.strip():
        update = ComplaintUpdate.objects.create(complaint=complaint, created_at=timezone.now(),
                                                text=text.strip())
    audit_record(actor=None, action="complaint.resident_added_information", target=complaint,
                 data={"files": len(uploads), "text": bool(update)})
    return update


@transaction.atomic
def complaint_request_withdrawal(*, complaint: Complaint, reason: str = "") -> WithdrawalRequest:
    """Record that the resident asks to withdraw; staff then move the case through the workflow."""
    _check_open(complaint)
    if WithdrawalRequest.objects.filter(complaint=complaint).exists():
        raise ValidationError(ERROR_ALREADY_WITHDRAWN, code="already")
    request = WithdrawalRequest.objects.create(complaint=complaint, requested_at=timezone.now(),
                                               reason=reason.strip())
    audit_record(actor=None, action="complaint.withdrawal_requested", target=complaint)
    return request


def withdrawal_request_mark_handled(*, complaint_id: int | None, actor) -> bool:
    """Close the resident's pending withdrawal request once staff have acted on the case."""
    if complaint_id is None:
        return False
    updated = WithdrawalRequest.objects.filter(
        complaint_id=complaint_id, handled_at__isnull=True).update(handled_at=timezone.now())
    if updated:
        audit_record(actor=actor, action="complaint.withdrawal_handled",
                     target=Complaint.objects.get(pk=complaint_id))
    return bool(updated)


def complaint_find(*, tracking_number: str, status_code: str) -> Complaint | None:
    """The complaint matching a tracking number and its secret code, or None."""
    complaint = (Complaint.objects.select_related("public_case")
                 .filter(tracking_number=tracking_number.strip().upper()).first())
    if complaint is None:
        # Spend the same effort as a real comparison so timing says nothing.
        Complaint.digest_status_code(status_code)
        return None
    given = status_code.strip()
    # Compare both the code as typed and its canonical form, always both (constant work).
    matches = [complaint.status_code_matches(given), complaint.status_code_matches(canonical_status_code(given))]
    return complaint if any(matches) else None


DRAFT_LIFETIME_DAYS = 30


def draft_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete drafts (and their files) untouched for 30 days; returns how many were deleted."""
    from .evidence import evidence_delete

    cutoff = (now or timezone.now()) - datetime.timedelta(days=DRAFT_LIFETIME_DAYS)
    count = 0
    for draft in ComplaintDraft.objects.filter(updated_at__lt=cutoff):
        with transaction.atomic():
            for evidence in Evidence.objects.filter(draft=draft):
                evidence_delete(evidence=evidence)
            draft.delete()
            count += 1
    return count
