"""Every editing action against every role, from the table in policy/permissions.py.

Services refuse roles the table does not name; lifecycle moves are covered by their own tables
(test_recommendation_lifecycle.py) and the pages by the generated URL matrix.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from policy import services
from policy.models import MeetingComment, PolicyMeasure
from policy.permissions import EDITING
from portal.roles import Role
from tests.factories import UserFactory

from .conftest import draft_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(published, upcoming_meeting, agency, records_editor):
    comment = MeetingComment.objects.create(meeting=upcoming_meeting, body="A comment.",
                                            submitted_at=timezone.now())
    return {"published": published, "draft": draft_recommendation(records_editor),
            "meeting": upcoming_meeting, "comment": comment, "agency": agency}


ACTIONS = {
    "recommendation.draft": lambda w, a: draft_recommendation(a),
    "recommendation.edit": lambda w, a: services.recommendation_update(
        recommendation=w["draft"], actor=a, title="Ban knee holds"),
    "response.record": None,  # a lifecycle move: its roles come from this table, tested below
    "implementation.record": lambda w, a: services.implementation_record(
        recommendation=w["published"], actor=a, status="in_progress",
        on=datetime.date(2026, 1, 5), evidence="Training started."),
    "tracker.edit": lambda w, a: services.standing_update(
        agency=w["agency"], measure=PolicyMeasure.objects.first(), actor=a, adoption="adopted"),
    "meeting.edit": lambda w, a: services.meeting_update(meeting=w["meeting"], actor=a,
                                                         place="Library"),
    "comment.moderate": lambda w, a: services.comment_moderate(comment=w["comment"], actor=a,
                                                               approve=True),
}


def test_every_action_of_the_table_is_tested():
    assert set(ACTIONS) == set(EDITING)


def _response_action(world, actor):
    from portal.lifecycle import TransitionError

    try:
        services.response_record(response=world["published"].response, actor=actor,
                                 to="accepted", responded_on=timezone.localdate())
    except TransitionError as error:
        raise PermissionDenied(str(error)) from error


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(EDITING))
def test_role_may_edit_only_what_the_table_allows(world, action, role):
    actor = UserFactory(username=f"perm-{role}", roles=[role])
    run = ACTIONS[action] or _response_action
    if role in EDITING[action]:
        run(world, actor)
    else:
        with pytest.raises(PermissionDenied):
            run(world, actor)
