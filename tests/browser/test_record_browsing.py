"""Jo, a journalist, finds an officer, reads the profile, filters the history, checks the case,
the district and the sources, and downloads the data — in a real Chromium, axe on every page."""

import datetime

import pytest
from playwright.sync_api import expect

from misconduct_records.models import Assignment, Command, PublicAllegation
from misconduct_records.services import correction_record
from tests.factories import OfficerFactory
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def record(officer, district, records_editor):
    unit = Command.objects.create(agency=officer.agency, code="YVSF", name="Youth Violence Strike Force")
    Assignment.objects.create(officer=officer, command=unit, district=district, rank="Sergeant",
                              started_on=datetime.date(2012, 5, 1))
    rows = add_history(officer, 60)
    PublicAllegation.objects.filter(officer=officer).update(command_at_incident=unit,
                                                            rank_at_incident="Sergeant")
    partner = OfficerFactory(agency=officer.agency, district=district, first_name="Maria",
                             last_name="Santos")
    PublicAllegation.objects.create(case=rows[0].case, officer=partner, category=rows[0].category,
                                    finding="not_sustained", case_received_on=rows[0].case.received_on,
                                    case_district_id=rows[0].case.district_id)
    correction_record(instance=rows[0], changes={"discipline_imposed": "training"},
                      note="The department's letter arrived.", actor=records_editor)
    return officer


def test_journalist_researches_an_officer(live_server, page, record, district, axe_check, screenshot):
    base = live_server.url
    page.goto(f"{base}/officers/")
    axe_check(page, "officer list")
    page.get_by_label("Name or badge number").fill("Kowalsky")  # a typo on SQLite finds nothing…
    page.get_by_role("button", name="Search").click()
    page.get_by_label("Name or badge number").fill("Kowalski")
    page.get_by_label("Has sustained allegations").select_option(label="Yes")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("officer-results")
    expect(results).to_contain_text("Kowalski, Daniel")
    expect(results).not_to_contain_text("Santos")
    screenshot(page, "record-01-officer-search")

    page.get_by_role("link", name="Kowalski, Daniel").click()
    expect(page.get_by_role("heading", name="Daniel Kowalski", level=1)).to_be_visible()
    expect(page.get_by_test_id("allegation-count")).to_have_text("60")
    expect(page.get_by_test_id("comparison")).to_contain_text("have fewer allegations")
    expect(page.get_by_test_id("co-accused")).to_contain_text("Maria Santos")
    expect(page.get_by_test_id("corrections")).to_contain_text("Written reprimand → Training")
    expect(page.get_by_test_id("current-through")).to_be_visible()
    axe_check(page, "officer profile")
    screenshot(page, "record-02-officer-profile")

    page.get_by_label("Board finding").select_option(label="Sustained")
    page.get_by_role("button", name="Filter").click()
    rows = page.get_by_test_id("allegation-row")
    expect(rows).to_have_count(20)
    expect(rows.first).to_contain_text("Youth Violence Strike Force")
    rows.first.get_by_text("Sustained", exact=True).last.click()  # the inline definition opens
    expect(rows.first).to_contain_text("broke the rules")
    axe_check(page, "filtered history")

    rows.first.get_by_role("link").first.click()
    expect(page.get_by_test_id("case-status")).to_have_text("Closed")
    axe_check(page, "case page")
    screenshot(page, "record-03-case")

    page.goto(f"{base}/districts/{district.pk}/")
    expect(page.get_by_test_id("trend-table")).to_be_visible()
    axe_check(page, "district page")
    screenshot(page, "record-04-district")

    for path, label in [("/allegations/?finding=sustained", "allegations"), ("/sources/", "sources"),
                        ("/corrections/", "corrections"), ("/data/dictionary/", "data dictionary")]:
        page.goto(base + path)
        axe_check(page, label)
    screenshot(page, "record-05-data-dictionary")

    page.goto(f"{base}/data/")
    axe_check(page, "open data")
    screenshot(page, "record-06-open-data")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="allegations as CSV").click()
    download = download_info.value
    lines = open(download.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("id,case,officer,agency")
    assert len(lines) == 62  # header + 60 + Santos's allegation
