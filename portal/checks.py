"""Production refuses to start with a laptop's stand-ins: each missing service or key is an
error naming the setting to fix. Run by `manage.py check`/`migrate`, by gunicorn's start
(portal/wsgi.py) and by the Celery worker's and beat's start (portal/celery.py)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

TAG = "portal"
LAPTOP_MAIL = ("console", "locmem", "dummy", "filebased")


def _production() -> bool:
    return getattr(settings, "PORTAL_ENVIRONMENT", "") == "production"


def _mail_errors() -> list[Error]:
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2] if "." in settings.EMAIL_BACKEND else ""
    if backend in LAPTOP_MAIL:
        return [Error(f"EMAIL_URL: production would send mail to the {backend} backend, not to "
                      "residents.", hint="Set EMAIL_URL to the SMTP server, e.g. "
                      "smtp+tls://user:password@mail.example.org:587", id="portal.E001")]
    return []


def _service_errors() -> list[Error]:
    errors = []
    if not settings.REDIS_URL:
        errors.append(Error("REDIS_URL is not set: production needs Redis for the task queue, the "
                            "worker and the shared rate-limit counters.", id="portal.E002"))
    if not [key for key in settings.FIELD_ENCRYPTION_KEYS if key.strip()]:
        errors.append(Error("FIELD_ENCRYPTION_KEYS is empty: nothing personal can be stored.",
                            hint="python -c 'from cryptography.fernet import Fernet; "
                                 "print(Fernet.generate_key().decode())'", id="portal.E003"))
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(Error("DATABASE_URL is not set: production needs PostgreSQL, not SQLite.",
                            id="portal.E004"))
    if not settings.PORTAL.get("SITE_URL", "").startswith("https://"):
        errors.append(Error("PORTAL_SITE_URL must be the portal's https:// address (links in "
                            "e-mails use it).", id="portal.E005"))
    return errors


def _key_errors() -> list[Error]:
    from portal.encryption import field_cipher

    try:
        field_cipher()
    except ImproperlyConfigured as exc:
        return [Error(f"FIELD_ENCRYPTION_KEYS: {exc}", id="portal.E006")]
    return []


@register(TAG)
def production_services(app_configs=None, **kwargs):
    """Errors for every production service or key that is missing."""
    if not _production():
        return []
    messages: list[CheckMessage] = [*_mail_errors(), *_service_errors()]
    if not any(m.id == "portal.E003" for m in messages):
        messages += _key_errors()
    if settings.TRUSTED_PROXY_COUNT == 0 and settings.SECURE_PROXY_SSL_HEADER:
        messages.append(Warning("TRUSTED_PROXY_COUNT is 0 behind a TLS proxy: every limit would "
                                "count the proxy's address.", id="portal.W001"))
    return messages


@register(Tags.compatibility)
def board_settings(app_configs=None, **kwargs):
    errors = []
    if settings.REVIEW_BOARD["VOTING_RULE"] not in ("majority", "unanimity"):
        errors.append(Error("BOARD_VOTING_RULE must be majority or unanimity.", id="portal.E010"))
    if Path(settings.PUBLIC_DATA_ROOT).resolve() == Path(settings.PUBLIC_DATA_DIR).resolve():
        errors.append(Error("PUBLIC_DATA_ROOT (snapshots) and PUBLIC_DATA_DIR (data sets to import) "
                            "must be different folders.", id="portal.E011"))
    return errors


def refuse_to_start_if_misconfigured() -> None:
    """Raise ImproperlyConfigured listing every production error (for gunicorn and Celery)."""
    from django.core.checks import ERROR, run_checks

    errors = [m for m in run_checks(tags=[TAG]) if m.level >= ERROR]
    if errors:
        raise ImproperlyConfigured("\n".join(f"{m.id}: {m.msg}" for m in errors))
