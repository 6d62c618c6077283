"""After filing: status, receipt, adding information, withdrawing.

The secret code is typed and POSTed, never put in a URL; the receipt e-mail's link carries a
single-use token instead. Either opens a short resident session that names the complaint, and
the status page's own address holds no secret. Wrong codes and tokens count against the
client's hourly limit.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import throttle
from .forms_status import AddInformationForm, WithdrawForm
from .models import Complaint
from .selectors import complaint_public_status, complaint_status_steps
from .services import complaint_add_information, complaint_find, complaint_request_withdrawal
from .status_access import resident_session_complaint, resident_session_open, status_link_redeem

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


def render_status(request, complaint: Complaint, *, notice: str = "",
                  add_form=None, withdraw_form=None, status: int = 200):
    return render(request, "complaints/complaint_status.html", {
        "complaint": complaint, "public_status": complaint_public_status(complaint=complaint),
        "public_case": complaint.public_case,
        "steps": complaint_status_steps(complaint=complaint), "notice": notice,
        "add_form": add_form or AddInformationForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "withdrawal": getattr(complaint, "withdrawal_request", None),
        "evidence_count": complaint.evidence.count(),
        "updates_count": complaint.updates.count(),
    }, status=status)


LINK_NOT_VALID = gettext_lazy("This link has expired or was already used. Type your tracking number "
                              "and secret code to see the status.")
LINK_RETIRED = gettext_lazy("Links with the secret code in them no longer open the status page. "
                            "Type your tracking number and secret code instead.")


def _render_lookup(request, *, error="", tracking_number="", status=200):
    return render(request, "complaints/status_lookup.html", {
        "error": error, "tracking_number": tracking_number}, status=status)


@never_cache
@sensitive_post_parameters("status_code")
@require_http_methods(["GET", "POST"])
def complaint_status_lookup(request):
    """The typed code, always POSTed; a right pair opens a session and goes to the status page."""
    if request.method == "GET":
        retired = request.GET.get("link") == "retired"
        return _render_lookup(request, error=LINK_RETIRED if retired else "")
    if throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=False):
        return throttle.render_limited(request, throttle.TOO_MANY_ATTEMPTS)
    tracking_number, code = _credentials(request)
    complaint = _find(request, tracking_number, code)
    if complaint is None:
        return _render_lookup(request, error=NOT_FOUND, tracking_number=tracking_number, status=400)
    resident_session_open(request, complaint)
    return redirect("complaints:status")


@never_cache
@require_GET
def complaint_status_link(request, token: str):
    """The receipt's single-use link: exchanged for a session, then a URL without any secret."""
    if throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=False):
        return throttle.render_limited(request, throttle.TOO_MANY_ATTEMPTS)
    complaint = status_link_redeem(token=token)
    if complaint is None:
        throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=True)
        return _render_lookup(request, error=LINK_NOT_VALID, status=400)
    resident_session_open(request, complaint)
    return redirect("complaints:status")


@never_cache
@require_GET
def complaint_status_link_retired(request, tracking_number: str, code: str):
    """Old links put the code in the path: never read, never echoed (not even in the page's own
    language links); the resident is sent to the form to type it."""
    return redirect(reverse("complaints:status_lookup") + "?link=retired")


@never_cache
@require_GET
def complaint_status(request):
    complaint = resident_session_complaint(request)
    if complaint is None:
        return redirect("complaints:status_lookup")
    return render_status(request, complaint)


def _resident_post(view):
    """Run `view(request, complaint)` only in the session of the complaint's resident."""
    @never_cache
    @require_POST
    def wrapper(request):
        complaint = resident_session_complaint(request)
        if complaint is None:
            raise Http404
        return view(request, complaint)
    return wrapper


@_resident_post
def complaint_add_information_view(request, complaint):
    form = AddInformationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            complaint_add_information(complaint=complaint, text=form.cleaned_data["text"],
                                      uploads=form.cleaned_data["files"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("files" if request.FILES else None, message)
        else:
            return render_status(request, complaint,
                                 notice=_("Thank you. Your information was added to the complaint."))
    return render_status(request, complaint, add_form=form, status=400)


@_resident_post
def complaint_withdraw_view(request, complaint):
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            complaint_request_withdrawal(complaint=complaint, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return render_status(request, complaint, notice=_(
                "Your request to withdraw was recorded. Staff will confirm it; the status "
                "will then show “Withdrawn”."))
    return render_status(request, complaint, withdraw_form=form, status=400)


@never_cache
@sensitive_post_parameters("status_code")
@require_POST
def complaint_receipt_pdf(request):
    """The receipt, right after filing: the code is POSTed from the confirmation page."""
    from weasyprint import HTML

    if throttle.client_limited(request, throttle.STATUS_ATTEMPTS, count=False):
        return throttle.render_limited(request, throttle.TOO_MANY_ATTEMPTS)
    tracking_number, code = _credentials(request)
    complaint = _find(request, tracking_number, code)
    if complaint is None:
        raise Http404
    html = render_to_string("complaints/receipt_pdf.html", {
        "complaint": complaint, "status_code": code,
        "status_url": request.build_absolute_uri(reverse("complaints:status_lookup")),
    }, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{complaint.tracking_number}.pdf"'
    return response
