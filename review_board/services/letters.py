"""The closing letter to the complainant, in their language, as HTML, PDF and email."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.models import Complaint
from misconduct_records.vocabulary import FINDING_DEFINITIONS
from portal.roles import Role
from portal.services.audit import audit_record
from portal.services.outbox import Attachment, outbox_enqueue

from ..deadlines import case_deadlines_store
from ..models import Case, CaseState
from .common import require_role

# The letter names the complainant: only roles that write to the complainant read or send it.
LETTER_ROLES = (Role.INTAKE, Role.SUPERVISOR)
LETTER_STATES = (CaseState.DECIDED, CaseState.CLOSED)


def letter_check(case: Case) -> None:
    if case.state not in LETTER_STATES or not case.complaint_id:
        raise ValidationError(_("A closing letter exists only for a decided case opened from a complaint."))


def _complaint_of(case: Case) -> Complaint:
    """The complaint a letter goes to (letter_check refuses a case without one)."""
    assert case.complaint is not None, "a closing letter needs the case's complaint"
    return case.complaint


def _letter_context(case: Case, style_nonce: str = "") -> dict:
    today = timezone.localdate()
    days = settings.REVIEW_BOARD["RECONSIDERATION_DAYS"]
    complaint = _complaint_of(case)
    return {
        "case": case, "complaint": complaint, "today": today,
        "allegations": [(a, FINDING_DEFINITIONS.get(a.finding, ""))
                        for a in case.allegations.select_related("officer", "category")],
        "reconsider_days": days, "reconsider_by": today + datetime.timedelta(days=days),
        "language": complaint.language, "portal": settings.PORTAL,
        "contact": settings.PORTAL["CONTACT"], "style_nonce": style_nonce,
    }


def _letter_render(case: Case, template: str, style_nonce: str = "") -> str:
    letter_check(case)
    with translation.override(_complaint_of(case).language):
        return render_to_string(f"review_board/letters/{template}", _letter_context(case, style_nonce))


def letter_render_html(*, case: Case, style_nonce: str = "") -> str:
    """The letter as a standalone HTML document, in the complainant's language.

    Served as a page, its <style> carries the request's Content-Security-Policy nonce.
    """
    return _letter_render(case, "closing_letter.html", style_nonce)


def letter_render_text(*, case: Case) -> str:
    """The same letter as plain text (the text part of its e-mail)."""
    return _letter_render(case, "closing_letter.txt")


def letter_render_pdf(*, case: Case) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_render_html(case=case), base_url=".").write_pdf()


@transaction.atomic
def letter_send(*, case: Case, actor) -> Case:
    """Email the closing letter to the complainant and stop the decision-letter clock."""
    require_role(actor, *LETTER_ROLES)
    letter_check(case)
    complaint = _complaint_of(case)
    if complaint.anonymous or not complaint.contact_email:
        raise ValidationError(_("The complainant left no email address: print the letter instead."))
    with translation.override(complaint.language):
        subject = _("The outcome of your complaint %(number)s") % {"number": complaint.tracking_number}
        filename = _("closing-letter-%(number)s.pdf") % {"number": complaint.tracking_number}
    pdf = Attachment(filename=filename, content=letter_render_pdf(case=case),
                     content_type="application/pdf")
    outbox_enqueue(kind="closing_letter", recipient=complaint.contact_email, subject=subject,
                   body=letter_render_text(case=case), html_body=letter_render_html(case=case),
                   attachments=(pdf,), language=complaint.language)
    case.letter_sent_at = timezone.now()
    case.save(update_fields=["letter_sent_at"])
    audit_record(actor=actor, action="case.letter_sent", target=case)
    case_deadlines_store(case)
    return case
