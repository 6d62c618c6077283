"""Builders for the public record's tests: a record with several agencies, long histories."""

import datetime

import pytest
from django.core.cache import cache

from misconduct_records.models import (
    Command,
    PublicAllegation,
    PublicCase,
    Source,
)
from misconduct_records.services import officer_counts_refresh, source_this_board
from misconduct_records.vocabulary import CaseStatus, Discipline, Finding
from tests.factories import AgencyFactory, DistrictFactory, OfficerFactory, category


@pytest.fixture(autouse=True)
def _fresh_throttle(settings):
    """API rate-limit counters live in the cache: each test gets its own empty local cache
    (never flushing a shared Redis, which may also hold the Celery broker's keys)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "public-record-tests"}}
    cache.clear()
    yield
    cache.clear()


def add_case(*, agency, district=None, received_on=datetime.date(2024, 3, 1), source=None,
             **fields) -> PublicCase:
    return PublicCase.objects.create(
        agency=agency, district=district, received_on=received_on, status=CaseStatus.CLOSED,
        source=source or source_this_board(), published_at=datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC),
        closed_on=received_on + datetime.timedelta(days=90), **fields)


def add_history(officer, count: int, *, sustained_every: int = 3, district=None) -> list[PublicAllegation]:
    """`count` allegations against `officer`, one case each, one in `sustained_every` sustained
    (none when 0); even rows are discourtesy, odd rows physical force. Like the services, it
    gives each allegation its case's dates."""
    source = source_this_board()
    cases = PublicCase.objects.bulk_create(
        PublicCase(agency_id=officer.agency_id, district=district or officer.district,
                   received_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=7 * i),
                   status=CaseStatus.CLOSED, source=source,
                   published_at=datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC))
        for i in range(count))
    force, discourtesy = category("physical-force"), category("discourtesy")
    rows = PublicAllegation.objects.bulk_create(
        PublicAllegation(
            case=case, officer=officer, category=force if i % 2 else discourtesy,
            finding=Finding.SUSTAINED if sustained_every and i % sustained_every == 0 else Finding.NOT_SUSTAINED,
            recommended_finding=Finding.SUSTAINED,
            discipline_recommended=Discipline.SUSPENSION if sustained_every and i % sustained_every == 0 else "",
            discipline_imposed=Discipline.WRITTEN_REPRIMAND if sustained_every and i % sustained_every == 0 else "",
            rank_at_incident="Police Officer", source=source, case_received_on=case.received_on,
            case_district_id=case.district_id)
        for i, case in enumerate(cases))
    officer_counts_refresh(officer_ids=[officer.pk])
    officer.refresh_from_db()
    return rows


@pytest.fixture
def other_agency(db):
    return AgencyFactory(slug="springfield-pd", name="Springfield Police Department",
                         city="Springfield")


@pytest.fixture
def imported_source(db):
    return Source.objects.create(
        name="Example city complaints", slug="example-city", publisher="Example Data Project",
        licence="CC BY 4.0", licence_url="https://creativecommons.org/licenses/by/4.0/",
        citation="Example Data Project, complaints 2000–2018.",
        data_current_through=datetime.date(2018, 3, 31),
        coverage="Complaints received 2000–2018.", exclusions="Cases still open in 2018.")


@pytest.fixture
def unit(agency):
    return Command.objects.create(agency=agency, code="YVSF", name="Youth Violence Strike Force")


@pytest.fixture
def roster(agency, district, officer, other_agency):
    """Daniel Kowalski (B-2) and colleagues in two agencies."""
    colleagues = [
        OfficerFactory(agency=agency, district=district, first_name="Maria", last_name="Santos",
                       badge_number="20001", rank="Sergeant", is_active=True),
        OfficerFactory(agency=agency, district=DistrictFactory(agency=agency, code="C-11",
                                                               name="Dorchester"),
                       first_name="Kevin", last_name="Walsh", badge_number="20002", is_active=False),
        OfficerFactory(agency=other_agency, first_name="Daniela", last_name="Kowalczyk",
                       badge_number="777", is_active=True),
    ]
    return [officer, *colleagues]
