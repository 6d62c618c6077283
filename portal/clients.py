"""The address of the client behind the configured number of trusted proxies.

Every per-client limit (complaint submissions, wrong status codes, draft uploads, the sign-in
lockout, API throttling) counts this address and nothing else. With TRUSTED_PROXY_COUNT = n,
the n proxies in front of the portal each appended the address they saw to X-Forwarded-For;
the client is the entry written by the outermost trusted proxy. Entries before it came from
the client itself and are ignored, so a made-up header cannot pick another bucket.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request) -> str:
    """The real client's IP address as a string (REMOTE_ADDR when no proxy is trusted)."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 (a bucket, not a bind)
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in forwarded if part] + [remote]
    candidate = chain[-(proxies + 1)] if len(chain) > proxies else chain[0]
    return candidate if _valid(candidate) else remote
