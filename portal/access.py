"""Who may open a staff page: every view declares its rule, and the URL matrix test reads it.

`staff_required(*roles)` admits signed-in staff holding one of the roles (any staff role when
none is named) who have passed the second factor when it is required; everyone else gets 404,
so private pages do not reveal that they exist. `open_to_anyone` and `signed_in_only` mark the
few pages that come before those checks (sign-in, second factor).
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from portal.roles import STAFF_ROLES, user_has_role

ANYONE = "anyone"
SIGNED_IN = "signed_in"


def second_factor_pending(request) -> bool:
    """True while a signed-in user still owes the second factor this session."""
    if not settings.PORTAL_REQUIRE_2FA:
        return False
    is_verified = getattr(request.user, "is_verified", None)
    return not (is_verified and is_verified())


def second_factor_redirect(request):
    from django_otp import user_has_device

    name = "board:verify" if user_has_device(request.user, confirmed=True) else "board:two_factor_setup"
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def staff_required(*roles):
    """Signed-in, second-factor-verified staff holding one of `roles`; others get 404."""
    allowed = frozenset(roles or STAFF_ROLES)

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not user_has_role(request.user, *allowed):
                raise Http404
            if second_factor_pending(request):
                return second_factor_redirect(request)
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = allowed
        return wrapper

    return decorator


def open_to_anyone(view):
    view.access_rule = ANYONE
    return view


def signed_in_only(view):
    """Any signed-in person (before the second factor): the second-factor pages themselves."""
    wrapped = login_required(view)
    wrapped.access_rule = SIGNED_IN
    return wrapped


def shows_identity(view):
    """Mark a page that shows who complained; the role matrix test holds it to identity roles."""
    view.shows_identity = True
    return view
