"""Page times and SQL query counts of the public record on a large database.

Fill a database first, then run against it (the same DATABASE_URL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py generate_public_record --officers 20000 --allegations 200000
    DATABASE_URL=... .venv/bin/python benchmarks/public_record.py [--repeat 5]

Prints, per page: the median and worst time over the repeats, the number of SQL queries and the
size of the response; for the streamed downloads, wall and CPU time and how much the
process's peak memory grew while streaming (constant memory: it should not grow with the rows).
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
os.environ.setdefault("API_THROTTLE_ANON", "1000000/minute")  # measure pages, not the limiter

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from misconduct_records.models import (  # noqa: E402
    Command,
    District,
    Officer,
    PublicAllegation,
    PublicCase,
)


def _pages() -> list[tuple[str, str]]:
    busiest = Officer.objects.order_by("-allegation_total").first()
    quiet = Officer.objects.filter(allegation_total=1).first() or busiest
    case = (PublicCase.objects.annotate(n=Count("allegations")).filter(n__gt=1).order_by("-n").first()
            or PublicCase.objects.first())
    district = District.objects.annotate(n=Count("cases")).order_by("-n").first()
    command = Command.objects.order_by("id").first()
    name = busiest.last_name
    return [
        ("officer list", "/officers/"),
        ("officer search (name)", f"/officers/?q={name}"),
        ("officer search (typo)", f"/officers/?q={name[:-1]}x"),
        ("officer search (badge)", f"/officers/?q={busiest.badge_number}"),
        ("officers filtered + sorted", "/officers/?has_sustained=true&sort=-allegations&page=3"),
        ("officers by category", "/officers/?category=physical-force"),
        (f"profile, {busiest.allegation_total} allegations", f"/officers/{busiest.public_id}/"),
        ("profile, page 5 of history", f"/officers/{busiest.public_id}/?page=5"),
        ("profile, filtered history", f"/officers/{busiest.public_id}/?finding=sustained&family=force"),
        (f"profile, {quiet.allegation_total} allegation", f"/officers/{quiet.public_id}/"),
        ("allegations", "/allegations/"),
        ("allegations filtered", "/allegations/?finding=sustained&family=force&page=10"),
        ("case", f"/cases/{case.public_id}/"),
        ("cases", "/cases/"),
        ("districts", "/districts/"),
        ("district", f"/districts/{district.pk}/" if district else "/districts/"),
        ("command", f"/commands/{command.pk}/" if command else "/districts/"),
        ("sources", "/sources/"),
        ("corrections", "/corrections/"),
        ("data page", "/data/"),
        ("data dictionary", "/data/dictionary/"),
        ("API officers", "/api/v1/officers/"),
        ("API officer search", f"/api/v1/officers/?q={name}"),
        ("API officer detail", f"/api/v1/officers/{busiest.public_id}/"),
        ("API allegations", "/api/v1/allegations/?finding=sustained"),
        ("API cases", "/api/v1/cases/"),
    ]


def _measure(client, url, repeat):
    times, queries, size = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = response.content
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(body)
    return statistics.median(times), max(times), queries, size


def _download(client, url):
    """Wall and CPU time, bytes, and how much the process's peak memory grew while streaming."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return elapsed, cpu, size, growth * 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-downloads", action="store_true")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    print(f"database: {connection.vendor}; officers {Officer.objects.count():,}; "
          f"allegations {PublicAllegation.objects.count():,}; cases {PublicCase.objects.count():,}")
    client = Client()
    print(f"{'page':38} {'median ms':>9} {'worst ms':>9} {'queries':>7} {'KB':>7}")
    for label, url in _pages():
        median, worst, queries, size = _measure(client, url, args.repeat)
        print(f"{label:38} {median * 1000:9.1f} {worst * 1000:9.1f} {queries:7d} {size / 1024:7.0f}")
    if args.no_downloads:
        return
    print(f"{'download':38} {'wall s':>9} {'CPU s':>9} {'MB':>9} {'RSS +MB':>9}")
    for table in ("officers", "allegations"):
        for fmt in ("csv", "json"):
            elapsed, cpu, size, growth = _download(client, f"/data/{table}.{fmt}")
            print(f"{table + '.' + fmt:38} {elapsed:9.1f} {cpu:9.1f} {size / 2**20:9.1f} "
                  f"{growth / 2**20:9.1f}")


if __name__ == "__main__":
    main()
