"""Ines's pages are never cached and her session ends after a working day or an idle spell;
every page carries a strict Content-Security-Policy (no inline script anywhere)."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from portal.middleware import LAST_SEEN, STARTED

pytestmark = pytest.mark.django_db
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def _age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


def test_staff_pages_that_show_identity_are_never_stored(client_for, intake_officer, journalist, district):
    from complaints.services import complaint_submit

    filed = complaint_submit(narrative="Story.", filer_role="affected", language="en",
                             agency_id=district.agency_id, district=district, contact_name="Rita")
    ines = client_for(intake_officer)
    for url in (reverse("board:dashboard"),
                reverse("board:complaint_detail", args=[filed.complaint.tracking_number])):
        response = ines.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
    assert not journalist.get(reverse("home")).cookies


def test_a_staff_session_ends_after_an_idle_period(client_for, intake_officer, settings):
    settings.STAFF_SESSION = {"MAX_HOURS": 10, "IDLE_MINUTES": 30}
    ines = client_for(intake_officer)
    assert ines.get(reverse("board:dashboard")).status_code == 200
    _age_session(ines, **{LAST_SEEN: 29 * 60})
    assert ines.get(reverse("board:dashboard")).status_code == 200  # still within the idle limit
    _age_session(ines, **{LAST_SEEN: 31 * 60})
    response = ines.get(reverse("board:dashboard"))
    assert response.status_code == 302 and "/board/login/" in response["Location"]
    assert ines.get(reverse("board:dashboard")).status_code == 302  # signed out for good


def test_a_staff_session_ends_after_a_working_day_even_when_busy(client_for, intake_officer, settings):
    settings.STAFF_SESSION = {"MAX_HOURS": 10, "IDLE_MINUTES": 30}
    ines = client_for(intake_officer)
    assert ines.get(reverse("board:dashboard")).status_code == 200
    _age_session(ines, **{STARTED: 9.9 * 3600, LAST_SEEN: 60})
    assert ines.get(reverse("board:dashboard")).status_code == 200
    _age_session(ines, **{STARTED: 10.1 * 3600, LAST_SEEN: 60})
    assert ines.get(reverse("board:dashboard")).status_code == 302


def test_every_page_carries_a_strict_policy(journalist, client_for, intake_officer, officer):
    pages = [(journalist, reverse("home")), (journalist, reverse("records:officer_list")),
             (journalist, reverse("records:officer_detail", args=[officer.public_id])),
             (journalist, reverse("complaints:new")), (journalist, reverse("complaints:status_lookup")),
             (journalist, "/api/v1/officers/"), (journalist, reverse("board:login")),
             (client_for(intake_officer), reverse("board:dashboard"))]
    for client, url in pages:
        policy = _csp(client.get(url))
        assert policy["script-src"] == "script-src 'self'", url
        assert "unsafe-inline" not in policy["style-src"], url
        assert policy["object-src"] == "object-src 'none'" and policy["frame-ancestors"] == "frame-ancestors 'none'"


def test_templates_hold_no_inline_script_or_style():
    allowed_style_blocks = {"review_board/letters/closing_letter.html",  # with the request's nonce
                            # printed to PDF, never served as a page:
                            "complaints/receipt_pdf.html", "complaints/paper_form.html",
                            "review_board/letters/receipt_letter.html"}
    for path in TEMPLATES.rglob("*.html"):
        text, name = path.read_text(), str(path.relative_to(TEMPLATES))
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), name
        assert not re.search(r"\sstyle=|\son[a-z]+=|javascript:", text), name
        assert "<style" not in text or name in allowed_style_blocks, name


def test_the_closing_letter_page_styles_itself_with_the_nonce(world_letter):
    client, url = world_letter
    response = client.get(url)
    nonce = re.search(r"'nonce-([^']+)'", _csp(response)["style-src"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()


@pytest.fixture
def world_letter(client_for, intake_officer, district, officer, investigator, board_chair):
    from tests.publishing import publish_ritas_case

    case = publish_ritas_case(district=district, officer=officer, intake_officer=intake_officer,
                              investigator=investigator, board_chair=board_chair,
                              category_code="physical-force", finding="sustained", discipline="written_reprimand")
    return client_for(intake_officer), reverse("board:letter_html", args=[case.number])


def test_the_api_docs_load_their_script_from_a_file(journalist):
    page = journalist.get("/api/docs/swagger/")
    html = page.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert _csp(page)["script-src"] == "script-src 'self'"
    script = journalist.get("/api/docs/swagger/?script=")
    assert script["Content-Type"].startswith("application/javascript") and b"SwaggerUIBundle" in script.content
    assert not page.cookies
