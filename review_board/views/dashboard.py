from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_otp import user_has_device

from complaints.selectors import withdrawal_requests_pending
from portal.access import staff_required
from portal.csv_cells import CsvLines
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record

from ..deadlines import OVERDUE
from ..filters import CaseFilter
from ..models import CertificationReferral, ReferralStatus
from ..selectors import (
    AGE_BUCKETS,
    IDENTITY_ROLES,
    case_list_for_user,
    caseload_per_investigator,
    cases_by_state_and_age,
    complaints_awaiting_case,
    early_intervention_flags,
    my_cases,
    sees_early_intervention,
)
from ..services.referrals import REFERRAL_ROLES
from ..services.reminders import due_items
from .audit import AUDIT_ROLES
from .mail import undelivered_mail

EXPORT_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR, Role.BOARD_CHAIR, Role.ADMINISTRATOR)


@staff_required()
def dashboard(request):
    cases = list(case_list_for_user(request.user))
    listed = CaseFilter(request.GET, queryset=case_list_for_user(request.user), request=request)
    today = timezone.localdate()
    return render(request, "review_board/dashboard.html", {
        "my_cases": list(my_cases(request.user)),
        "complaints": complaints_awaiting_case()[:100]
        if user_has_role(request.user, *IDENTITY_ROLES) else [],
        "withdrawals": list(withdrawal_requests_pending().select_related("complaint__case")[:100])
        if user_has_role(request.user, *IDENTITY_ROLES) else [],
        "unassigned": [c for c in cases if c.assigned_to_id is None],
        "case_filter": listed,
        "cases": listed.qs[:200],
        "by_state": cases_by_state_and_age(cases, today),
        "age_buckets": [label for _, label in AGE_BUCKETS],
        **_due(case_list_for_user(request.user), today),
        "overdue": OVERDUE,
        "caseload": caseload_per_investigator(),
        "flags": early_intervention_flags(today=today) if sees_early_intervention(request.user) else None,
        "can_open": user_has_role(request.user, Role.INTAKE, Role.SUPERVISOR),
        "can_export": user_has_role(request.user, *EXPORT_ROLES),
        "has_second_factor": user_has_device(request.user, confirmed=True),
        **undelivered_mail(request.user),
        "can_see_referrals": user_has_role(request.user, *REFERRAL_ROLES),
        "referrals_to_send": CertificationReferral.objects.filter(status=ReferralStatus.TO_SEND).count()
        if user_has_role(request.user, *REFERRAL_ROLES) else 0,
        "can_search_audit": user_has_role(request.user, *AUDIT_ROLES),
    })


DUE_SHOWN = 100


def _due(cases, today) -> dict:
    items = due_items(cases=cases, today=today)
    return {"due": items[:DUE_SHOWN], "due_hidden": max(0, len(items) - DUE_SHOWN)}


EXPORT_COLUMNS = ["case", "origin", "state", "priority", "opened_on", "received_on",
                  "incident_on", "assigned_to", "allegations", "next_due", "next_due_on"]


def _rows(cases, today):
    yield EXPORT_COLUMNS
    for case in cases:
        due = list(case.stored_deadlines.all())  # earliest first (the model's ordering)
        yield [case.number, case.origin, case.state, case.get_priority_display(),
               timezone.localdate(case.opened_at).isoformat(), case.received_on or "",
               case.incident_on or "", case.assigned_to.username if case.assigned_to else "",
               case.allegation_count, due[0].kind if due else "",
               due[0].due_on.isoformat() if due else ""]


@staff_required(*EXPORT_ROLES)
def case_export(request):
    """The open-case list as CSV, streamed; no complainant identity is in it. Audited."""
    cases = CaseFilter(request.GET, queryset=case_list_for_user(request.user), request=request).qs
    cases = cases.annotate(allegation_count=Count("allegations")).prefetch_related("stored_deadlines")
    audit_record(actor=request.user, action="case.export", target=request.user,
                 data={"rows": cases.count()})
    writer = CsvLines()
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _rows(cases.iterator(chunk_size=500), timezone.localdate())),
        content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-{timezone.localdate()}.csv"'
    return response
