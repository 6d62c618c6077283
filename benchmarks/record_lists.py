"""In-process times of the long public lists (allegations, officer histories, the allegations
API), one request at a time, with the SQL plan of each page's slowest query.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench DJANGO_SETTINGS_MODULE=portal.settings.benchmark \\
        PUBLIC_PAGE_CACHE=off .venv/bin/python benchmarks/record_lists.py [--repeat 5] [--explain]

Each page is asked once first (which counts the list, once per record version as in
production), then `--repeat` times: the median of those, the median time spent waiting for SQL
(on a busy machine it compares better between runs than the whole page's time), the number of
queries and the slowest one's time. `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of that query
on PostgreSQL.
"""

import argparse
import base64
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
os.environ.setdefault("API_THROTTLE_ANON", "1000000/minute")  # measure pages, not the limiter

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from misconduct_records.models import Officer, PublicAllegation  # noqa: E402

DEEP_PAGE = 4000


def _cursor(position: int) -> str:
    """A cursor as the API writes it, at an id of the middle of the table."""
    return base64.b64encode(urlencode({"p": str(position)}).encode()).decode()


def pages() -> list[tuple[str, str]]:
    busiest = Officer.objects.order_by("-allegation_total").first()
    hundreds = Officer.objects.filter(allegation_total__gte=200).order_by("allegation_total").first()
    bounds = PublicAllegation.objects.aggregate(low=Min("id"), high=Max("id"))
    middle = (bounds["low"] + bounds["high"]) // 2
    last_page = -(-busiest.allegation_total // 50)
    return [
        (f"profile, busiest ({busiest.allegation_total:,})", f"/officers/{busiest.public_id}/"),
        (f"profile, busiest, page {last_page - 1}", f"/officers/{busiest.public_id}/?page={last_page - 1}"),
        ("profile, busiest, sustained, page 20", f"/officers/{busiest.public_id}/?finding=sustained&page=20"),
        (f"profile, {hundreds.allegation_total} allegations", f"/officers/{hundreds.public_id}/"),
        ("/allegations/", "/allegations/"),
        (f"/allegations/?page={DEEP_PAGE}", f"/allegations/?page={DEEP_PAGE}"),
        ("/allegations/ filtered (finding, family, page 10)",
         "/allegations/?finding=sustained&family=force&page=10"),
        ("/allegations/?year=2015&page=20", "/allegations/?year=2015&page=20"),
        ("/allegations/ closed in 2016 Q1", "/allegations/?closed_from=2016-01-01&closed_to=2016-03-31"),
        ("/allegations/?sort=-incident&page=100", "/allegations/?sort=-incident&page=100"),
        ("/api/v1/allegations/", "/api/v1/allegations/"),
        ("/api/v1/allegations/ deep cursor", f"/api/v1/allegations/?cursor={_cursor(middle)}"),
        ("/api/v1/allegations/?year=2015", "/api/v1/allegations/?year=2015"),
        ("/api/v1/allegations/?year=2015 deep cursor",
         f"/api/v1/allegations/?year=2015&cursor={_cursor(middle)}"),
        ("/api/v1/officers/<busiest>/ (500 of history)", f"/api/v1/officers/{busiest.public_id}/"),
    ]


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(f"      {row[0]}" for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    client = Client(HTTP_ACCEPT="text/html,application/json", HTTP_HOST="127.0.0.1")
    for label, url in pages():
        if args.only and args.only not in label:
            continue
        started = time.perf_counter()
        first = client.get(url, secure=True)
        cold = time.perf_counter() - started
        assert first.status_code == 200, (url, first.status_code)
        times, sql = [], []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url, secure=True)
                times.append(time.perf_counter() - started)
            sql.append(sum(float(q["time"]) for q in captured.captured_queries))
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
        print(f"{label:52} first {cold * 1000:6.0f} ms | median {statistics.median(times) * 1000:6.0f} ms, "
              f"of it SQL {statistics.median(sql) * 1000:5.0f} ms | {len(captured.captured_queries)} queries, "
              f"slowest {float(slowest['time']) * 1000:.0f} ms", flush=True)
        if args.explain and connection.vendor == "postgresql":
            print(_explain(slowest["sql"]), flush=True)


if __name__ == "__main__":
    main()
