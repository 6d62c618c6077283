"""Jo jumps to page 4,000 of the allegations list: the page starts from a position remembered
for the list's order and filter, and shows exactly the rows the page would show by skipping
from the first row, in every order, with ties, missing dates and filters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from misconduct_records.models import PublicAllegation, PublicCase
from misconduct_records.page_cache import record_version_bump
from misconduct_records.services import allegation_case_dates_refresh
from misconduct_records.views import _keyset, _paging
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db
LIST = reverse("records:allegation_list")
ORDERS = ["", "received", "-received", "incident", "-incident", "category", "-category"]


@pytest.fixture
def long_list(officer, settings, monkeypatch):
    """83 allegations: three days received, some without an incident date, two categories; a page
    of 4 rows, a position remembered every 7 rows, from the first page on."""
    settings.PUBLIC_FRAGMENT_CACHE = True
    monkeypatch.setattr(_paging, "PAGE_SIZE", 4)
    monkeypatch.setattr(_paging, "EDGE_EVERY", 7)
    monkeypatch.setattr(_paging, "DEEP", 0)
    rows = add_history(officer, 83)
    for i, row in enumerate(rows):
        PublicCase.objects.filter(pk=row.case_id).update(
            received_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 3),
            incident_on=datetime.date(2019, 12, 1) + datetime.timedelta(days=i % 4) if i % 5 else None)
    allegation_case_dates_refresh()
    return rows


@pytest.fixture
def resumed(monkeypatch):
    """How many pages started from a remembered position."""
    calls = []
    real = _paging.rows_after
    monkeypatch.setattr(_paging, "rows_after", lambda *args: calls.append(args) or real(*args))
    return calls


def _pages(client, params) -> list[list[int]]:
    first = client.get(LIST, params).context["page"]
    return [[a.pk for a in client.get(LIST, {**params, "page": n}).context["page"]]
            for n in first.paginator.page_range]


def _by_offset(client, params, monkeypatch) -> list[list[int]]:
    with monkeypatch.context() as patch:
        patch.setattr(_paging, "DEEP", 10 ** 9)
        return _pages(client, params)


@pytest.mark.parametrize("sort", ORDERS)
def test_every_page_from_a_remembered_position_is_the_page_an_offset_shows(
        journalist, long_list, monkeypatch, sort):
    params = {"sort": sort} if sort else {}
    expected = _by_offset(journalist, params, monkeypatch)
    assert sorted(pk for page in expected for pk in page) == sorted(a.pk for a in long_list)
    assert _pages(journalist, params) == expected


def test_a_filtered_list_remembers_its_own_positions(journalist, long_list, monkeypatch, resumed):
    for params in [{"family": "force"}, {"received_from": "2020-01-02"}, {"family": "force", "sort": "-incident"}]:
        assert _pages(journalist, params) == _by_offset(journalist, params, monkeypatch)
    filtered = journalist.get(LIST, {"family": "force", "page": 6}).context["page"]
    assert {a.category.family for a in filtered} == {"force"}


def test_positions_are_used_for_the_orders_whose_missing_values_sort_first(journalist, long_list, resumed):
    """Missing incident dates sort first ascending on SQLite, descending on PostgreSQL; the
    category's name and the received date are never missing, and the category's order is the
    joined row's name."""
    _pages(journalist, {"sort": "category"})
    assert resumed, "no page of a long list started from a remembered position"
    assert {args[0] for args in resumed} == {("category__name", "id")}
    resumed.clear()
    _pages(journalist, {})  # newest received first: missing dates first only on PostgreSQL
    assert bool(resumed) is connection.features.nulls_order_largest


def test_a_change_to_the_record_forgets_the_positions(journalist, long_list, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    before = _pages(journalist, {"sort": "category"})
    with django_capture_on_commit_callbacks(execute=True):
        PublicAllegation.objects.filter(pk=long_list[0].pk).delete()
        record_version_bump()
    after = _pages(journalist, {"sort": "category"})
    assert sum(map(len, after)) == sum(map(len, before)) - 1
    assert after == _by_offset(journalist, {"sort": "category"}, monkeypatch)


def test_without_the_fragment_cache_pages_skip_from_the_first_row(journalist, long_list, settings, resumed):
    settings.PUBLIC_FRAGMENT_CACHE = False
    assert journalist.get(LIST, {"sort": "category", "page": 9}).status_code == 200
    assert not resumed


@pytest.mark.parametrize(("ordering", "resumable"), [
    (("category__name", "id"), True),
    (("-category__name", "-id"), True),
    (("category", "id"), False),  # a related row sorts by its own order, not by its id
    (("case_received_on",), False),  # not ending on the id: ties would be skipped or repeated
    (("-case__public_id", "id"), True),
    (("no_such_column", "id"), False),
])
def test_which_orders_a_position_can_stand_for(ordering, resumable):
    assert _paging._resumable(PublicAllegation.objects.all(), ordering) is resumable


def test_the_api_and_the_pages_compare_positions_the_same_way():
    assert _paging.rows_after is _keyset.rows_after


def test_the_total_and_the_positions_are_found_once_for_every_language(journalist, long_list):
    params = {"sort": "category", "page": 9}
    english = [a.pk for a in journalist.get(LIST, params).context["page"]]
    with CaptureQueriesContext(connection) as queries:
        spanish = [a.pk for a in journalist.get(f"/es{LIST}", params).context["page"]]
    assert spanish == english
    found_again = [q["sql"] for q in queries if "COUNT(" in q["sql"] or "ROW_NUMBER" in q["sql"].upper()]
    assert found_again == []


def test_parameters_no_filter_reads_do_not_make_the_positions_found_again(journalist, long_list):
    journalist.get(LIST, {"sort": "category", "page": 9})
    for junk in ({"utm_source": "feed"}, {"nonsense": "1", "page": 9}, {"sort": "category", "x": "y"}):
        with CaptureQueriesContext(connection) as queries:
            journalist.get(LIST, {"sort": "category", "page": 9, **junk})
        assert not [q for q in queries if "ROW_NUMBER" in q["sql"].upper()], junk
