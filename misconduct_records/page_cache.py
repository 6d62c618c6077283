"""Whole public pages kept in the cache for anonymous readers, under the record's version.

The public record changes only through its services (publish, register, correct, import); each
calls `record_version_bump()`, which takes effect when its transaction commits. Pages are cached
under a key that contains the version, so the first request after a change computes fresh pages
and the old entries simply expire. Entries also expire on their own after
PUBLIC_PAGE_CACHE_SECONDS, so a bump lost to a Redis outage is still seen within that time.

A complaint filed changes one thing on the public record: the count of complaints received. It
bumps a version of its own (`intake_version_bump()`), which only the pages and fragments showing
those counts are kept under (`intake=True`), so that a flood of complaints leaves every officer,
case and list page in the cache.

Anonymous readers carry no session, so every one of them gets the same page for the same URL and
language. Responses carry an ETag, a Last-Modified (the time of the version) and a short public
Cache-Control, so that browsers and proxies can revalidate instead of downloading again.
"""

import datetime
import functools
import hashlib
import logging
import threading
import time
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

VERSION_KEY = "public-record:version"
INTAKE_KEY = "public-record:intake-counts"
SKIPPED_HEADERS = {"set-cookie", "etag", "last-modified", "cache-control"}


def _cache_call(method: str, *args, **kwargs):
    """A cache operation that never fails a page: the cache is an optimisation only."""
    try:
        return getattr(cache, method)(*args, **kwargs)
    except Exception:  # noqa: BLE001 — Redis down or unreachable: compute the page
        logger.warning("page cache unavailable for %s", method)
        return None


# A request reads each version once: a page drawing ten cached fragments asks the cache for the
# version once, not ten times. Outside a request (tasks, commands) it is read on every call.
_request = threading.local()


def _request_began(**kwargs) -> None:
    _request.versions = {}


def _request_ended(**kwargs) -> None:
    _request.__dict__.pop("versions", None)


request_started.connect(_request_began, dispatch_uid="record-version-began")
request_finished.connect(_request_ended, dispatch_uid="record-version-ended")


def _read_version(key: str) -> str | None:
    version = _cache_call("get", key)
    if version is None:
        _cache_call("add", key, str(time.time_ns()), timeout=None)
        version = _cache_call("get", key)
    return version


def _version(key: str) -> str | None:
    remembered = getattr(_request, "versions", None)
    if remembered is None:
        return _read_version(key)
    if remembered.get(key) is None:
        remembered[key] = _read_version(key)
    return remembered[key]


def record_version() -> str | None:
    """The current version of the public record (None when the cache is unreachable)."""
    return _version(VERSION_KEY)


def intake_version() -> str | None:
    """The current version of the complaints-received counts, which every complaint filed
    changes and nothing else on the record depends on (None when the cache is unreachable)."""
    return _version(INTAKE_KEY)


def _bump(key: str) -> None:
    version = str(time.time_ns())
    _cache_call("set", key, version, timeout=None)
    remembered = getattr(_request, "versions", None)
    if remembered is not None:
        remembered[key] = version


def record_version_bump() -> None:
    """Mark the public record as changed, once the current transaction (if any) commits."""
    transaction.on_commit(functools.partial(_bump, VERSION_KEY))


def intake_version_bump() -> None:
    """Mark the complaints-received counts as changed, once the current transaction commits:
    only the pages and fragments that show them (`intake=True`) are drawn again."""
    transaction.on_commit(functools.partial(_bump, INTAKE_KEY))


def _versions(*, intake: bool) -> str | None:
    """The version a page or fragment is kept under: the record's, and the intake counts' for
    one that shows them; None when either cannot be read."""
    version = record_version()
    if version is None or not intake:
        return version
    counts = intake_version()
    return None if counts is None else f"{version}+{counts}"


def _fragment_key(name: str, *, intake: bool = False, language: bool = True) -> str | None:
    """`language`: a value drawn in words, kept per language; False for numbers and row keys,
    which every language shares."""
    from django.utils.translation import get_language

    version = _versions(intake=intake) if settings.PUBLIC_FRAGMENT_CACHE else None
    if version is None:
        return None
    return f"record:{version}:{get_language() if language else '*'}:{name}"


def version_caching() -> bool:
    """Whether values can be kept per record version now (the fragment cache is on and reachable)."""
    return _fragment_key("") is not None


def version_cache_get(name: str, *, language: bool = True):
    """The value stored under `name` for the current record version, or None."""
    key = _fragment_key(name, language=language)
    return None if key is None else _cache_call("get", key)


