"""Per-client limits on filing and on status look-ups (counted in the cache by django-ratelimit)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

SUBMISSIONS = "complaints.submit"
STATUS_ATTEMPTS = "complaints.status"

TOO_MANY_SUBMISSIONS = _("Too many complaints were sent from your connection in the last hour. "
                         "Your answers are saved: please wait an hour and submit again, or call us.")
TOO_MANY_ATTEMPTS = _("Too many wrong tracking numbers or codes were tried from your connection. "
                      "For your security, please wait an hour before trying again.")


def _rate(group: str) -> str:
    limits = settings.COMPLAINT_LIMITS
    per_hour = limits["SUBMISSIONS_PER_HOUR"] if group == SUBMISSIONS else limits["STATUS_ATTEMPTS_PER_HOUR"]
    return f"{per_hour}/h"


def client_limited(request, group: str, *, count: bool) -> bool:
    """True when the client is over the limit; `count` records this attempt against it."""
    return is_ratelimited(request, group=group, key="ip", rate=_rate(group), increment=count)


def render_limited(request, message):
    return render(request, "complaints/limited.html", {"message": message}, status=429)
