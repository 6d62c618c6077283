"""Runs only on .ci/run's second pass: the beat task's reminder, run by a real Celery worker."""

import datetime
import time

import pytest
from django.utils import timezone

from portal.models import OutboxMessage
from review_board.deadlines import case_deadlines_store
from review_board.models import Case
from review_board.services import case_assign
from review_board.tasks import send_deadline_reminders

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_morning_reminder_is_sent_by_the_worker(real_worker, case, intake_officer, investigator,
                                                supervisor):
    case_assign(case=case, actor=intake_officer, investigator=investigator, supervisor=supervisor)
    long_ago = timezone.now() - datetime.timedelta(days=200)
    Case.objects.filter(pk=case.pk).update(opened_at=long_ago, received_on=long_ago.date())
    case_deadlines_store(Case.objects.get(pk=case.pk))  # set-up went round the services
    send_deadline_reminders.delay()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        sent = OutboxMessage.objects.filter(kind="deadline_reminder", status=OutboxMessage.Status.SENT)
        if sent.count() == 2:
            break
        time.sleep(0.2)
    assert {m.recipient for m in sent} == {investigator.email, supervisor.email}
    assert all(m.body == "" for m in sent)  # erased once delivered (the text is in the e-mail)
