"""A recommendation from draft to the department's answer, through the shared engine."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from policy import services
from policy.lifecycles import RECOMMENDATION_TRANSITIONS, RESPONSE_TRANSITIONS
from policy.models import DepartmentResponse, Recommendation
from policy.selectors import recommendation_history
from policy.tasks import check_response_deadlines
from policy.vocabulary import RecommendationState, ResponseState
from portal.lifecycle import TransitionError
from portal.models import AuditEvent, OutboxMessage
from portal.roles import Role
from tests.factories import UserFactory

from .conftest import draft_recommendation

pytestmark = pytest.mark.django_db

R, D = RecommendationState, ResponseState


def _put_in_state(obj, state):
    type(obj).objects.filter(pk=obj.pk).update(state=state)  # set-up only


def test_a_draft_gets_a_yearly_number(records_editor):
    first, second = draft_recommendation(records_editor), draft_recommendation(records_editor)
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"PR-{year}-001", f"PR-{year}-002")
    assert first.state == R.DRAFT


def test_a_number_taken_meanwhile_is_skipped(records_editor, monkeypatch):
    """Two drafts saved at the same moment: the second takes the next number."""
    first = draft_recommendation(records_editor)
    numbers = iter([first.number])
    original = services._next_number
    monkeypatch.setattr(services, "_next_number",
                        lambda year: next(numbers, None) or original(year))
    second = draft_recommendation(records_editor)
    assert second.number.endswith("-002")


@pytest.mark.parametrize(("frm", "to"), list(RECOMMENDATION_TRANSITIONS))
def test_every_recommendation_move_succeeds_for_an_allowed_role(draft, frm, to):
    Recommendation.objects.filter(pk=draft.pk).update(state=frm, votes_for=4, votes_against=1)
    actor = UserFactory(username="actor", roles=list(RECOMMENDATION_TRANSITIONS[(frm, to)].roles))
    moved = services.recommendation_transition(recommendation=draft, to=to, actor=actor,
                                               reason="Superseded.")
    assert moved.state == to
    event = AuditEvent.objects.filter(action="recommendation.transition").last()
    assert (event.actor, event.data["from"], event.data["to"]) == (actor, frm, to)


@pytest.mark.parametrize(("frm", "to"), [
    (R.DRAFT, R.PUBLISHED), (R.PUBLISHED, R.DRAFT), (R.WITHDRAWN, R.ADOPTED),
    (R.ADOPTED, R.DRAFT), (R.PUBLISHED, R.WITHDRAWN)])
def test_forbidden_recommendation_move_is_refused(draft, frm, to):
    _put_in_state(draft, frm)
    everyone = UserFactory(username="admin", roles=list(Role))
    with pytest.raises(TransitionError, match="cannot move"):
        services.recommendation_transition(recommendation=draft, to=to, actor=everyone, reason="x")


@pytest.mark.parametrize(("frm", "to", "persona"), [
    (R.DRAFT, R.ADOPTED, "records_editor"),
    (R.DRAFT, R.ADOPTED, "board_member"),
    (R.ADOPTED, R.PUBLISHED, "investigator"),
    (R.DRAFT, R.WITHDRAWN, "intake_officer"),
])
def test_wrong_role_cannot_move_a_recommendation(draft, request, frm, to, persona):
    Recommendation.objects.filter(pk=draft.pk).update(state=frm, votes_for=4, votes_against=1)
    with pytest.raises(TransitionError, match="role"):
        services.recommendation_transition(recommendation=draft, to=to,
                                           actor=request.getfixturevalue(persona), reason="x")


def test_adoption_needs_a_vote_that_carried(draft, board_chair):
    with pytest.raises(TransitionError, match="did not carry"):
        services.recommendation_adopt(recommendation=draft, actor=board_chair, votes_for=2,
                                      votes_against=2)
    draft.refresh_from_db()
    assert (draft.state, draft.votes_for) == (R.DRAFT, None)  # the refused vote left no trace


def test_withdrawing_a_draft_needs_a_reason(draft, records_editor):
    with pytest.raises(TransitionError, match="reason"):
        services.recommendation_transition(recommendation=draft, to=R.WITHDRAWN,
                                           actor=records_editor, reason=" ")


def test_adopted_text_can_no_longer_be_edited(draft, board_chair, records_editor):
    services.recommendation_adopt(recommendation=draft, actor=board_chair, votes_for=3,
                                  votes_against=0)
    with pytest.raises(TransitionError, match="draft"):
        services.recommendation_update(recommendation=draft, actor=records_editor, title="New")


@override_settings(POLICY={**settings.POLICY, "RESPONSE_DAYS": 60})
def test_publishing_starts_the_department_clock(published):
    response = published.response
    assert published.published_on == timezone.localdate()
    assert response.state == D.AWAITING
    assert response.due_on == timezone.localdate() + datetime.timedelta(days=60)


@pytest.mark.parametrize(("frm", "to"), [k for k, t in RESPONSE_TRANSITIONS.items()
                                         if not t.automatic])
def test_every_answer_is_recorded_with_its_date(published, records_editor, frm, to):
    _put_in_state(published.response, frm)
    response = services.response_record(
        response=published.response, actor=records_editor, to=to,
        responded_on=datetime.date(2026, 3, 2), summary="The department wrote back.",
        reason="It conflicts with the union contract.")
    assert (response.state, response.responded_on) == (to, datetime.date(2026, 3, 2))


def test_a_rejection_needs_the_stated_reason(published, records_editor):
    with pytest.raises(TransitionError, match="reason"):
        services.response_record(response=published.response, actor=records_editor,
                                 to=D.REJECTED, responded_on=timezone.localdate())


def test_nobody_marks_no_response_by_hand(published):
    DepartmentResponse.objects.filter(pk=published.response.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    everyone = UserFactory(username="admin", roles=list(Role))
    with pytest.raises(TransitionError, match="role"):
        services.response_record(response=published.response, actor=everyone,
                                 to=D.NO_RESPONSE, responded_on=timezone.localdate())


@override_settings(POLICY={**settings.POLICY, "REMINDER_DAYS_BEFORE": 14,
                           "REMINDER_RECIPIENTS": ["liaison@police.example.org"]})
def test_deadline_reminds_then_marks_no_response(published, django_capture_on_commit_callbacks):
    """Run by the beat task (eagerly here): a reminder 14 days ahead, then the public mark."""
    response = published.response
    with django_capture_on_commit_callbacks(execute=True):
        check_response_deadlines.delay()  # 60 days ahead: nothing to do
        assert OutboxMessage.objects.count() == 0
        DepartmentResponse.objects.filter(pk=response.pk).update(
            due_on=timezone.localdate() + datetime.timedelta(days=10))
        check_response_deadlines.delay()
        check_response_deadlines.delay()  # once only
    assert [m.to for m in mail.outbox] == [["liaison@police.example.org"]]
    assert published.number in mail.outbox[0].subject
    DepartmentResponse.objects.filter(pk=response.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    check_response_deadlines.delay()
    response.refresh_from_db()
    assert response.state == D.NO_RESPONSE
    event = AuditEvent.objects.filter(action="response.transition").last()
    assert event.actor is None and event.data["to"] == D.NO_RESPONSE


def test_without_configured_recipients_the_records_editors_are_reminded(published, records_editor):
    DepartmentResponse.objects.filter(pk=published.response.pk).update(
        due_on=timezone.localdate() + datetime.timedelta(days=3))
    assert services.responses_check_deadlines()["reminded"] == 1
    assert [m.recipient for m in OutboxMessage.objects.all()] == [records_editor.email]


def test_a_response_on_the_due_day_is_not_late(published):
    DepartmentResponse.objects.filter(pk=published.response.pk).update(due_on=timezone.localdate())
    assert services.responses_check_deadlines()["marked"] == 0
    published.response.refresh_from_db()
    assert published.response.state == D.AWAITING


def test_a_late_answer_replaces_no_response(published, records_editor):
    _put_in_state(published.response, D.NO_RESPONSE)
    response = services.response_record(response=published.response, actor=records_editor,
                                        to=D.ACCEPTED, responded_on=timezone.localdate())
    assert response.state == D.ACCEPTED


def test_implementation_is_tracked_over_time_with_evidence(published, draft, records_editor):
    for on, status in [(datetime.date(2026, 4, 1), "in_progress"),
                       (datetime.date(2026, 9, 1), "implemented")]:
        services.implementation_record(recommendation=published, actor=records_editor,
                                       status=status, on=on, evidence="Directive 26-04 issued.")
    assert [u.status for u in published.implementation_updates.all()] == ["in_progress",
                                                                          "implemented"]
    other = draft_recommendation(records_editor)
    with pytest.raises(TransitionError, match="published"):
        services.implementation_record(recommendation=other, actor=records_editor,
                                       status="in_progress", on=timezone.localdate(), evidence="x")


def test_a_reason_is_kept_beside_the_audit_trail_not_in_it(draft, records_editor):
    services.recommendation_transition(recommendation=draft, to=R.WITHDRAWN, actor=records_editor,
                                       reason="Merged into PR-2026-004.")
    event = AuditEvent.objects.filter(action="recommendation.transition").last()
    assert "Merged into" not in str(event.data)
    assert recommendation_history(draft)[-1]["reason"] == "Merged into PR-2026-004."
