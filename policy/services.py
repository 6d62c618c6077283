"""Writes to the policy records. Every state change goes through a lifecycle (lifecycles.py);
every other edit checks the role table (permissions.py) and writes an audit event with the old
and new values."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from misconduct_records.models import Agency
from portal.lifecycle import TransitionError
from portal.roles import Role
from portal.services.audit import audit_record
from portal.services.outbox import outbox_enqueue

from .lifecycles import MEETING_LIFECYCLE, RECOMMENDATION_LIFECYCLE, RESPONSE_LIFECYCLE
from .models import (
    DepartmentResponse,
    ImplementationUpdate,
    Meeting,
    MeetingComment,
    MeetingDocument,
    MeetingVote,
    PolicyMeasure,
    PolicyStanding,
    PolicyStandingRevision,
    Recommendation,
)
from .permissions import policy_check
from .vocabulary import CommentState, MeetingState, RecommendationState, ResponseState, VoteOutcome

NOT_A_DRAFT = _("Only a draft can be edited.")
NOT_PUBLISHED = _("Only a published recommendation has an implementation record.")
COMMENTS_CLOSED = _("Written comments for this meeting are closed.")


def _edit(obj, *, actor, action: str, changes: dict) -> None:
    """Save the changed fields of `obj` and audit old and new values."""
    diff = {name: {"old": getattr(obj, name), "new": value}
            for name, value in changes.items() if getattr(obj, name) != value}
    for name, values in diff.items():
        setattr(obj, name, values["new"])
    if diff:
        obj.save(update_fields=list(diff))
        audit_record(actor=actor, action=action, target=obj, data=diff)


# --- Recommendations ------------------------------------------------------------------------

NUMBER_ATTEMPTS = 5


def _next_number(year: int) -> str:
    prefix = f"PR-{year}-"
    last = (Recommendation.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:03d}"


def _create_numbered(**fields) -> Recommendation:
    """Create with the year's next number; two drafts saved at once retry on the unique number."""
    attempts = 0
    while True:
        try:
            with transaction.atomic():
                return Recommendation.objects.create(
                    number=_next_number(timezone.localdate().year), **fields)
        except IntegrityError:
            attempts += 1
            if attempts == NUMBER_ATTEMPTS:
                raise


@transaction.atomic
def recommendation_draft(*, actor, title: str, area: str, problem: str, recommendation: str,
                         evidence: str = "", related_cases=()) -> Recommendation:
    """Staff start a recommendation as a draft. Raises PermissionDenied for other roles."""
    policy_check(actor, "recommendation.draft")
    rec = _create_numbered(title=title, area=area, problem=problem, recommendation=recommendation,
                           evidence=evidence, state_changed_at=timezone.now())
    rec.related_cases.set(related_cases)
    audit_record(actor=actor, action="recommendation.draft", target=rec, data={"title": title})
    return rec


@transaction.atomic
def recommendation_update(*, recommendation: Recommendation, actor, related_cases=None,
                          **changes) -> Recommendation:
    """Edit a draft's text. Raises PermissionDenied, or TransitionError once it is adopted."""
    policy_check(actor, "recommendation.edit")
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if rec.state != RecommendationState.DRAFT:
        raise TransitionError(NOT_A_DRAFT)
    _edit(rec, actor=actor, action="recommendation.edit", changes=changes)
    if related_cases is not None:
        rec.related_cases.set(related_cases)
    return rec


@transaction.atomic
def recommendation_adopt(*, recommendation: Recommendation, actor, votes_for: int,
                         votes_against: int, votes_abstaining: int = 0) -> Recommendation:
    """Record the board's vote and, if it carried, the adoption. Raises TransitionError."""
    Recommendation.objects.filter(pk=recommendation.pk, state=RecommendationState.DRAFT).update(
        votes_for=votes_for, votes_against=votes_against, votes_abstaining=votes_abstaining)
    return RECOMMENDATION_LIFECYCLE.move(
        obj=recommendation, to=RecommendationState.ADOPTED, actor=actor,
        data={"votes": [votes_for, votes_against, votes_abstaining]})


