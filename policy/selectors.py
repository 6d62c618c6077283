"""Reads of the policy records. The public sees published recommendations only."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from portal.models import AuditEvent

from .models import (
    DepartmentResponse,
    Meeting,
    MeetingComment,
    PolicyMeasure,
    PolicyStanding,
    Recommendation,
    StepReason,
)
from .vocabulary import CommentState


def recommendations_public():
    return (Recommendation.objects.public().select_related("response")
            .prefetch_related("related_cases"))


def _state_label(model, value: str) -> str:
    return str(dict(model._meta.get_field("state").choices).get(value, value))


def recommendation_history(rec: Recommendation) -> list[dict]:
    """Every dated step of a recommendation and its response, oldest first, from the audit trail."""
    query = Q(target_type="policy.recommendation", target_id=str(rec.pk),
              action__in=["recommendation.draft", "recommendation.transition"])
    response = getattr(rec, "response", None)
    if response is not None:
        query |= Q(target_type="policy.departmentresponse", target_id=str(response.pk),
                   action="response.transition")
    events = list(AuditEvent.objects.filter(query).order_by("id"))
    reasons = dict(StepReason.objects.filter(
        pk__in=[e.data["reason_note"] for e in events if "reason_note" in e.data]
    ).values_list("pk", "text"))
    steps = []
    for event in events:
        if event.action == "recommendation.draft":
            label = _("Drafted by staff")
        else:
            model = Recommendation if event.action.startswith("recommendation") else DepartmentResponse
            label = _state_label(model, event.data["to"])
        steps.append({"at": event.created_at, "label": label,
                      "reason": reasons.get(event.data.get("reason_note"), "")})
    return steps


def tracker(agencies) -> list[tuple]:
    """(agency, [(measure, standing or None), …]) for each agency, measures in order."""
    measures = list(PolicyMeasure.objects.all())
    standings = {(s.agency_id, s.measure_id): s for s in PolicyStanding.objects.filter(
        agency__in=agencies).prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.public()))}
    return [(agency, [(m, standings.get((agency.pk, m.pk))) for m in measures])
            for agency in agencies]


def meetings_public():
    return Meeting.objects.all()


def approved_comments(meeting: Meeting):
    return meeting.comments.filter(state=CommentState.APPROVED)


def comments_pending():
    return MeetingComment.objects.filter(state=CommentState.PENDING).select_related("meeting")
