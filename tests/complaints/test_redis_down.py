"""With Redis unreachable Rita's complaint is stored and acknowledged; the email follows later.

Starts its own redis-server on a spare port and stops it; never touches a shared Redis.
"""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from django.core import mail

from complaints.models import Complaint
from portal.celery import app as celery_app
from portal.models import OutboxMessage
from portal.services.outbox import outbox_sweep
from tests.complaints.filing import file_complaint
from tests.slice import RITA

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]

PORT = 6395


def _start_redis():
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            pytest.skip(f"port {PORT} is taken")
    process = subprocess.Popen(
        ["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=PORT)
    for _ in range(100):
        try:
            client.ping()
            return process, client
        except redis.ConnectionError:
            time.sleep(0.05)
    process.kill()
    pytest.fail("redis-server did not start")


def _stop(process):
    process.terminate()
    process.wait(timeout=10)


def _reset_connections():
    """Forget pooled broker connections (an empty pool is falsy, so close() may keep it)."""
    celery_app.close()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def own_broker(settings):
    """Celery publishes to our own Redis (not eagerly), and the cache lives there, as in production."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{PORT}/1"}}
    _reset_connections()
    old = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url = f"redis://127.0.0.1:{PORT}/0"
    celery_app.conf.task_always_eager = False
    yield
    _reset_connections()
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = old


def test_complaint_is_saved_while_redis_is_down_and_email_goes_out_after(
    own_broker, journalist, district, django_capture_on_commit_callbacks,
):
    process, _client = _start_redis()
    _stop(process)  # Redis goes down before Rita files.

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = file_complaint(journalist, {**RITA, "district": district.pk})
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert "Your complaint was received" in response.content.decode()
    assert Complaint.objects.filter(tracking_number=response.context["complaint"].tracking_number).exists()
    message = OutboxMessage.objects.get(kind="complaint_receipt")
    assert message.status == OutboxMessage.Status.PENDING and not mail.outbox
    assert elapsed < 15, f"filing waited {elapsed:.1f}s on the broker"

    process, client = _start_redis()  # Redis is back
    try:
        _reset_connections()
        from portal.services.outbox import outbox_schedule

        assert outbox_schedule(message_id=message.pk)  # the broker accepts work again
        assert client.llen("celery") == 1
        assert outbox_sweep(older_than=timedelta(0)) == 1  # the periodic sweep delivers it
    finally:
        _stop(process)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1 and RITA["contact_email"] in mail.outbox[0].to