def version_cache_set(name: str, value, *, timeout: int | None = None, language: bool = True) -> None:
    """Store `value` under `name` for the current record version."""
    key = _fragment_key(name, language=language)
    if key is not None:
        _cache_call("set", key, value, timeout or settings.PUBLIC_PAGE_CACHE_SECONDS)


def version_cached(name: str, compute, *, timeout: int | None = None, intake: bool = False,
                   language: bool = True):
    """A value computed once per record version (and language) and shared by every worker;
    `intake`: once per version of the complaints-received counts too (a value that shows them);
    `language=False`: once for every language (a number, row keys)."""
    key = _fragment_key(name, intake=intake, language=language)
    if key is None:
        return compute()
    value = _cache_call("get", key)
    if value is None:
        value = compute()
        _cache_call("set", key, value, timeout or settings.PUBLIC_PAGE_CACHE_SECONDS)
    return value


# Values held in this process for one record version (version_memo): {name: (version, until, value)}.
_memo: dict[str, tuple[str, float, object]] = {}


def version_memo(name: str, compute):
    """A value computed once per record version in each process, for the few small tables that
    every list page reads (a cache round trip would cost about what their query does). Like the
    cache's entries it expires after PUBLIC_PAGE_CACHE_SECONDS; computed on every call when
    there is no version (fragment cache off, or the cache unreachable)."""
    version = record_version() if settings.PUBLIC_FRAGMENT_CACHE else None
    if version is None:
        return compute()
    held = _memo.get(name)
    if held is None or held[0] != version or held[1] < time.monotonic():
        held = _memo[name] = (version, time.monotonic() + settings.PUBLIC_PAGE_CACHE_SECONDS, compute())
    return held[2]


def version_cache_get_many(names) -> dict:
    """The values stored under `names` for the current record version, in one read of the
    cache; names not stored are left out."""
    keys = {name: _fragment_key(name) for name in names}
    if not keys or None in keys.values():
        return {}
    found = _cache_call("get_many", list(keys.values())) or {}
    return {name: found[key] for name, key in keys.items() if key in found}


def _anonymous(request) -> bool:
    return (request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META)


def _page_key(request, version: str) -> str:
    variant = f"{request.get_full_path()}|{request.META.get('HTTP_ACCEPT', '')}"
    digest = hashlib.sha256(variant.encode()).hexdigest()
    return f"page:{version}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def _storable(request, response) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not {"private", "no-store"} & set(response.get("Cache-Control", "").replace(",", " ").split()))


def _throttles_allow(request) -> bool:
    """API limits still count cached answers (the view counts them itself when it computes)."""
    from rest_framework.settings import api_settings
    from rest_framework.throttling import BaseThrottle
    from rest_framework.views import APIView

    # The setting names classes; DRF has imported them by the time it is read.
    throttles = cast("list[type[BaseThrottle]]", list(api_settings.DEFAULT_THROTTLE_CLASSES))
    try:
        return all(throttle().allow_request(request, APIView()) for throttle in throttles)
    except Exception:  # noqa: BLE001 — a limiter that needs its view: let the view decide
        return False


def _entry(response) -> dict:
    if callable(getattr(response, "render", None)):
        response.render()
    content = response.content
    return {"content": content, "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
            "headers": [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]}


def _from_entry(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for header, value in entry["headers"]:
        response[header] = value
    return response


def _validators(request, response, *, etag: str, version: str):
    changed = max(int(part) for part in version.split("+"))
    modified = datetime.datetime.fromtimestamp(changed / 1e9, tz=datetime.UTC)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    return get_conditional_response(request, etag=etag, last_modified=int(modified.timestamp()),
                                    response=response)


def public_page(view, *, throttled: bool = False, intake: bool = False):
    """Serve `view` from the page cache to anonymous readers (`throttled`: an API view;
    `intake`: a page that shows the complaints-received counts, kept per their version too)."""

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        version = _versions(intake=intake) if settings.PUBLIC_PAGE_CACHE and _anonymous(request) else None
        if version is None:
            return view(request, *args, **kwargs)
        key = _page_key(request, version)
        entry = _cache_call("get", key)
        if entry is None or (throttled and not _throttles_allow(request)):
            response = view(request, *args, **kwargs)
            if not _storable(request, response):
                return response
            entry = _entry(response)
            _cache_call("set", key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
        else:
            response = _from_entry(entry)
        return _validators(request, response, etag=entry["etag"], version=version)

    return cached_view
