"""Staff roles are Django groups; each page and action names the roles it admits."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INTAKE = "intake", _("Intake staff")
    INVESTIGATOR = "investigator", _("Investigator")
    SUPERVISOR = "supervisor", _("Investigations supervisor")
    BOARD_MEMBER = "board_member", _("Board member")
    BOARD_CHAIR = "board_chair", _("Board chair")
    PANEL_MEMBER = "panel_member", _("Oversight-panel member")
    RECORDS_EDITOR = "records_editor", _("Records editor")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset(Role)


def user_roles(user) -> frozenset[str]:
    """The roles a user holds, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & {r.value for r in Role}
        user._portal_roles = cached
    return cached


def user_has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))
