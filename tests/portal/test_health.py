"""/healthz says the process answers; /readyz names each part that fails; the API outlives Redis.

Each test breaks one part: the database, Redis (a port where nothing listens), the worker
(a stale or missing heartbeat) or the outbox (a message waiting for hours).
"""

import shutil
import subprocess
import time
from datetime import timedelta
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone

from portal.health import heartbeat_stamp
from portal.models import Heartbeat, OutboxMessage
from portal.tasks import worker_heartbeat
from tests.fake_smtp import refusing_smtp_port

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def own_redis():
    """A redis-server of this test module's own, on a port of the test range."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with refusing_smtp_port() as port:
        pass
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def dead_redis(settings):
    """REDIS_URL and the cache point at a port nobody listens on."""
    with refusing_smtp_port() as port:
        url = f"redis://127.0.0.1:{port}/0"
        settings.REDIS_URL = url
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": f"redis://127.0.0.1:{port}/1",
                                       "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
        yield url


@pytest.fixture
def healthy(settings, own_redis):
    settings.REDIS_URL = own_redis
    heartbeat_stamp()


def _ready(client):
    response = client.get("/readyz")
    return response.status_code, response.json()["parts"]


def test_healthz_answers_while_the_database_is_down(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        assert client.get("/healthz").status_code == 200


def test_readyz_is_ok_when_every_part_is(client, healthy):
    status, parts = _ready(client)
    assert status == 200
    assert {name: part["status"] for name, part in parts.items()} == {
        "database": "ok", "redis": "ok", "worker": "ok", "outbox": "ok"}


def test_readyz_names_a_failing_database(client, healthy):
    with mock.patch("portal.health.connection.cursor", side_effect=OperationalError("down")):
        status, parts = _ready(client)
    assert status == 503 and parts["database"]["status"] == "failing"
    assert parts["redis"]["status"] == "ok"


def test_readyz_names_a_failing_redis(client, dead_redis):
    heartbeat_stamp()
    status, parts = _ready(client)
    assert status == 503
    assert parts["redis"]["status"] == "failing" and parts["database"]["status"] == "ok"


def test_readyz_names_a_worker_without_a_recent_heartbeat(client, healthy):
    Heartbeat.objects.update(beat_at=timezone.now() - timedelta(hours=1))
    status, parts = _ready(client)
    assert status == 503 and parts["worker"]["status"] == "failing"
    Heartbeat.objects.all().delete()
    status, parts = _ready(client)
    assert status == 503 and parts["worker"]["detail"] == "no heartbeat yet"


def test_the_heartbeat_task_stamps_the_worker_as_alive(client, healthy):
    Heartbeat.objects.all().delete()
    worker_heartbeat.apply()
    assert _ready(client)[1]["worker"]["status"] == "ok"


def test_readyz_reports_the_oldest_undelivered_message(client, healthy, settings):
    with mock.patch("portal.services.outbox.outbox_schedule"):
        from portal.services.outbox import outbox_enqueue

        message = outbox_enqueue(kind="test", recipient="a@example.net", subject="s", body="b")
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(hours=3))
    status, parts = _ready(client)
    assert status == 200 and parts["outbox"]["status"] == "late"  # reported, not required
    assert parts["outbox"]["detail"].startswith("oldest undelivered message waits 1080")
    settings.READYZ_REQUIRED = [*settings.READYZ_REQUIRED, "outbox"]
    assert _ready(client)[0] == 503


def test_a_laptop_without_redis_is_ready(client, settings):
    settings.REDIS_URL = ""
    status, parts = _ready(client)
    assert status == 200 and parts["worker"]["status"] == "not configured"


API = ["/api/v1/officers/", "/api/v1/allegations/", "/api/v1/cases/", "/api/v1/districts/",
       "/api/v1/sources/", "/api/schema/"]


def test_every_api_request_is_served_while_redis_is_down(client, dead_redis, officer):
    with pytest.raises(redis.ConnectionError):
        cache.get("anything")  # the cache really is unreachable
    for url in [*API, f"/api/v1/officers/{officer.public_id}/"]:
        assert client.get(url).status_code == 200, url
