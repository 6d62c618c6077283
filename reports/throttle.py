"""Per-client limits on comments and subscriptions (counted in the cache by django-ratelimit)."""

import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

FEEDBACK = "reports.feedback"
SUBSCRIBE = "reports.subscribe"


def client_limited(request, group: str) -> bool:
    """Count this attempt; True when the client is over the hourly limit. Fails open when the
    cache is down: a comment is not worth an error page."""
    per_hour = {FEEDBACK: settings.REPORTS["FEEDBACK_PER_HOUR"],
                SUBSCRIBE: settings.REPORTS["SUBSCRIBE_PER_HOUR"]}[group]
    try:
        return is_ratelimited(request, group=group, key="ip", rate=f"{per_hour}/h", increment=True)
    except Exception:  # the cache backend's connection errors vary
        logger.warning("Rate-limit cache unreachable; %s not limited", group)
        return False