def recommendation_transition(*, recommendation: Recommendation, to: str, actor,
                              reason: str = "") -> Recommendation:
    """Publish or withdraw a recommendation. Raises TransitionError."""
    return RECOMMENDATION_LIFECYCLE.move(obj=recommendation, to=to, actor=actor, reason=reason)


# --- The department's response --------------------------------------------------------------

@transaction.atomic
def response_record(*, response: DepartmentResponse, actor, to: str, responded_on: datetime.date,
                    summary: str = "", reason: str = "", document_url: str = "") -> DepartmentResponse:
    """Record what the department answered and when. Raises TransitionError."""
    response = RESPONSE_LIFECYCLE.move(obj=response, to=to, actor=actor, reason=reason)
    response.responded_on, response.summary = responded_on, summary
    response.reason, response.document_url = reason, document_url
    response.save(update_fields=["responded_on", "summary", "reason", "document_url"])
    return response


def _reminder_recipients() -> list[str]:
    """The configured addresses, or else the records editors who record the responses."""
    configured = settings.POLICY["REMINDER_RECIPIENTS"]
    if configured:
        return list(configured)
    editors = get_user_model().objects.filter(groups__name=Role.RECORDS_EDITOR, is_active=True)
    return sorted({email for email in editors.values_list("email", flat=True) if email})


def _notify_due_soon(response: DepartmentResponse, today: datetime.date) -> None:
    for recipient in _reminder_recipients():
        outbox_enqueue(
            kind="policy_response_reminder", recipient=recipient,
            subject=_("Response due on %(date)s: %(number)s") % {
                "date": response.due_on.isoformat(), "number": response.recommendation.number},
            body=render_to_string("policy/email/response_reminder.txt", {"response": response}))
    response.reminder_sent_on = today
    response.save(update_fields=["reminder_sent_on"])
    audit_record(actor=None, action="response.reminder", target=response,
                 data={"due_on": response.due_on})


@transaction.atomic
def responses_check_deadlines(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind before the deadline; after it, mark the response publicly as "no response"."""
    today = today or timezone.localdate()
    awaiting = DepartmentResponse.objects.filter(state=ResponseState.AWAITING).select_related(
        "recommendation")
    soon = today + datetime.timedelta(days=settings.POLICY["REMINDER_DAYS_BEFORE"])
    reminded = 0
    for response in awaiting.filter(reminder_sent_on__isnull=True, due_on__gte=today,
                                    due_on__lte=soon):
        _notify_due_soon(response, today)
        reminded += 1
    overdue = list(awaiting.filter(due_on__lt=today))
    for response in overdue:
        RESPONSE_LIFECYCLE.move(obj=response, to=ResponseState.NO_RESPONSE, actor=None)
    return {"reminded": reminded, "marked": len(overdue)}


@transaction.atomic
def implementation_record(*, recommendation: Recommendation, actor, status: str,
                          on: datetime.date, evidence: str, evidence_url: str = "") -> ImplementationUpdate:
    """Add one dated step of implementation with its evidence."""
    policy_check(actor, "implementation.record")
    if recommendation.state != RecommendationState.PUBLISHED:
        raise TransitionError(NOT_PUBLISHED)
    update = ImplementationUpdate.objects.create(
        recommendation=recommendation, status=status, on=on, evidence=evidence,
        evidence_url=evidence_url)
    audit_record(actor=actor, action="implementation.record", target=recommendation,
                 data={"status": status, "on": on})
    return update


# --- The use-of-force policy tracker --------------------------------------------------------

STANDING_FIELDS = ("adoption", "policy_text", "policy_url", "as_of", "continuum_levels")


@transaction.atomic
def standing_update(*, agency: Agency, measure: PolicyMeasure, actor, recommendations=(),
                    note: str = "", **values) -> PolicyStanding:
    """Set where an agency's policy stands on a measure; the previous version stays in history."""
    policy_check(actor, "tracker.edit")
    standing, _created = PolicyStanding.objects.select_for_update().get_or_create(
        agency=agency, measure=measure)
    changes = {name: values[name] for name in STANDING_FIELDS if name in values}
    if not measure.counts_levels:
        changes["continuum_levels"] = None
    _edit(standing, actor=actor, action="tracker.edit", changes=changes)
    standing.recommendations.set(recommendations)
    standing.updated_at = timezone.now()
    standing.save(update_fields=["updated_at"])
    PolicyStandingRevision.objects.create(
        standing=standing, changed_at=standing.updated_at, note=note,
        recommendation_numbers=sorted(r.number for r in standing.recommendations.all()),
        **{name: getattr(standing, name) for name in STANDING_FIELDS})
    return standing


# --- Meetings -------------------------------------------------------------------------------

@transaction.atomic
def meeting_schedule(*, actor, title: str, starts_at, place: str, ends_at=None,
                     agenda: str = "") -> Meeting:
    policy_check(actor, "meeting.edit")
    meeting = Meeting.objects.create(title=title, starts_at=starts_at, ends_at=ends_at,
                                     place=place, agenda=agenda, state_changed_at=timezone.now())
    audit_record(actor=actor, action="meeting.schedule", target=meeting,
                 data={"starts_at": starts_at, "place": place})
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, **changes) -> Meeting:
    """Change a meeting's details, agenda or minutes (audited with old and new values)."""
    policy_check(actor, "meeting.edit")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _edit(meeting, actor=actor, action="meeting.edit", changes=changes)
    return meeting


