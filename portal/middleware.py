"""Staff sessions: they end after a working day and after an idle period, and no page seen in
them is kept in a browser or proxy cache (they show names, contacts and case files)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils.cache import add_never_cache_headers

STARTED = "staff_session_started"
LAST_SEEN = "staff_session_last_seen"


def staff_session_expired(request, now: float) -> bool:
    started = request.session.setdefault(STARTED, now)
    last_seen = request.session.get(LAST_SEEN, now)
    limits = settings.STAFF_SESSION
    return (now - started > limits["MAX_HOURS"] * 3600
            or now - last_seen > limits["IDLE_MINUTES"] * 60)


def _signed_in(request) -> bool:
    # The API replaces `request.user` with None for anonymous readers.
    return bool(getattr(getattr(request, "user", None), "is_authenticated", False))


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = _signed_in(request)
        if signed_in:
            now = time.time()
            if staff_session_expired(request, now):
                logout(request)  # the request goes on as anonymous: staff pages send to sign-in
            else:
                request.session[LAST_SEEN] = now
        response = self.get_response(request)
        if signed_in or _signed_in(request):
            add_never_cache_headers(response)  # no-store among them
        return response
