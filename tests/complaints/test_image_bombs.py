"""Rita attaches photos; Mallory attaches pictures built to explode when decoded. Mallory's are
refused from their header, with a message, and memory stays small."""

import struct
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.evidence import evidence_store
from complaints.models import Evidence
from tests.complaints.conftest import jpeg_with_gps
from tests.complaints.filing import start_draft, step_url

pytestmark = pytest.mark.django_db


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A black 1-bit PNG: a few hundred KB on disk, width × height pixels once decoded."""
    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))


@pytest.fixture
def token(journalist):
    return start_draft(journalist, {"filer_role": "affected", "narrative": "A stop on Warren Street."})[1]


@pytest.fixture(scope="module")
def bomb_13k():
    return png_bomb(13_300, 13_300)


@pytest.fixture(scope="module")
def bomb_400mp():
    return png_bomb(20_000, 20_000)


def test_a_400_megapixel_picture_is_refused_with_a_message(journalist, token, bomb_400mp):
    upload = SimpleUploadedFile("bomb.png", bomb_400mp, content_type="image/png")
    response = journalist.post(step_url(token, "evidence"), {"files": [upload], "action": "upload"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "bomb.png" in html and "400 megapixels" in html and "at most 50 megapixels" in html
    assert not Evidence.objects.exists()


def test_three_13300_pixel_squares_are_refused_in_little_memory(bomb_13k):
    tracemalloc.start()
    try:
        for n in range(3):
            with pytest.raises(ValidationError) as refused:
                evidence_store(upload=SimpleUploadedFile(f"b{n}.png", bomb_13k, content_type="image/png"))
            assert refused.value.code == "too_many_pixels"
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_an_ordinary_photo_is_still_accepted(journalist, token):
    upload = SimpleUploadedFile("street.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = journalist.post(step_url(token, "evidence"), {"files": [upload], "action": "upload"})
    assert response.status_code == 302 and Evidence.objects.count() == 1
