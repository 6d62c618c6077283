"""API throttling per real client, which lets requests through when the cache is unreachable."""

import logging

from rest_framework.throttling import AnonRateThrottle

from portal.clients import client_address

logger = logging.getLogger(__name__)


class ClientRateThrottle(AnonRateThrottle):
    """Counts requests per client address (behind TRUSTED_PROXY_COUNT proxies); fails open."""

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache backend's connection errors vary (redis, memcached, ...)
            logger.warning("Throttle cache unreachable; API request not limited")
            return True
