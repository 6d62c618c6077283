"""Demo policy records for a Boston installation, on top of the board's demo data.

Idempotent: nothing is added once a recommendation exists. Uses the demo staff `chair` and
`editor` (created by `seed_demo`).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from misconduct_records.models import Agency

from . import services
from .models import PolicyMeasure, Recommendation
from .vocabulary import Adoption, MeetingState, PolicyArea, ResponseState

RECOMMENDATIONS = [
    ("Ban knee holds on the neck, back and chest", PolicyArea.USE_OF_FORCE,
     "Sustained force cases in the last two years involved an officer's knee on a person's "
     "neck or back after the person was handcuffed.",
     "Prohibit knee holds on the neck, back or chest, and list them with chokeholds as "
     "prohibited restraints in Rule 304.", ResponseState.PARTIALLY_ACCEPTED),
    ("Send clinicians to mental-health calls", PolicyArea.MENTAL_HEALTH,
     "Most force used on people in a mental-health crisis happened on calls with no clinician.",
     "Dispatch a mental-health clinician with officers on every call coded as a crisis.",
     ResponseState.AWAITING),
]
STANDINGS = [("chokeholds", Adoption.ADOPTED, None), ("de-escalation", Adoption.ADOPTED, None),
             ("duty-to-intervene", Adoption.PARTLY, None), ("force-continuum", Adoption.PARTLY, 4),
             ("knee-holds", Adoption.NOT_ADOPTED, None)]


@transaction.atomic
def seed_policy_demo() -> int:
    """Add demo recommendations, tracker rows and a meeting; returns how many recommendations."""
    if Recommendation.objects.exists():
        return 0
    users = get_user_model().objects
    chair, editor = users.get(username="chair"), users.get(username="editor")
    published = []
    for title, area, problem, text, answer in RECOMMENDATIONS:
        rec = services.recommendation_draft(actor=editor, title=title, area=area, problem=problem,
                                            recommendation=text)
        services.recommendation_adopt(recommendation=rec, actor=chair, votes_for=6,
                                      votes_against=1, votes_abstaining=0)
        rec = services.recommendation_transition(recommendation=rec, to="published", actor=editor)
        if answer != ResponseState.AWAITING:
            services.response_record(
                response=rec.response, actor=editor, to=answer, responded_on=timezone.localdate(),
                summary="Knee holds on the neck are banned; holds on the back remain allowed.")
        published.append(rec)
    agency = Agency.objects.get(slug="boston-pd")
    for code, adoption, levels in STANDINGS:
        services.standing_update(agency=agency, measure=PolicyMeasure.objects.get(code=code),
                                 actor=editor, adoption=adoption, continuum_levels=levels,
                                 as_of=datetime.date(2026, 1, 15), note="First review.",
                                 recommendations=published[:1] if code == "knee-holds" else ())
    meeting = services.meeting_schedule(
        actor=chair, title="Monthly public meeting", place="Boston City Hall, Room 801",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        agenda="1. Mental-health response\n2. Body-worn camera policy\n3. Public comment")
    services.meeting_transition(meeting=meeting, to=MeetingState.AGENDA_PUBLISHED, actor=chair)
    return len(published)
