"""The load benchmark (`make bench-load`): production-like, plus two reference views.

Only this settings module routes `/bench/constant/` and `/bench/template/`; production URLs never
include them. The complaint limits are raised so that the benchmark measures the pages, not the
limiters; the API's limit stays as in production, counted per reader.
"""

from .base import *  # noqa: F403
from .base import COMPLAINT_LIMITS, DATABASES, env

DEBUG = False
# Persistent connections, as .env.example sets for production: a new PostgreSQL connection per
# request costs more than a list page's queries (its set-up, then the first query's catalogue
# look-ups, which the trigram search feels most).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
ROOT_URLCONF = "portal.urls_benchmark"
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
PORTAL_REQUIRE_2FA = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Behind one proxy, as in production: wrk's readers (benchmarks/load.lua) each come from an
# address of their own, so the API's rate limit counts per reader at its production rate. (With
# one address and the limit raised instead, every cached API answer read and wrote a list of
# every request of the last minute: tens of thousands of entries.)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
# The benchmark warms 500 profiles before measuring them, which takes longer than a minute.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=900)
COMPLAINT_LIMITS = {**COMPLAINT_LIMITS, "SUBMISSIONS_PER_HOUR": 100000000,
                    "STATUS_ATTEMPTS_PER_HOUR": 100000000}
