"""A report generated after the record changed since the night pins its own snapshot of the
tables its figures are counted from (the unchanged ones linked from the night, the others
written alongside the figures, from the same read), and every figure is recomputed from it."""

import datetime
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from misconduct_records.exports import snapshot_build
from misconduct_records.models import PublicAllegation
from misconduct_records.services import correction_record
from misconduct_records.vocabulary import Finding
from reports.figures import SNAPSHOT_TABLES
from reports.models import Report
from reports.periods import Period
from reports.services.generation import report_folder, report_generate, report_request

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="telling an unchanged table needs PostgreSQL's row versions")]
SCRIPT = settings.BASE_DIR / "scripts" / "recompute_report.py"
QUARTER = Period("quarterly", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


def _report() -> Report:
    return report_generate(report_id=report_request(period=QUARTER, own=True, agency=None).pk)


def _recompute(report: Report) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(settings.PUBLIC_DATA_ROOT / report.snapshot),
                           str(report_folder(report) / "report.json")],
                          capture_output=True, text=True, timeout=60, check=False)


def test_a_report_after_a_correction_is_recomputed_from_the_tables_it_pinned(quarter, records_editor):
    snapshot_build(covers=datetime.date(2026, 11, 30))
    discourtesy = PublicAllegation.objects.filter(finding=Finding.NOT_SUSTAINED).order_by("pk").first()
    correction_record(instance=discourtesy, changes={"finding": Finding.SUSTAINED}, note="Board minutes",
                      actor=records_editor)
    report = _report()
    manifest = json.loads((settings.PUBLIC_DATA_ROOT / report.snapshot / "manifest.json").read_text())
    assert manifest["tables"] == SNAPSHOT_TABLES
    assert "allegations" not in manifest["reused"] and manifest["reused"]["cases"] == "2026-11-30"
    result = _recompute(report)
    assert result.returncode == 0, result.stdout
    assert report.figures["cells"]['["findings",{"finding":"sustained"}]'] == 9
    assert "0 differ" in result.stdout


def test_an_unchanged_record_pins_the_nights_files(quarter):
    snapshot_build(covers=datetime.date(2026, 11, 30))
    report = _report()
    manifest = json.loads((settings.PUBLIC_DATA_ROOT / report.snapshot / "manifest.json").read_text())
    assert manifest["same_as"] == "2026-11-30"
    assert _recompute(report).returncode == 0
