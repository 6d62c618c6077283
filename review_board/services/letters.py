"""The closing letter to the complainant, in their language, as HTML, PDF and email."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from misconduct_records.vocabulary import FINDING_DEFINITIONS
from portal.roles import Role
from portal.services.audit import audit_record
from portal.services.outbox import outbox_enqueue

from ..models import Case, CaseState
from .common import require_role

# The letter names the complainant: only roles that write to the complainant read or send it.
LETTER_ROLES = (Role.INTAKE, Role.SUPERVISOR)
LETTER_STATES = (CaseState.DECIDED, CaseState.CLOSED)


def letter_check(case: Case) -> None:
    if case.state not in LETTER_STATES or not case.complaint_id:
        raise ValidationError(_("A closing letter exists only for a decided case opened from a complaint."))


def letter_render_html(*, case: Case, style_nonce: str = "") -> str:
    """The letter as a standalone HTML document, in the complainant's language.

    Served as a page, its <style> carries the request's Content-Security-Policy nonce.
    """
    letter_check(case)
    with translation.override(case.complaint.language):
        allegations = [(a, FINDING_DEFINITIONS.get(a.finding, ""))
                       for a in case.allegations.select_related("officer", "category")]
        return render_to_string("review_board/letters/closing_letter.html", {
            "case": case, "complaint": case.complaint, "allegations": allegations,
            "today": timezone.localdate(), "language": case.complaint.language,
            "portal": settings.PORTAL, "style_nonce": style_nonce})


def letter_render_pdf(*, case: Case) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_render_html(case=case), base_url=".").write_pdf()


@transaction.atomic
def letter_send(*, case: Case, actor) -> Case:
    """Email the closing letter to the complainant and stop the decision-letter clock."""
    require_role(actor, *LETTER_ROLES)
    letter_check(case)
    complaint = case.complaint
    if complaint.anonymous or not complaint.contact_email:
        raise ValidationError(_("The complainant left no email address: print the letter instead."))
    body = strip_tags(letter_render_html(case=case))
    with translation.override(complaint.language):
        subject = _("The outcome of your complaint %(number)s") % {"number": complaint.tracking_number}
    outbox_enqueue(kind="closing_letter", recipient=complaint.contact_email, subject=subject,
                   body="\n".join(line.strip() for line in body.splitlines() if line.strip()),
                   language=complaint.language)
    case.letter_sent_at = timezone.now()
    case.save(update_fields=["letter_sent_at"])
    audit_record(actor=actor, action="case.letter_sent", target=case)
    return case
