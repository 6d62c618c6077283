"""Eli, a records editor, has a quarterly report generated; Jo reads it, its PDF and its CSV."""

import csv
import datetime
import io

import pytest

from reports.figures import cell
from reports.models import Report, ReportStatus
from reports.periods import Period
from reports.services.generation import report_folder, report_request

pytestmark = pytest.mark.django_db

Q3 = Period("quarterly", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


@pytest.fixture
def report(quarter, records_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_request(period=Q3, own=True, agency=None, actor=records_editor)
    return Report.objects.get()


def test_report_is_published_with_its_files(report):
    assert report.status == ReportStatus.PUBLISHED, report.error
    folder = report_folder(report)
    assert (folder / "report.pdf").read_bytes().startswith(b"%PDF")
    for table in report.figures["tables"]:
        assert (folder / f"{table['slug']}.csv").is_file()
    cells = report.figures["cells"]
    assert cells[cell("cases_received")] == 34  # 33 closed, one still open
    assert cells[cell("cases_received", period="previous")] == 5
    assert cells[cell("open_cases")] == 6
    assert cells[cell("complaints_received")] == 22 and cells[cell("complaints_received", period="previous")] == 9
    assert cells[cell("complaints_received", district="B-2")] is None  # 3: a small number


def test_small_numbers_are_hidden_in_pages_and_csv(report, journalist):
    cells = report.figures["cells"]
    assert cells[cell("cases_received", district="C-11")] == 9
    assert cells[cell("findings", category="discourtesy", finding="unfounded")] is None  # 1 case
    page = journalist.get(f"/reports/{report.slug}/").content.decode()
    assert "suppressed" in page
    rows = list(csv.reader(io.StringIO(journalist.get(
        f"/reports/{report.slug}/findings-by-category.csv").getvalue().decode())))
    assert any("suppressed" in row for row in rows)


def test_report_list_feed_and_files_are_public(report, journalist):
    assert report.slug in journalist.get("/reports/").content.decode()
    feed = journalist.get("/reports/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert report.slug in feed.content.decode()
    assert journalist.get(f"/reports/{report.slug}/report.pdf").status_code == 200
    assert journalist.get(f"/reports/{report.slug}/secret.txt").status_code == 404
    assert not journalist.get(f"/reports/{report.slug}/").cookies


def test_beat_generates_each_period_once(quarter, settings, django_capture_on_commit_callbacks):
    from reports import tasks

    for kind in ("monthly", "quarterly", "annual"):
        entry = settings.CELERY_BEAT_SCHEDULE[f"reports-{kind}"]
        assert entry["task"] == "reports.tasks.generate_scheduled_reports" and entry["args"] == (kind,)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.generate_scheduled_reports("quarterly", "2026-10-15") == 1
    report = Report.objects.get()
    assert (report.period_start, report.period_end, report.status) == (
        datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), ReportStatus.PUBLISHED)
    assert tasks.generate_scheduled_reports("quarterly", "2026-10-15") == 0


def test_an_imported_agency_has_its_own_report(quarter, agency, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_request(period=Q3, own=False, agency=agency)
    report = Report.objects.get()
    assert report.slug == f"{agency.slug}-2026-q3"
    assert report.figures["cells"][cell("cases_received")] == 34


@pytest.mark.parametrize(("kind", "day", "start", "end", "label"), [
    ("monthly", datetime.date(2026, 3, 9), datetime.date(2026, 2, 1), datetime.date(2026, 2, 28), "February 2026"),
    ("quarterly", datetime.date(2026, 1, 2), datetime.date(2025, 10, 1), datetime.date(2025, 12, 31), "2025 Q4"),
    ("annual", datetime.date(2026, 1, 31), datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), "2025"),
])
def test_last_complete_period(kind, day, start, end, label):
    period = Period.last_complete(kind, day)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_bad_report_settings_stop_the_start(settings):
    from reports.checks import reports_settings_check

    assert reports_settings_check(None) == []
    settings.REPORTS = {**settings.REPORTS, "DAY_BOUNDS": [180, 90], "SUPPRESSION_THRESHOLD": 0}
    assert {e.id for e in reports_settings_check(None)} == {"reports.E001", "reports.E002"}


def test_a_published_report_shows_at_once_on_the_cached_list(quarter, records_editor, journalist, settings,
                                                            monkeypatch, django_assert_num_queries,
                                                            django_capture_on_commit_callbacks):
    """Jo reads the list of reports from the page cache; a report published since is on it,
    also when the report pinned the night's snapshot (writing none, which bumps the version)."""
    monkeypatch.setattr("misconduct_records.exports.record_version_bump", lambda: None)
    settings.PUBLIC_PAGE_CACHE = True
    assert "2026" not in journalist.get("/reports/").content.decode().split("<main", 1)[1]
    with django_assert_num_queries(0):  # served from the cache
        journalist.get("/reports/")
    with django_capture_on_commit_callbacks(execute=True):
        report_request(period=Q3, own=True, agency=None, actor=records_editor)
    report = Report.objects.get()
    assert report.status == ReportStatus.PUBLISHED, report.error
    assert f"/reports/{report.slug}/" in journalist.get("/reports/").content.decode()
