"""One long job of the load benchmark, in a process of its own; prints one line of JSON.

    load_job.py export     the full allegations CSV download, as a web worker streams it
    load_job.py snapshot   the nightly snapshot of every table (into a temporary folder)
    load_job.py report     the quarterly report, when the portal has one
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
    try:
        from reports import services  # the reports app, when it exists
    except ImportError:
        return {"label": "quarterly report", "skipped": "no reports app yet"}
    build = getattr(services, "quarterly_report_build", None)
    if build is None:
        return {"label": "quarterly report", "skipped": "no quarterly_report_build service"}
    build()
    return {"label": "quarterly report", "size": ""}


def main(job: str) -> None:
    before, started = _peak_mb(), time.perf_counter()
    result = {"export": export, "snapshot": snapshot, "report": report}[job]()
    result.update(seconds=time.perf_counter() - started, rss_growth_mb=_peak_mb() - before)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
