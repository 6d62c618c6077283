"""The audit trail, searchable by case or complaint, for supervisors and administrators."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from complaints.models import Complaint
from portal.access import staff_required
from portal.roles import Role

from ..forms import AuditSearchForm
from ..history import case_history_filter, complaint_history_filter, history_entries, history_events
from ..models import Case
from ..selectors import cases_visible_to

AUDIT_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
PER_PAGE = 100


def _history_filter(user, form):
    """The audit targets of the case or complaint searched for, or None with an error on the form."""
    data = form.cleaned_data
    visible = cases_visible_to(user)
    if data["case"]:
        case = visible.filter(number=data["case"]).first()
        if case is None:
            form.add_error("case", _("No case has that number."))
            return None
        return case_history_filter(case)
    complaint = Complaint.objects.filter(tracking_number=data["tracking_number"]).first()
    case = Case.objects.filter(complaint=complaint).first() if complaint else None
    if complaint is None or (case is not None and not visible.filter(pk=case.pk).exists()):
        form.add_error("tracking_number", _("No complaint has that tracking number."))
        return None
    return complaint_history_filter(complaint)


@staff_required(*AUDIT_ROLES)
def audit_search(request):
    form = AuditSearchForm(request.GET or None)
    page = None
    if form.is_valid() and (query := _history_filter(request.user, form)) is not None:
        page = Paginator(history_events(query), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "review_board/audit_search.html", {
        "form": form, "page": page,
        "entries": history_entries(page.object_list) if page else [],
    }, status=400 if form.errors else 200)
