"""The lifecycles of a recommendation, a department response and a meeting: one table each,
run by the shared engine (`portal.lifecycle`): row lock, role and state checks, audit event."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.lifecycle import Lifecycle, Transition
from portal.roles import Role

from .models import DepartmentResponse, Meeting, Recommendation, StepReason
from .permissions import EDITING, MEETING_STAFF, POLICY_STAFF
from .vocabulary import MeetingState, RecommendationState, ResponseState

T, L = Transition, gettext_lazy
R, D, M = RecommendationState, ResponseState, MeetingState


def response_days() -> int:
    return settings.POLICY["RESPONSE_DAYS"]


def keep_reason(obj, *, previous: str, to: str, actor, reason: str) -> int:
    """A step's reason is kept as a row of its own; the audit event names it."""
    return StepReason.objects.create(target_type=obj._meta.label_lower, target_id=str(obj.pk),
                                     text=reason, created_at=timezone.now()).pk


# --- Recommendations ------------------------------------------------------------------------

def _vote_carried(rec: Recommendation) -> str | None:
    if rec.votes_for is None or rec.votes_against is None:
        return _("Record the board's vote first.")
    if rec.votes_for <= rec.votes_against:
        return _("The vote did not carry: more members must vote in favour than against.")
    return None


def _adopt(rec: Recommendation) -> None:
    rec.adopted_on = timezone.localdate()
    rec.save(update_fields=["adopted_on"])


def _publish(rec: Recommendation) -> None:
    today = timezone.localdate()
    rec.published_on = today
    rec.save(update_fields=["published_on"])
    DepartmentResponse.objects.create(
        recommendation=rec, due_on=today + datetime.timedelta(days=response_days()))


_PUBLISH = frozenset({Role.RECORDS_EDITOR, Role.BOARD_CHAIR, Role.ADMINISTRATOR})

RECOMMENDATION_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (R.DRAFT, R.ADOPTED): T(frozenset({Role.BOARD_CHAIR}), L("Record the board's adoption"),
                            _vote_carried, _adopt),
    (R.DRAFT, R.WITHDRAWN): T(POLICY_STAFF | {Role.BOARD_CHAIR}, L("Withdraw the draft"),
                              needs_reason=True),
    (R.ADOPTED, R.PUBLISHED): T(_PUBLISH, L("Publish"), effect=_publish),
}

RECOMMENDATION_LIFECYCLE = Lifecycle(
    model=Recommendation, states=RecommendationState, transitions=RECOMMENDATION_TRANSITIONS,
    audit_action="recommendation.transition",
    refused=L("A recommendation in “%(state)s” cannot move to “%(to)s”."), keep_reason=keep_reason,
)


# --- The department's response --------------------------------------------------------------

def _past_due(response: DepartmentResponse) -> str | None:
    if timezone.localdate() <= response.due_on:
        return _("The response is not overdue yet.")
    return None


_RESPONSE = EDITING["response.record"]
ANSWERS = (D.UNDER_REVIEW, D.ACCEPTED, D.PARTIALLY_ACCEPTED, D.REJECTED)
_ANSWER_LABELS = {D.UNDER_REVIEW: L("Under review"), D.ACCEPTED: L("Accepted"),
                  D.PARTIALLY_ACCEPTED: L("Partially accepted"), D.REJECTED: L("Rejected")}


def _answers_from(frm: str) -> dict[tuple[str, str], Transition]:
    return {(frm, to): T(_RESPONSE, _ANSWER_LABELS[to], needs_reason=(to == D.REJECTED))
            for to in ANSWERS if to != frm}


RESPONSE_TRANSITIONS: dict[tuple[str, str], Transition] = {
    **_answers_from(D.AWAITING),
    **_answers_from(D.UNDER_REVIEW),
    **_answers_from(D.NO_RESPONSE),  # a late answer is still recorded, with its date
    (D.AWAITING, D.NO_RESPONSE): T(frozenset(), L("Mark no response"), _past_due, automatic=True),
}

RESPONSE_LIFECYCLE = Lifecycle(
    model=DepartmentResponse, states=ResponseState, transitions=RESPONSE_TRANSITIONS,
    audit_action="response.transition",
    refused=L("A response in “%(state)s” cannot move to “%(to)s”."), keep_reason=keep_reason,
)


# --- Meetings -------------------------------------------------------------------------------

def _has_agenda(meeting: Meeting) -> str | None:
    if not meeting.agenda.strip():
        return _("Write the agenda before publishing it.")
    return None


def _has_started(meeting: Meeting) -> str | None:
    if meeting.starts_at > timezone.now():
        return _("The meeting has not started yet.")
    return None


def _has_minutes(meeting: Meeting) -> str | None:
    if not meeting.minutes.strip():
        return _("Write the minutes before publishing them.")
    return None


MEETING_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (M.SCHEDULED, M.AGENDA_PUBLISHED): T(MEETING_STAFF, L("Publish the agenda"), _has_agenda),
    (M.AGENDA_PUBLISHED, M.HELD): T(MEETING_STAFF, L("Record that the meeting was held"),
                                    _has_started),
    (M.HELD, M.MINUTES_PUBLISHED): T(MEETING_STAFF, L("Publish the minutes"), _has_minutes),
    (M.SCHEDULED, M.CANCELLED): T(MEETING_STAFF, L("Cancel the meeting"), needs_reason=True),
    (M.AGENDA_PUBLISHED, M.CANCELLED): T(MEETING_STAFF, L("Cancel the meeting"), needs_reason=True),
}

MEETING_LIFECYCLE = Lifecycle(
    model=Meeting, states=MeetingState, transitions=MEETING_TRANSITIONS,
    audit_action="meeting.transition",
    refused=L("A meeting in “%(state)s” cannot move to “%(to)s”."), keep_reason=keep_reason,
)
