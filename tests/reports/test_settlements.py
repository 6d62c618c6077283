"""Jo, a journalist, reads the settlements a city paid in a report's quarter: counted from the
pinned snapshot, small counts and their money hidden, recomputed by the open script."""

import csv
import datetime
import io
import subprocess
import sys

import pytest
from django.conf import settings

from misconduct_records.models import Agency, Settlement, Source
from reports.figures import cell, settlement_in_period
from reports.models import Report
from reports.periods import Period
from reports.services.generation import report_folder, report_request

pytestmark = pytest.mark.django_db

Q3 = Period("quarterly", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
SCRIPT = settings.BASE_DIR / "scripts" / "recompute_report.py"


def _settle(agency, source, closed_on, *, total=None, awarded=None, other=None, year=None,
            precision="day"):
    return Settlement.objects.create(
        agency=agency, source=source, closed_on=closed_on, year=year or (closed_on and closed_on.year),
        closed_on_precision=precision if closed_on else "", total_incurred_cents=total,
        amount_awarded_cents=awarded, other_expenses_cents=other)


@pytest.fixture
def settlements(agency):
    source = Source.objects.create(name="City law department", slug="city-law",
                                   caution="Cities are not comparable.")
    for i in range(5):  # Q3: 7 settlements, one without an amount; $5,000.50 paid
        _settle(agency, source, datetime.date(2026, 7, 3 + i), total=100_000)
    _settle(agency, source, datetime.date(2026, 9, 1), awarded=50, other=None)
    _settle(agency, source, datetime.date(2026, 8, 1))
    for i in range(2):  # Q2: a small count, and its money, are hidden
        _settle(agency, source, datetime.date(2026, 5, 1 + i), awarded=40_000, other=10_000)
    _settle(agency, source, None, total=999_999, year=2026)  # a year only: not in a quarter
    _settle(Agency.objects.create(name="Elsewhere", slug="elsewhere"), source,
            datetime.date(2026, 7, 4), total=1)


@pytest.fixture
def report(quarter, settlements, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_request(period=Q3, own=True, agency=None)
    return Report.objects.get()


def test_settlements_paid_in_the_period_against_the_previous_one(report):
    cells = report.figures["cells"]
    assert cells[cell("settlements")] == 7
    assert cells[cell("settlements_paid_cents")] == 500_050
    assert cells[cell("settlements", period="previous")] is None  # 2: a small number
    assert cells[cell("settlements_paid_cents", period="previous")] is None  # hidden with it


def test_settlements_table_in_page_csv_and_pdf(report, journalist):
    page = journalist.get(f"/reports/{report.slug}/").content.decode()
    assert "Settlements paid, against the previous period" in page
    assert "$5,000.50" in page and 'data-testid="settlement-caution"' in page
    assert "no settlement within" not in page
    assert "In the publisher's words (City law department)" in page
    assert "Cities are not comparable." in page
    rows = list(csv.reader(io.StringIO(journalist.get(
        f"/reports/{report.slug}/settlements.csv").getvalue().decode())))
    assert rows[1][1:] == ["7", "suppressed", "suppressed"]
    assert rows[2][1:] == ["5000.50", "suppressed", "suppressed"]
    assert (report_folder(report) / "report.pdf").read_bytes().startswith(b"%PDF")


def test_the_script_recomputes_the_settlements_from_the_snapshot(report):
    result = subprocess.run([sys.executable, str(SCRIPT), str(settings.PUBLIC_DATA_ROOT / report.snapshot),
                             str(report_folder(report) / "report.json")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout
    assert (settings.PUBLIC_DATA_ROOT / report.snapshot / "settlements.csv").is_file()


def test_a_scope_without_settlements_says_so(quarter, journalist, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_request(period=Q3, own=True, agency=None)
    report = Report.objects.get()
    assert "settlements" not in [t["slug"] for t in report.figures["tables"]]
    page = journalist.get(f"/reports/{report.slug}/").content.decode()
    assert "the public record holds no settlement within this report" in page


@pytest.mark.parametrize("closed_on, precision, year, period, inside", [
    (datetime.date(2026, 8, 1), "day", 2026, Q3, True),
    (datetime.date(2026, 6, 1), "month", 2026, Q3, False),
    (datetime.date(2026, 1, 1), "year", 2026, Q3, False),
    (None, "", 2026, Period("annual", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)), True),
    (datetime.date(2026, 1, 1), "year", None,
     Period("annual", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)), True),
])
def test_a_settlement_is_dated_by_its_closing_date_else_its_year(closed_on, precision, year, period, inside):
    assert settlement_in_period(closed_on, precision, year, period) is inside
