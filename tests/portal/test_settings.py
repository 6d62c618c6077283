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