def meeting_transition(*, meeting: Meeting, to: str, actor, reason: str = "") -> Meeting:
    return MEETING_LIFECYCLE.move(obj=meeting, to=to, actor=actor, reason=reason)


@transaction.atomic
def meeting_vote_record(*, meeting: Meeting, actor, motion: str, votes_for: int,
                        votes_against: int, votes_abstaining: int = 0,
                        recommendation: Recommendation | None = None) -> MeetingVote:
    """Record a public vote's aggregate outcome (carried when more are for than against)."""
    policy_check(actor, "meeting.edit")
    outcome = VoteOutcome.PASSED if votes_for > votes_against else VoteOutcome.FAILED
    vote = MeetingVote.objects.create(
        meeting=meeting, motion=motion, votes_for=votes_for, votes_against=votes_against,
        votes_abstaining=votes_abstaining, outcome=outcome, recommendation=recommendation)
    audit_record(actor=actor, action="meeting.vote", target=meeting,
                 data={"motion": motion, "votes": [votes_for, votes_against, votes_abstaining]})
    return vote


@transaction.atomic
def meeting_document_add(*, meeting: Meeting, actor, title: str, url: str) -> MeetingDocument:
    policy_check(actor, "meeting.edit")
    document = MeetingDocument.objects.create(meeting=meeting, title=title, url=url)
    audit_record(actor=actor, action="meeting.document", target=meeting, data={"title": title})
    return document


def meeting_accepts_comments(meeting: Meeting) -> bool:
    """Comments are open from the agenda's publication until the meeting starts."""
    return meeting.state == MeetingState.AGENDA_PUBLISHED and timezone.now() < meeting.starts_at


def comment_submit(*, meeting: Meeting, body: str) -> MeetingComment:
    """A resident's written comment, held for moderation. Raises TransitionError when closed."""
    if not meeting_accepts_comments(meeting):
        raise TransitionError(COMMENTS_CLOSED)
    return MeetingComment.objects.create(meeting=meeting, body=body, submitted_at=timezone.now())


@transaction.atomic
def comment_moderate(*, comment: MeetingComment, actor, approve: bool) -> MeetingComment:
    """Publish or hold back a pending comment."""
    policy_check(actor, "comment.moderate")
    comment = MeetingComment.objects.select_for_update().get(pk=comment.pk)
    comment.state = CommentState.APPROVED if approve else CommentState.REJECTED
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["state", "moderated_at"])
    audit_record(actor=actor, action="comment.moderate", target=comment,
                 data={"state": comment.state})
    return comment
