"""Every change of a case's state goes through `case_transition`; nothing else sets `state`.

The table below is the whole state machine: which moves exist, who may make them, what a case
must hold before the move, and whether the actor must say why. Each move writes an audit event
(who, when, from, to, why) and updates the public status. The lock, the checks and the audit
event are the shared engine's (`portal.lifecycle`).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.notifications import complaint_notify_case_moved
from complaints.services import withdrawal_request_mark_handled
from misconduct_records.services import public_case_set_status
from misconduct_records.vocabulary import CaseStatus
from portal.lifecycle import REASON_REQUIRED, Lifecycle, Transition, TransitionError
from portal.roles import Role

from .deadlines import case_deadlines_store
from .models import Case, CaseNote, CaseOrigin, CaseState
from .services.panels import panel_apply_results, panel_new_round, panel_problem
from .services.publishing import publish_case
from .services.referrals import referrals_make_for_case
from .services.report import report_problem

S = CaseState
__all__ = ["REASON_REQUIRED", "TRANSITIONS", "Transition", "TransitionError", "case_transition",
           "transitions_available"]


def _has_allegations(case: Case) -> str | None:
    if not case.allegations.exists():
        return _("Add at least one allegation first.")
    return None


def _is_ia_review(case: Case) -> str | None:
    if case.origin != CaseOrigin.IA_REVIEW:
        return _("Only an internal-affairs review goes straight to the oversight panel.")
    return _has_allegations(case)


def _has_public_summary(case: Case) -> str | None:
    if not case.public_summary.strip():
        return _("Write the public summary before closing and publishing the case.")
    return None


def _decide(case: Case) -> None:
    panel_apply_results(case)
    case.decided_at = timezone.now()
    case.save(update_fields=["decided_at"])
    referrals_make_for_case(case)


_INTAKE = frozenset({Role.INTAKE, Role.SUPERVISOR, Role.ADMINISTRATOR})
_INVESTIGATION = frozenset({Role.INVESTIGATOR, Role.SUPERVISOR})
_BOARD = frozenset({Role.BOARD_CHAIR})
_PUBLISH = frozenset({Role.INTAKE, Role.RECORDS_EDITOR, Role.SUPERVISOR})
T, L = Transition, gettext_lazy

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.INTAKE, S.PRELIMINARY_REVIEW): T(_INTAKE, L("Start preliminary review")),
    (S.INTAKE, S.WITHDRAWN): T(_INTAKE, L("Record withdrawal"), needs_reason=True),
    (S.INTAKE, S.REFERRED): T(_INTAKE, L("Refer to another agency"), needs_reason=True),
    (S.PRELIMINARY_REVIEW, S.INVESTIGATION): T(_INTAKE, L("Open investigation"), _has_allegations),
    (S.PRELIMINARY_REVIEW, S.BOARD_REVIEW): T(_INTAKE, L("Send to the oversight panel"), _is_ia_review),
    (S.PRELIMINARY_REVIEW, S.DISMISSED): T(_INTAKE, L("Dismiss"), needs_reason=True),
    (S.PRELIMINARY_REVIEW, S.REFERRED): T(_INTAKE, L("Refer to another agency"), needs_reason=True),
    (S.PRELIMINARY_REVIEW, S.MEDIATION): T(_INTAKE, L("Offer mediation"), _has_allegations),
    (S.PRELIMINARY_REVIEW, S.WITHDRAWN): T(_INTAKE, L("Record withdrawal"), needs_reason=True),
    (S.MEDIATION, S.CLOSED): T(_INTAKE, L("Close after mediation"), needs_reason=True),
    (S.MEDIATION, S.INVESTIGATION): T(_INTAKE, L("Mediation failed: investigate"), needs_reason=True),
    (S.MEDIATION, S.WITHDRAWN): T(_INTAKE, L("Record withdrawal"), needs_reason=True),
    (S.INVESTIGATION, S.BOARD_REVIEW): T(_INVESTIGATION, L("Send to the board"), report_problem),
    (S.INVESTIGATION, S.WITHDRAWN): T(_INVESTIGATION, L("Record withdrawal"), needs_reason=True),
    (S.BOARD_REVIEW, S.INVESTIGATION): T(_BOARD, L("Return for more investigation"),
                                         effect=panel_new_round, needs_reason=True),
    (S.BOARD_REVIEW, S.DECIDED): T(_BOARD, L("Record the board's decision"), panel_problem, _decide),
    (S.DECIDED, S.RECONSIDERATION): T(_BOARD, L("Reconsider"), effect=panel_new_round,
                                      needs_reason=True),
    (S.RECONSIDERATION, S.DECIDED): T(_BOARD, L("Record the reconsidered decision"),
                                      panel_problem, _decide),
    (S.DECIDED, S.CLOSED): T(_PUBLISH, L("Close and publish"), _has_public_summary, publish_case),
}

PUBLIC_STATUS: dict[str, CaseStatus] = {
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


def _set_public_status(case: Case, *, previous: str, to: str, actor) -> None:
    public_case_set_status(public_case_id=case.public_case_id, status=PUBLIC_STATUS[to])


def _tell_the_resident(case: Case, *, previous: str, to: str, actor) -> None:
    if to == S.WITHDRAWN:
        withdrawal_request_mark_handled(complaint_id=case.complaint_id, actor=actor)
    complaint_notify_case_moved(complaint_id=case.complaint_id, old=PUBLIC_STATUS[previous], new=PUBLIC_STATUS[to])
    case_deadlines_store(case)


def _keep_reason(case: Case, *, previous: str, to: str, actor, reason: str) -> int:
    """A step's reason is kept as an (encrypted) internal note; the audit event names the note."""
    return CaseNote.objects.create(case=case, author=actor, created_at=timezone.now(),
                                   body=f"{previous} → {to}: {reason}").pk


CASE_LIFECYCLE = Lifecycle(
    model=Case, states=CaseState, transitions=TRANSITIONS, audit_action="case.transition",
    refused=gettext_lazy("A case in “%(state)s” cannot move to “%(to)s”."),
    on_move=_set_public_status, after_move=_tell_the_resident, keep_reason=_keep_reason,
)


def transitions_available(*, case: Case, actor) -> list[tuple[str, Transition]]:
    """The moves `actor` may offer from the case's current state (requirements not checked)."""
    return [
        (to, t) for to, t in CASE_LIFECYCLE.available(obj=case, actor=actor)
        if not (t.requirement is _is_ia_review and case.origin != CaseOrigin.IA_REVIEW)
    ]


def case_transition(*, case: Case, to: str, actor, reason: str = "") -> Case:
    """Move `case` to state `to`. Raises TransitionError when the move is not allowed."""
    return CASE_LIFECYCLE.move(obj=case, to=to, actor=actor, reason=reason)
