"""Jo, a newcomer, reads the API's front door and its docs; Ana reads the public pages on a phone."""

import pytest

from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
PUBLIC_PAGES = ["/", "/api/docs/", "/officers/", "/allegations/", "/districts/", "/data/", "/complaints/new/",
                "/complaints/status/", "/es/officers/"]


def test_api_docs_pass_axe(live_server, page, axe_check, screenshot):
    page.goto(f"{live_server.url}/api/v1/")
    assert "/api/docs/" in page.content()
    page.goto(f"{live_server.url}/api/docs/")
    page.get_by_role("link", name="GET /api/v1/officers/", exact=True).click()
    axe_check(page, "api-docs")
    screenshot(page, "api-docs")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "api-docs-phone")


def test_public_pages_do_not_scroll_sideways_on_a_390px_phone(live_server, browser, district,
                                                              screenshot):
    officer = OfficerFactory(district=district, agency=district.agency, last_name="Fitzgerald-Montgomery")
    page = browser.new_context(viewport=PHONE).new_page()
    for path in [*PUBLIC_PAGES, f"/officers/{officer.public_id}/"]:
        page.goto(f"{live_server.url}{path}")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= PHONE["width"], f"{path} is {wide}px wide on a {PHONE['width']}px phone"
    page.goto(f"{live_server.url}/officers/")
    screenshot(page, "officers-phone")
