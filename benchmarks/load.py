"""The public pages under concurrent load: gunicorn, PostgreSQL, Redis and wrk, one table.

    make bench-load                  # or: .venv/bin/python benchmarks/load.py [options]

Fills the database once (the Chicago data through the importer, then synthetic rows up to
--officers/--allegations with `generate_public_record`; later runs find the rows and reuse them),
starts its own Redis and gunicorn (4 sync workers, benchmark settings), and drives each page with
wrk from a separate process, with the page cache on and then off. Two reference views run in the
same run: a constant response and the home template; the ratio column compares each page's
throughput with the template's, because absolute figures depend on the machine and its neighbours.
It also prints SQL queries per page, the time and peak memory of a full CSV export and of the
nightly snapshot, and the import rate.

Settings from the environment: DATABASE_URL (default portal_bench on 127.0.0.1), BENCH_PORT
(gunicorn, default 8090), BENCH_REDIS_PORT (default 6391), PUBLIC_DATA_DIR (the data sets).
"""

import argparse
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ARTIFACTS = ROOT / "artifacts" / "bench-load"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.benchmark"
PORT = int(os.environ.get("BENCH_PORT", "8090"))
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6391"))
os.environ["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
os.environ["PUBLIC_PAGE_CACHE"] = "off"  # this process counts queries: every page computed

from benchmarks import load_measure, load_pages, load_report  # noqa: E402
from benchmarks.load_servers import Gunicorn, Redis  # noqa: E402


def _manage(*args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True,
                            capture_output=True, text=True)
    return result.stdout + result.stderr


def _counts() -> tuple[int, int, int]:
    from misconduct_records.models import Officer, PublicAllegation, Source

    chicago = Source.objects.filter(slug__startswith="cpdp").exists()
    return int(chicago), Officer.objects.count(), PublicAllegation.objects.count()


def fill_database(*, officers: int, allegations: int, data_dir: str | None) -> dict:
    """Import Chicago and generate the rest, unless an earlier run did; returns the import rate."""
    rate_file = ARTIFACTS / "import-rate.json"
    chicago, have_officers, have_allegations = _counts()
    if not chicago:
        print("importing the Chicago data (once)…", flush=True)
        output = _manage("import_dataset", "cpdp-chicago", *(["--data-dir", data_dir] if data_dir else []))
        rate_file.write_text(json.dumps(load_measure.import_rate(output)))
        chicago, have_officers, have_allegations = _counts()
    if have_officers < officers or have_allegations < allegations:
        print("generating synthetic rows (once)…", flush=True)
        _manage("generate_public_record", "--officers", str(max(officers - have_officers, 1)),
                "--allegations", str(max(allegations - have_allegations, 0)), "--long-history", "500")
        _manage("public_record_recount")
    return json.loads(rate_file.read_text()) if rate_file.exists() else {}


def run_pages(*, cache: bool, pages: list, duration: int, connections: int) -> dict:
    """Every page under wrk against a fresh gunicorn; then a complaint submission under load.
    With the page cache off the run starts from a new record version, as after a publication:
    no fragment or aggregate of the earlier run is reused."""
    results = {}
    if not cache:
        from misconduct_records.page_cache import record_version_bump

        record_version_bump()  # outside a transaction: at once
    with Gunicorn(port=PORT, cache=cache):
        for page in pages:
            if cache:
                load_measure.warm(page, port=PORT)
            else:
                load_measure.warm_once(page, port=PORT)
            results[page.label] = load_measure.wrk(page, port=PORT, duration=duration,
                                                   connections=connections)
            print(f"  {page.label}: {results[page.label]['rps']:.1f} req/s", flush=True)
        results["complaint submission (under load)"] = load_measure.complaint_under_load(
            port=PORT, duration=duration, connections=connections)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--officers", type=int, default=100_000)
    parser.add_argument("--allegations", type=int, default=1_000_000)
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    parser.add_argument("--only", help="only the pages whose label contains this text")
    parser.add_argument("--no-exports", action="store_true", help="skip the export and snapshot")
    parser.add_argument("--data-dir", default=os.environ.get("PUBLIC_DATA_DIR"))
    args = parser.parse_args()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _ensure_database(os.environ["DATABASE_URL"])
    with Redis(port=REDIS_PORT):
        import django

        django.setup()
        _manage("migrate", "--noinput")
        import_rate = fill_database(officers=args.officers, allegations=args.allegations,
                                    data_dir=args.data_dir)
        pages = load_pages.pages(ARTIFACTS, only=args.only)
        queries = load_measure.queries_per_page(pages)
        settings = {"on": [True], "off": [False], "both": [True, False]}[args.cache]
        runs = {}
        for cache in settings:  # each table is kept as soon as it is measured
            runs[cache] = run_pages(cache=cache, pages=pages, duration=args.duration,
                                    connections=args.connections)
            (ARTIFACTS / f"pages-cache-{'on' if cache else 'off'}.json").write_text(json.dumps(
                {"results": runs[cache], "queries": queries}, indent=1))
        jobs = {} if args.no_exports else load_measure.jobs()
    report = load_report.report(runs=runs, queries=queries, jobs=jobs, import_rate=import_rate,
                                 machine=machine(), counts=_counts()[1:], args=args)
    print(report)
    out = ARTIFACTS / f"results-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%S}.md"
    out.write_text(report)
    print(f"(also written to {out.relative_to(ROOT)})")


def _ensure_database(url: str) -> None:
    """Create the benchmark's database on first use (PostgreSQL only)."""
    import psycopg2
    from psycopg2 import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")
    postgres = _postgres_version()
    return (f"{os.cpu_count()} cores ({cpu}), {int(mem) // 1024 // 1024 + 1} GB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"{postgres}, wrk {load_measure.wrk_version()}")


def _postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


if __name__ == "__main__":
    # Stopped (kill PID): leave through the context managers, which stop gunicorn and Redis.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    main()
    print(f"benchmark took {time.monotonic() - started:.0f}s")
