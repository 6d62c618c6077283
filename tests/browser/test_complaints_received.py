"""Jo sees complaints arrive as counts on the districts page, on a phone, before any case opens."""

import pytest
from playwright.sync_api import expect

from complaints.services import complaint_submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_complaints_received_are_counted_on_the_districts_page(live_server, browser, district, axe_check,
                                                               screenshot):
    for _ in range(3):
        complaint_submit(narrative="Story.", filer_role="affected", language="en",
                         agency_id=district.agency_id, district=district)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/districts/")
    expect(page.get_by_test_id(f"received-{district.code}")).to_have_text("3")
    expect(page.get_by_role("heading", name="Complaints received")).to_be_visible()
    axe_check(page, "districts with complaints received")
    screenshot(page, "complaints-received-phone")
    context.close()
