"""Clocks in business days: weekends, Massachusetts holidays and configured closure days skip."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from complaints.models import Complaint
from complaints.services import acknowledgement_due
from portal.models import OutboxMessage
from review_board.deadlines import (
    LATER,
    OVERDUE,
    SOON,
    add_business_days,
    add_months,
    case_deadlines,
    case_deadlines_store,
    limitation_date,
)
from review_board.models import Case, CaseDeadline, CaseState
from review_board.services import case_assign, case_record_milestone
from review_board.services.reminders import deadline_reminders_send

D = datetime.date


@pytest.mark.parametrize(("start", "days", "expected"), [
    (D(2026, 11, 20), 1, D(2026, 11, 23)),   # Friday + 1 skips the weekend
    (D(2026, 11, 25), 2, D(2026, 11, 30)),   # Thanksgiving (Thu 26) and the weekend skip
    (D(2026, 11, 25), 7, D(2026, 12, 7)),
    (D(2026, 4, 17), 1, D(2026, 4, 21)),     # Patriots' Day (Mon 20, Massachusetts only)
    (D(2026, 12, 24), 1, D(2026, 12, 28)),   # Christmas Friday, then the weekend
    (D(2026, 11, 21), 0, D(2026, 11, 21)),
])
def test_business_days_skip_weekends_and_holidays(start, days, expected):
    assert add_business_days(start, days) == expected


def test_configured_closure_days_also_skip(settings):
    settings.BUSINESS_CALENDAR = {**settings.BUSINESS_CALENDAR, "EXTRA_HOLIDAYS": ["2026-11-27"]}
    assert add_business_days(D(2026, 11, 25), 1) == D(2026, 11, 30)


def test_another_city_uses_its_own_calendar(settings):
    settings.BUSINESS_CALENDAR = {**settings.BUSINESS_CALENDAR, "SUBDIVISION": "NY"}
    assert add_business_days(D(2026, 4, 17), 1) == D(2026, 4, 20)  # no Patriots' Day in NY


@pytest.mark.parametrize(("start", "months", "expected"), [
    (D(2026, 8, 31), 6, D(2027, 2, 28)),
    (D(2026, 1, 15), 18, D(2027, 7, 15)),
    (D(2026, 3, 31), -1, D(2026, 2, 28)),
])
def test_months_clamp_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def _opened(case, day: datetime.date) -> Case:
    """Set-up only: the case (and its complaint) as if received and opened on `day`."""
    opened = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Case.objects.filter(pk=case.pk).update(opened_at=opened, received_on=day)
    Complaint.objects.filter(pk=case.complaint_id).update(received_at=opened,
                                                          acknowledge_by=acknowledgement_due(day))
    case = Case.objects.select_related("complaint").get(pk=case.pk)
    case_deadlines_store(case)
    return case


@pytest.mark.django_db
def test_a_new_case_has_its_clocks(case):
    case = _opened(case, D(2026, 11, 25))
    due = {d.kind: d for d in case_deadlines(case, today=D(2026, 11, 25))}
    assert due["acknowledgement"].due_on == D(2026, 12, 7)
    assert due["first_contact"].due_on == D(2026, 11, 30)
    assert due["first_contact"].status == SOON
    assert due["investigation"].due_on == add_business_days(D(2026, 11, 25), 90)
    assert due["overdue_notice"].status == LATER  # the 6-month mark, far off


@pytest.mark.django_db
def test_recorded_milestones_stop_their_clocks(case, intake_officer):
    case_record_milestone(case=case, actor=intake_officer, milestone="acknowledged")
    case_record_milestone(case=case, actor=intake_officer, milestone="first_contact")
    kinds = {d.kind for d in case_deadlines(Case.objects.get(pk=case.pk))}
    assert not kinds & {"acknowledgement", "first_contact"}


@pytest.mark.django_db
@pytest.mark.parametrize(("today", "status"), [
    (D(2026, 6, 1), LATER), (D(2026, 7, 14), SOON), (D(2026, 7, 15), SOON), (D(2026, 7, 16), OVERDUE),
])
def test_the_next_overdue_notice_is_a_clock_like_any_other(case, today, status):
    case = _opened(case, D(2026, 1, 15))
    notice = [d for d in case_deadlines(case, today=today) if d.kind == "overdue_notice"]
    assert notice[0].due_on == D(2026, 7, 15) and notice[0].status == status
    assert "6 months" in notice[0].label


@pytest.mark.django_db
def test_after_a_notice_the_next_mark_is_stored(case):
    case = _opened(case, D(2026, 1, 15))
    Case.objects.filter(pk=case.pk).update(overdue_notices_sent=1)
    case_deadlines_store(Case.objects.get(pk=case.pk))
    stored = CaseDeadline.objects.get(case=case, kind="overdue_notice")
    assert (stored.due_on, stored.months) == (D(2027, 1, 15), 12)


@pytest.mark.django_db
def test_decision_letter_is_due_seven_business_days_after_the_decision(decided):
    decided_on = timezone.localdate(decided.decided_at)
    letter = [d for d in case_deadlines(decided) if d.kind == "decision_letter"]
    assert letter[0].due_on == add_business_days(decided_on, 7)


@pytest.mark.django_db
def test_limitation_date_counts_from_the_incident(case, settings):
    case.incident_on = D(2026, 2, 10)
    assert limitation_date(case) == D(2027, 8, 10)
    settings.REVIEW_BOARD = {**settings.REVIEW_BOARD, "LIMITATION_MONTHS": 12}
    assert limitation_date(case) == D(2027, 2, 10)


@pytest.mark.django_db
def test_morning_reminder_goes_to_assignee_and_supervisor(case, intake_officer, investigator,
                                                          supervisor, django_capture_on_commit_callbacks):
    case_assign(case=case, actor=intake_officer, investigator=investigator, supervisor=supervisor)
    _opened(case, D(2026, 1, 15))
    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=D(2026, 11, 25))
    assert sent == 2
    reminders = OutboxMessage.objects.filter(kind="deadline_reminder")
    assert {m.recipient for m in reminders} == {investigator.email, supervisor.email}
    assert all(m.status == OutboxMessage.Status.SENT for m in reminders)
    body = next(m.body for m in mail.outbox if m.to == [investigator.email])
    assert case.number in body and "OVERDUE" in body and "10 months" not in body
    assert "Open for 6 months" in body


@pytest.mark.django_db
def test_unassigned_cases_remind_every_supervisor(case, supervisor):
    _opened(case, D(2026, 1, 15))
    assert deadline_reminders_send(today=D(2026, 11, 25)) == 1
    assert OutboxMessage.objects.get(kind="deadline_reminder").recipient == supervisor.email


@pytest.mark.django_db
def test_closed_cases_send_no_reminders(case, supervisor):
    Case.objects.filter(pk=case.pk).update(state=CaseState.DISMISSED)
    _opened(case, D(2026, 1, 15))
    assert deadline_reminders_send(today=D(2026, 11, 25)) == 0


@pytest.mark.django_db
def test_the_complainant_hears_at_each_six_month_mark_once(case, supervisor,
                                                          django_capture_on_commit_callbacks):
    _opened(case, D(2026, 1, 15))
    with django_capture_on_commit_callbacks(execute=True):
        deadline_reminders_send(today=D(2026, 7, 20))
        deadline_reminders_send(today=D(2026, 7, 21))  # the next morning: no second notice
    notices = OutboxMessage.objects.filter(kind="overdue_notice")
    assert notices.count() == 1
    notice = notices.get()
    assert notice.recipient == case.complaint.contact_email and notice.language == "es"
    # the stored body is erased once delivered
    sent = next(m.body for m in mail.outbox if m.to == [case.complaint.contact_email])
    assert "6 meses" in sent and case.complaint.tracking_number in sent  # Spanish
    deadline_reminders_send(today=D(2027, 1, 16))
    assert OutboxMessage.objects.filter(kind="overdue_notice").count() == 2
