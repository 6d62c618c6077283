import datetime

from django.conf import settings


def _holidays() -> set[datetime.date]:
    return {datetime.date.fromisoformat(d) for d in settings.PORTAL.get("HOLIDAYS", [])}


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` business days after `start` (weekends and configured holidays skipped)."""
    holidays = _holidays()
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            days -= 1
    return current
