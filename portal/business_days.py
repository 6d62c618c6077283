"""Business days for every clock in the portal: weekends, public holidays and the oversight
body's own closure days are skipped. The calendar is a setting (`BUSINESS_CALENDAR`), not code."""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=64)
def _closed_days(country: str, subdivision: str, extra: tuple[str, ...], year: int) -> frozenset:
    days = set(holidays.country_holidays(country, subdiv=subdivision or None, years=year))
    days |= {d for d in map(datetime.date.fromisoformat, extra) if d.year == year}
    return frozenset(days)


def _calendar() -> tuple[str, str, tuple[str, ...]]:
    config = settings.BUSINESS_CALENDAR
    return (config["COUNTRY"], config["SUBDIVISION"], tuple(config["EXTRA_HOLIDAYS"]))


def _is_business_day(calendar_key: tuple, day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _closed_days(*calendar_key, day.year)


def is_business_day(day: datetime.date) -> bool:
    return _is_business_day(_calendar(), day)


@lru_cache(maxsize=4096)
def _add_business_days(calendar_key: tuple, start: datetime.date, days: int) -> datetime.date:
    day, remaining = start, days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if _is_business_day(calendar_key, day):
            remaining -= 1
    return day


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` business days after `start` (start itself does not count)."""
    return _add_business_days(_calendar(), start, days)
