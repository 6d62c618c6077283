"""The morning reminder: each assignee and supervisor hears what is due soon or overdue."""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.roles import Role
from portal.services.outbox import outbox_enqueue

from ..deadlines import LATER, Deadline, case_deadlines
from ..models import Case
from ..models.cases import FINISHED_STATES


def _open_cases():
    return (Case.objects.exclude(state__in=FINISHED_STATES)
            .select_related("complaint", "assigned_to", "supervisor"))


def _supervisors() -> list:
    return list(get_user_model().objects.filter(groups__name=Role.SUPERVISOR, is_active=True))


def due_items(*, cases=None, today: datetime.date | None = None) -> list[Deadline]:
    """Every soon-due or overdue item on the given (default: all open) cases, earliest first."""
    today = today or timezone.localdate()
    items = [d for case in (cases if cases is not None else _open_cases())
             for d in case_deadlines(case, today) if d.status != LATER]
    return sorted(items, key=lambda d: d.due_on)


@transaction.atomic
def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue one reminder per person with something due; returns how many were queued."""
    today = today or timezone.localdate()
    supervisors = None
    by_person: dict = defaultdict(list)
    for item in due_items(today=today):
        people = [item.case.assigned_to] if item.case.assigned_to else []
        if item.case.supervisor:
            people.append(item.case.supervisor)
        else:
            supervisors = supervisors if supervisors is not None else _supervisors()
            people.extend(supervisors)
        for person in {p.pk: p for p in people if p.is_active and p.email}.values():
            by_person[person].append(item)
    for person, items in by_person.items():
        outbox_enqueue(
            kind="deadline_reminder", recipient=person.email,
            subject=_("Case deadlines for %(date)s: %(n)s due or overdue") % {
                "date": today.isoformat(), "n": len(items)},
            body=render_to_string("review_board/email/deadline_reminder.txt",
                                  {"person": person, "items": items, "today": today}))
    return len(by_person)
