from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import shows_identity, staff_required
from portal.services.audit import audit_record

from ..selectors import case_get_for_user
from ..services import letter_send
from ..services.letters import LETTER_ROLES, letter_render_html, letter_render_pdf
from .common import run_action


def _letter_case(request, number):
    case = case_get_for_user(user=request.user, number=number)
    if not case.complaint_id:
        raise Http404
    return case


@shows_identity
@staff_required(*LETTER_ROLES)
def letter_html(request, number: str):
    """The closing letter names the complainant: every view is an audited identity view."""
    case = _letter_case(request, number)
    try:
        html = letter_render_html(case=case, style_nonce=str(request.csp_nonce))
    except ValidationError as error:
        raise Http404 from error
    audit_record(actor=request.user, action="complaint.view_identity", target=case.complaint,
                 data={"via": "closing_letter"})
    return HttpResponse(html)


@shows_identity
@staff_required(*LETTER_ROLES)
def letter_pdf(request, number: str):
    case = _letter_case(request, number)
    try:
        pdf = letter_render_pdf(case=case)
    except ValidationError as error:
        raise Http404 from error
    audit_record(actor=request.user, action="complaint.view_identity", target=case.complaint,
                 data={"via": "closing_letter_pdf"})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="closing-letter-{case.number}.pdf"'
    return response


@require_POST
@staff_required(*LETTER_ROLES)
def letter_send_view(request, number: str):
    case = _letter_case(request, number)
    return run_action(request, case, lambda: letter_send(case=case, actor=request.user),
                      success=_("The closing letter is on its way to the complainant."))
