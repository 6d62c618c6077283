from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from portal.roles import user_has_role

ROLE_REFUSED = _("Your role does not allow this action.")


def require_role(actor, *roles) -> None:
    """Raise PermissionDenied unless `actor` holds one of `roles`."""
    if not user_has_role(actor, *roles):
        raise PermissionDenied(ROLE_REFUSED)
