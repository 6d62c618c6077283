"""Jo pages through a city's officers on the page and with a script on the API: every officer
once, in the order asked for, however many share a surname or a count, and a search lists the
best match first and is counted by the query that ranks it."""

import base64
import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from misconduct_records.models import Officer
from misconduct_records.selectors import OFFICER_SORTS, officer_search, officers_public
from misconduct_records.serializers import OfficerSerializer, officer_row
from misconduct_records.views import _paging
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db
LIST = reverse("records:officer_list")
API = "/api/v1/officers/"


@pytest.fixture
def crowd(agency, district, unit, imported_source):
    """Twenty-four officers: many Smiths, many with the same counts, some without a first name."""
    officers = []
    for n in range(24):
        officer = OfficerFactory(
            agency=agency, district=district if n % 3 else None, command=unit if n % 2 else None,
            first_name="" if n % 7 == 0 else ["Ana", "Luis", "Mei"][n % 3],
            last_name="Smith" if n % 2 else ["Novak", "Okafor", "Álvarez"][n % 3],
            badge_number=str(30000 + n), is_active=None if n % 5 == 0 else n % 4 != 0,
            appointed_on=datetime.date(2001, 1 + n % 12, 1) if n % 3 else None,
            birth_year=1970 + n if n % 2 else None, source=imported_source if n % 2 else None)
        officers.append(officer)
    for n, officer in enumerate(officers):
        Officer.objects.filter(pk=officer.pk).update(allegation_total=n % 3 * 1000 + n % 2,
                                                     sustained_total=n % 2)
    return officers


def _walk(client, url, params) -> list[dict]:
    seen, body = [], client.get(url, params).json()
    while True:
        seen += body["results"]
        if not body["next"]:
            return seen
        body = client.get(body["next"]).json()


def _expected(sort: str) -> list[str]:
    return list(Officer.objects.order_by(*OFFICER_SORTS[sort]).values_list("public_id", flat=True))


@pytest.mark.parametrize("sort", sorted(OFFICER_SORTS))
def test_the_api_walks_every_officer_once_in_the_order_of_each_sort(journalist, crowd, sort):
    seen = [row["id"] for row in _walk(journalist, API, {"sort": sort, "page_size": 5})]
    assert seen == _expected(sort)


def test_the_api_walks_back_with_previous_links(journalist, crowd):
    pages, body = [], journalist.get(API, {"page_size": 5}).json()
    while body["next"]:
        pages.append([row["id"] for row in body["results"]])
        body = journalist.get(body["next"]).json()
    pages.append([row["id"] for row in body["results"]])
    back = []
    while body["previous"]:
        body = journalist.get(body["previous"]).json()
        back.insert(0, [row["id"] for row in body["results"]])
    assert back == pages[:-1]


def test_the_default_order_is_the_pages_order_and_many_smiths_do_not_stop_the_walk(journalist, crowd):
    html_order = [o.public_id for o in journalist.get(LIST).context["page"]]
    api_order = [row["id"] for row in _walk(journalist, API, {"page_size": 3})]
    assert api_order[:len(html_order)] == html_order == _expected("name")


def test_an_api_row_is_what_the_officer_serializer_says(journalist, crowd):
    rows = _walk(journalist, API, {"page_size": 7})
    by_id = {o.public_id: o for o in officers_public().select_related("source")}
    assert rows == [dict(OfficerSerializer(by_id[row["id"]]).data) for row in rows]
    assert {row["district"] for row in rows} >= {None} and {row["appointed_on"] for row in rows} >= {None}
    assert officer_row  # the API's list uses it, not the serializer


def _cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize("payload", [
    {"p": ["Smith", "Ana"]},  # another ordering's position
    {"p": ["Smith", "Ana", "7"]},  # text for the id
    {"p": ["Smith", "Ana", 2 ** 70]},
    {"p": ["Smith\x00", "Ana", 7]},
    {"p": ["Smith", "Ana", True]},
    {"p": ["Smith", "Ana", 7], "r": 2},
    {"p": ["Smith", "Ana", 7], "o": 1},
    ["Smith", "Ana", 7],
])
def test_a_cursor_the_api_did_not_write_is_a_400(journalist, crowd, payload):
    response = journalist.get(API, {"cursor": _cursor(payload)})
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")


def test_a_cursor_of_another_sort_is_a_400_not_a_wrong_page(journalist, crowd):
    by_count = journalist.get(API, {"sort": "-allegations", "page_size": 5}).json()["next"]
    cursor = by_count.split("cursor=")[1].split("&")[0]
    assert journalist.get(API, {"cursor": cursor.replace("%3D", "=")}).status_code == 400


def test_a_deep_page_of_the_list_is_the_same_rows_as_an_offset(journalist, crowd, monkeypatch):
    monkeypatch.setattr(_paging, "PAGE_SIZE", 5)
    for params in [{"page": 3}, {"page": 5, "sort": "-allegations"}, {"page": 2, "has_sustained": "true"}]:
        response = journalist.get(LIST, params)
        rows = [o.public_id for o in response.context["page"]]
        everyone = journalist.get(LIST, {**params, "page": 1}).context["page"].paginator.object_list
        assert rows == [o.public_id for o in everyone][(params["page"] - 1) * 5:params["page"] * 5]


def test_list_rows_show_name_status_place_and_counts(journalist, crowd):
    html = journalist.get(LIST, {"sort": "-allegations"}).content.decode()
    first = Officer.objects.order_by(*OFFICER_SORTS["-allegations"]).first()
    link = reverse("records:officer_detail", args=[first.public_id])
    assert f'<a class="usa-link" href="{link}">{first.last_name}, {first.first_name}</a>' in html
    assert "2,001" in html and "No longer serving" in html and "Álvarez" in html
    assert f"<td>{escape(str(crowd[1].district))}</td>" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_a_search_is_ranked_and_counted_by_one_query(journalist, crowd):
    with CaptureQueriesContext(connection) as queries:
        response = journalist.get(LIST, {"q": "smith"})
    page = response.context["page"]
    assert page.paginator.count == 12 and {o.last_name for o in page} == {"Smith"}
    searched = [q["sql"] for q in queries if "search_name" in q["sql"]]
    assert len(searched) == 1 and "OVER ()" in searched[0]


def test_a_query_without_a_word_lists_everyone_without_ranking_them(journalist, crowd):
    with CaptureQueriesContext(connection) as queries:
        page = journalist.get(LIST, {"q": "!!!"}).context["page"]
    assert page.paginator.count == 24
    assert not [q for q in queries if "OVER" in q["sql"] or "search_name" in q["sql"]]


def test_a_search_past_its_last_page_shows_the_last_page(journalist, crowd, monkeypatch):
    monkeypatch.setattr(_paging, "PAGE_SIZE", 5)
    page = journalist.get(LIST, {"q": "smith", "page": 9}).context["page"]
    assert page.number == 3 and len(page) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram ranking is PostgreSQL's")
def test_the_api_lists_a_search_best_match_first_across_pages(journalist, crowd, agency):
    OfficerFactory(agency=agency, first_name="Ana", last_name="Smithson")
    rows = _walk(journalist, API, {"q": "smith ana", "page_size": 4})
    assert (rows[0]["last_name"], rows[0]["first_name"]) == ("Smith", "Ana")
    ranked = officer_search(query="smith ana").values_list("public_id", flat=True)
    assert [row["id"] for row in rows] == list(ranked) and len(rows) > 12
