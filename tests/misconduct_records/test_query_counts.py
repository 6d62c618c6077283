"""Every public page reads a fixed number of row sets, whatever the size of the record: the same
for an officer with two allegations as for one with hundreds, and at most ten once the record
version's filter choices, totals and aggregates are cached (production's settings)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from misconduct_records.models import PublicAllegation, PublicCase
from tests.factories import OfficerFactory
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db
WARM_LIMIT = 10


@pytest.fixture
def fragment_cache(settings):
    settings.PUBLIC_FRAGMENT_CACHE = True


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def _pages(officer, unit) -> list[str]:
    case = PublicCase.objects.filter(allegations__officer=officer).first()
    return [reverse("records:officer_list"), reverse("records:officer_list") + "?q=Kow",
            reverse("records:officer_list") + "?has_sustained=true&sort=-allegations&page=2",
            reverse("records:officer_detail", args=[officer.public_id]),
            reverse("records:officer_detail", args=[officer.public_id]) + "?finding=sustained&page=2",
            reverse("records:allegation_list"), reverse("records:allegation_list") + "?family=force",
            reverse("records:case_list"), reverse("records:case_detail", args=[case.public_id]),
            reverse("records:district_list"), reverse("records:district_detail", args=[officer.district_id]),
            reverse("records:command_detail", args=[unit.pk]),
            "/api/v1/officers/", "/api/v1/allegations/", "/api/v1/cases/",
            f"/api/v1/officers/{officer.public_id}/"]


def _cold_and_warm(client, pages) -> list[tuple[int, int]]:
    from misconduct_records.page_cache import INTAKE_KEY, VERSION_KEY, _bump

    _bump(VERSION_KEY)  # a new record version: nothing cached yet
    _bump(INTAKE_KEY)
    return [(_queries(client, url), _queries(client, url)) for url in pages]


def test_public_pages_cost_the_same_queries_for_a_short_and_a_long_history(
        journalist, officer, unit, fragment_cache):
    add_history(officer, 2)  # one discourtesy, one physical force
    PublicAllegation.objects.update(command_at_incident=unit)
    pages = _pages(officer, unit)
    small = _cold_and_warm(journalist, pages)
    add_history(officer, 300)
    for _ in range(30):
        add_history(OfficerFactory(agency=officer.agency, district=officer.district), 3)
    PublicAllegation.objects.update(command_at_incident=unit)
    large = _cold_and_warm(journalist, pages)
    assert large == small, list(zip(pages, small, large, strict=True))
    over = [(url, warm) for url, (_cold, warm) in zip(pages, large, strict=True) if warm > WARM_LIMIT]
    assert not over, over
