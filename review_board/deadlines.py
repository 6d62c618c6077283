"""Case clocks in business days: weekends, public holidays and configured closure days skip.

Which clocks exist and how long each runs are settings (`REVIEW_BOARD`), not code.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.business_days import add_business_days, is_business_day  # noqa: F401 (re-exported)

from .models import Case, CaseOrigin, CaseState

OVERDUE, SOON, LATER = "overdue", "soon", "later"
INVESTIGATING = (CaseState.INTAKE, CaseState.PRELIMINARY_REVIEW, CaseState.INVESTIGATION,
                 CaseState.MEDIATION)
UNDECIDED = (*INVESTIGATING, CaseState.BOARD_REVIEW)


def _config(key: str):
    return settings.REVIEW_BOARD[key]


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Same day `months` later, or the month's last day when it is shorter (Aug 31 + 6 -> Feb 28)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def limitation_date(case: Case) -> datetime.date | None:
    """After this date the department can no longer impose discipline."""
    start = case.incident_on or case.received_on
    return add_months(start, _config("LIMITATION_MONTHS")) if start else None


@dataclass(frozen=True)
class Deadline:
    case: Case
    kind: str
    label: str
    due_on: datetime.date
    status: str
    months: int = 0  # for an overdue notice: how long the case has been open


def _status(due_on: datetime.date, today: datetime.date) -> str:
    if due_on < today:
        return OVERDUE
    return SOON if due_on <= add_business_days(today, _config("SOON_DUE_BUSINESS_DAYS")) else LATER


def _overdue_notice(case: Case, opened: datetime.date, today: datetime.date):
    """The latest 6-month mark (6, 12, 18… months open) the case has passed, if any."""
    step, months = _config("OVERDUE_NOTICE_MONTHS"), 0
    while add_months(opened, months + step) <= today:
        months += step
    return (months, add_months(opened, months)) if months else None


def case_deadlines(case: Case, today: datetime.date | None = None) -> list[Deadline]:
    """What is still due on `case`, earliest first."""
    today = today or timezone.localdate()
    opened = timezone.localdate(case.opened_at)
    received = case.received_on or opened
    items: list[tuple[str, object, datetime.date]] = []
    months = 0
    if case.origin == CaseOrigin.COMPLAINT and case.acknowledged_at is None and case.is_open:
        items.append(("acknowledgement", _("Acknowledge the complaint"),
                      add_business_days(received, _config("ACKNOWLEDGE_BUSINESS_DAYS"))))
    if (case.complaint_id and case.first_contact_at is None and case.state in INVESTIGATING
            and not case.complaint.anonymous):
        items.append(("first_contact", _("First contact with the complainant"),
                      add_business_days(opened, _config("FIRST_CONTACT_BUSINESS_DAYS"))))
    if case.state in INVESTIGATING:
        items.append(("investigation", _("Investigation target"),
                      add_business_days(opened, _config("INVESTIGATION_BUSINESS_DAYS"))))
    if case.state in UNDECIDED and (notice := _overdue_notice(case, opened, today)):
        months = notice[0]
        items.append(("overdue_notice", _("Open for %(months)s months: overdue notice")
                      % {"months": notice[0]}, notice[1]))
    if case.decided_at and case.letter_sent_at is None and case.complaint_id:
        items.append(("decision_letter", _("Send the decision letter"),
                      add_business_days(timezone.localdate(case.decided_at),
                                        _config("DECISION_LETTER_BUSINESS_DAYS"))))
    if case.state in UNDECIDED and (limit := limitation_date(case)):
        items.append(("limitation", _("Limitation date for discipline"), limit))
    return sorted((Deadline(case, kind, str(label), due, _status(due, today),
                            months if kind == "overdue_notice" else 0)
                   for kind, label, due in items), key=lambda d: d.due_on)
