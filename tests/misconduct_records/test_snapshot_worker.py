"""Runs only on .ci/run's second pass: the nightly snapshot built by a real Celery worker."""

import json
import shutil
import time

import pytest
from django.conf import settings
from django.utils import timezone

from misconduct_records.tasks import public_record_snapshot
from tests.misconduct_records.conftest import add_history

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_builds_the_nightly_snapshot(real_worker, officer):
    add_history(officer, 3)
    folder = settings.PUBLIC_DATA_ROOT / timezone.localdate().isoformat()
    shutil.rmtree(folder, ignore_errors=True)
    public_record_snapshot.delay()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (folder / "manifest.json").is_file():
        time.sleep(0.5)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["covers"] == timezone.localdate().isoformat()
    assert (folder / "allegations.csv").read_text().count("\n") == 4  # header + 3 rows
