"""Server time of filing a complaint: the final submit, and one step save, through Django.

Runs against a throwaway test database (SQLite by default, or DATABASE_URL) with the test
settings; Celery is eager and email stays in memory, so this measures the portal itself.

    .venv/bin/python benchmarks/complaint_submission.py [runs]      (PROFILE=1: profile the last submit)
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from portal.warmup import warm_up  # noqa: E402

warm_up()  # as the WSGI entry point does before a server's first request

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from tests.complaints.filing import start_draft, step_payloads, step_url  # noqa: E402
from tests.factories import DistrictFactory  # noqa: E402

ANSWERS = {
    "filer_role": "witness", "narrative": "An officer pushed a man against a car and laughed. " * 20,
    "occurred_on": "2026-10-02", "location": "Warren Street", "officers": [
        {"name": "Sgt. Pell", "badge_number": "10442"}, {"vehicle": "Cruiser 2-14"}],
    "conduct": ["physical-force", "discourtesy"], "force_level": "3",
    "witnesses": [{"name": "Walter", "contact": "walter@example.net"}],
    "contact_name": "Rita", "contact_email": "rita@example.net",
}


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(runs: int) -> None:
    profile = cProfile.Profile() if os.environ.get("PROFILE") else None  # PROFILE=1: the last submit
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        district = DistrictFactory(code="B-2", name="Roxbury")
        answers = {**ANSWERS, "district": district.pk}
        submit_ms, step_ms = [], []
        for _ in range(runs):
            client = Client()
            payloads = step_payloads(answers)
            _response, token = start_draft(client, payloads[0][1])
            for step, data in payloads[1:]:
                started = time.perf_counter()
                assert client.post(step_url(token, step), data).status_code == 302
                step_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                if profile is not None and len(submit_ms) == runs - 1:
                    profile.enable()
                response = client.post(step_url(token, "review"), {"action": "next"})
                if profile is not None:
                    profile.disable()
            submit_ms.append((time.perf_counter() - started) * 1000)
            submit_queries = len(queries)
            assert response.status_code == 302 and response["Location"].endswith("/complaints/filed/")
            assert b"Your complaint was received" in client.get(response["Location"]).content
        print(f"database: {connection.vendor}; runs: {runs}")
        print(f"final submit (store complaint, officers, witnesses, public case, receipt email): "
              f"p50 {statistics.median(submit_ms):.1f} ms, p95 {_percentile(submit_ms, 0.95):.1f} ms, "
              f"{submit_queries} SQL queries")
        if profile is not None:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        print(f"one step save: p50 {statistics.median(step_ms):.1f} ms, "
              f"p95 {_percentile(step_ms, 0.95):.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
