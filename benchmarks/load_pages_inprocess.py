"""The load benchmark's pages (load_pages.py) one request at a time in this process, against the
home template view: the quick check between two runs of `make bench-load`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench DJANGO_SETTINGS_MODULE=portal.settings.benchmark \\
        PUBLIC_PAGE_CACHE=off REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python benchmarks/load_pages_inprocess.py [--repeat 30] [--only allegations]

Each page (a sampled page cycles through its first `--repeat` paths) is asked once per path
first, then `--repeat` times. Per page: the median and the least wall time, the least CPU time of
this process (Python, the drivers; not PostgreSQL's, not Redis's), each as a ratio to the
template view's, the median time waiting for SQL, the number of queries, and the Python function
calls per request (counted by cProfile over three more requests: unlike times, the same on a busy
machine, so it compares two versions of the code best).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.benchmark")
os.environ.setdefault("API_THROTTLE_ANON", "1000000/minute")  # measure pages, not the limiter

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from load_pages import pages  # noqa: E402

TEMPLATE_VIEW = "/bench/template/"


def _calls(client, paths: list[str]) -> float:
    profile = cProfile.Profile()
    profile.enable()
    for n in range(3):
        client.get(paths[n % len(paths)], secure=True)
    profile.disable()
    return pstats.Stats(profile).total_calls / 3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    client = Client(HTTP_ACCEPT="text/html,application/json", HTTP_HOST="127.0.0.1")
    reference = None
    for page in pages(Path(tempfile.mkdtemp())):
        if page.path != TEMPLATE_VIEW and (page.reference or args.only not in page.label):
            continue
        paths = page.sample.read_text().split()[:args.repeat] if page.sample else [page.path]
        for path in paths:
            assert client.get(path, secure=True).status_code == 200, path
        wall, cpu, sql, queries = [], [], [], []
        for n in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started, cpu_started = time.perf_counter(), time.process_time()
                client.get(paths[n % len(paths)], secure=True)
                cpu.append(time.process_time() - cpu_started)
                wall.append(time.perf_counter() - started)
            queries.append(len(captured.captured_queries))
            sql.append(sum(float(q["time"]) for q in captured.captured_queries))
        least, least_cpu = min(wall), min(cpu)
        reference = reference or (least, least_cpu)
        print(f"{page.label[:44]:44} wall median {statistics.median(wall) * 1000:6.1f} least "
              f"{least * 1000:6.1f} ms (x{reference[0] / least:4.2f}) | CPU {least_cpu * 1000:6.1f} ms "
              f"(x{reference[1] / least_cpu:4.2f}) | SQL {statistics.median(sql) * 1000:5.1f} ms | "
              f"{min(queries)}-{max(queries)} queries | {_calls(client, paths):7.0f} calls", flush=True)


if __name__ == "__main__":
    main()
