"""Measurements of the load benchmark: wrk runs, a complaint filed under load, SQL queries per
page, the export jobs, and the table that reports them."""

import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "load.lua"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
JOB_TIMEOUT = 1800  # seconds; a job still running then is reported as not finished


def wrk_version() -> str:
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    match = re.search(r"wrk (\S+)", result.stdout + result.stderr)
    return match.group(1) if match else "?"


def _get(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path)
    connection.getresponse().read()
    connection.close()


def warm(page, *, port: int) -> None:
    """One request per path, so that a warm cache holds every page the run will ask for."""
    for path in (page.sample.read_text().split() if page.sample else [page.path]):
        _get(port, path)


def warm_once(page, *, port: int) -> None:
    _get(port, page.path)


def wrk(page, *, port: int, duration: int, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "60s",
               "-s", str(LUA), f"http://127.0.0.1:{port}{page.path}"]
    if page.sample:
        command += ["--", str(page.sample)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, seconds, p50, p95, p99, errors = line.split()[1:]
    return {"rps": int(requests) / float(seconds), "p50": int(p50) / 1000, "p95": int(p95) / 1000,
            "p99": int(p99) / 1000, "errors": int(errors), "requests": int(requests)}


class _Resident:
    """Files one complaint over HTTP like a browser without JavaScript: cookies, CSRF, redirects."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(
                {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body, headers)
        response = self.connection.getresponse()
        response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return response.status, response.getheader("Location") or ""

    def file(self, payloads: list) -> float:
        """Seconds the final submit took."""
        self.send("GET", "/complaints/new/")
        status, location = self.send("POST", "/complaints/new/", payloads[0][1])
        draft = location.rsplit("/", 2)[0]
        for step, data in payloads[1:]:
            status, _ = self.send("POST", f"{draft}/{step}/", data)
        started = time.perf_counter()
        status, location = self.send("POST", f"{draft}/review/", {"action": "next"})
        if status != 302 or not location.endswith("/complaints/filed/"):  # the code's page
            raise RuntimeError(f"complaint submission answered {status} {location}")
        return time.perf_counter() - started


def _answers() -> list:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from complaint_submission import ANSWERS

    from misconduct_records.models import District
    from tests.complaints.filing import step_payloads

    return step_payloads({**ANSWERS, "district": District.objects.order_by("id").first().pk})


def complaint_under_load(*, port: int, duration: int, connections: int) -> dict:
    """Residents file complaints one after another while wrk loads the officers page: for 30 s
    at least, so that the percentiles rest on tens of submissions, not a handful."""
    from benchmarks.load_pages import Page

    payloads = _answers()
    duration = max(duration, 30)
    load = threading.Thread(target=wrk, args=(Page("load", "/officers/"),),
                            kwargs={"port": port, "duration": duration, "connections": connections})
    load.start()
    times, errors, deadline = [], 0, time.monotonic() + duration - 1
    while time.monotonic() < deadline:
        try:
            times.append(_Resident(port).file(payloads))
        except (RuntimeError, OSError):
            errors += 1
    load.join()
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000 if times else 0  # noqa: E731
    return {"rps": len(times) / duration, "p50": statistics.median(times) * 1000 if times else 0,
            "p95": pick(0.95), "p99": pick(0.99), "errors": errors, "requests": len(times)}


def _queries(client, path: str) -> int | str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    return len(captured) if status == 200 else f"HTTP {status}"


def queries_per_page(pages) -> dict[str, str]:
    """SQL queries of each page computed in full (no page cache): on the first request of a
    record version, then with its cached filter choices, totals and aggregates ("cold/warm")."""
    from django.conf import settings
    from django.test import Client

    from misconduct_records.page_cache import record_version_bump

    record_version_bump()  # outside a transaction: at once, so the first requests are cold
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client, counts = Client(), {}
    for page in pages:
        counts[page.label] = f"{_queries(client, page.path)}/{_queries(client, page.path)}"
    return counts


def jobs() -> dict[str, dict]:
    """Each long job in its own process, so that its peak memory is its own."""
    results = {}
    for job in ("export", "snapshot", "report"):
        print(f"  {job}…", flush=True)
        try:
            output = subprocess.run([PYTHON, str(Path(__file__).parent / "load_job.py"), job],
                                    cwd=ROOT, capture_output=True, text=True, check=True,
                                    timeout=JOB_TIMEOUT).stdout
            results[job] = json.loads(output.strip().splitlines()[-1])
        except (subprocess.SubprocessError, ValueError, IndexError) as error:
            results[job] = {"label": job, "skipped": f"did not finish: {type(error).__name__}"}
    return results


def import_rate(output: str) -> dict:
    match = re.search(r"in ([\d.]+)s, ([\d,]+) rows read \(([\d,]+) rows/s\)", output)
    if not match:
        return {}
    return {"seconds": float(match.group(1)), "rows": int(match.group(2).replace(",", "")),
            "rows_per_second": int(match.group(3).replace(",", ""))}
