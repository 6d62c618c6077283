"""The servers of the load benchmark: its own Redis and gunicorn, on 127.0.0.1, stopped after."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 4


def _wait(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {timeout:.0f}s")


def _redis_answers(port: int) -> bool:
    result = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
    return "PONG" in result.stdout


class Redis:
    """A Redis server of the benchmark's own (never the shared one), keeping nothing on disk."""

    def __init__(self, *, port: int):
        self.port = port

    def __enter__(self):
        if _redis_answers(self.port):  # --daemonize exits 0 even when the port is taken
            raise RuntimeError(f"something already answers on port {self.port}; set BENCH_REDIS_PORT")
        subprocess.run(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--daemonize", "yes"], check=True,
                       capture_output=True)
        _wait(lambda: _redis_answers(self.port), "redis-server")
        return self

    def __exit__(self, *exc):
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 — our own loopback server
            return response.status == 200
    except OSError:
        return False


class Gunicorn:
    """gunicorn with sync workers and the benchmark settings; the page cache on or off."""

    def __init__(self, *, port: int, cache: bool):
        self.port, self.cache = port, cache
        self.process = None

    def __enter__(self):
        env = {**os.environ, "PUBLIC_PAGE_CACHE": "on" if self.cache else "off"}
        log = (ROOT / "artifacts" / "bench-load" / "gunicorn.log").open("a")
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "portal.wsgi", "--workers", str(WORKERS),
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "120"],
            cwd=ROOT, env=env, stdout=log, stderr=log)
        _wait(lambda: _answers(f"http://127.0.0.1:{self.port}/bench/constant/"), "gunicorn")
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
