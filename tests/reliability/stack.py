"""The portal as production runs it, in processes of the test's own: gunicorn, a Celery worker,
a Redis server and a mail server that counts what it accepts and misbehaves on demand.

Everything listens on loopback ports chosen free at start; the shared Redis is never touched.
"""

import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class MailServer:
    """An SMTP server that records each accepted message by Message-ID.

    Modes: "ok" answers at once; "slow" waits `delay` seconds before accepting a message's data
    and counts it only if the client is still there to hear the answer (as a real server would);
    "hang" accepts connections and never says a word; "closed" listens on nothing.
    """

    def __init__(self):
        self.port = free_port()
        self.mode, self.delay = "ok", 3.0
        self.accepted: list[tuple[str, str]] = []  # (message id, recipient)
        self.data_started = threading.Event()
        self._server = None
        self.open()

    def open(self):
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 60

            def handle(self):
                if outer.mode == "hang":
                    time.sleep(60)
                    return
                self._say("220 fake ESMTP")
                recipients, lines = [], None
                for raw in self.rfile:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if lines is not None:
                        if line != ".":
                            lines.append(line)
                            continue
                        self._finish(recipients, lines)
                        recipients, lines = [], None
                        continue
                    verb = line[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self._say("250 fake")
                    elif verb == "RCPT":
                        recipients.append(line.split(":", 1)[1].strip(" <>"))
                        self._say("250 ok")
                    elif verb == "DATA":
                        lines = []
                        outer.data_started.set()
                        self._say("354 go ahead")
                    elif verb == "QUIT":
                        self._say("221 bye")
                        return
                    else:  # MAIL, RSET, NOOP
                        self._say("250 ok")

            def _finish(self, recipients, lines):
                if outer.mode == "slow":
                    time.sleep(outer.delay)
                    if self._client_gone():
                        return
                message_id = next((line.split(":", 1)[1].strip() for line in lines
                                   if line.lower().startswith("message-id:")), "")
                outer.accepted.extend((message_id, recipient) for recipient in recipients)
                self._say("250 accepted")

            def _client_gone(self) -> bool:
                self.connection.setblocking(False)
                try:
                    return self.connection.recv(1, socket.MSG_PEEK) == b""
                except BlockingIOError:
                    return False
                finally:
                    self.connection.setblocking(True)

            def _say(self, text):
                self.wfile.write(f"{text}\r\n".encode())

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self):
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def ids(self) -> list[str]:
        return [message_id for message_id, _ in self.accepted]


class Stack:
    """gunicorn + Celery worker + Redis of the test's own, on the test database."""

    def __init__(self, *, database_url: str, mail: MailServer, logs: Path):
        self.mail, self.logs = mail, logs
        self.redis_port, self.web_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.web_port}"
        self.env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.development", "DEBUG": "false",
            "DATABASE_URL": database_url, "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_URL": f"smtp://127.0.0.1:{mail.port}", "EMAIL_TIMEOUT": "2",
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "PORTAL_REQUIRE_2FA": "false",
            "COMPLAINT_SUBMISSIONS_PER_HOUR": "100000", "CONN_MAX_AGE": "0",
        }
        self.env.pop("PORTAL_TEST_WORKER", None)
        self.web = self.worker = None

    def start(self):
        self.start_redis()
        self.start_worker()
        self.web = self._spawn("web", [str(BIN / "gunicorn"), "portal.wsgi:application", "--bind",
                                       f"127.0.0.1:{self.web_port}", "--workers", "2", "--timeout", "60"])
        wait_for(self._web_answers, timeout=60, what="gunicorn")
        return self

    def _web_answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.web_port), timeout=1):
                return True
        except OSError:
            return False

    def _spawn(self, name, command):
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def start_redis(self):
        subprocess.run(["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--daemonize", "yes"], check=True)
        wait_for(lambda: self.redis_ping(), timeout=10, what="redis")

    def stop_redis(self):
        subprocess.run(["redis-cli", "-p", str(self.redis_port), "shutdown", "nosave"],
                       capture_output=True, check=False)
        wait_for(lambda: not self.redis_ping(), timeout=10, what="redis to stop")

    def redis_ping(self) -> bool:
        result = subprocess.run(["redis-cli", "-p", str(self.redis_port), "ping"],
                                capture_output=True, text=True, check=False)
        return "PONG" in result.stdout

    def start_worker(self):
        self.worker = self._spawn("worker", [str(BIN / "celery"), "-A", "portal", "worker",
                                             "--concurrency=1", "--without-gossip", "--without-mingle",
                                             "--loglevel=INFO"])
        wait_for(self.worker_answers, timeout=60, what="the Celery worker", every=0.5)

    def worker_answers(self) -> bool:
        result = subprocess.run([str(BIN / "celery"), "-A", "portal", "inspect", "ping", "--timeout", "1"],
                                cwd=ROOT, env=self.env, capture_output=True, text=True, check=False)
        return "pong" in result.stdout

    def kill_worker(self):
        """SIGKILL, as an out-of-memory killer or a pulled plug would: no warm shutdown."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=10)

    def manage(self, *args: str, **env) -> str:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT,
                                env={**self.env, **env}, capture_output=True, text=True, timeout=120,
                                check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def stop(self):
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        if self.redis_ping():
            self.stop_redis()
