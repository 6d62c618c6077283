import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from misconduct_records.models import Agency

from .models import Report, ReportStatus
from .periods import Period
from .services.generation import report_fail, report_generate, report_request

logger = logging.getLogger(__name__)


@shared_task
def generate_report(report_id: int) -> str:
    try:
        return report_generate(report_id=report_id).slug
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        report_fail(report_id=report_id, error=f"{type(exc).__name__}: {exc}")
        raise


@shared_task
def generate_scheduled_reports(kind: str, today: str = "") -> int:
    """Celery beat: queue the last complete month, quarter or year (before `today`, an ISO
    date, by default the real one) for every configured scope that has no report over it yet."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    period = Period.last_complete(kind, day)
    queued = 0
    for scope in settings.REPORTS["SCOPES"]:
        own = scope == "own"
        agency = None if own else Agency.objects.get(slug=scope)
        done = Report.objects.filter(kind=kind, period_start=period.start, own_cases=own,
                                     agency=agency).exclude(status=ReportStatus.FAILED)
        if not done.exists():
            report_request(period=period, own=own, agency=agency)
            queued += 1
    return queued
