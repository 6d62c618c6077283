"""Personas and shared fixtures.

Rita is a resident who files a complaint. Ines does intake, Ivan investigates, Carmen chairs
the board, Bea sits on it, Eli edits the public record. Jo is a journalist: anonymous, with no
account. Nobody but staff may see Rita's name.
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.test import Client

from portal.roles import Role
from tests.factories import AgencyFactory, DistrictFactory, OfficerFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


# What this session collected, selected or not: (file, marked `browser`) for each test.
COLLECTED = pytest.StashKey[list[tuple[Path, bool]]]()


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Skip the worker's tests without one; note every test collected once the folders' hooks
    have marked them (tests/portal/test_markers.py reads the note instead of collecting again)."""
    collected = list(items)  # `-m` and `-k` remove items from this list; the note keeps them all
    result = yield
    config.stash[COLLECTED] = [(Path(item.path), item.get_closest_marker("browser") is not None)
                               for item in collected]
    if os.environ.get("PORTAL_TEST_WORKER") != "1":
        skip = pytest.mark.skip(reason="needs Redis and a running Celery worker (.ci/run's second pass)")
        for item in items:
            if "worker" in item.keywords:
                item.add_marker(skip)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After every test that used the database, every allegation still carries its case's dates.

    The public lists sort and filter on these copies; whatever path a test wrote the record
    through (a service, the importer, a command, a test's own builder), one that forgot to copy
    the dates fails the test that took it. Runs inside the test's transaction, before rollback.
    """
    result = yield
    if item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(getattr(item, "fixturenames", ())):
        from django.db import DatabaseError

        from misconduct_records.selectors import allegations_with_stale_case_dates

        try:
            stale = allegations_with_stale_case_dates()
        except DatabaseError:  # the test left its transaction unusable on purpose
            return result
        assert not stale, (f"allegations {stale} do not carry their case's dates: the path that wrote "
                           "them must call services.allegation_case_dates_refresh")
    return result


def _seed_reference_data():
    """The rows the migrations seed: taxonomy, import categories, roles, policy measures."""
    from django.apps import apps

    for module in ("misconduct_records.migrations.0002_seed_taxonomy",
                   "misconduct_records.migrations.0005_seed_import_categories",
                   "portal.migrations.0002_roles", "policy.migrations.0002_seed_measures"):
        seed = importlib.import_module(module)
        seed.seed(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """`--no-migrations` (make test-fast) builds the tables from the models, which skips the
    migrations' seeds: add them once. Every other run migrates, seeds included."""
    if request.config.getoption("nomigrations"):
        with django_db_blocker.unblock():
            _seed_reference_data()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /es/ leaves Spanish active in the thread, and `reverse` then writes /es/ URLs:
    each test starts and ends in the default language, whichever test ran before it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush the tables that migrations seeded; put the seeds back."""
    marker = request.node.get_closest_marker("django_db")
    if not marker or not (marker.kwargs.get("transaction") or "live_server" in request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    _seed_reference_data()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
    }


@pytest.fixture
def agency(db):
    return AgencyFactory()


@pytest.fixture
def district(agency):
    return DistrictFactory(agency=agency, code="B-2", name="Roxbury")


@pytest.fixture
def officer(agency, district):
    return OfficerFactory(agency=agency, district=district, first_name="Daniel",
                          last_name="Kowalski", badge_number="10442")


def _persona(username, role):
    return UserFactory(username=username, roles=[role])


@pytest.fixture
def intake_officer(db):
    return _persona("ines", Role.INTAKE)


@pytest.fixture
def investigator(db):
    return _persona("ivan", Role.INVESTIGATOR)


@pytest.fixture
def board_chair(db):
    return _persona("carmen", Role.BOARD_CHAIR)


@pytest.fixture
def board_member(db):
    return _persona("bea", Role.BOARD_MEMBER)


@pytest.fixture
def records_editor(db):
    return _persona("eli", Role.RECORDS_EDITOR)


@pytest.fixture
def journalist():
    """Jo has no account: an anonymous client."""
    return Client()


@pytest.fixture
def client_for():
    """A client signed in as `user`."""
    def make(user):
        client = Client()
        client.force_login(user)
        return client
    return make


@pytest.fixture
def real_worker():
    """Send tasks to the real Celery worker over Redis instead of running them in-process."""
    from portal.celery import app as celery_app

    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True



@pytest.fixture
def console_log():
    """What the configured console handler (root, django.request, django.server) writes."""
    import io
    import logging

    from portal.log_redaction import RedactSecrets

    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, RedactSecrets) for f in h.filters))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)
