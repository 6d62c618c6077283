import datetime
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from misconduct_records.models import AllegationCategory, District
from misconduct_records.services import complaints_received_add
from misconduct_records.vocabulary import CaseStatus
from portal.business_days import add_business_days
from portal.services.audit import audit_record

from .models import (
    Channel,
    Complaint,
    ComplaintDraft,
    ComplaintUpdate,
    Evidence,
    InvolvedOfficer,
    TrackingCounter,
    WithdrawalRequest,
    Witness,
)
from .notifications import queue_new_code, queue_receipt

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


def acknowledgement_days() -> int:
    """Business days within which staff acknowledge a complaint: one setting, told to the resident
    and counted by the staff clocks alike."""
    return settings.ACKNOWLEDGE_BUSINESS_DAYS


def acknowledgement_due(received_on: datetime.date) -> datetime.date:
    return add_business_days(received_on, acknowledgement_days())


def _next_tracking_number(year: int) -> str:
    counter, _ = TrackingCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{settings.PORTAL['TRACKING_PREFIX']}-{year}-{counter.last_value:06d}"


@transaction.atomic(savepoint=False)  # within a filing's own transaction: no savepoint of its own
def complaint_submit(*, narrative: str, filer_role: str, language: str,
                     agency_id: int, district: District | None = None,
                     occurred_on: datetime.date | None = None,
                     occurred_time: datetime.time | None = None,
                     occurred_approximately: bool = False, location: str = "",
                     officer_details: str = "", officers: Sequence[dict] = (),
                     conduct: Sequence[str] = (), force_level: str | int | None = None,
                     conduct_other: str = "", affected_name: str = "", affected_contact: str = "",
                     affected_details: str = "", witnesses: Sequence[dict] = (),
                     evidence_notes: str = "", contact_name: str = "", contact_email: str = "",
                     contact_phone: str = "", site_url: str = "", channel: str = Channel.WEB,
                     received_at: datetime.datetime | None = None,
                     entered_by=None) -> FiledComplaint:
    """Store a complaint, count it publicly and queue the receipt, in one transaction.

    The public record counts it at once (month, district); its public case row appears only
    when the board opens a case.
    """
    now = received_at or timezone.now()
    status_code = new_status_code()
    complaints_received_add(agency_id=agency_id, district_id=district.pk if district else None,
                            received_on=timezone.localdate(now))
    complaint = Complaint.objects.create(
        tracking_number=_next_tracking_number(now.year),
        status_code_digest=Complaint.digest_status_code(status_code),
        received_at=now,
        acknowledge_by=acknowledgement_due(timezone.localdate(now)),
        channel=channel, entered_by=entered_by,
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
    if conduct:  # a new complaint has no categories yet: written at once, not compared first
        chosen = Complaint.conduct_categories.through
        chosen.objects.bulk_create(
            chosen(complaint_id=complaint.pk, allegationcategory_id=pk)
            for pk in AllegationCategory.objects.filter(code__in=conduct).values_list("pk", flat=True))
    if contact_email:
        queue_receipt(complaint=complaint, site_url=site_url)
    return FiledComplaint(complaint=complaint, status_code=status_code)


def complaint_submit_answers(*, cleaned: dict, agency_id: int, language: str, site_url: str = "",
                             **extra) -> FiledComplaint:
    """File the cleaned answers of the complaint's forms (from a draft or a staff member)."""
    answers = {k: v for k, v in cleaned.items() if k not in ("website", "files")}
    answers["officer_details"] = officers_summary(answers.get("officers", []))
    return complaint_submit(agency_id=agency_id, language=language, site_url=site_url,
                            **answers, **extra)


@transaction.atomic
def complaint_submit_draft(*, draft: ComplaintDraft, cleaned: dict, agency_id: int,
                           language: str, site_url: str = "") -> FiledComplaint:
    """File a finished draft: the complaint takes its answers and files; the draft is deleted."""
    filed = complaint_submit_answers(cleaned=cleaned, agency_id=agency_id, language=language,
                                     site_url=site_url)
    Evidence.objects.filter(draft=draft).update(draft=None, complaint=filed.complaint)
    draft.delete()
    return filed


@transaction.atomic
def complaint_record_for_resident(*, actor, channel: str, received_on: datetime.date, cleaned: dict,
                                  agency_id: int, language: str, site_url: str = "") -> FiledComplaint:
    """Staff record a complaint that came by phone, in person, by mail, e-mail or referral: the
    same answers, checks, tracking number and secret code as the web form; the channel and the
    staff member are recorded. Raises ValidationError for the web channel or a future date."""
    if channel == Channel.WEB or channel not in Channel.values:
        raise ValidationError(_("Choose how the complaint reached us."))
    if received_on > timezone.localdate():
        raise ValidationError(_("The date received cannot be in the future."))
    received_at = timezone.now()
    if received_on != timezone.localdate():  # entered later, e.g. a letter from last week
        received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
    filed = complaint_submit_answers(cleaned=cleaned, agency_id=agency_id, language=language,
                                     site_url=site_url, channel=channel, received_at=received_at,
                                     entered_by=actor)
    audit_record(actor=actor, action="complaint.filed_for_resident", target=filed.complaint,
                 data={"channel": channel, "received_on": received_on})
    return filed


@transaction.atomic
def complaint_acknowledge(*, complaint: Complaint, actor) -> Complaint:
    """Record that staff acknowledged the complaint (first time only), with an audit event."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.acknowledged_at is None:
        complaint.acknowledged_at = timezone.now()
        complaint.save(update_fields=["acknowledged_at"])
        due = complaint.acknowledge_by
        audit_record(actor=actor, action="complaint.acknowledged", target=complaint,
                     data={"due": due, "late": due is not None and complaint.acknowledged_at.date() > due})
    return complaint


class IdentityCheck(models.TextChoices):
    """How staff made sure the person asking for a new code is the complainant."""

    CALL_BACK = "call_back", _lazy("Called back the phone number on file")
    IN_PERSON = "in_person", _lazy("In person, with photo identification")
    EMAIL_ON_FILE = "email_on_file", _lazy("Wrote from the e-mail address on file")
    KNOWN_DETAILS = "known_details", _lazy("Confirmed details only the complainant could know")


ERROR_NO_CONTACT = _lazy("This complaint has no e-mail address on file: a new code can only be "
                         "sent to the contact the complainant gave.")


@transaction.atomic
def complaint_reissue_status_code(*, complaint: Complaint, actor, identity_check: str) -> str:
    """Replace a lost secret code after staff checked who is asking, and e-mail it to the
    contact on file (the old code stops working). Raises ValidationError without an e-mail."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.anonymous or not complaint.contact_email:
        raise ValidationError(ERROR_NO_CONTACT, code="no_contact")
    code = new_status_code()
    complaint.status_code_digest = Complaint.digest_status_code(code)
    complaint.save(update_fields=["status_code_digest"])
    audit_record(actor=actor, action="complaint.status_code_reissued", target=complaint,
                 data={"identity_check": IdentityCheck(identity_check).value, "sent_to": "email"})
    queue_new_code(complaint=complaint, status_code=code)
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
    case = complaint.public_case  # None, without a query, until a case is opened
    if case is not None and case.status in FINAL_STATUSES:
        raise ValidationError(ERROR_CLOSED, code="closed")


@transaction.atomic
def complaint_add_information(*, complaint: Complaint, text: str, uploads: Sequence = ()) -> ComplaintUpdate | None:
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


TRACKING_NUMBER_SHAPE = re.compile(r"[A-Z0-9-]{1,30}")


def complaint_find(*, tracking_number: str, status_code: str) -> Complaint | None:
    """The complaint matching a tracking number and its secret code, or None."""
    number = tracking_number.strip().upper()
    # A typed value that cannot be a tracking number (PostgreSQL also refuses a NUL in a query)
    # is simply not found.
    shaped = TRACKING_NUMBER_SHAPE.fullmatch(number) is not None
    complaint = (Complaint.objects.select_related("public_case").filter(tracking_number=number).first()
                 if shaped else None)
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
