"""The investigator's report: the facts found, and the reasoning behind each recommended finding."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.roles import Role
from portal.services.audit import audit_record

from ..models import Case, CaseState, InvestigatorReport
from .common import require_role

REPORT_ROLES = (Role.INVESTIGATOR, Role.SUPERVISOR)
REPORT_MISSING = _("Write the investigator's report (the facts found) before sending the case "
                   "to the board.")
RECOMMENDATION_MISSING = _("Recommend a finding, with its reasoning, for every allegation before "
                           "sending the case to the board.")


@transaction.atomic
def report_write(*, case: Case, actor, facts: str) -> InvestigatorReport:
    """Write or rewrite the facts found; only while the case is under investigation."""
    require_role(actor, *REPORT_ROLES)
    case = Case.objects.select_for_update().get(pk=case.pk)  # the state as it is now
    if case.state != CaseState.INVESTIGATION:
        raise ValidationError(_("The report is written while the case is under investigation."))
    if not facts.strip():
        raise ValidationError(_("Write the facts the investigation found."))
    now = timezone.now()
    report, created = InvestigatorReport.objects.select_for_update().get_or_create(
        case=case, defaults={"facts": facts, "written_by": actor, "written_at": now,
                             "updated_at": now})
    if not created:
        report.facts, report.written_by, report.updated_at = facts, actor, now
        report.save(update_fields=["facts", "written_by", "updated_at"])
    # The text is private and stays out of the (unencrypted) audit trail; its size says it changed.
    audit_record(actor=actor, action="case.report", target=case,
                 data={"created": created, "characters": len(facts)})
    return report


def report_problem(case: Case) -> str | None:
    """Why the case is not ready for the board yet (no report, a finding without reasons), or None."""
    facts = InvestigatorReport.objects.filter(case=case).values_list("facts", flat=True).first()
    if not (facts or "").strip():
        return str(REPORT_MISSING)
    allegations = list(case.allegations.all())
    if not allegations:
        return _("Add at least one allegation first.")
    if any(not a.recommended_finding or not a.recommendation_reasoning.strip() for a in allegations):
        return str(RECOMMENDATION_MISSING)
    return None
