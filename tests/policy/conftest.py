"""Policy personas: Eli (records editor) drafts and records the department's answers, Carmen
chairs the board and records its votes, Jo reads everything without an account."""

import datetime

import pytest
from django.utils import timezone

from policy import services
from policy.models import Recommendation
from policy.vocabulary import PolicyArea, RecommendationState


def draft_recommendation(actor, **overrides) -> Recommendation:
    values = {"title": "Ban knee holds on the neck and back", "area": PolicyArea.USE_OF_FORCE,
              "problem": "Three sustained cases involved a knee on the neck.",
              "evidence": "Sustained findings in 2025 and 2026.",
              "recommendation": "Prohibit knee holds on the neck, back or chest."}
    return services.recommendation_draft(actor=actor, **{**values, **overrides})


def publish(rec, *, chair, editor) -> Recommendation:
    rec = services.recommendation_adopt(recommendation=rec, actor=chair, votes_for=5,
                                        votes_against=1, votes_abstaining=1)
    return services.recommendation_transition(recommendation=rec, to=RecommendationState.PUBLISHED,
                                              actor=editor)


@pytest.fixture
def draft(records_editor):
    return draft_recommendation(records_editor)


@pytest.fixture
def published(draft, board_chair, records_editor):
    return publish(draft, chair=board_chair, editor=records_editor)


@pytest.fixture
def upcoming_meeting(board_chair):
    return services.meeting_schedule(
        actor=board_chair, title="Monthly public meeting", place="City Hall, Room 801",
        starts_at=timezone.now() + datetime.timedelta(days=7), agenda="1. Knee holds\n2. Budget")
