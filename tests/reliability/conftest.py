"""A small public record with every kind of row, for the crawling suites."""

import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

from misconduct_records.models import Assignment, Command
from tests.factories import OfficerFactory
from tests.misconduct_records.conftest import add_history
from tests.publishing import publish_ritas_case


@pytest.fixture(autouse=True)
def _own_cache(settings, monkeypatch):
    """Throttle counters in a local cache of this suite's own (never a shared Redis), and the
    API throttle raised for the run: the suites measure answers, not 429s."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "reliability-tests"}}
    # DRF reads the rates into a class attribute at import time; raise them where they live.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute"})
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_record(district, officer, intake_officer, investigator, board_chair):
    """Rita's published case, an officer with a long history, and one with none."""
    case = publish_ritas_case(district=district, officer=officer, intake_officer=intake_officer,
                              investigator=investigator, board_chair=board_chair,
                              category_code="physical-force", finding="sustained",
                              discipline="written_reprimand")
    veteran = OfficerFactory(agency=district.agency, district=district, first_name="Ana",
                             last_name="O'Brien-Núñez", badge_number="777")
    add_history(veteran, 12, district=district)
    OfficerFactory(agency=district.agency, district=district, first_name="Lee", last_name="Quiet")
    command = Command.objects.create(agency=district.agency, code="YVSF", name="Youth Violence Strike Force")
    Assignment.objects.create(officer=veteran, command=command, district=district, rank="Sergeant",
                              started_on=datetime.date(2015, 1, 1))
    return {"case": case, "officer": officer, "veteran": veteran}


SUITES = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Mark the tests of this folder (this hook sees every collected test, not only ours)."""
    for item in items:
        if SUITES in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.reliability)
