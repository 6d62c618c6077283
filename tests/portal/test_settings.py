import os
import subprocess
import sys

import pytest


def _import_production(**env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env},
        capture_output=True, text=True, check=False,
    )


@pytest.mark.parametrize("secret", ["", "development-only-insecure-key-do-not-use-in-production",
                                    "short"])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = _import_production(SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = _import_production(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("broker", "cache"), [
    ("redis://127.0.0.1:6379/5", "redis://127.0.0.1:6379/6"),
    ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/1"),
    ("redis://:secret@redis.internal:6380/0", "redis://:secret@redis.internal:6380/1"),
])
def test_the_cache_never_shares_the_task_queues_redis_database(broker, cache):
    from portal.settings.base import _next_redis_database

    assert _next_redis_database(broker) == cache


GOOD_PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
    "REDIS_URL": "redis://127.0.0.1:8199/0",
    "FIELD_ENCRYPTION_KEYS": "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=",
    "DATABASE_URL": "postgres://portal:portal@127.0.0.1:5432/portal",
    "PORTAL_SITE_URL": "https://portal.example.org",
    "TRUSTED_PROXY_COUNT": "1",
}


def _run_production(code: list[str], **env):
    """Run with production settings; a None value leaves the variable unset."""
    merged = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production",
              **GOOD_PRODUCTION, **env}
    return subprocess.run([sys.executable, *code], capture_output=True, text=True, check=False,
                          env={k: v for k, v in merged.items() if v is not None})


def test_production_with_every_service_passes_its_checks():
    result = _run_production(["manage.py", "check"])
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("setting", "value", "check_id"), [
    ("EMAIL_URL", "consolemail://", "portal.E001"),
    ("EMAIL_URL", None, "portal.E001"),
    ("REDIS_URL", None, "portal.E002"),
    ("FIELD_ENCRYPTION_KEYS", "", "portal.E003"),
    ("FIELD_ENCRYPTION_KEYS", "not-a-fernet-key", "portal.E006"),
    ("DATABASE_URL", None, "portal.E004"),
    ("PORTAL_SITE_URL", None, "portal.E005"),
])
def test_production_names_each_missing_service_or_key(setting, value, check_id):
    result = _run_production(["manage.py", "check"], **{setting: value})
    assert result.returncode != 0
    assert check_id in result.stderr and setting in result.stderr


def test_gunicorn_refuses_to_load_the_application_without_redis():
    result = _run_production(["-c", "import portal.wsgi"], REDIS_URL="")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "REDIS_URL" in result.stderr


def test_the_celery_worker_refuses_to_start_without_keys():
    result = _run_production(["-c", "from portal.celery import app, _refuse_to_start_if_misconfigured;"
                                    "import django; django.setup(); _refuse_to_start_if_misconfigured()"],
                             FIELD_ENCRYPTION_KEYS="")
    assert result.returncode != 0 and "FIELD_ENCRYPTION_KEYS" in result.stderr


def test_a_mistyped_voting_rule_is_an_error_everywhere():
    result = subprocess.run([sys.executable, "manage.py", "check"], capture_output=True, text=True,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.development",
                                 "BOARD_VOTING_RULE": "majorty"}, check=False)
    assert result.returncode != 0 and "BOARD_VOTING_RULE" in result.stderr
