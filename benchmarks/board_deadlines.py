"""How long the dashboard and the morning reminder take with many open cases.

Run: .venv/bin/python benchmarks/board_deadlines.py [open cases, default 2000]
Uses a throwaway SQLite database; prints timings and query counts.
"""

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    from misconduct_records.models import Agency, PublicCase, Source
    from portal.roles import Role
    from review_board.models import Case, CaseState
    from review_board.services.reminders import deadline_reminders_send
    from tests.factories import UserFactory

    agency = Agency.objects.create(name="Bench PD", slug="bench-pd")
    source = Source.objects.create(name="Bench", slug="bench", is_this_board=True)
    intake = UserFactory(username="intake", roles=[Role.INTAKE])
    investigator = UserFactory(username="ivan", roles=[Role.INVESTIGATOR])
    supervisor = UserFactory(username="sofia", roles=[Role.SUPERVISOR])
    publics = PublicCase.objects.bulk_create(
        PublicCase(agency=agency, source=source, received_on=datetime.date(2026, 1, 1))
        for _ in range(count))
    now = timezone.now()
    Case.objects.bulk_create(
        Case(number=f"B-{n:06d}", public_case=p, state=CaseState.INVESTIGATION, opened_by=intake,
             assigned_to=investigator, supervisor=supervisor, state_changed_at=now,
             opened_at=now - datetime.timedelta(days=n % 400), received_on=datetime.date(2026, 1, 1))
        for n, p in enumerate(publics))

    client = Client()
    client.force_login(supervisor)
    for label, url in [("dashboard", reverse("board:dashboard")),
                       ("CSV export", reverse("board:case_export"))]:
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        print(f"{label}: {time.perf_counter() - start:.2f} s, {len(queries)} queries, "
              f"status {response.status_code}")
    start = time.perf_counter()
    sent = deadline_reminders_send()
    print(f"morning reminders: {time.perf_counter() - start:.2f} s for {count} open cases, "
          f"{sent} people reminded")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
