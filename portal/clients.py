"""The address of the client behind the configured number of trusted proxies.

Every per-client limit (complaint submissions, wrong status codes, draft uploads, the sign-in
lockout, API throttling) counts this address and nothing else. With TRUSTED_PROXY_COUNT = n,
the n proxies in front of the portal each appended the address they saw to X-Forwarded-For;
the client is the entry written by the outermost trusted proxy. Entries before it came from
the client itself and are ignored, so a made-up header cannot pick another bucket.
"""

import ipaddress
import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request) -> str:
    """The real client's IP address as a string (REMOTE_ADDR when no proxy is trusted)."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104  # nosec B104  # a rate-limit bucket, not a bind
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in forwarded if part] + [remote]
    candidate = chain[-(proxies + 1)] if len(chain) > proxies else chain[0]
    return candidate if _valid(candidate) else remote


def client_over_limit(request, *, group: str, rate: str, count: bool = True) -> bool:
    """True when this client is over `rate` for `group` (django-ratelimit, counted in the cache).

    When the cache is unreachable the limit is not enforced: nothing a resident sends may fail
    because Redis is down.
    """
    try:
        return is_ratelimited(request, group=group, key="ip", rate=rate, increment=count)
    except Exception:  # the cache backend's connection errors vary (redis, memcached, ...)
        logger.warning("Rate-limit cache unreachable; %s not limited", group)
        return False
