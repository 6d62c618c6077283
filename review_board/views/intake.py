"""Complaints that do not come through the web form: intake staff record them for the resident
with the complaint's own forms (the same checks), then give a receipt by e-mail or on paper."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from complaints.drafts import STEPS, answers_add
from complaints.forms import STEP_FORMS, STEP_FORMSETS
from complaints.selectors import home_agency
from complaints.services import complaint_find, complaint_record_for_resident
from portal.access import staff_required
from portal.pdf import html_to_pdf
from portal.services.audit import audit_record

from ..forms import IntakeChannelForm
from ..services.cases import OPEN_ROLES

BLANK_ROWS = 2  # rows of officers and witnesses offered on the page (no JavaScript needed)


def _forms(data=None) -> dict:
    """The intake form, then each step's form and formset, prefixed so that names never clash."""
    forms = {"intake": IntakeChannelForm(data, prefix="intake")}
    for step, form_class in STEP_FORMS.items():
        forms[step] = form_class(data, prefix=step)
    for key, formset_class in STEP_FORMSETS.values():
        forms[key] = (formset_class(data, prefix=key) if data is not None
                      else formset_class(prefix=key, initial=[{}] * BLANK_ROWS))
    return forms


def _answers(forms) -> dict | None:
    cleaned: dict = {}
    valid = forms["intake"].is_valid()
    for step in STEP_FORMS:
        valid = answers_add(cleaned, form=forms[step]) and valid
    for key, _formset in STEP_FORMSETS.values():
        valid = answers_add(cleaned, formset=forms[key], key=key) and valid
    return cleaned if valid else None


def _page(request, forms, status=200):
    every_form = [row for f in forms.values() for row in (f.forms if hasattr(f, "forms") else [f])]
    return render(request, "review_board/complaint_record.html", {
        **forms, "titles": {s.slug: s.title for s in STEPS}, "all_forms": every_form,
        "has_errors": any(f.is_bound and f.errors for f in every_form),
    }, status=status)


@sensitive_post_parameters()
@staff_required(*OPEN_ROLES)
def complaint_record(request):
    if request.method != "POST":
        return _page(request, _forms())
    forms = _forms(request.POST)
    cleaned = _answers(forms)
    if cleaned is None:
        return _page(request, forms, status=400)
    intake = forms["intake"].cleaned_data
    filed = complaint_record_for_resident(
        actor=request.user, channel=intake["channel"], received_on=intake["received_on"],
        language=intake["language"], cleaned=cleaned,
        agency_id=home_agency(cleaned.get("district")).pk,
        site_url=request.build_absolute_uri("/").rstrip("/"))
    # Rendered, not redirected: the secret code never appears in a URL or a log.
    return render(request, "review_board/complaint_recorded.html", {
        "complaint": filed.complaint, "status_code": filed.status_code})


@require_POST
@sensitive_post_parameters("status_code")
@staff_required(*OPEN_ROLES)
def complaint_receipt_letter(request):
    """The receipt as a letter to print and hand over or post, with the code written on it."""
    complaint = complaint_find(tracking_number=request.POST.get("tracking_number", "")[:20],
                               status_code=request.POST.get("status_code", "")[:64])
    if complaint is None:
        return HttpResponseBadRequest(_("The tracking number and the code do not match."))
    # The code is written on the letter, never put in a link: the resident types it there.
    status_url = request.build_absolute_uri(reverse("complaints:status_lookup"))
    with translation.override(complaint.language):
        html = render_to_string("review_board/letters/receipt_letter.html", {
            "complaint": complaint, "status_code": request.POST["status_code"].strip(),
            "status_url": status_url, "portal": settings.PORTAL, "today": timezone.localdate()})
    audit_record(actor=request.user, action="complaint.view_identity", target=complaint,
                 data={"via": "receipt_letter"})
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{complaint.tracking_number}.pdf"'
    return response
