"""The investigation file: evidence, interviews and internal notes (never published)."""

import datetime
import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.roles import Role
from portal.services.audit import audit_record

from ..models import Case, CaseNote, EvidenceItem, EvidenceKind, Interview
from .common import require_role

EVIDENCE_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR)
INTERVIEW_ROLES = (Role.INVESTIGATOR, Role.SUPERVISOR)
NOTE_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR, Role.BOARD_CHAIR)
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@transaction.atomic
def evidence_add(*, case: Case, actor, kind: str, title: str, file: UploadedFile | None = None,
                 footage_reference: str = "", requested_on: datetime.date | None = None,
                 received_on: datetime.date | None = None) -> EvidenceItem:
    """Add a staff upload or a reference (body-worn camera footage with its request date)."""
    require_role(actor, *EVIDENCE_ROLES)
    if kind == EvidenceKind.UPLOAD and file is None:
        raise ValidationError(_("Choose a file to upload."))
    if file is not None and (file.size or 0) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Files larger than 50 MB cannot be uploaded here."))
    if kind == EvidenceKind.BODY_CAMERA and not (footage_reference and requested_on):
        raise ValidationError(_("Give the footage reference and the date it was requested."))
    if file is not None:  # a file's own name may name people: it is stored under a random one
        file.name = secrets.token_hex(16) + PurePath(file.name or "").suffix.lower()[:10]
    item = EvidenceItem.objects.create(
        case=case, kind=kind, title=title, footage_reference=footage_reference,
        requested_on=requested_on, received_on=received_on, added_by=actor,
        added_at=timezone.now(), **({"file": file} if file is not None else {}))
    audit_record(actor=actor, action="evidence.add", target=item, data={
        "case": case.number, "kind": kind, "file": item.file.name or None,
        "requested_on": requested_on, "fields": ["title"] + (["footage_reference"] if footage_reference else [])})
    return item


@transaction.atomic
def evidence_record_receipt(*, item: EvidenceItem, actor, received_on: datetime.date) -> EvidenceItem:
    """Record the day requested footage arrived."""
    require_role(actor, *EVIDENCE_ROLES)
    if item.requested_on and received_on < item.requested_on:
        raise ValidationError(_("Footage cannot arrive before it was requested."))
    item.received_on = received_on
    item.save(update_fields=["received_on"])
    audit_record(actor=actor, action="evidence.received", target=item,
                 data={"received_on": received_on})
    return item


@transaction.atomic
def interview_record(*, case: Case, actor, interviewee_role: str, interviewee: str,
                     held_on: datetime.date, summary: str) -> Interview:
    """Log an interview held for the investigation."""
    require_role(actor, *INTERVIEW_ROLES)
    if held_on > timezone.localdate():
        raise ValidationError(_("An interview cannot be logged before it is held."))
    interview = Interview.objects.create(
        case=case, interviewee_role=interviewee_role, interviewee=interviewee, held_on=held_on,
        summary=summary, recorded_by=actor, recorded_at=timezone.now())
    audit_record(actor=actor, action="interview.record", target=interview, data={
        "case": case.number, "role": interviewee_role, "held_on": held_on})
    return interview


@transaction.atomic
def note_add(*, case: Case, actor, body: str) -> CaseNote:
    """Add an internal note to the case file."""
    require_role(actor, *NOTE_ROLES)
    note = CaseNote.objects.create(case=case, author=actor, body=body, created_at=timezone.now())
    audit_record(actor=actor, action="note.add", target=note, data={"case": case.number})
    return note
