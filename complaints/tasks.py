from celery import shared_task

from .services import draft_purge_expired


@shared_task
def purge_expired_drafts() -> int:
    return draft_purge_expired()
