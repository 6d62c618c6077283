"""Evidence files: type checked from the content, image metadata stripped, stored privately.

Files go to `settings.PRIVATE_MEDIA_ROOT/evidence/` under random names. Nothing here makes a
URL: staff read a file through `evidence_open`, which audits the read.
"""

import hashlib
import io
import re
import secrets
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.services.audit import audit_record

from .models import Complaint, ComplaintDraft, Evidence, EvidenceKind


@dataclass(frozen=True)
class AllowedType:
    kind: str
    extension: str
    pillow_format: str = ""


ALLOWED_TYPES = {
    "image/jpeg": AllowedType(EvidenceKind.PHOTO, "jpg", "JPEG"),
    "image/png": AllowedType(EvidenceKind.PHOTO, "png", "PNG"),
    "image/webp": AllowedType(EvidenceKind.PHOTO, "webp", "WEBP"),
    "image/gif": AllowedType(EvidenceKind.PHOTO, "gif", "GIF"),
    "video/mp4": AllowedType(EvidenceKind.VIDEO, "mp4"),
    "video/quicktime": AllowedType(EvidenceKind.VIDEO, "mov"),
    "video/webm": AllowedType(EvidenceKind.VIDEO, "webm"),
    "video/3gpp": AllowedType(EvidenceKind.VIDEO, "3gp"),
    "audio/mpeg": AllowedType(EvidenceKind.AUDIO, "mp3"),
    "audio/mp4": AllowedType(EvidenceKind.AUDIO, "m4a"),
    "audio/x-wav": AllowedType(EvidenceKind.AUDIO, "wav"),
    "audio/ogg": AllowedType(EvidenceKind.AUDIO, "ogg"),
    "audio/aac": AllowedType(EvidenceKind.AUDIO, "aac"),
    "audio/amr": AllowedType(EvidenceKind.AUDIO, "amr"),
    "application/pdf": AllowedType(EvidenceKind.DOCUMENT, "pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
        AllowedType(EvidenceKind.DOCUMENT, "docx"),
    "application/vnd.oasis.opendocument.text": AllowedType(EvidenceKind.DOCUMENT, "odt"),
}
ALLOWED_EXTENSIONS = sorted({t.extension for t in ALLOWED_TYPES.values()})

ERROR_TOO_LARGE = _("“%(name)s” is %(size)s MB; each file can be at most %(limit)s MB.")
ERROR_TYPE = _("“%(name)s” is not a photo, video, audio recording or document we accept "
               "(its content is not one of: %(types)s), whatever its name says.")
ERROR_UNREADABLE = _("“%(name)s” looks like a picture but could not be opened. It may be damaged.")
ERROR_TOO_MANY = _("You can send at most %(limit)s files with one complaint.")
ERROR_EMPTY = _("“%(name)s” is empty.")
ERROR_TOO_MANY_PIXELS = _("“%(name)s” is a picture of %(megapixels)s megapixels; a picture can have at "
                          "most %(limit)s megapixels. Please send a smaller copy of it.")


def max_file_bytes() -> int:
    return settings.COMPLAINT_LIMITS["MAX_FILE_MB"] * 1024 * 1024


def private_storage():
    """`STORAGES["evidence"]` when configured (e.g. a private S3 bucket), else a private folder."""
    if "evidence" in settings.STORAGES:
        return storages["evidence"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT / "evidence",
                             file_permissions_mode=0o600, directory_permissions_mode=0o700)


def evidence_check(upload) -> tuple[str, AllowedType]:
    """The file's real type, read from its first bytes. Raises ValidationError if refused."""
    name = upload.name[:100]
    if upload.size > max_file_bytes():
        raise ValidationError(ERROR_TOO_LARGE, code="too_large", params={
            "name": name, "size": f"{upload.size / 1048576:.1f}",
            "limit": settings.COMPLAINT_LIMITS["MAX_FILE_MB"]})
    if upload.size == 0:
        raise ValidationError(ERROR_EMPTY, code="empty", params={"name": name})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    mime = guess.mime if guess else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError(ERROR_TYPE, code="type", params={
            "name": name, "types": ", ".join(ALLOWED_EXTENSIONS)})
    return mime, ALLOWED_TYPES[mime]


def _refuse_pixels(name: str, pixels: int) -> ValidationError:
    limit = settings.COMPLAINT_LIMITS["MAX_IMAGE_PIXELS"]
    return ValidationError(ERROR_TOO_MANY_PIXELS, code="too_many_pixels", params={
        "name": name[:100], "megapixels": f"{pixels / 1e6:,.0f}", "limit": f"{limit / 1e6:,.0f}"})


def _open_image(data: bytes, name: str) -> Image.Image:
    """Open a picture from its header, refusing it if it is too large to decode.

    No pixel is decoded here. Pillow's own guard (far above our limit) refuses at open.
    """
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise _refuse_pixels(name, int(found.group(1)) if found else 0) from exc
    pixels = image.size[0] * image.size[1]
    limit = settings.COMPLAINT_LIMITS["MAX_IMAGE_PIXELS"]
    if pixels <= limit and getattr(image, "is_animated", False):
        pixels *= image.n_frames  # every frame is decoded when the animation is re-encoded
    if pixels > limit:
        image.close()
        raise _refuse_pixels(name, pixels)
    return image


def _strip_image_metadata(data: bytes, allowed: AllowedType, name: str) -> bytes:
    """Re-encode the picture without EXIF/GPS/XMP, keeping how it was meant to be seen."""
    try:
        with _open_image(data, name) as image:
            animated = getattr(image, "is_animated", False)
            clean = image if animated else ImageOps.exif_transpose(image)
            out = io.BytesIO()
            options = {"save_all": True} if animated else {}
            if allowed.pillow_format == "JPEG":
                options["quality"] = 92
            clean.save(out, format=allowed.pillow_format, **options)
            return out.getvalue()
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(ERROR_UNREADABLE, code="unreadable", params={"name": name[:100]}) from exc


def evidence_store(*, upload, draft: ComplaintDraft | None = None,
                   complaint: Complaint | None = None) -> Evidence:
    """Check, clean and privately store one uploaded file. Raises ValidationError if refused."""
    mime, allowed = evidence_check(upload)
    data = upload.read()
    if allowed.kind == EvidenceKind.PHOTO:
        data = _strip_image_metadata(data, allowed, upload.name)
    stored_name = f"{secrets.token_hex(16)}.{allowed.extension}"
    private_storage().save(stored_name, ContentFile(data))
    return Evidence.objects.create(
        draft=draft, complaint=complaint, stored_name=stored_name,
        original_name=upload.name[:255], kind=allowed.kind, content_type=mime, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), uploaded_at=timezone.now(),
        added_after_filing=complaint is not None,
    )


def evidence_delete(*, evidence: Evidence) -> None:
    """Remove a file from a draft (files of a filed complaint are kept)."""
    if evidence.complaint_id is not None:
        raise ValidationError(_("Evidence of a filed complaint cannot be removed."))
    private_storage().delete(evidence.stored_name)
    evidence.delete()


def evidence_open(*, evidence: Evidence, actor):
    """Open a stored file for a staff member, recording the read in the audit trail.

    The caller (the review board's download view) checks the actor may see the complaint.
    """
    audit_record(actor=actor, action="complaint.evidence_download", target=evidence.complaint,
                 data={"evidence": evidence.pk, "sha256": evidence.sha256})
    return private_storage().open(evidence.stored_name, "rb")
