from celery import shared_task

from .exports import snapshot_build


@shared_task
def public_record_snapshot() -> str:
    """The nightly full snapshot of the open data (files, checksums, the date covered)."""
    return snapshot_build()["covers"]
