"""After filing: status, receipt, adding information, withdrawing — all behind the secret code.

The code travels in POST bodies (or the private link the resident was given), never in a
redirect, and wrong codes count against the client's hourly limit.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from . import throttle
from .forms_status import AddInformationForm, WithdrawForm
from .models import Complaint
from .selectors import complaint_status_steps
from .services import complaint_add_information, complaint_find, complaint_request_withdrawal, complaint_status_path

NOT_FOUND = gettext_lazy("We could not find a complaint with that tracking number and code. "
              "Check both and try again.")


def _find(request, tracking_number: str, code: str) -> Complaint | None:
    """The complaint, or None; a wrong pair counts as one attempt."""
    complaint = complaint_find(tracking_number=tracking_number[:20], status_code=code[:64])
    if complaint is None:
        throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=True)
    return complaint


def _credentials(request) -> tuple[str, str]:
    return request.POST.get("tracking_number", "")[:20], request.POST.get("status_code", "")[:64]


def render_status(request, complaint: Complaint, code: str, *, notice: str = "",
                  add_form=None, withdraw_form=None, status: int = 200):
    return render(request, "complaints/complaint_status.html", {
        "complaint": complaint, "public_case": complaint.public_case, "status_code": code,
        "steps": complaint_status_steps(complaint=complaint), "notice": notice,
        "add_form": add_form or AddInformationForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "withdrawal": getattr(complaint, "withdrawal_request", None),
        "evidence_count": complaint.evidence.count(),
        "updates_count": complaint.updates.count(),
    }, status=status)


@never_cache
@sensitive_post_parameters("status_code")
@require_http_methods(["GET", "POST"])
def complaint_status_lookup(request):
    error = ""
    tracking_number = ""
    if request.method == "POST":
        if throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=False):
            return throttle.render_limited(request, throttle.TOO_MANY_ATTEMPTS)
        tracking_number, code = _credentials(request)
        complaint = _find(request, tracking_number, code)
        if complaint is not None:
            return render_status(request, complaint, code)
        error = NOT_FOUND
    return render(request, "complaints/status_lookup.html", {
        "error": error, "tracking_number": tracking_number,
    }, status=400 if error else 200)


@never_cache
def complaint_status_link(request, tracking_number: str, code: str):
    if throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=False):
        return throttle.render_limited(request, throttle.TOO_MANY_ATTEMPTS)
    complaint = _find(request, tracking_number, code)
    if complaint is None:
        raise Http404
    return render_status(request, complaint, code)


def _authenticated_post(view):
    """Run `view(request, complaint, code)` only for a right tracking number and code."""
    @never_cache
    @sensitive_post_parameters("status_code")
    @require_POST
    def wrapper(request):
        if throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=False):
            return throttle.render_limited(request, throttle.TOO_MANY_ATTEMPTS)
        tracking_number, code = _credentials(request)
        complaint = _find(request, tracking_number, code)
        if complaint is None:
            raise Http404
        return view(request, complaint, code)
    return wrapper


@_authenticated_post
def complaint_add_information_view(request, complaint, code):
    form = AddInformationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            complaint_add_information(complaint=complaint, text=form.cleaned_data["text"],
                                      uploads=form.cleaned_data["files"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("files" if request.FILES else None, message)
        else:
            return render_status(request, complaint, code,
                                 notice=_("Thank you. Your information was added to the complaint."))
    return render_status(request, complaint, code, add_form=form, status=400)


@_authenticated_post
def complaint_withdraw_view(request, complaint, code):
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            complaint_request_withdrawal(complaint=complaint, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return render_status(request, complaint, code, notice=_(
                "Your request to withdraw was recorded. Staff will confirm it; the status "
                "will then show “Withdrawn”."))
    return render_status(request, complaint, code, withdraw_form=form, status=400)


@_authenticated_post
def complaint_receipt_pdf(request, complaint, code):
    from weasyprint import HTML

    html = render_to_string("complaints/receipt_pdf.html", {
        "complaint": complaint, "status_code": code,
        "status_url": request.build_absolute_uri(
            complaint_status_path(complaint=complaint, status_code=code)),
    }, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{complaint.tracking_number}.pdf"'
    return response
