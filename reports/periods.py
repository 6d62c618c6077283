"""Reporting periods: a month, a quarter or a year, and the one before it."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    ANNUAL = "annual", _("Annual")
    CUSTOM = "custom", _("Custom period")


MONTHS: dict[str, int] = {PeriodKind.MONTHLY: 1, PeriodKind.QUARTERLY: 3, PeriodKind.ANNUAL: 12}


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date  # inclusive

    @classmethod
    def containing(cls, kind: str, day: datetime.date) -> "Period":
        """The month, quarter or year that contains `day`."""
        months = MONTHS[kind]
        first_month = (day.month - 1) // months * months + 1
        start = datetime.date(day.year, first_month, 1)
        return cls(kind, start, _add_months(start, months) - datetime.timedelta(days=1))

    @classmethod
    def last_complete(cls, kind: str, today: datetime.date) -> "Period":
        return cls.containing(kind, cls.containing(kind, today).start - datetime.timedelta(days=1))

    def previous(self) -> "Period":
        if self.kind in MONTHS:
            return Period.containing(self.kind, self.start - datetime.timedelta(days=1))
        length = self.end - self.start
        end = self.start - datetime.timedelta(days=1)
        return Period(self.kind, end - length, end)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.ANNUAL:
            return str(self.start.year)
        if self.kind == PeriodKind.QUARTERLY:
            return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.MONTHLY:
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @property
    def slug(self) -> str:
        if self.kind == PeriodKind.ANNUAL:
            return str(self.start.year)
        if self.kind == PeriodKind.QUARTERLY:
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.MONTHLY:
            return f"{self.start:%Y-%m}"
        return f"{self.start.isoformat()}-to-{self.end.isoformat()}"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat()}
