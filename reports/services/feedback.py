"""Readers' comments on a report, published only after moderation, with staff's answers."""

from django.db import transaction
from django.utils import timezone

from portal.services.audit import audit_record

from ..models import Feedback, FeedbackStatus, Report

ERROR_EMPTY = "Write a comment first."


def feedback_submit(*, report: Report, body: str) -> Feedback:
    """Save a comment for moderation; nothing is shown until staff publish it."""
    body = body.strip()
    if not body:
        raise ValueError(ERROR_EMPTY)
    return Feedback.objects.create(report=report, body=body[:2000])


@transaction.atomic
def feedback_moderate(*, feedback_id: int, status: FeedbackStatus, answer: str, actor) -> Feedback:
    """Publish or decline a comment, with the body's answer (shown under a published one)."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback_id)
    old = {"status": feedback.status, "answer": feedback.answer}
    feedback.status = status
    feedback.answer = answer.strip()
    feedback.moderated_at = timezone.now()
    feedback.moderated_by = actor
    feedback.save(update_fields=["status", "answer", "moderated_at", "moderated_by"])
    audit_record(actor=actor, action="report.feedback_moderate", target=feedback,
                 data={"old": old, "new": {"status": status, "answer": feedback.answer}})
    return feedback
