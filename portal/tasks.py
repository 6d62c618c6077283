from celery import shared_task

from portal.services.outbox import outbox_deliver
from portal.services.outbox import outbox_sweep as _outbox_sweep


@shared_task
def deliver_outbox_message(message_id: int) -> bool:
    return outbox_deliver(message_id=message_id)


@shared_task
def outbox_sweep() -> int:
    return _outbox_sweep()
