"""Reads that depend on who is asking. Anything a person may not see answers 404."""

import datetime
from collections import Counter

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from complaints.models import Complaint
from complaints.selectors import complaint_evidence
from misconduct_records.models import Officer
from misconduct_records.vocabulary import Family, Finding
from portal.roles import STAFF_ROLES, Role, user_has_role, user_roles

from .deadlines import add_months
from .models import Allegation, Case, InvestigatorReport, PanelSeat
from .models.cases import FINISHED_STATES

CASE_WIDE_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR, Role.BOARD_CHAIR,
                   Role.RECORDS_EDITOR, Role.ADMINISTRATOR)
IDENTITY_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR)
INVESTIGATION_FILE_ROLES = (Role.INTAKE, Role.INVESTIGATOR, Role.SUPERVISOR, Role.BOARD_CHAIR,
                            Role.ADMINISTRATOR)
PANEL_READER_ROLES = (Role.BOARD_MEMBER, Role.PANEL_MEMBER)
# Who may open a case file at all; members only for the cases they sit on (case_file_readable).
CASE_FILE_ROLES = (*INVESTIGATION_FILE_ROLES, *PANEL_READER_ROLES)
EARLY_INTERVENTION_ROLES = (Role.SUPERVISOR, Role.BOARD_CHAIR, Role.ADMINISTRATOR)
AGE_BUCKETS = [(30, "0–30"), (90, "31–90"), (180, "91–180"), (None, "180+")]


def cases_visible_to(user):
    """Staff who work cases see them all; panel members only the cases they sit on."""
    if not user_has_role(user, *STAFF_ROLES):
        return Case.objects.none()
    recused = PanelSeat.objects.filter(member=user, recused_at__isnull=False).values("panel__case")
    cases = Case.objects.exclude(pk__in=recused)
    if not user_has_role(user, *CASE_WIDE_ROLES):
        cases = cases.filter(panels__is_active=True, panels__seats__member=user,
                             panels__seats__recused_at__isnull=True)
    return cases


def case_get_for_user(*, user, number: str) -> Case:
    """A case the user may open, or 404 (private records do not reveal that they exist)."""
    return get_object_or_404(
        cases_visible_to(user).select_related("complaint", "public_case", "assigned_to",
                                              "supervisor"), number=number)


def case_file_readable(*, user, case: Case) -> bool:
    """Staff who work cases and the chair read every case file they can open; board and
    oversight-panel members only while they sit, not recused, on the case's active panel."""
    if user_has_role(user, *INVESTIGATION_FILE_ROLES):
        return True
    if not user_has_role(user, *PANEL_READER_ROLES):
        return False
    seats = PanelSeat.objects.filter(panel__case=case, panel__is_active=True, member=user,
                                     recused_at__isnull=True)
    return seats.exists()


def case_file_get_for_user(*, user, number: str) -> Case:
    """A case whose file the user may read, or 404."""
    case = case_get_for_user(user=user, number=number)
    if not case_file_readable(user=user, case=case):
        raise Http404
    return case


def complaint_get_for_user(*, user, tracking_number: str) -> Complaint:
    if not user_has_role(user, *IDENTITY_ROLES):
        raise Http404
    complaint = get_object_or_404(Complaint.objects.select_related("district"),
                                  tracking_number=tracking_number)
    case = Case.objects.filter(complaint=complaint).first()
    if case is not None and not cases_visible_to(user).filter(pk=case.pk).exists():
        raise Http404
    return complaint


def complaints_awaiting_case():
    """Complaints without a case, the earliest acknowledgement due first."""
    return (Complaint.objects.filter(case__isnull=True).select_related("district")
            .order_by("acknowledge_by", "received_at"))


def case_list_for_user(user):
    """Open cases the user may see, most urgent first, ready for the list and the export."""
    return (cases_visible_to(user).exclude(state__in=FINISHED_STATES)
            .select_related("complaint", "assigned_to", "supervisor")
            .order_by("-priority", "opened_at"))


def my_cases(user):
    return case_list_for_user(user).filter(
        Q(assigned_to=user) | Q(panels__is_active=True, panels__seats__member=user,
                                panels__seats__recused_at__isnull=True)).distinct()


def cases_by_state_and_age(cases, today: datetime.date | None = None) -> list[dict]:
    """Rows of (state, count per age bucket) for the open cases given."""
    today = today or timezone.localdate()
    table: dict[str, Counter] = {}
    labels: dict[str, str] = {}
    for case in cases:
        age = (today - timezone.localdate(case.opened_at)).days
        bucket = next(label for limit, label in AGE_BUCKETS if limit is None or age <= limit)
        table.setdefault(case.state, Counter())[bucket] += 1
        labels[case.state] = case.get_state_display()
    return [{"state": labels[s], "counts": [table[s][label] for _, label in AGE_BUCKETS],
             "total": sum(table[s].values())} for s in table]


def caseload_per_investigator():
    return (Case.objects.exclude(state__in=FINISHED_STATES).filter(assigned_to__isnull=False)
            .values("assigned_to__username", "assigned_to__first_name", "assigned_to__last_name")
            .annotate(open_cases=Count("id")).order_by("-open_cases"))


def early_intervention_flags(*, today: datetime.date | None = None) -> list[dict]:
    """Officers at a configured threshold: N complaints in M months, or a sustained force finding."""
    config = settings.REVIEW_BOARD
    since = add_months(today or timezone.localdate(), -config["EARLY_INTERVENTION_MONTHS"])
    recent = (Allegation.objects.filter(officer__isnull=False, case__received_on__gte=since)
              .values("officer").annotate(cases=Count("case", distinct=True)))
    force = set(Allegation.objects.filter(officer__isnull=False, finding=Finding.SUSTAINED,
                                          category__family=Family.FORCE)
                .values_list("officer", flat=True))
    counts = {row["officer"]: row["cases"] for row in recent}
    over = {pk for pk, n in counts.items() if n >= config["EARLY_INTERVENTION_COMPLAINTS"]}
    officers = Officer.objects.filter(pk__in=over | force).order_by("last_name")
    return [{"officer": o, "recent_cases": counts.get(o.pk, 0), "sustained_force": o.pk in force}
            for o in officers]


def sees_early_intervention(user) -> bool:
    return bool(user_roles(user) & set(EARLY_INTERVENTION_ROLES))


def complaint_files_for_case(case: Case) -> list:
    """Files the resident attached to the complaint (read through `complaint_file_download`)."""
    if case.complaint is None:  # None, without a query, for a case opened without a complaint
        return []
    return list(complaint_evidence(complaint=case.complaint))


def case_file_contents(*, case: Case) -> dict:
    """What a panel reads before it votes: the complaint as filed and its later additions, the
    evidence, the interviews and the investigator's report. Internal notes are not part of it."""
    complaint = case.complaint
    return {
        "complaint": complaint,
        "involved_officers": list(complaint.officers.all()) if complaint else [],
        "conduct": list(complaint.conduct_categories.order_by("name")) if complaint else [],
        "witnesses": list(complaint.witnesses.all()) if complaint else [],
        "updates": list(complaint.updates.all()) if complaint else [],
        "complaint_files": complaint_files_for_case(case),
        "evidence": list(case.evidence.select_related("added_by")),
        "interviews": list(case.interviews.select_related("recorded_by")),
        "report": InvestigatorReport.objects.filter(case=case).select_related("written_by").first(),
        "allegations": list(case.allegations.select_related("officer", "category")),
    }
