"""Every change of a case's state goes through `case_transition`; nothing else sets `state`.

The table below is the whole state machine: which moves exist, who may make them, and what a
case must hold before the move. Each move writes an audit event and updates the public status.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.notifications import complaint_notify_case_moved
from misconduct_records.services import (
    PublishedAllegation,
    public_case_set_status,
    record_publish,
)
from misconduct_records.vocabulary import CaseStatus
from portal.roles import Role, user_has_role
from portal.services.audit import audit_record

from .models import Case, CaseState

S = CaseState


class TransitionError(Exception):
    """The move is not allowed; the message says why, in words a staff member can act on."""


def _every_allegation_has_a_finding(case: Case) -> str | None:
    if not case.allegations.exists():
        return _("A case needs at least one allegation before it can be decided.")
    if case.allegations.filter(finding="").exists():
        return _("Every allegation needs a finding before the case can be decided.")
    return None


def _has_public_summary(case: Case) -> str | None:
    if not case.public_summary.strip():
        return _("Write the public summary before closing and publishing the case.")
    return None


def _publish_to_record(case: Case) -> None:
    """Copy the decided case's public fields, and nothing else, into the public record."""
    record_publish(
        public_case_id=case.public_case_id,
        public_summary=case.public_summary,
        closed_on=timezone.localdate(),
        incident_on=case.incident_on,
        allegations=[
            PublishedAllegation(
                officer_id=a.officer_id, category_code=a.category.code, finding=a.finding,
                force_level=a.force_level, prohibited_restraint=a.prohibited_restraint,
                recommended_finding=a.recommended_finding,
                discipline_recommended=a.discipline_recommended,
                discipline_imposed=a.discipline_imposed,
            )
            for a in case.allegations.select_related("category")
        ],
    )


@dataclass(frozen=True)
class Transition:
    roles: frozenset[str]
    label: str
    requirement: Callable[[Case], str | None] | None = None
    effect: Callable[[Case], None] | None = None


_INTAKE = frozenset({Role.INTAKE, Role.SUPERVISOR, Role.ADMINISTRATOR})
_INVESTIGATION = frozenset({Role.INVESTIGATOR, Role.SUPERVISOR})
_BOARD = frozenset({Role.BOARD_CHAIR})
_PUBLISH = frozenset({Role.INTAKE, Role.RECORDS_EDITOR, Role.SUPERVISOR})

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.INTAKE, S.PRELIMINARY_REVIEW): Transition(_INTAKE, gettext_lazy("Start preliminary review")),
    (S.INTAKE, S.WITHDRAWN): Transition(_INTAKE, gettext_lazy("Record withdrawal")),
    (S.PRELIMINARY_REVIEW, S.INVESTIGATION): Transition(_INTAKE, gettext_lazy("Open investigation")),
    (S.PRELIMINARY_REVIEW, S.DISMISSED): Transition(_INTAKE, gettext_lazy("Dismiss")),
    (S.PRELIMINARY_REVIEW, S.REFERRED): Transition(_INTAKE, gettext_lazy("Refer to another agency")),
    (S.PRELIMINARY_REVIEW, S.MEDIATION): Transition(_INTAKE, gettext_lazy("Offer mediation")),
    (S.PRELIMINARY_REVIEW, S.WITHDRAWN): Transition(_INTAKE, gettext_lazy("Record withdrawal")),
    (S.MEDIATION, S.CLOSED): Transition(_INTAKE, gettext_lazy("Close after mediation")),
    (S.MEDIATION, S.INVESTIGATION): Transition(_INTAKE, gettext_lazy("Mediation failed: investigate")),
    (S.INVESTIGATION, S.BOARD_REVIEW): Transition(_INVESTIGATION, gettext_lazy("Send to the board")),
    (S.INVESTIGATION, S.WITHDRAWN): Transition(_INVESTIGATION, gettext_lazy("Record withdrawal")),
    (S.BOARD_REVIEW, S.INVESTIGATION): Transition(_BOARD, gettext_lazy("Return for more investigation")),
    (S.BOARD_REVIEW, S.DECIDED): Transition(
        _BOARD, gettext_lazy("Record the board's decision"), _every_allegation_has_a_finding),
    (S.DECIDED, S.RECONSIDERATION): Transition(_BOARD, gettext_lazy("Reconsider")),
    (S.RECONSIDERATION, S.DECIDED): Transition(
        _BOARD, gettext_lazy("Record the reconsidered decision"), _every_allegation_has_a_finding),
    (S.DECIDED, S.CLOSED): Transition(_PUBLISH, gettext_lazy("Close and publish"),
                                      _has_public_summary, _publish_to_record),
}

PUBLIC_STATUS = {
    S.INTAKE: CaseStatus.UNDER_REVIEW,
    S.PRELIMINARY_REVIEW: CaseStatus.UNDER_REVIEW,
    S.INVESTIGATION: CaseStatus.UNDER_INVESTIGATION,
    S.BOARD_REVIEW: CaseStatus.AT_BOARD,
    S.DECIDED: CaseStatus.DECIDED,
    S.RECONSIDERATION: CaseStatus.AT_BOARD,
    S.CLOSED: CaseStatus.CLOSED,
    S.WITHDRAWN: CaseStatus.WITHDRAWN,
    S.DISMISSED: CaseStatus.DISMISSED,
    S.REFERRED: CaseStatus.REFERRED,
    S.MEDIATION: CaseStatus.MEDIATION,
}


def transitions_available(*, case: Case, actor) -> list[tuple[str, Transition]]:
    """The moves `actor` may offer from the case's current state (requirements not checked)."""
    return [
        (to, t) for (frm, to), t in TRANSITIONS.items()
        if frm == case.state and user_has_role(actor, *t.roles)
    ]


@transaction.atomic
def case_transition(*, case: Case, to: str, actor, reason: str = "") -> Case:
    """Move `case` to state `to`. Raises TransitionError when the move is not allowed."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    transition = TRANSITIONS.get((case.state, to))
    if transition is None:
        raise TransitionError(_("A case in “%(state)s” cannot move to “%(to)s”.") % {
            "state": case.get_state_display(), "to": CaseState(to).label})
    if not user_has_role(actor, *transition.roles):
        raise TransitionError(_("Your role does not allow this step."))
    if transition.requirement and (problem := transition.requirement(case)):
        raise TransitionError(problem)
    previous = case.state
    case.state = to
    case.state_changed_at = timezone.now()
    case.save(update_fields=["state", "state_changed_at"])
    audit_record(actor=actor, action="case.transition", target=case,
                 data={"from": previous, "to": to, "reason": reason})
    public_case_set_status(public_case_id=case.public_case_id, status=PUBLIC_STATUS[to])
    if transition.effect:
        transition.effect(case)
    complaint_notify_case_moved(complaint_id=case.complaint_id, old=PUBLIC_STATUS[previous], new=PUBLIC_STATUS[to])
    return case
