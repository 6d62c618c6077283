"""Jo, a journalist, opens a Chicago officer named in a settled lawsuit: the profile lists the
settlement with how the officer was matched, and the department's page totals its settlements
by year with the publisher's caution — in a real Chromium, axe on every page."""

import pytest
from playwright.sync_api import expect

from misconduct_records.models import Officer
from tests.misconduct_records.import_helpers import lay_out, run_import, seed_categories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def chicago_with_settlements(tmp_path):
    seed_categories()
    lay_out(tmp_path, "cpdp-chicago-complaints", compress=True)
    lay_out(tmp_path, "police-settlements-538", compress=False)
    run_import("cpdp-chicago", tmp_path)
    run_import("police-settlements-538", tmp_path)
    return Officer.objects.get(last_name="ROE")


def test_journalist_reads_an_officers_settlements_and_the_departments_totals(
        live_server, page, chicago_with_settlements, axe_check, screenshot):
    page.goto(f"{live_server.url}/officers/{chicago_with_settlements.public_id}/")
    section = page.get_by_test_id("officer-settlements")
    expect(section).to_contain_text("Sgt. J. Roe #4321")
    expect(section.get_by_test_id("match-note")).to_have_text("Matched on star number and surname")
    expect(section).to_contain_text("$160,000")
    expect(section).to_contain_text("May 10, 2016")
    expect(page.get_by_test_id("settlement-caution")).to_contain_text("not comparable between cities")
    expect(page.locator("body")).not_to_contain_text("Plaintiff")
    axe_check(page, "officer profile with settlements")
    page.locator("#settlements").scroll_into_view_if_needed()
    screenshot(page, "settlements-01-officer-profile")

    section.get_by_role("link", name="Chicago Police Department").click()
    expect(page.get_by_role("heading", name="Chicago Police Department", level=1)).to_be_visible()
    years = page.get_by_test_id("settlement-years")
    expect(years).to_contain_text("2017")
    expect(years).to_contain_text("$35,000.50")
    expect(page.get_by_test_id("settlement-caution")).to_contain_text("must not be compared across cities")
    expect(page.get_by_test_id("settlements")).to_contain_text("Roe")
    axe_check(page, "agency page")
    screenshot(page, "settlements-02-agency-page")

    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page, "agency page on a phone")
    screenshot(page, "settlements-03-agency-page-phone")
