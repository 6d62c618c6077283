"""Evidence files: type checked from the content, kept as received, stored privately.

Files go to `settings.PRIVATE_MEDIA_ROOT/evidence/` (or STORAGES["evidence"]) under random names,
encrypted with the field keys. The original is kept byte for byte with its SHA-256, for the
chain of custody; photos also get a copy without metadata (location, camera, time) for everyone
else. Videos, audio and documents get no such copy: only investigators open them. Nothing here
makes a URL: staff read a file through `evidence_open`, which audits the read.
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

from portal.encryption import field_cipher
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
ENCRYPTED_SUFFIX = ".enc"


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
        pixels *= getattr(image, "n_frames", 1)  # every frame is decoded when the animation is re-encoded
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
            options: dict[str, bool | int] = {"save_all": True} if animated else {}
            if allowed.pillow_format == "JPEG":
                options["quality"] = 92
            clean.save(out, format=allowed.pillow_format, **options)
            return out.getvalue()
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(ERROR_UNREADABLE, code="unreadable", params={"name": name[:100]}) from exc


def _save(data: bytes, extension: str) -> str:
    """Store bytes encrypted at rest under a new random name; returns the name."""
    name = f"{secrets.token_hex(16)}.{extension}{ENCRYPTED_SUFFIX}"
    private_storage().save(name, ContentFile(field_cipher().encrypt(data)))
    return name


def evidence_store(*, upload, draft: ComplaintDraft | None = None,
                   complaint: Complaint | None = None) -> Evidence:
    """Check and privately store one uploaded file: the original byte for byte (its SHA-256
    taken on receipt) and, for photos, a copy without metadata. Raises ValidationError if refused."""
    mime, allowed = evidence_check(upload)
    original = upload.read()
    original_sha256 = hashlib.sha256(original).hexdigest()
    copy = _strip_image_metadata(original, allowed, upload.name) if allowed.kind == EvidenceKind.PHOTO else None
    original_stored_name = _save(original, allowed.extension)
    stored_name = _save(copy, allowed.extension) if copy is not None else original_stored_name
    shared = copy if copy is not None else original
    return Evidence.objects.create(
        draft=draft, complaint=complaint, stored_name=stored_name,
        original_name=upload.name[:255], kind=allowed.kind, content_type=mime, size=len(shared),
        sha256=hashlib.sha256(shared).hexdigest(), uploaded_at=timezone.now(),
        added_after_filing=complaint is not None, original_stored_name=original_stored_name,
        original_sha256=original_sha256, original_size=len(original),
        has_clean_copy=copy is not None,
    )


def evidence_delete(*, evidence: Evidence) -> None:
    """Remove a file from a draft (files of a filed complaint are kept)."""
    if evidence.complaint_id is not None:
        raise ValidationError(_("Evidence of a filed complaint cannot be removed."))
    for name in {evidence.stored_name, evidence.original_stored_name} - {""}:
        private_storage().delete(name)
    evidence.delete()


def _read(name: str):
    if not name.endswith(ENCRYPTED_SUFFIX):  # stored before files were encrypted
        return private_storage().open(name, "rb")
    with private_storage().open(name, "rb") as handle:
        return io.BytesIO(field_cipher().decrypt(handle.read()))


def evidence_open(*, evidence: Evidence, actor, original: bool = False):
    """Open a stored file for a staff member, recording the read in the audit trail: the copy
    without metadata, or (`original`, or when there is no such copy) the file as received.

    The caller (the review board's download view) checks the actor may see the complaint, and
    may read originals when it asks for one.
    """
    original = original or not evidence.has_clean_copy
    name = (evidence.original_stored_name or evidence.stored_name) if original else evidence.stored_name
    assert evidence.complaint is not None, "staff open the files of filed complaints only"
    audit_record(actor=actor, action="complaint.evidence_download", target=evidence.complaint,
                 data={"evidence": evidence.pk, "original": original,
                       "sha256": (evidence.original_sha256 or evidence.sha256) if original else evidence.sha256})
    return _read(name)
