"""Chain of custody: Theo's photo and video are kept exactly as received, encrypted, with their
SHA-256; Ivan (investigator) opens the originals, Ines (intake) only the photo's clean copy."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from complaints.evidence import evidence_store, private_storage
from portal.models import AuditEvent
from tests.complaints.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db

# An MP4 header ("ftyp") as phones write it, then bytes standing for a GPS atom.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\xa9xyz+42.3601-071.0589/" + b"\x00" * 64


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def files(case):
    photo = evidence_store(upload=SimpleUploadedFile("fence.jpg", jpeg_with_gps()), complaint=case.complaint)
    video = evidence_store(upload=SimpleUploadedFile("clip.mp4", MP4), complaint=case.complaint)
    return photo, video


def _url(case, evidence, original=False):
    url = reverse("board:complaint_file_download", args=[case.number, evidence.pk])
    return url + ("?original=1" if original else "")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_original_is_kept_byte_for_byte_encrypted_with_its_sha256(files):
    photo, video = files
    assert photo.original_sha256 == hashlib.sha256(jpeg_with_gps()).hexdigest()
    assert photo.original_size == len(jpeg_with_gps()) and photo.has_clean_copy
    assert video.original_sha256 == hashlib.sha256(MP4).hexdigest() and not video.has_clean_copy
    for name in (photo.original_stored_name, photo.stored_name, video.original_stored_name):
        with private_storage().open(name, "rb") as handle:
            at_rest = handle.read()
        assert b"\xff\xd8\xff" not in at_rest[:8] and b"ftyp" not in at_rest and b"GPS" not in at_rest


def test_investigators_open_the_original_and_others_the_clean_copy(case, files, investigator,
                                                                   intake_officer, client_for):
    photo, video = files
    ivan, ines = client_for(investigator), client_for(intake_officer)
    assert _body(ivan.get(_url(case, photo, original=True))) == jpeg_with_gps()
    assert _body(ivan.get(_url(case, video))) == MP4  # no clean copy: the original
    copy = _body(ines.get(_url(case, photo)))
    with Image.open(io.BytesIO(copy)) as image:
        assert not image.getexif().get_ifd(0x8825)  # no GPS in the copy
    assert ines.get(_url(case, photo, original=True)).status_code == 404
    assert ines.get(_url(case, video)).status_code == 404
    reads = [(e.actor.username, e.data["original"], e.data["sha256"]) for e in
             AuditEvent.objects.filter(action="complaint.evidence_download").order_by("id")]
    assert reads == [("ivan", True, photo.original_sha256), ("ivan", True, video.original_sha256),
                     ("ines", False, photo.sha256)]


def test_the_case_page_says_what_each_role_can_open(case, files, investigator, intake_officer,
                                                    client_for):
    photo, _video = files
    page = client_for(investigator).get(reverse("board:case_detail", args=[case.number])).content.decode()
    assert "original as received" in page and photo.original_sha256 in page
    page = client_for(intake_officer).get(reverse("board:case_detail", args=[case.number])).content.decode()
    assert "original as received" not in page and "only investigators open this file" in page
