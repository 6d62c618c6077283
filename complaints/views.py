from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import ComplaintForm
from .models import Complaint
from .selectors import complaint_timeline, home_agency
from .services import complaint_find, complaint_status_path, complaint_submit


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        filed = complaint_submit(
            agency_id=home_agency(data["district"]).pk,
            language=get_language(),
            site_url=request.build_absolute_uri("/").rstrip("/"),
            **data,
        )
        # Rendered, not redirected: the secret code must never appear in a URL or a log.
        return render(request, "complaints/complaint_filed.html", {
            "complaint": filed.complaint,
            "status_code": filed.status_code,
            "status_path": complaint_status_path(complaint=filed.complaint,
                                                 status_code=filed.status_code),
        })
    return render(request, "complaints/complaint_form.html", {"form": form})


def _render_status(request, complaint: Complaint):
    return render(request, "complaints/complaint_status.html", {
        "complaint": complaint,
        "public_case": complaint.public_case,
        "timeline": complaint_timeline(complaint=complaint),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_status_lookup(request):
    error = ""
    if request.method == "POST":
        complaint = complaint_find(
            tracking_number=request.POST.get("tracking_number", "")[:20],
            status_code=request.POST.get("status_code", "")[:64],
        )
        if complaint is not None:
            return _render_status(request, complaint)
        error = _("We could not find a complaint with that tracking number and code. "
                  "Check both and try again.")
    return render(request, "complaints/status_lookup.html", {
        "error": error, "tracking_number": request.POST.get("tracking_number", "")[:20],
    })


@never_cache
def complaint_status_link(request, tracking_number: str, code: str):
    complaint = complaint_find(tracking_number=tracking_number, status_code=code)
    if complaint is None:
        raise Http404
    return _render_status(request, complaint)
