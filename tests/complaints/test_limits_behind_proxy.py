"""Behind one TLS proxy, every limit counts the resident's own address, never the proxy's.

Rita and Theo file from two homes; the proxy (10.0.0.1) is what the portal's socket sees. Mallory
adds made-up X-Forwarded-For entries to escape her bucket. Ines and Ivan are staff members who
sign in from the same office address.
"""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.clients import client_address
from portal.throttling import ClientRateThrottle
from tests.complaints.conftest import jpeg_with_gps
from tests.complaints.filing import start_draft, step_url
from tests.complaints.test_rejections import STORY

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
RITA_HOME, THEO_HOME = "198.51.100.7", "203.0.113.9"


@pytest.fixture(autouse=True)
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    cache.clear()


def _behind_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "198.51.100.7", PROXY),  # nothing trusted: the socket's address
    (1, "198.51.100.7", "198.51.100.7"),
    (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own entry is ignored
    (2, "198.51.100.7, 172.16.0.2", "198.51.100.7"),
    (1, "", PROXY),  # a proxy that wrote nothing: its own address
    (1, "not-an-address", PROXY),
])
def test_client_address_is_the_one_the_trusted_proxy_saw(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def _wrong_code(client):
    return client.post("/complaints/status/", {"tracking_number": "CR-2026-000001",
                                               "status_code": "guess"})


def test_wrong_codes_from_one_home_do_not_lock_out_another(settings):
    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "STATUS_ATTEMPTS_PER_HOUR": 2}
    rita, theo = _behind_proxy(RITA_HOME), _behind_proxy(THEO_HOME)
    for _ in range(3):
        _wrong_code(rita)
    assert _wrong_code(rita).status_code == 429
    assert _wrong_code(theo).status_code == 400  # told the code is wrong, not locked out


def test_a_made_up_forwarded_entry_does_not_escape_the_limit(settings):
    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "STATUS_ATTEMPTS_PER_HOUR": 2}
    for n in range(3):
        _wrong_code(_behind_proxy(f"192.0.2.{n}, {RITA_HOME}"))
    assert _wrong_code(_behind_proxy(f"192.0.2.99, {RITA_HOME}")).status_code == 429


def test_new_drafts_are_counted_per_home(settings):
    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "SUBMISSIONS_PER_HOUR": 1}
    rita, theo = _behind_proxy(RITA_HOME), _behind_proxy(THEO_HOME)
    for _ in range(3):
        start_draft(rita, {"filer_role": "affected", "narrative": STORY})
    assert rita.post("/complaints/new/", {"filer_role": "affected", "narrative": STORY}).status_code == 429
    _response, token = start_draft(theo, {"filer_role": "affected", "narrative": STORY})
    assert token


def test_draft_uploads_are_rate_limited_per_home(settings):
    settings.COMPLAINT_LIMITS = {**settings.COMPLAINT_LIMITS, "UPLOADS_PER_HOUR": 1}
    rita = _behind_proxy(RITA_HOME)
    _response, token = start_draft(rita, {"filer_role": "affected", "narrative": STORY})

    def upload(client, name):
        photo = SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")
        return client.post(step_url(token, "evidence"), {"files": [photo], "action": "upload"})

    assert upload(rita, "one.jpg").status_code == 302
    refused = upload(rita, "two.jpg")
    assert refused.status_code == 400
    assert "Too many files were sent from your connection" in refused.content.decode()
    assert upload(_behind_proxy(THEO_HOME), "three.jpg").status_code == 302


def test_api_throttle_counts_each_reader_and_ignores_made_up_entries():
    with mock.patch.object(ClientRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"}):
        for _ in range(2):
            assert _behind_proxy(RITA_HOME).get("/api/v1/officers/").status_code == 200
        assert _behind_proxy(RITA_HOME).get("/api/v1/officers/").status_code == 429
        assert _behind_proxy(f"192.0.2.1, {RITA_HOME}").get("/api/v1/officers/").status_code == 429
        assert _behind_proxy(THEO_HOME).get("/api/v1/officers/").status_code == 200


def _sign_in(client, user, password):
    return client.post(reverse("board:login"), {"username": user.username, "password": password})


def test_wrong_passwords_for_one_member_do_not_lock_another(settings, intake_officer, investigator):
    office = _behind_proxy("192.0.2.50")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(office, intake_officer, "wrong password")
    assert _sign_in(office, intake_officer, "correct-horse-battery-staple").status_code == 429
    response = _sign_in(_behind_proxy("192.0.2.50"), investigator, "correct-horse-battery-staple")
    assert response.status_code == 302
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.50"}
