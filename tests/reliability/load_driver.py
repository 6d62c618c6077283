"""Drives mixed load at a running portal from its own process (standard library only).

    python load_driver.py BASE_URL STAFF_SESSION RESIDENTS READS SECONDS

Residents file complaints through every step of the form while readers browse the public pages
and the API and a staff member opens a case from each complaint as soon as it is acknowledged.
Every loop is bounded by count and by time. Prints one JSON object: the statuses seen per kind
of request, the tracking numbers the residents were shown and the cases staff opened.
"""

import http.cookiejar
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from queue import Empty, Queue

TRACKING_RE = re.compile(r"\b[A-Z]{1,5}-\d{4}-\d{6}\b")
STEP_RE = re.compile(r"/complaints/draft/[A-Za-z0-9_-]+/[a-z]+/")
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
READ_PATHS = ["/", "/officers/", "/officers/?q=kowalski", "/allegations/", "/cases/", "/districts/",
              "/data/", "/api/v1/officers/", "/api/v1/allegations/", "/api/v1/cases/", "/es/officers/"]


class Session:
    def __init__(self, base: str, statuses: Counter, kind: str, cookie: tuple[str, str] | None = None):
        self.base, self.statuses, self.kind = base, statuses, kind
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirect())
        if cookie:
            host = urllib.parse.urlsplit(base).hostname
            self.jar.set_cookie(http.cookiejar.Cookie(
                0, cookie[0], cookie[1], None, False, host, False, False, "/", True, False, None,
                False, None, None, {}))

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        # The base is the loopback address the test passes in, always http.
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text, location = response.status, response.read().decode("utf-8", "replace"), ""
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
            location = error.headers.get("Location", "")
        self.statuses[f"{self.kind} {status}"] += 1
        return status, text, location

    def post_form(self, path: str, data: dict, form_page: str | None = None) -> tuple[int, str, str]:
        """Post `data` with the CSRF token of the form on `form_page` (default: `path` itself)."""
        status, page, _ = self.request(form_page or path)
        token = TOKEN_RE.search(page)
        return self.request(path, {**data, "csrfmiddlewaretoken": token.group(1) if token else ""})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _formset(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _steps(n: int) -> list[dict]:
    return [
        {"filer_role": "affected", "narrative": f"Load resident {n}: pushed against a car at a stop.",
         "occurred_on": "2026-10-02", "location": "Dudley Square", "district": ""},
        _formset("officers", [{"description": "Tall officer, badge not seen"}]),
        {"conduct": ["physical-force"], "force_level": "4"},
        _formset("witnesses", []),
        {"evidence_notes": ""},
        {"contact_name": f"Load Resident {n}", "contact_email": f"resident{n}@example.org"},
        {"action": "next"},
    ]


def file_one(base: str, n: int, district: str, statuses: Counter) -> str | None:
    session = Session(base, statuses, "file")
    steps = _steps(n)
    steps[0]["district"] = district
    status, _, location = session.post_form("/complaints/new/", steps[0])
    if status != 302 or not STEP_RE.search(location):
        return None
    token_path = STEP_RE.search(location).group(0).rsplit("/", 2)[0]
    for step, data in zip(["officers", "conduct", "people", "evidence", "contact", "review"], steps[1:],
                          strict=True):
        status, page, location = session.post_form(f"{token_path}/{step}/", data)
        if status >= 400:
            return None
    found = TRACKING_RE.search(page if status == 200 else session.request(location)[1])
    return found.group(0) if found else None


def run(base, staff_cookie, residents, reads, seconds, district):
    deadline = time.monotonic() + seconds
    statuses, acknowledged, opened, lock = Counter(), [], [], threading.Lock()
    to_open: Queue[str] = Queue()

    def resident(start):
        for n in range(start, residents, 4):
            if time.monotonic() > deadline:
                return
            number = file_one(base, n, district, statuses)
            if number:
                with lock:
                    acknowledged.append(number)
                to_open.put(number)

    def reader(offset):
        session = Session(base, statuses, "read")
        for n in range(offset, reads, 3):
            if time.monotonic() > deadline:
                return
            session.request(READ_PATHS[n % len(READ_PATHS)])

    def staff():
        session = Session(base, statuses, "staff", ("sessionid", staff_cookie))
        while time.monotonic() < deadline:
            try:
                number = to_open.get(timeout=1)
            except Empty:
                if not any(t.is_alive() for t in residents_threads):
                    return
                continue
            status, _, _ = session.post_form(f"/board/complaints/{number}/open-case/", {},
                                             form_page=f"/board/complaints/{number}/")
            if status in (200, 302):
                opened.append(number)

    residents_threads = [threading.Thread(target=resident, args=(i,)) for i in range(4)]
    threads = residents_threads + [threading.Thread(target=reader, args=(i,)) for i in range(3)]
    threads.append(threading.Thread(target=staff))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"statuses": dict(statuses), "acknowledged": acknowledged, "opened": opened,
            "seconds": round(time.monotonic() - started, 1)}


if __name__ == "__main__":
    base, cookie, residents, reads, seconds, district = sys.argv[1:7]
    base = base.replace("//localhost:", "//127.0.0.1:")  # cookie jars treat a dotless host apart
    print(json.dumps(run(base, cookie, int(residents), int(reads), float(seconds), district)))
