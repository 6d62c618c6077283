"""A real Celery worker against a mail server that accepts connections and never answers, then
one that refuses them: the worker times out, records each attempt, keeps working (its heartbeat
still runs) and stops at once on SIGTERM. Needs PostgreSQL and redis-server (.ci/run's second
pass); the worker, its Redis and the mail servers are this test's own, on the test port range.
"""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import redis
from celery import Celery
from django.db import connection
from django.utils import timezone

from portal.models import Heartbeat, OutboxMessage
from portal.services import outbox
from tests.fake_smtp import refusing_smtp_port, silent_smtp_server

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with refusing_smtp_port() as port:
        pass
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert _wait(lambda: _pings(port), 5)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def _pings(port) -> bool:
    try:
        return redis.Redis(port=port).ping()
    except redis.ConnectionError:
        return False


def _start_worker(broker: str, smtp_port: int) -> subprocess.Popen:
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.development", "DEBUG": "false",
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "REDIS_URL": broker, "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}", "EMAIL_TIMEOUT": "1"}
    return subprocess.Popen([sys.executable, "-m", "celery", "-A", "portal", "worker",
                             "--concurrency=1", "--without-gossip", "--without-mingle",
                             "--loglevel=WARNING"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _queued_message() -> OutboxMessage:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "outbox_schedule", lambda **kwargs: True)
        return outbox.outbox_enqueue(kind="test", recipient="rita@example.net", subject="Hi", body="b")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker needs the same database")
@pytest.mark.parametrize("server", [silent_smtp_server, refusing_smtp_port])
def test_a_broken_mail_server_never_stalls_the_worker(own_redis, server):
    messages = [_queued_message() for _ in range(2)]
    with server() as smtp_port, Celery(broker=own_redis) as sender:
        worker = _start_worker(own_redis, smtp_port)
        try:
            started = time.monotonic()
            for message in messages:
                sender.send_task("portal.tasks.deliver_outbox_message", args=[message.pk])
            attempted = _wait(lambda: OutboxMessage.objects.filter(attempts=1, last_error__gt="").count() == 2,
                              60)
            assert attempted, "the worker did not record both attempts"
            sender.send_task("portal.tasks.worker_heartbeat")
            assert _wait(lambda: Heartbeat.objects.filter(beat_at__gte=timezone.now()
                                                          - timezone.timedelta(seconds=30)).exists(), 30)
            elapsed = time.monotonic() - started
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=15)  # a warm shutdown: nothing holds it
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
    for message in OutboxMessage.objects.all():
        assert message.status == OutboxMessage.Status.PENDING and message.next_attempt_at > timezone.now()
    print(f"two attempts and a heartbeat in {elapsed:.1f}s")
