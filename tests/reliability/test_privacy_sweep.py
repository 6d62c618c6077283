"""Marker values typed into every private field, then a sweep of everything the public can
reach: every page found by crawling (both languages), every API endpoint in the schema with
the records it lists, every download and snapshot file, every public report, the error pages
and every log line written meanwhile. None may hold a marker.

The crawl and the schema make the sweep grow with every new page, endpoint and table.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from misconduct_records.exports import snapshot_build
from reports.periods import Period
from reports.services.generation import report_generate, report_request
from tests.reliability.crawl import crawl
from tests.test_privacy_markers import _found
from tests.test_privacy_markers import worked as worked  # the fixture, used by name

pytestmark = pytest.mark.django_db


def _api_outputs(client) -> dict[str, str]:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    outputs = {}
    for path in schema["paths"]:
        if "{" in path:
            continue
        response = client.get(path, HTTP_ACCEPT="application/json")
        outputs[path] = response.content.decode()
        body = response.json() if response.status_code == 200 else []
        rows = body.get("results", []) if isinstance(body, dict) else body
        details = [p for p in schema["paths"] if p.startswith(path) and p != path and p.count("{") == 1]
        for row in [r for r in rows[:5] if isinstance(r, dict)]:
            key = row.get("public_id") or row.get("slug") or row.get("number") or row.get("id")
            for detail in details:
                url = detail.split("{")[0] + f"{key}/"
                outputs[url] = client.get(url, HTTP_ACCEPT="application/json").content.decode()
    return outputs


def _publish_reports(intake_officer):
    """A monthly and a quarterly report over the period of the case just worked."""
    today = timezone.localdate()
    for kind in ("monthly", "quarterly"):
        report = report_request(period=Period.containing(kind, today), own=True, agency=None,
                                actor=intake_officer)
        report_generate(report_id=report.pk)


def _pdf_texts(root: Path) -> dict[str, str]:
    """The text of every report PDF (the crawl sees only its compressed bytes)."""
    if not shutil.which("pdftotext"):
        return {}
    return {str(pdf): subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,  # noqa: S603, S607
                                     check=True).stdout for pdf in root.rglob("*.pdf")}


def test_no_marker_reaches_anything_public(worked, console_log, settings, tmp_path, intake_officer):
    settings.PUBLIC_DATA_ROOT = tmp_path / "snapshots"
    settings.REPORTS = {**settings.REPORTS, "ROOT": tmp_path / "reports"}
    _publish_reports(intake_officer)
    client = Client()
    pages, _forms = crawl(client, limit=600)
    outputs = {page.url: page.body.decode("utf-8", "replace") for page in pages}
    assert any("/data/" in url and url.endswith(".csv") for url in outputs), "no download was crawled"
    assert any(url.startswith("/reports/") and url.endswith(".csv") for url in outputs), "no report"
    outputs.update(_api_outputs(client))
    for url in ("/officers/no-such-officer/", "/api/v1/officers/no-such-officer/", "/cases/CR-0/",
                "/es/cases/CR-0/", "/complaints/status/?tracking_number=CR-2026-999999"):
        outputs[f"error page {url}"] = client.get(url).content.decode()
    snapshot_build()
    outputs.update({str(p): p.read_text(errors="replace") for p in Path(tmp_path / "snapshots").rglob("*")
                    if p.is_file()})
    outputs.update(_pdf_texts(tmp_path / "reports"))
    assert any(path.endswith(".pdf") for path in outputs), "no report PDF was read"
    outputs["log lines"] = console_log.getvalue()  # the staff's work and the whole sweep
    assert worked and len(outputs["log lines"]) > len(worked)
    leaks = {where: _found(text) for where, text in outputs.items() if _found(text)}
    assert not leaks, leaks
    print(f"swept {len(outputs)} public outputs")
