"""Jo opens the list of public reports, reads a quarterly report, downloads its PDF and a CSV,
and filters the live statistics — axe on every page."""

import datetime

import pytest
from playwright.sync_api import expect

from reports.periods import Period
from reports.services.generation import report_generate, report_request
from tests.reports.conftest import build_quarter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def quarter(agency):
    return build_quarter(agency)


@pytest.fixture
def published(quarter, settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path / "public-data"
    settings.REPORTS = {**settings.REPORTS, "ROOT": tmp_path / "reports"}
    report = report_request(period=Period("quarterly", datetime.date(2026, 7, 1),
                                          datetime.date(2026, 9, 30)), own=True, agency=None)
    return report_generate(report_id=report.pk)


def test_journalist_reads_a_report_its_pdf_and_csv(live_server, page, published, axe_check, screenshot):
    page.goto(f"{live_server.url}/reports/")
    axe_check(page, "report list")
    screenshot(page, "reports-01-list")
    page.get_by_role("link", name="This board's own cases: 2026 Q3").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This board's own cases: 2026 Q3")
    expect(page.get_by_test_id("snapshot")).to_contain_text(published.snapshot)
    expect(page.get_by_test_id("table-findings-by-category")).to_contain_text("suppressed")
    axe_check(page, "report")
    screenshot(page, "reports-02-report")

    pdf = page.request.get(live_server.url + page.get_by_role("link", name="The report as PDF").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    csv_link = page.get_by_role("link", name="This table as CSV (cases-received-by-district.csv)")
    table = page.request.get(live_server.url + csv_link.get_attribute("href")).text()
    assert table.splitlines()[0] == "District,Number" and "District A-1,16" in table

    page.get_by_test_id("table-cases-received-by-district").get_by_role("link", name="16").click()
    assert "received_from=2026-07-01" in page.url and "/cases/" in page.url


def test_journalist_filters_the_live_statistics(live_server, page, quarter, axe_check, screenshot):
    page.goto(f"{live_server.url}/statistics/")
    page.get_by_label("From (YYYY-MM-DD)").fill("2026-07-01")
    page.get_by_label("To (YYYY-MM-DD)").fill("2026-09-30")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("table-allegations-by-family")).to_contain_text("33")
    axe_check(page, "statistics")
    screenshot(page, "reports-03-statistics")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "reports-04-statistics-phone")
