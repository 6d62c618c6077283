"""What /readyz reports: each part the portal needs, checked on its own, with a short timeout.

A part is "ok", "failing", "late" (the outbox: mail waits longer than it should) or
"not configured" (no Redis and no worker on a laptop). Parts named in READYZ_REQUIRED make the
answer a 503 when they are not ok; the others are reported only.
"""

from dataclasses import asdict, dataclass
from datetime import timedelta

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from portal.models import Heartbeat, OutboxMessage

WORKER = "worker"
CHECK_TIMEOUT = 2  # seconds


@dataclass(frozen=True)
class PartStatus:
    status: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "not configured")


def _database() -> PartStatus:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return PartStatus("ok")


def _redis() -> PartStatus:
    if not settings.REDIS_URL:
        return PartStatus("not configured")
    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=CHECK_TIMEOUT,
                         socket_timeout=CHECK_TIMEOUT).ping()
    return PartStatus("ok")


def _age(since) -> str:
    return f"{int((timezone.now() - since).total_seconds())} s"


def _worker() -> PartStatus:
    if not settings.REDIS_URL:
        return PartStatus("not configured", "tasks run in the web process")
    beat_at = Heartbeat.objects.filter(name=WORKER).values_list("beat_at", flat=True).first()
    if beat_at is None:
        return PartStatus("failing", "no heartbeat yet")
    stale = timezone.now() - beat_at > timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    return PartStatus("failing" if stale else "ok", f"last heartbeat {_age(beat_at)} ago")


def _outbox() -> PartStatus:
    oldest = (OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
              .order_by("created_at").values_list("created_at", flat=True).first())
    if oldest is None:
        return PartStatus("ok", "nothing waiting")
    late = timezone.now() - oldest > timedelta(minutes=settings.OUTBOX_LATE_MINUTES)
    return PartStatus("late" if late else "ok", f"oldest undelivered message waits {_age(oldest)}")


CHECKS = {"database": _database, "redis": _redis, "worker": _worker, "outbox": _outbox}


def _run(check) -> PartStatus:
    try:
        return check()
    except Exception as exc:  # refused, timed out, denied...: the part is failing, say how
        return PartStatus("failing", type(exc).__name__)


def readiness() -> tuple[bool, dict]:
    """(ready, report): ready is False when a required part is not ok."""
    parts = {name: _run(check) for name, check in CHECKS.items()}
    required = set(settings.READYZ_REQUIRED)
    ready = all(part.ok for name, part in parts.items() if name in required)
    return ready, {name: {**asdict(part), "required": name in required} for name, part in parts.items()}


def heartbeat_stamp(*, name: str = WORKER) -> None:
    """Record that `name` (the worker) is alive now."""
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})
