"""The morning reminder: each assignee and supervisor hears what is due soon or overdue."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.business_days import add_business_days
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record
from portal.services.outbox import outbox_enqueue

from ..deadlines import Deadline, case_deadlines_store, overdue_notice_months, stored_deadlines
from ..models import Case
from ..models.cases import FINISHED_STATES
from ..selectors import complaints_awaiting_case


def _open_cases():
    return Case.objects.exclude(state__in=FINISHED_STATES)


def _supervisors() -> list:
    return list(get_user_model().objects.filter(groups__name=Role.SUPERVISOR, is_active=True))


def _intake_staff() -> list:
    return list(get_user_model().objects.filter(groups__name=Role.INTAKE, is_active=True)
                .exclude(email=""))


def due_items(*, cases=None, today: datetime.date | None = None) -> list[Deadline]:
    """Every soon-due or overdue item on the given (default: all open) cases, earliest first,
    read from the stored clocks."""
    return stored_deadlines(cases=cases if cases is not None else _open_cases(), today=today,
                            due_soon_only=True)


def complaints_due(*, today: datetime.date | None = None) -> list:
    """Complaints waiting for a case whose acknowledgement is overdue or due soon."""
    today = today or timezone.localdate()
    soon = add_business_days(today, settings.REVIEW_BOARD["SOON_DUE_BUSINESS_DAYS"])
    return list(complaints_awaiting_case().filter(acknowledged_at__isnull=True,
                                                  acknowledge_by__lte=soon))


def _notify_complainant(case: Case, months: int) -> None:
    """Tell the complainant, in their language, that the case is still open after `months`."""
    complaint = case.complaint
    if complaint is not None and not complaint.anonymous and complaint.contact_email:
        with translation.override(complaint.language):
            subject = _("Your complaint %(number)s is still open") % {
                "number": complaint.tracking_number}
            body = render_to_string("review_board/email/overdue_notice.txt",
                                    {"complaint": complaint, "months": months})
        outbox_enqueue(kind="overdue_notice", recipient=complaint.contact_email, subject=subject,
                       body=body, language=complaint.language)
    Case.objects.filter(pk=case.pk).update(overdue_notices_sent=months // _notice_step())
    audit_record(actor=None, action="case.overdue_notice", target=case, data={"months": months})


def _notice_step() -> int:
    return settings.REVIEW_BOARD["OVERDUE_NOTICE_MONTHS"]


def overdue_notices_send(*, items: list[Deadline], today: datetime.date | None = None) -> int:
    """Each 6-month mark a case passes undecided earns the complainant one notice (the latest
    mark passed, when several were missed)."""
    today = today or timezone.localdate()
    sent = 0
    for item in items:
        if item.kind != "overdue_notice" or item.due_on > today:
            continue
        months = overdue_notice_months(item.case, timezone.localdate(item.case.opened_at), today)
        if months // _notice_step() > item.case.overdue_notices_sent:
            _notify_complainant(item.case, months)
            item.case.overdue_notices_sent = months // _notice_step()
            case_deadlines_store(item.case)  # the next mark
            sent += 1
    return sent


@transaction.atomic
def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue one reminder per person with something due; returns how many were queued."""
    today = today or timezone.localdate()
    supervisors = None
    by_person: dict = defaultdict(list)
    items = due_items(today=today)
    overdue_notices_send(items=items, today=today)
    for item in items:
        people = [item.case.assigned_to] if item.case.assigned_to else []
        if item.case.supervisor:
            people.append(item.case.supervisor)
        else:
            supervisors = supervisors if supervisors is not None else _supervisors()
            people.extend(supervisors)
        for person in {p.pk: p for p in people if p.is_active and p.email}.values():
            by_person[person].append(item)
    complaints = complaints_due(today=today)
    for person in _intake_staff() if complaints else []:
        by_person.setdefault(person, [])
    for person, items in by_person.items():
        waiting = complaints if user_has_role(person, Role.INTAKE) else []
        outbox_enqueue(
            kind="deadline_reminder", recipient=person.email,
            subject=_("Case deadlines for %(date)s: %(n)s due or overdue") % {
                "date": today.isoformat(), "n": len(items) + len(waiting)},
            body=render_to_string("review_board/email/deadline_reminder.txt", {
                "person": person, "items": items, "complaints": waiting, "today": today}))
    return len(by_person)
