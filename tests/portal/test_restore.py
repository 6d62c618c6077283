"""A backup restores into a fresh database with every row and an intact audit chain.

Runs the documented scripts (scripts/db-backup.sh, scripts/db-restore.sh) against the real
PostgreSQL server of .ci/run's second pass.
"""

import os
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.db import connection

from complaints.services import complaint_submit
from portal.models import AuditEvent
from tests.publishing import publish_ritas_case
from tests.slice import RITA

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = ("portal", "complaints", "review_board", "misconduct_records")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backup and restore are PostgreSQL's"),
]


def _url(name: str) -> str:
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def _fingerprints(cursor) -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row, for each table of the project's apps."""
    prints = {}
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            table = model._meta.db_table
            # Table names come from the models, never from input.
            query = f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: S608, E501
            cursor.execute(query)
            prints[table] = cursor.fetchone()
    return prints


def _run(script: str, *args: str, database_url: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHON": str(ROOT / ".venv" / "bin" / "python")}
    if not (ROOT / ".venv" / "bin" / "python").exists():
        env.pop("PYTHON")
    result = subprocess.run([str(ROOT / "scripts" / script), *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = psycopg2.connect(_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_a_backup_restores_every_row_and_an_intact_chain(
        tmp_path, restored_name, district, officer, intake_officer, investigator, board_chair):
    publish_ritas_case(district=district, officer=officer, intake_officer=intake_officer,
                       investigator=investigator, board_chair=board_chair,
                       category_code="physical-force", finding="not_sustained")
    fields = {k: v for k, v in RITA.items() if k != "occurred_on"}
    complaint_submit(agency_id=district.agency_id, district=district, language="es", **fields)
    with connection.cursor() as cursor:
        before = _fingerprints(cursor)
    assert before["complaints_complaint"][0] == 2
    assert AuditEvent.objects.count() > 10

    dump = tmp_path / "portal.dump"
    _run("db-backup.sh", str(dump), database_url=_url(connection.settings_dict["NAME"]))
    out = _run("db-restore.sh", str(dump), database_url=_url(restored_name))

    assert f"{AuditEvent.objects.count()} events verified" in out
    with psycopg2.connect(_url(restored_name)) as restored, restored.cursor() as cursor:
        after = _fingerprints(cursor)
    assert after == before
