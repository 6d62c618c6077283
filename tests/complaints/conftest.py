import io
import uuid

import pytest
from PIL import Image


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings):
    """Each test counts attempts from zero, even against a shared Redis cache."""
    settings.RATELIMIT_CACHE_PREFIX = f"rl-test-{uuid.uuid4().hex}:"


def jpeg_with_gps() -> bytes:
    """A small photo carrying camera and GPS metadata, as phones write it."""
    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif.get_ifd(0x8825)[2] = (42.0, 19.0, 30.0)  # GPSLatitude
    exif.get_ifd(0x8825)[1] = "N"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def photo():
    return jpeg_with_gps()
