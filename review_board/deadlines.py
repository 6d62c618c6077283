"""Case clocks in business days: weekends, public holidays and configured closure days skip.

Which clocks exist and how long each runs are settings (`REVIEW_BOARD`), not code.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.services import acknowledgement_due
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


def overdue_notice_months(case: Case, opened: datetime.date, today: datetime.date) -> int:
    """The latest 6-month mark (6, 12, 18… months open) the case has passed by `today`, or 0."""
    step, months = _config("OVERDUE_NOTICE_MONTHS"), 0
    while add_months(opened, months + step) <= today:
        months += step
    return months


LABELS = {
    "acknowledgement": _("Acknowledge the complaint"),
    "first_contact": _("First contact with the complainant"),
    "investigation": _("Investigation target"),
    "overdue_notice": _("Open for %(months)s months: overdue notice"),
    "decision_letter": _("Send the decision letter"),
    "limitation": _("Limitation date for discipline"),
}


def _acknowledgement_due(case: Case, received: datetime.date) -> datetime.date | None:
    """The complaint's own stored due date (one clock for resident and staff), if still owed."""
    complaint = case.complaint if case.complaint_id else None
    if case.origin != CaseOrigin.COMPLAINT or not case.is_open or case.acknowledged_at:
        return None
    if complaint is not None and complaint.acknowledged_at:
        return None
    if complaint is not None and complaint.acknowledge_by:
        return complaint.acknowledge_by
    return acknowledgement_due(received)


def case_clocks(case: Case) -> list[tuple[str, datetime.date, int]]:
    """(kind, due on, months) of what is still due on `case`; independent of today, so it can be
    stored. The overdue notice is the next 6-month mark after the notices already sent."""
    opened = timezone.localdate(case.opened_at)
    received = case.received_on or opened
    items: list[tuple[str, datetime.date, int]] = []
    if ack := _acknowledgement_due(case, received):
        items.append(("acknowledgement", ack, 0))
    if (case.first_contact_at is None and case.state in INVESTIGATING
            and case.complaint is not None and not case.complaint.anonymous):
        items.append(("first_contact", add_business_days(opened, _config("FIRST_CONTACT_BUSINESS_DAYS")), 0))
    if case.state in INVESTIGATING:
        items.append(("investigation", add_business_days(opened, _config("INVESTIGATION_BUSINESS_DAYS")), 0))
    if case.state in UNDECIDED:
        months = (case.overdue_notices_sent + 1) * _config("OVERDUE_NOTICE_MONTHS")
        items.append(("overdue_notice", add_months(opened, months), months))
    if case.decided_at and case.letter_sent_at is None and case.complaint_id:
        items.append(("decision_letter", add_business_days(
            timezone.localdate(case.decided_at), _config("DECISION_LETTER_BUSINESS_DAYS")), 0))
    if case.state in UNDECIDED and (limit := limitation_date(case)):
        items.append(("limitation", limit, 0))
    return items


def _deadline(case: Case, kind: str, due_on: datetime.date, months: int,
              today: datetime.date) -> Deadline:
    label = LABELS[kind] % {"months": months} if kind == "overdue_notice" else LABELS[kind]
    return Deadline(case, kind, str(label), due_on, _status(due_on, today), months)


def case_deadlines(case: Case, today: datetime.date | None = None) -> list[Deadline]:
    """What is still due on `case`, earliest first, computed now (what is stored for it)."""
    today = today or timezone.localdate()
    return sorted((_deadline(case, *item, today) for item in case_clocks(case)),
                  key=lambda d: d.due_on)


def case_deadlines_store(case: Case) -> None:
    """Save the case's clocks; called by every service that changes what is due."""
    from .models import CaseDeadline

    items = case_clocks(case)
    CaseDeadline.objects.filter(case=case).exclude(kind__in=[kind for kind, _d, _m in items]).delete()
    for kind, due_on, months in items:
        CaseDeadline.objects.update_or_create(case=case, kind=kind,
                                              defaults={"due_on": due_on, "months": months})


def deadlines_refresh(*, cases=None) -> int:
    """Store the clocks of the given (default: every) case again, e.g. after the holidays change."""
    cases = cases if cases is not None else Case.objects.select_related("complaint")
    count = 0
    for case in cases.iterator(chunk_size=500):
        case_deadlines_store(case)
        count += 1
    return count


def stored_deadlines(*, cases, today: datetime.date | None = None,
                     due_soon_only: bool = False) -> list[Deadline]:
    """The stored clocks of `cases` (a queryset), earliest first; with due_soon_only, only those
    overdue or due within the configured soon window."""
    from .models import CaseDeadline

    today = today or timezone.localdate()
    rows = CaseDeadline.objects.filter(case__in=cases).select_related(
        "case__complaint", "case__assigned_to", "case__supervisor").order_by("due_on", "id")
    if due_soon_only:
        rows = rows.filter(due_on__lte=add_business_days(today, _config("SOON_DUE_BUSINESS_DAYS")))
    return [_deadline(r.case, r.kind, r.due_on, r.months, today) for r in rows]
