"""Ana files from her phone, presses Back, reloads, and still sees her code for a while.

Nobody else's browser sees it, the code never appears in a URL, and it is gone once expired.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.complaints.filing import start_draft, step_payloads, step_url

pytestmark = pytest.mark.django_db

ANA = {"filer_role": "witness", "narrative": "Two officers shoved a teenager at the bus stop."}


def _file(client, district):
    payloads = step_payloads({**ANA, "district": district.pk})
    _response, token = start_draft(client, payloads[0][1])
    for step, data in payloads[1:]:
        client.post(step_url(token, step), data)
    return token, client.post(step_url(token, "review"), {"action": "next"})


def test_filing_redirects_to_a_confirmation_without_any_secret_in_its_url(journalist, district):
    _token, response = _file(journalist, district)
    assert response.status_code == 302 and response["Location"] == "/complaints/filed/"
    page = journalist.get("/complaints/filed/")
    code = page.context["status_code"]
    assert code in page.content.decode() and code not in response["Location"]
    assert "no-store" in page["Cache-Control"]


def test_reload_and_back_show_the_same_code_again(journalist, district):
    token, _response = _file(journalist, district)
    first = journalist.get("/complaints/filed/").context
    again = journalist.get("/complaints/filed/")  # Reload
    assert again.context["status_code"] == first["status_code"]
    assert again.context["complaint"] == first["complaint"]
    back = journalist.get(step_url(token, "review"))  # Back: the draft is gone, not the code
    assert back.status_code == 302 and back["Location"] == "/complaints/filed/"
    assert journalist.get(step_url(token, "contact"))["Location"] == "/complaints/filed/"


def test_another_browser_never_sees_the_confirmation(journalist, district):
    token, _response = _file(journalist, district)
    stranger = Client()
    assert stranger.get("/complaints/filed/").status_code == 410
    assert stranger.get(step_url(token, "review")).status_code == 404


def test_the_confirmation_is_gone_after_it_expires(journalist, district, settings, monkeypatch):
    token, _response = _file(journalist, district)
    code = journalist.get("/complaints/filed/").context["status_code"]
    later = timezone.now() + datetime.timedelta(minutes=settings.COMPLAINT_CONFIRMATION_MINUTES + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    expired = journalist.get("/complaints/filed/")
    assert expired.status_code == 410 and code not in expired.content.decode()
    assert journalist.get(step_url(token, "review")).status_code == 404


def test_the_session_keeps_the_code_encrypted_and_only_from_filing_on(journalist, district):
    from django.contrib.sessions.models import Session

    journalist.get("/complaints/new/")
    assert "sessionid" not in journalist.cookies  # no session while writing
    _file(journalist, district)
    code = journalist.get("/complaints/filed/").context["status_code"]
    [session] = Session.objects.all()
    assert code not in session.session_data and code not in str(session.get_decoded())


def test_every_resident_page_shows_how_to_reach_the_body(journalist, settings):
    contact = settings.PORTAL["CONTACT"]
    for path in ("/es/complaints/new/", "/", "/complaints/new/", "/complaints/status/", "/officers/"):
        page = journalist.get(path).content.decode()
        for value in (contact["PHONE"], contact["EMAIL"], contact["ADDRESS"], contact["HOURS"]):
            assert value in page, (path, value)


def test_an_anonymous_filer_is_told_before_filing_that_a_lost_code_cannot_be_replaced(
        journalist, district):
    payloads = step_payloads({**ANA, "district": district.pk})
    _response, token = start_draft(journalist, payloads[0][1])
    for step, data in payloads[1:]:
        journalist.post(step_url(token, step), data)
    contact = journalist.get(step_url(token, "contact")).content.decode()
    assert "nobody can replace them" in contact
    review = journalist.get(step_url(token, "review")).content.decode()
    assert "You are filing anonymously" in review and "nobody can replace them" in review
    journalist.post(step_url(token, "contact"), {"contact_email": "ana@example.net"})
    assert "You are filing anonymously" not in journalist.get(step_url(token, "review")).content.decode()
