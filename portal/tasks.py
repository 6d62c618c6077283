from celery import shared_task
from django.conf import settings

from portal.health import heartbeat_stamp
from portal.services.outbox import outbox_deliver
from portal.services.outbox import outbox_sweep as _outbox_sweep

# One send waits at most EMAIL_TIMEOUT per SMTP step (connect, greeting, each command).
_SEND_LIMIT = settings.EMAIL_TIMEOUT * 6


@shared_task(soft_time_limit=_SEND_LIMIT, time_limit=_SEND_LIMIT + 30)
def deliver_outbox_message(message_id: int) -> bool:
    return outbox_deliver(message_id=message_id)


@shared_task(soft_time_limit=600, time_limit=660)
def outbox_sweep() -> int:
    return _outbox_sweep()


@shared_task(soft_time_limit=30, time_limit=60)
def worker_heartbeat() -> None:
    heartbeat_stamp()
