"""Rita's secret code never travels in a URL, a redirect or a log line.

She types it (POSTed) or follows the receipt's single-use link; either gives her a short
session and an address that holds no secret. Old links that carried the code show the form.
"""

import datetime
import logging
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from complaints import urls as complaint_urls
from complaints.models import StatusLinkToken
from portal.log_redaction import redact
from tests.complaints.filing import file_complaint
from tests.slice import RITA

pytestmark = pytest.mark.django_db
LINK_RE = re.compile(r"http://testserver(/complaints/status/link/\S+/)")


@pytest.fixture
def rita(journalist, district, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = file_complaint(journalist, {**RITA, "district": district.pk})
    return response.context["complaint"], response.context["status_code"], response


def _spellings(code: str) -> list[str]:
    bare = code.replace("-", "")
    groups = [bare[i:i + 4] for i in range(0, 32, 4)]
    return [code, code.upper(), bare, bare.upper(), ".".join(groups), " ".join(groups),
            " ".join(groups).upper(), "%20".join(groups), "+".join(groups), "-".join(groups).title()]


def _assert_code_absent(code: str, text: str) -> None:
    for spelling in _spellings(code):
        assert spelling.lower() not in text.lower(), spelling


def test_no_route_reads_the_code_from_its_path():
    patterns = [p for p in complaint_urls.urlpatterns if isinstance(p, URLPattern)]
    with_code = [p.name for p in patterns if "code" in p.pattern.regex.groupindex]
    assert with_code == ["status_link_retired"]


def test_an_old_link_with_the_code_shows_the_form_and_never_echoes_the_code(rita, console_log):
    complaint, code, _response = rita
    visitor = Client()
    for spelling in _spellings(code):
        response = visitor.get(f"/complaints/status/{complaint.tracking_number}/{spelling}/?c={spelling}")
        assert response.status_code == 302 and "sessionid" not in response.cookies
        _assert_code_absent(code, response["Location"])
        page = visitor.get(response["Location"]).content.decode()
        assert 'name="status_code"' in page and "no longer open the status page" in page
        _assert_code_absent(code, page)
    logging.getLogger("django.request").warning("Not Found: %s", f"/complaints/status/x/{code}/")
    logging.getLogger("portal").info("typed %s", code.upper().replace("-", " "))
    dotted = code.replace("-", ".")
    logging.getLogger("django.server").info('"%s" %s %s', f"GET /complaints/status/x/{dotted}/ HTTP/1.1", 302, 0)
    logging.getLogger().warning("root: %s", code.replace("-", ""))
    try:
        raise ValueError(f"bad path /complaints/status/x/{code}/ code {code.upper()}")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: %s", "/x/")
    assert "ValueError: bad path /complaints/status/x/[redacted]/" in console_log.getvalue()
    assert "Not Found: /complaints/status/x/[redacted]/" in console_log.getvalue()
    _assert_code_absent(code, console_log.getvalue())


def test_the_typed_code_is_posted_and_the_status_address_holds_no_secret(rita, console_log):
    complaint, code, _response = rita
    resident = Client()
    assert not resident.get(reverse("complaints:status")).cookies  # no session before the code
    response = resident.post(reverse("complaints:status_lookup"), {
        "tracking_number": complaint.tracking_number, "status_code": code.upper().replace("-", ".")})
    assert response.status_code == 302 and response["Location"] == reverse("complaints:status")
    assert "sessionid" in response.cookies
    page = resident.get(response["Location"]).content.decode()
    assert "Current status" in page
    _assert_code_absent(code, page)
    assert Client().get(reverse("complaints:status")).status_code == 302  # others: the form
    _assert_code_absent(code, console_log.getvalue())


def test_the_confirmation_page_puts_the_code_in_no_link(rita):
    _complaint, code, response = rita
    page = response.content.decode()
    for target in re.findall(r'(?:href|action|src)="([^"]*)"', page):
        _assert_code_absent(code, target)
    assert "Location" not in response


def test_the_receipt_link_works_once_and_carries_no_code(rita):
    complaint, code, _response = rita
    body = mail.outbox[0].body
    _assert_code_absent(code, body)
    link = LINK_RE.search(body).group(1)
    first = Client()
    response = first.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("complaints:status")
    assert complaint.tracking_number in first.get(response["Location"]).content.decode()
    again = Client().get(link)
    assert again.status_code == 400 and "expired or was already used" in again.content.decode()
    assert "sessionid" not in again.cookies
    token = StatusLinkToken.objects.get()
    assert token.token_digest not in body and token.used_at is not None


def test_the_receipt_link_expires(rita):
    StatusLinkToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = Client().get(LINK_RE.search(mail.outbox[0].body).group(1))
    assert response.status_code == 400 and "sessionid" not in response.cookies


def test_a_new_code_ends_the_old_codes_sessions(rita, intake_officer):
    from complaints.services import complaint_reissue_status_code

    complaint, code, _response = rita
    resident = Client()
    resident.post(reverse("complaints:status_lookup"), {"tracking_number": complaint.tracking_number,
                                                        "status_code": code})
    assert resident.get(reverse("complaints:status")).status_code == 200
    complaint_reissue_status_code(complaint=complaint, actor=intake_officer, identity_check="call_back")
    assert resident.get(reverse("complaints:status")).status_code == 302


@pytest.mark.parametrize("separator", ["-", ".", " ", "", "%20", "+", "-."])
def test_log_redaction_catches_every_spelling_of_a_code(separator):
    code = "abcd-efgh-jkmn-pqrs-tuvw-xyz2-3456-789a"
    groups = code.split("-")
    for spelling in (separator.join(groups), separator.join(groups).upper()):
        for line in (f"GET /complaints/status/CR-2026-000001/{spelling}/ HTTP/1.1",
                     f"code={spelling}&next=1", f"Bad Request: /x/?q={spelling}", f'"{spelling}"'):
            assert spelling not in redact(line), line
    assert redact("CR-2026-000142 took 1234.5 ms") == "CR-2026-000142 took 1234.5 ms"


def _free_port() -> int:
    for port in range(8100, 8150):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8100-8149")


def test_gunicorn_access_log_redacts_codes(tmp_path):
    """The project's gunicorn.conf.py (read from the working directory) redacts access lines."""
    code = "abcd.efgh.jkmn.pqrs.tuvw.xyz2.3456.789a"
    port, log = _free_port(), tmp_path / "access.log"
    root = Path(django_settings.BASE_DIR)
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--access-logfile", str(log), "--error-logfile", str(tmp_path / "error.log")],
        cwd=root, env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    try:
        for spelling in (code, code.replace(".", "%20"), code.upper().replace(".", "")):
            url = f"http://127.0.0.1:{port}/complaints/status/CR-2026-000001/{spelling}/?c={spelling}"
            for _attempt in range(100):
                try:
                    urllib.request.urlopen(url, timeout=30)  # noqa: S310
                    break  # redirected to the form (urllib follows it)
                except urllib.error.HTTPError:
                    break
                except OSError:
                    time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    written = log.read_text()
    # A slow first answer (a busy machine) can make the loop ask again: at least one line each.
    assert written.count("/complaints/status/CR-2026-000001/[redacted]") >= 3, written
    assert "abcd" not in written.lower() and "789a" not in written.lower()
