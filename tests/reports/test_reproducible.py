"""Anyone can recompute every figure of a report from the snapshot it names, with a small
script that shares no code with the portal."""

import datetime
import json
import subprocess
import sys

import pytest
from django.conf import settings

from reports.models import Report
from reports.periods import Period
from reports.services.generation import report_folder, report_request

pytestmark = pytest.mark.django_db
SCRIPT = settings.BASE_DIR / "scripts" / "recompute_report.py"


@pytest.fixture
def report(quarter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_request(period=Period("quarterly", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
                       own=True, agency=None)
    return Report.objects.get()


def _run(snapshot, figures_path):
    return subprocess.run([sys.executable, str(SCRIPT), str(snapshot), str(figures_path)],
                          capture_output=True, text=True, timeout=60, check=False)


def test_every_figure_is_recomputed_from_the_snapshot_csv_files(report):
    snapshot = settings.PUBLIC_DATA_ROOT / report.snapshot
    assert json.loads((snapshot / "manifest.json").read_text())["pinned"] is True
    result = _run(snapshot, report_folder(report) / "report.json")
    assert result.returncode == 0, result.stdout
    shown = sum(v is not None for v in report.figures["cells"].values())
    assert shown > 30
    assert f"{shown} figures checked, 0 differ" in result.stdout


def test_the_script_notices_a_figure_that_does_not_match(report, tmp_path):
    figures = json.loads((report_folder(report) / "report.json").read_text())
    key = next(k for k, v in figures["cells"].items() if v)
    figures["cells"][key] += 1
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(figures))
    result = _run(settings.PUBLIC_DATA_ROOT / report.snapshot, tampered)
    assert result.returncode == 1
    assert "1 differ" in result.stdout


def test_rows_written_after_the_snapshot_do_not_change_the_report(report, agency):
    from tests.reports.conftest import _case

    _case(agency, None, datetime.date(2026, 8, 1), datetime.date(2026, 8, 2))
    result = _run(settings.PUBLIC_DATA_ROOT / report.snapshot, report_folder(report) / "report.json")
    assert result.returncode == 0, result.stdout


def test_no_discipline_imposed_against_a_recommendation_is_a_deviation_for_the_script_too(
        quarter, agency, django_capture_on_commit_callbacks):
    """"none" is a discipline ("No discipline"), not a missing one: imposing it instead of the
    recommended suspension is a deviation, in the report and in the script alike. (Three more
    reprimands keep every discipline figure at 5 or more, so none is suppressed.)"""
    from misconduct_records.models import PublicAllegation
    from misconduct_records.services import allegation_case_dates_refresh
    from misconduct_records.vocabulary import Discipline, Finding
    from tests.factories import category
    from tests.reports.conftest import _case

    imposed = [Discipline.NONE] * 6 + [Discipline.WRITTEN_REPRIMAND] * 3
    for i, discipline in enumerate(imposed):
        case = _case(agency, quarter["A-1"], datetime.date(2026, 7, 3), datetime.date(2026, 8, 3 + i))
        PublicAllegation.objects.create(case=case, category=category("physical-force"), finding=Finding.SUSTAINED,
                                        discipline_recommended=Discipline.SUSPENSION, discipline_imposed=discipline,
                                        discipline_reason="Arbitration", source=case.source)
    allegation_case_dates_refresh()  # as every path that writes allegations does
    with django_capture_on_commit_callbacks(execute=True):
        report_request(period=Period("quarterly", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
                       own=True, agency=None)
    report = Report.objects.get()
    assert report.figures["cells"]['["deviations",{}]'] == 11
    result = _run(settings.PUBLIC_DATA_ROOT / report.snapshot, report_folder(report) / "report.json")
    assert result.returncode == 0, result.stdout


def test_a_reports_snapshot_holds_every_table_the_script_reads():
    """A report changed since the night pins only reports.figures.SNAPSHOT_TABLES: the script
    must need no other file."""
    import re

    from reports.figures import SNAPSHOT_TABLES

    read = set(re.findall(r'read\(folder, "([a-z_]+)"\)', SCRIPT.read_text()))
    assert read == set(SNAPSHOT_TABLES)
