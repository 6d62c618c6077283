"""The shared lifecycle engine on its own: a meeting's table stands in for any entity."""

import datetime

import pytest
from django.utils import timezone

from policy.lifecycles import MEETING_LIFECYCLE, RESPONSE_LIFECYCLE
from policy.models import Meeting
from policy.vocabulary import MeetingState, ResponseState
from portal.lifecycle import TransitionError
from portal.models import AuditEvent
from portal.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return Meeting.objects.create(title="Public meeting", place="City Hall", agenda="1. Budget",
                                  starts_at=timezone.now() + datetime.timedelta(days=2))


def test_a_move_saves_the_state_its_time_and_an_audit_event(meeting, board_chair):
    moved = MEETING_LIFECYCLE.move(obj=meeting, to=MeetingState.AGENDA_PUBLISHED, actor=board_chair)
    assert Meeting.objects.get().state == moved.state == MeetingState.AGENDA_PUBLISHED
    assert moved.state_changed_at is not None
    event = AuditEvent.objects.get(action="meeting.transition")
    assert (event.actor, event.target_id) == (board_chair, str(meeting.pk))
    assert event.data == {"from": "scheduled", "to": "agenda_published"}


def test_the_move_reads_the_locked_row_not_the_callers_copy(meeting, board_chair):
    Meeting.objects.filter(pk=meeting.pk).update(state=MeetingState.CANCELLED)
    with pytest.raises(TransitionError, match="cannot move"):
        MEETING_LIFECYCLE.move(obj=meeting, to=MeetingState.AGENDA_PUBLISHED, actor=board_chair)


def test_a_refused_move_changes_nothing(meeting, board_member):
    with pytest.raises(TransitionError, match="role"):
        MEETING_LIFECYCLE.move(obj=meeting, to=MeetingState.AGENDA_PUBLISHED, actor=board_member)
    assert Meeting.objects.get().state == MeetingState.SCHEDULED
    assert not AuditEvent.objects.filter(action="meeting.transition").exists()


def test_the_system_makes_only_automatic_moves(meeting):
    with pytest.raises(TransitionError, match="role"):
        MEETING_LIFECYCLE.move(obj=meeting, to=MeetingState.AGENDA_PUBLISHED, actor=None)
    automatic = [key for key, t in RESPONSE_LIFECYCLE.transitions.items() if t.automatic]
    assert automatic == [(ResponseState.AWAITING, ResponseState.NO_RESPONSE)]


def test_available_moves_follow_role_and_state(meeting):
    clerk = UserFactory(username="clerk", roles=[Role.RECORDS_EDITOR])
    assert [to for to, _t in MEETING_LIFECYCLE.available(obj=meeting, actor=clerk)] == [
        MeetingState.AGENDA_PUBLISHED, MeetingState.CANCELLED]
    assert MEETING_LIFECYCLE.available(obj=meeting, actor=None) == []


def test_an_unknown_state_is_refused_in_words(meeting, board_chair):
    with pytest.raises(TransitionError, match="cannot move to “nowhere”"):
        MEETING_LIFECYCLE.move(obj=meeting, to="nowhere", actor=board_chair)
