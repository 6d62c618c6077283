"""Who may do what to the policy records: one table, read by the views, the services and the
generated role × URL matrix. Lifecycle moves name their roles in `lifecycles.py`."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.roles import Role, user_has_role

POLICY_STAFF = frozenset({Role.RECORDS_EDITOR, Role.SUPERVISOR, Role.ADMINISTRATOR})
MEETING_STAFF = frozenset({Role.BOARD_CHAIR, Role.RECORDS_EDITOR, Role.ADMINISTRATOR})

EDITING: dict[str, frozenset[str]] = {
    "recommendation.draft": POLICY_STAFF,
    "recommendation.edit": POLICY_STAFF,
    "response.record": frozenset({Role.RECORDS_EDITOR, Role.ADMINISTRATOR}),
    "implementation.record": frozenset({Role.RECORDS_EDITOR, Role.ADMINISTRATOR}),
    "tracker.edit": frozenset({Role.RECORDS_EDITOR, Role.ADMINISTRATOR}),
    "meeting.edit": MEETING_STAFF,
    "comment.moderate": frozenset({Role.BOARD_CHAIR, Role.ADMINISTRATOR}),
}


def policy_check(actor, action: str) -> None:
    """Raise PermissionDenied unless `actor` holds a role the table admits for `action`."""
    if not user_has_role(actor, *EDITING[action]):
        raise PermissionDenied(_("Your role does not allow this step."))
