"""The test suite: fast hashing, mail kept in memory, tasks eager unless a test asks for the worker."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the finders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Rate limits have their own tests (which lower them and use their own client address);
# the rest of the suite files complaints freely.
COMPLAINT_LIMITS = {**COMPLAINT_LIMITS, "SUBMISSIONS_PER_HOUR": 100000,  # noqa: F405
                    "STATUS_ATTEMPTS_PER_HOUR": 100000, "UPLOADS_PER_HOUR": 100000}
# Most tests sign staff in with one call; the sign-in tests turn the second factor back on.
PORTAL_REQUIRE_2FA = False
PRIVATE_MEDIA_ROOT = BASE_DIR / "artifacts" / "test-private-media"  # noqa: F405
# Tests create rows without the services that bump the record's version: no cached pages or
# fragments unless a test turns them on (tests/misconduct_records/test_page_cache.py).
PUBLIC_PAGE_CACHE = False
PUBLIC_FRAGMENT_CACHE = False

# pytest-xdist runs the suite in several processes: each gets a Redis cache database of its own
# (gw0 the next one after the queue's, gw1 the one after), so one process clearing its cache or
# counting a rate limit never touches another's. Each already has a test database of its own.
_XDIST_WORKER = env.str("PYTEST_XDIST_WORKER", default="")  # noqa: F405
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    _queue = urlsplit(REDIS_URL)  # noqa: F405
    _number = int(_queue.path.strip("/") or 0) + 1 + int(_XDIST_WORKER[2:])
    CACHES["default"]["LOCATION"] = urlunsplit(_queue._replace(path=f"/{_number}"))  # noqa: F405
