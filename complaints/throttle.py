"""Per-client limits on filing, uploads and status look-ups (counted in the cache by django-ratelimit).

"ip" means the client address behind the trusted proxies (RATELIMIT_IP_META_KEY, portal/clients.py).
"""

import logging

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

SUBMISSIONS = "complaints.submit"
STATUS_ATTEMPTS = "complaints.status"
DRAFTS = "complaints.draft"
UPLOADS = "complaints.upload"

TOO_MANY_SUBMISSIONS = _("Too many complaints were sent from your connection in the last hour. "
                         "Your answers are saved: please wait an hour and submit again, or call us.")
TOO_MANY_DRAFTS = _("Too many complaints were started from your connection in the last hour, so "
                    "this one was not saved yet. Your text is still below: please wait a while "
                    "and press “Save and continue” again.")
TOO_MANY_UPLOADS = _("Too many files were sent from your connection in the last hour, so these "
                     "were not attached. Your answers are saved: please wait a while and try again.")
TOO_MANY_ATTEMPTS = _("Too many wrong tracking numbers or codes were tried from your connection. "
                      "For your security, please wait an hour before trying again.")


def _rate(group: str) -> str:
    limits = settings.COMPLAINT_LIMITS
    per_hour = {
        SUBMISSIONS: limits["SUBMISSIONS_PER_HOUR"],
        DRAFTS: limits["SUBMISSIONS_PER_HOUR"] * 3,  # some people start over before filing
        STATUS_ATTEMPTS: limits["STATUS_ATTEMPTS_PER_HOUR"],
        UPLOADS: limits["UPLOADS_PER_HOUR"],
    }[group]
    return f"{per_hour}/h"


def client_limited(request, group: str, *, count: bool) -> bool:
    """True when the client is over the limit; `count` records this attempt against it.

    If the cache (Redis) is unreachable the limit is not enforced: a resident's complaint
    must never fail because Redis is down.
    """
    try:
        return is_ratelimited(request, group=group, key="ip", rate=_rate(group), increment=count)
    except Exception:  # the cache backend's connection errors vary (redis, memcached, ...)
        logger.warning("Rate-limit cache unreachable; %s not limited", group)
        return False


def render_limited(request, message):
    return render(request, "complaints/limited.html", {"message": message}, status=429)
