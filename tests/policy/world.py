"""One of each policy record, for tests that walk every page (the generated URL matrix)."""

import datetime

from django.utils import timezone

from policy import services
from policy.models import MeetingComment, PolicyMeasure
from portal.roles import Role
from tests.factories import UserFactory


def policy_records(agency) -> dict:
    """A published recommendation, a meeting with a pending comment, a tracked measure."""
    clerk = UserFactory(username="policy-clerk", roles=[Role.RECORDS_EDITOR, Role.BOARD_CHAIR])
    rec = services.recommendation_draft(actor=clerk, title="Duty to intervene", area="training",
                                        problem="Officers stood by.", recommendation="Train them.")
    rec = services.recommendation_adopt(recommendation=rec, actor=clerk, votes_for=3,
                                        votes_against=0)
    rec = services.recommendation_transition(recommendation=rec, to="published", actor=clerk)
    meeting = services.meeting_schedule(actor=clerk, title="Public meeting", place="City Hall",
                                        starts_at=timezone.now() + datetime.timedelta(days=3))
    comment = MeetingComment.objects.create(meeting=meeting, body="Please act.",
                                            submitted_at=timezone.now())
    return {"recommendation": rec.number, "meeting_id": meeting.pk, "comment_id": comment.pk,
            "agency_slug": agency.slug, "measure_code": PolicyMeasure.objects.first().code}
