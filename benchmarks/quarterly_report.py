"""How long a quarterly report takes over the database in DATABASE_URL.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/quarterly_report.py AGENCY_SLUG [YYYY-MM-DD]
        [--figures-only] [--night] [--change]

Generates the report of the quarter containing the date (default: the latest received case)
in-process (run it without REDIS_URL) and prints the time of the figures alone and of the whole
report, and the process's peak memory. The report pins the newest snapshot under
PUBLIC_DATA_ROOT when the record is unchanged since it, else a snapshot of its own tables:

    --night    first write the nightly snapshot (not timed), as Celery beat does before reports
    --change   then correct one allegation's finding through the services (not timed): the
               record changed since the night
"""

import os
import resource
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


def night_and_change(*, night: bool, change: bool) -> None:
    from django.contrib.auth import get_user_model

    from misconduct_records.exports import snapshot_build
    from misconduct_records.services import correction_record
    from misconduct_records.vocabulary import Finding

    if night:
        started = time.monotonic()
        snapshot_build()
        print(f"nightly snapshot (not timed in the report): {time.monotonic() - started:.1f} s")
    if change:
        editor, _ = get_user_model().objects.get_or_create(username="benchmark-records-editor")
        allegation = PublicAllegation.objects.filter(finding=Finding.NOT_SUSTAINED).order_by("-id").first()
        correction_record(instance=allegation, changes={"finding": Finding.EXONERATED},
                          note="Benchmark: a correction since the night", actor=editor)
        print(f"corrected allegation {allegation.pk}: the record changed since the night")


def main(slug: str, day: str | None) -> None:
    agency = Agency.objects.get(slug=slug)
    cases = PublicCase.objects.filter(agency=agency)
    on = datetime.date.fromisoformat(day) if day else cases.order_by("-received_on").first().received_on
    period = Period.containing("quarterly", on)
    print(f"{agency.name}: {cases.count():,} cases, "
          f"{PublicAllegation.objects.filter(case__agency=agency).count():,} allegations; {period.label}")
    night_and_change(night="--night" in sys.argv, change="--change" in sys.argv)
    started = time.monotonic()
    compute_with_previous(scope=Scope(agency=slug), period=period, bounds=settings.REPORTS["DAY_BOUNDS"])
    print(f"figures alone: {time.monotonic() - started:.1f} s")
    if "--figures-only" in sys.argv:
        return
    started = time.monotonic()
    report = report_request(period=period, own=False, agency=agency)  # tasks run in-process here
    report = report_generate(report_id=report.pk)  # (no-op if it ran already)
    manifest = report.figures["snapshot"]
    print(f"whole report (snapshot pinned, figures, suppression, CSV, PDF): "
          f"{time.monotonic() - started:.1f} s; {len(report.figures['cells'])} figures, "
          f"{sum(v is None for v in report.figures['cells'].values())} suppressed; snapshot {manifest['name']}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(arguments[0], arguments[1] if len(arguments) > 1 else None)
