"""Settings shared by every environment. Everything that differs between a laptop and
production is read from the environment, with safe development defaults."""

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import environ
from celery.schedules import crontab
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

DEVELOPMENT_SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"  # noqa: S105  # nosec B105  # production refuses it

SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "portal",
    "misconduct_records",
    "complaints",
    "review_board",
]

MIDDLEWARE = [
    "portal.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: without it, Celery runs tasks in-process and the cache is local memory.
REDIS_URL = env.str("REDIS_URL", default="")


def _next_redis_database(url: str) -> str:
    """The same server, the next database number: clearing the cache never touches the queue."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + 1
    return urlunsplit(parts._replace(path=f"/{number}"))


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_CACHE_URL", default=_next_redis_database(REDIS_URL)),
            "KEY_PREFIX": "portal",
            # An unreachable Redis must answer "no" quickly: throttles and limits then fail open.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must never hang a request when Redis is down: fail fast, the outbox sweep retries.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {
        "task": "portal.tasks.outbox_sweep",
        "schedule": crontab(minute="*/5"),
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Civilian Review Board <noreply@example.org>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "board:login"
LOGIN_REDIRECT_URL = "board:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]


def _shipped_languages() -> "list[tuple[str, str | StrPromise]]":
    """English plus every language with a compiled catalog: a new language needs only its catalog."""
    names = {"en": _("English"), "es": _("Spanish")}
    codes = sorted(p.parent.parent.name for p in LOCALE_PATHS[0].glob("*/LC_MESSAGES/django.mo"))
    return [("en", names["en"])] + [
        (code, names[code] if code in names else LANG_INFO.get(code, {}).get("name", code))
        for code in codes if code != "en"
    ]


LANGUAGES = _shipped_languages()
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("uswds", BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Evidence and other private files live outside the web root and are never served by URL.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))

# Public pages set no cookie for anonymous readers; sessions exist only for staff.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "portal.errors.api_exception_handler",
}

# The oversight body this installation serves. Another city changes these, not code.
PORTAL = {
    "BODY_NAME": env.str("PORTAL_BODY_NAME", default="Civilian Review Board"),
    "CITY_NAME": env.str("PORTAL_CITY_NAME", default="Boston"),
    "TRACKING_PREFIX": env.str("PORTAL_TRACKING_PREFIX", default="CR"),
    "HOME_AGENCY_SLUG": env.str("PORTAL_HOME_AGENCY", default="boston-pd"),
    # How residents reach the body (shown on every resident page and in letters). The defaults
    # are placeholders for the demo: a real installation sets its own.
    "CONTACT": {
        "PHONE": env.str("PORTAL_CONTACT_PHONE", default="(617) 555-0100"),
        "EMAIL": env.str("PORTAL_CONTACT_EMAIL", default="complaints@example.org"),
        "ADDRESS": env.str("PORTAL_CONTACT_ADDRESS", default="1 City Hall Square, Room 100, Boston, MA 02201"),
        "HOURS": env.str("PORTAL_CONTACT_HOURS", default="Monday to Friday, 9 a.m. to 5 p.m."),
    },
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Complaint intake: encryption at rest, log redaction, rate limits, upload limits ---
# Comma-separated Fernet keys; the first encrypts, all decrypt (rotation: prepend a new key,
# run `manage.py rotate_field_keys`, then drop the old one). Empty: derived from SECRET_KEY,
# which production refuses.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
LOGGING["filters"] = {"redact_secrets": {"()": "portal.log_redaction.RedactSecrets"},
                      "request_id": {"()": "portal.request_log.RequestIdFilter"}}
LOGGING["handlers"]["console"]["filters"] = ["redact_secrets", "request_id"]
LOGGING["loggers"]["django.server"] = {"handlers": ["console"], "level": "INFO", "propagate": False,
                                       "filters": ["redact_secrets"]}
LOGGING["loggers"]["django.request"] = {"filters": ["redact_secrets"]}
# One JSON object per line with the request id (portal/request_log.py); "text" for plain lines.
LOGGING["formatters"] = {
    "json": {"()": "portal.request_log.JsonFormatter"},
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
}
LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", default="json")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker's lines go through the same handler
# Rate limits count in the cache; if the cache (Redis) is down, filing must still work.
# Every limit counts the client address found behind this many trusted reverse proxies
# (portal/clients.py): 0 when gunicorn faces the internet, 1 behind one TLS proxy.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "portal.clients.client_address"
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True
COMPLAINT_LIMITS = {
    "SUBMISSIONS_PER_HOUR": env.int("COMPLAINT_SUBMISSIONS_PER_HOUR", default=10),
    "STATUS_ATTEMPTS_PER_HOUR": env.int("COMPLAINT_STATUS_ATTEMPTS_PER_HOUR", default=10),
    "MAX_FILE_MB": env.int("COMPLAINT_MAX_FILE_MB", default=50),
    "MAX_FILES": env.int("COMPLAINT_MAX_FILES", default=10),
    "UPLOADS_PER_HOUR": env.int("COMPLAINT_UPLOADS_PER_HOUR", default=60),
    # Pictures are re-encoded to strip their metadata; larger ones are refused unopened
    # (50 million pixels: a 50-megapixel photo, about 200 MB while it is re-encoded).
    "MAX_IMAGE_PIXELS": env.int("COMPLAINT_MAX_IMAGE_PIXELS", default=50_000_000),
    # The receipt's single-use status link works this long; a resident's status session this long.
    "STATUS_LINK_HOURS": env.int("COMPLAINT_STATUS_LINK_HOURS", default=72),
    "RESIDENT_SESSION_MINUTES": env.int("COMPLAINT_RESIDENT_SESSION_MINUTES", default=30),
}
# How long the confirmation (tracking number and one-time code) can be shown again in the browser
# that filed, after Back, Reload or a restored tab.
COMPLAINT_CONFIRMATION_MINUTES = env.int("COMPLAINT_CONFIRMATION_MINUTES", default=30)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file, not memory
# Absolute address of the portal, for links in emails sent by workers (no request there).
PORTAL["SITE_URL"] = env.str("PORTAL_SITE_URL", default="http://127.0.0.1:8000")
CELERY_BEAT_SCHEDULE["complaints-purge-drafts"] = {
    "task": "complaints.tasks.purge_expired_drafts",
    "schedule": crontab(minute=17, hour=3),
}
# --- Staff sign-in, case deadlines and board rules (review board) -------------------------
# Second factor: django-otp (TOTP devices plus static recovery codes), required unless a demo
# or test environment turns it off. Lockout after repeated failures: django-axes.
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PORTAL_REQUIRE_2FA = env.bool("PORTAL_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Civilian Review Board")
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)  # hours the account stays locked
# A lock holds one account from one address: a stranger cannot lock a member out elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "review_board/locked_out.html"
AXES_VERBOSE = False
CELERY_BEAT_SCHEDULE["board-deadline-reminders"] = {
    "task": "review_board.tasks.send_deadline_reminders",
    "schedule": crontab(hour=env.int("BOARD_REMINDER_HOUR", default=7), minute=0),
}
# Clocks run in business days: weekends, the holidays of HOLIDAY_COUNTRY/SUBDIVISION and the
# listed extra closure days (YYYY-MM-DD) do not count.
# Every deadline (the resident's acknowledgement, the board's clocks) counts these business days.
BUSINESS_CALENDAR = {
    "COUNTRY": env.str("HOLIDAY_COUNTRY", default="US"),
    "SUBDIVISION": env.str("HOLIDAY_SUBDIVISION", default="MA"),
    "EXTRA_HOLIDAYS": env.list("EXTRA_HOLIDAYS", default=[]),  # ISO dates the body is closed
}
# One clock for acknowledging a complaint: what the resident is promised and what staff are held to.
ACKNOWLEDGE_BUSINESS_DAYS = env.int("BOARD_ACKNOWLEDGE_DAYS", default=7)
REVIEW_BOARD = {
    "FIRST_CONTACT_BUSINESS_DAYS": env.int("BOARD_FIRST_CONTACT_DAYS", default=2),
    "INVESTIGATION_BUSINESS_DAYS": env.int("BOARD_INVESTIGATION_DAYS", default=90),
    "OVERDUE_NOTICE_MONTHS": env.int("BOARD_OVERDUE_NOTICE_MONTHS", default=6),
    "DECISION_LETTER_BUSINESS_DAYS": env.int("BOARD_DECISION_LETTER_DAYS", default=7),
    "LIMITATION_MONTHS": env.int("BOARD_LIMITATION_MONTHS", default=18),
    "SOON_DUE_BUSINESS_DAYS": env.int("BOARD_SOON_DUE_DAYS", default=5),
    "PANEL_SIZE": env.int("BOARD_PANEL_SIZE", default=3),
    "VOTING_RULE": env.str("BOARD_VOTING_RULE", default="majority"),  # or "unanimity"
    "EARLY_INTERVENTION_COMPLAINTS": env.int("BOARD_EI_COMPLAINTS", default=3),
    "EARLY_INTERVENTION_MONTHS": env.int("BOARD_EI_MONTHS", default=12),
    # Days after the closing letter during which the complainant may ask for reconsideration.
    "RECONSIDERATION_DAYS": env.int("BOARD_RECONSIDERATION_DAYS", default=30),
}
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
# Referrals to the state's certification body: its name, and the findings its rules name. Each
# rule: a code, the public reason, the finding, and optionally a minimum force level (1-6), a
# list of category codes or a category family. Checked at start-up (review_board.checks).
CERTIFICATION = {
    "BODY_NAME": env.str(
        "CERTIFICATION_BODY_NAME",
        default="Massachusetts Peace Officer Standards and Training Commission (POST Commission)"),
    "RULES": env.json("CERTIFICATION_REFERRAL_RULES", default=[
        {"code": "deadly-force", "finding": "sustained", "min_force_level": 6,
         "reason": "Sustained finding of unwarranted deadly force"},
    ]),
}
# Staff sessions end after a working day (absolute) and after an idle period; pages seen in
# them are never cached (Cache-Control: no-store).
STAFF_SESSION = {
    "MAX_HOURS": env.float("STAFF_SESSION_MAX_HOURS", default=10),
    "IDLE_MINUTES": env.float("STAFF_SESSION_IDLE_MINUTES", default=30),
}
SESSION_COOKIE_AGE = int(STAFF_SESSION["MAX_HOURS"] * 3600)
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
                  "portal.middleware.StaffSessionMiddleware")
# --- end of review board block ---------------------------------------------------------------
# --- Public record: open API, API docs and open-data snapshots ---------------------------------
# Anonymous readers are rate limited per IP (DRF throttling, counted in the cache); the OpenAPI
# schema and its Swagger UI are served from installed packages, never from a CDN.
INSTALLED_APPS += ["django.contrib.postgres", "drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK.update({
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["portal.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_THROTTLE_ANON", default="120/minute")},
})
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Public record API",
    "DESCRIPTION": (
        "Read-only open data: officers, allegations, cases, districts and sources. No account "
        "is needed; anonymous readers are rate limited per address. Lists use cursor "
        "pagination: follow `next` until it is null. The same filters as the web pages apply; "
        "whole tables are also downloadable as CSV or JSON at /data/."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "FindingEnum": "misconduct_records.vocabulary.Finding",
        "DisciplineEnum": "misconduct_records.vocabulary.Discipline",
        "CaseStatusEnum": "misconduct_records.vocabulary.CaseStatus",
    },
}
# Nightly full snapshots of every public table (CSV + JSON + SHA-256 checksums).
PUBLIC_DATA_ROOT = Path(env.str("PUBLIC_DATA_ROOT", default=str(BASE_DIR / "public-data")))
PUBLIC_DATA_KEEP_SNAPSHOTS = env.int("PUBLIC_DATA_KEEP_SNAPSHOTS", default=14)
CELERY_BEAT_SCHEDULE["public-record-snapshot"] = {
    "task": "misconduct_records.tasks.public_record_snapshot",
    "schedule": crontab(hour=3, minute=15),
}
# Public data sets imported into the record (manage.py import_dataset <mapping>): the folder
# that holds them, one sub-folder per data set as each mapping file names it.
PUBLIC_DATA_DIR = Path(env.str("PUBLIC_DATA_DIR", default=str(BASE_DIR / "data")))
# --- Public reports and live statistics ------------------------------------------------------
# Reports are computed from a pinned open-data snapshot and stored with their PDF and CSV files
# under REPORTS_ROOT. Scopes: "own" (this body's cases) and/or agency slugs (imported agencies).
INSTALLED_APPS += ["reports"]
REPORTS = {
    "ROOT": Path(env.str("REPORTS_ROOT", default=str(BASE_DIR / "public-reports"))),
    "SUPPRESSION_THRESHOLD": env.int("REPORT_SUPPRESSION_THRESHOLD", default=5),
    "DAY_BOUNDS": [int(d) for d in env.list("REPORT_DAY_BOUNDS", default=["90", "180", "365"])],
    "SCOPES": env.list("REPORT_SCOPES", default=["own"]),
    "FEEDBACK_PER_HOUR": env.int("REPORT_FEEDBACK_PER_HOUR", default=5),
    "SUBSCRIBE_PER_HOUR": env.int("REPORT_SUBSCRIBE_PER_HOUR", default=5),
}
CELERY_BEAT_SCHEDULE["reports-monthly"] = {
    "task": "reports.tasks.generate_scheduled_reports", "args": ("monthly",),
    "schedule": crontab(minute=30, hour=4, day_of_month=env.int("REPORT_MONTHLY_DAY", default=1)),
}
CELERY_BEAT_SCHEDULE["reports-quarterly"] = {
    "task": "reports.tasks.generate_scheduled_reports", "args": ("quarterly",),
    "schedule": crontab(minute=45, hour=4, day_of_month=env.int("REPORT_QUARTERLY_DAY", default=15),
                        month_of_year="1,4,7,10"),
}
CELERY_BEAT_SCHEDULE["reports-annual"] = {
    "task": "reports.tasks.generate_scheduled_reports", "args": ("annual",),
    "schedule": crontab(minute=0, hour=5, day_of_month=env.int("REPORT_ANNUAL_DAY", default=31),
                        month_of_year=env.int("REPORT_ANNUAL_MONTH", default=1)),
}
LOGGING["loggers"]["weasyprint"] = {"level": "WARNING"}
LOGGING["loggers"]["fontTools"] = {"level": "WARNING"}
# --- Mail and the worker: every outside call has a timeout, every task a time limit ---------
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)  # seconds for each SMTP operation
# Queued e-mails still waiting after this many minutes are shown on the staff dashboard.
OUTBOX_LATE_MINUTES = env.int("OUTBOX_LATE_MINUTES", default=60)
# A task past its soft limit is interrupted (and can clean up); past the hard limit its process
# is replaced. Deliveries have their own, shorter limits (portal/tasks.py).
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=1800)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=1860)
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Health: /healthz says the process answers; /readyz checks each part (portal/health.py).
# The worker stamps a heartbeat every minute; older than this many seconds, it counts as down.
CELERY_BEAT_SCHEDULE["worker-heartbeat"] = {"task": "portal.tasks.worker_heartbeat", "schedule": 60.0}
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=300)
# Parts whose failure makes /readyz answer 503 (database, redis, worker, outbox).
READYZ_REQUIRED = env.list("READYZ_REQUIRED", default=["database", "redis", "worker"])
# --- Content-Security-Policy (django-csp) ------------------------------------------------------
# Every page: scripts, styles, images and fonts from the portal's own origin only; no inline
# script anywhere. An inline <style> is allowed only with the request's nonce (the closing
# letter); the API docs page relaxes styles for itself (see misconduct_records/api_docs_urls.py).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Anonymous public pages cached whole, under a version of the record that publishing, importing
# and correcting bump (misconduct_records/page_cache.py); lists' filter choices and counts are
# cached per version too. Entries expire after PUBLIC_PAGE_CACHE_SECONDS whatever happens;
# proxies and browsers may reuse a page for PUBLIC_PAGE_MAX_AGE seconds.
PUBLIC_PAGE_CACHE = env.bool("PUBLIC_PAGE_CACHE", default=True)
PUBLIC_FRAGMENT_CACHE = env.bool("PUBLIC_FRAGMENT_CACHE", default=True)
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
PUBLIC_PAGE_MAX_AGE = env.int("PUBLIC_PAGE_MAX_AGE", default=30)
# --- Policy oversight: recommendations, the department's responses, tracker, meetings -------
INSTALLED_APPS += ["policy"]
POLICY = {
    # Days the department has to respond to a published recommendation, and how many days
    # before that the reminder goes to REMINDER_RECIPIENTS (comma-separated e-mail addresses).
    "RESPONSE_DAYS": env.int("POLICY_RESPONSE_DAYS", default=60),
    "REMINDER_DAYS_BEFORE": env.int("POLICY_REMINDER_DAYS_BEFORE", default=14),
    "REMINDER_RECIPIENTS": env.list("POLICY_REMINDER_RECIPIENTS", default=[]),
    "COMMENTS_PER_HOUR": env.int("POLICY_COMMENTS_PER_HOUR", default=5),
}
CELERY_BEAT_SCHEDULE["policy-response-deadlines"] = {
    "task": "policy.tasks.check_response_deadlines",
    "schedule": crontab(hour=6, minute=30),
}
