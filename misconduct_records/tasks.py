from celery import shared_task

from .exports import snapshot_build
from .services import officer_counts_refresh


@shared_task
def public_record_snapshot() -> str:
    """The nightly full snapshot of the open data (files, checksums, the date covered).

    Counts are recomputed first, so the snapshot's officer counts always match its allegations
    even if an import forgot to recount.
    """
    officer_counts_refresh()
    return snapshot_build()["covers"]
