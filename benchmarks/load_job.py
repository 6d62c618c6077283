"""One long job of the load benchmark, in a process of its own; prints one line of JSON.

    load_job.py export     the full allegations CSV download, as a web worker streams it
    load_job.py snapshot   the nightly snapshot of every table (into a temporary folder)
    load_job.py report     the quarterly report of the largest agency, after the night's snapshot
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.benchmark")

import django  # noqa: E402

django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export() -> dict:
    from django.test import RequestFactory

    from misconduct_records.views.data import data_download

    response = data_download(RequestFactory().get("/data/allegations.csv"), "allegations", "csv")
    size = sum(len(chunk) for chunk in response.streaming_content)
    return {"label": "full CSV export (allegations)", "size": f"{size / 2**20:.0f} MB"}


def snapshot() -> dict:
    from django.conf import settings

    from misconduct_records.exports import snapshot_build

    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as folder:
        settings.PUBLIC_DATA_ROOT = Path(folder)
        manifest = snapshot_build()
        size = sum(f["bytes"] for f in manifest["files"])
    return {"label": "nightly snapshot (every table, CSV and JSON)", "size": f"{size / 2**20:.0f} MB"}


def report() -> dict:
    """The quarterly report of the agency with the most cases, over the quarter of its latest case,
    generated after the night's snapshot (as Celery beat runs them): only the report is timed."""
    from django.conf import settings
    from django.db.models import Count, Max

    from misconduct_records.exports import snapshot_build
    from misconduct_records.models import Agency
    from reports.periods import Period
    from reports.services.generation import report_generate, report_request

    agency = Agency.objects.annotate(n=Count("cases"), latest=Max("cases__received_on")).order_by("-n").first()
    if agency is None or agency.latest is None:
        return {"label": "quarterly report", "skipped": "no cases"}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        settings.PUBLIC_DATA_ROOT = Path(folder) / "public-data"
        settings.REPORTS = {**settings.REPORTS, "ROOT": Path(folder) / "reports"}
        snapshot_build()
        started = time.perf_counter()
        generated = report_generate(report_id=report_request(
            period=Period.containing("quarterly", agency.latest), own=False, agency=agency).pk)
        seconds = time.perf_counter() - started
    return {"label": f"quarterly report ({agency.slug}, {generated.period_start:%Y} "
                     f"Q{(generated.period_start.month + 2) // 3}, after the night's snapshot)",
            "seconds": seconds, "size": f"{len(generated.figures['cells'])} figures"}


def main(job: str) -> None:
    before, started = _peak_mb(), time.perf_counter()
    result = {"export": export, "snapshot": snapshot, "report": report}[job]()
    result.setdefault("seconds", time.perf_counter() - started)  # unless the job timed a part of itself
    result.update(rss_growth_mb=_peak_mb() - before)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
