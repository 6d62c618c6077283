"""How long a quarterly report takes over the database in DATABASE_URL.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/quarterly_report.py AGENCY_SLUG [YYYY-MM-DD] [--figures-only]

Generates the report of the quarter containing the date (default: the latest received case)
in-process (run it without REDIS_URL) and prints the time of the snapshot, of the figures and of the whole report.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.conf import settings  # noqa: E402

from misconduct_records.models import Agency, PublicAllegation, PublicCase  # noqa: E402
from reports.figures import Scope, compute_with_previous  # noqa: E402
from reports.periods import Period  # noqa: E402
from reports.services.generation import report_generate, report_request  # noqa: E402


def main(slug: str, day: str | None) -> None:
    agency = Agency.objects.get(slug=slug)
    cases = PublicCase.objects.filter(agency=agency)
    on = datetime.date.fromisoformat(day) if day else cases.order_by("-received_on").first().received_on
    period = Period.containing("quarterly", on)
    print(f"{agency.name}: {cases.count():,} cases, "
          f"{PublicAllegation.objects.filter(case__agency=agency).count():,} allegations; {period.label}")
    started = time.monotonic()
    compute_with_previous(scope=Scope(agency=slug), period=period, bounds=settings.REPORTS["DAY_BOUNDS"])
    print(f"figures alone: {time.monotonic() - started:.1f} s")
    if "--figures-only" in sys.argv:
        return
    started = time.monotonic()
    report = report_request(period=period, own=False, agency=agency)  # tasks run in-process here
    report = report_generate(report_id=report.pk)  # (no-op if it ran already)
    print(f"whole report (snapshot of every table, figures, suppression, CSV, PDF): "
          f"{time.monotonic() - started:.1f} s; {len(report.figures['cells'])} figures, "
          f"{sum(v is None for v in report.figures['cells'].values())} suppressed")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(arguments[0], arguments[1] if len(arguments) > 1 else None)
