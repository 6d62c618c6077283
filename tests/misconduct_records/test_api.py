"""Jo's scripts read the open API: same filters as the pages, cursor pages, a published schema."""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from tests.misconduct_records.conftest import add_case, add_history
from tests.misconduct_records.openapi import assert_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(journalist):
    response = journalist.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_describes_every_endpoint_and_the_shared_filters(schema):
    assert {"/api/v1/officers/", "/api/v1/officers/{public_id}/", "/api/v1/allegations/",
            "/api/v1/cases/", "/api/v1/cases/{public_id}/", "/api/v1/districts/",
            "/api/v1/sources/"} <= set(schema["paths"])
    officer_params = {p["name"] for p in schema["paths"]["/api/v1/officers/"]["get"]["parameters"]}
    assert {"q", "agency", "district", "command", "rank", "active", "has_sustained", "category",
            "cursor"} <= officer_params


def test_docs_are_served_without_any_external_cdn(journalist):
    html = journalist.get("/api/docs/swagger/").content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html


def test_every_endpoint_answers_what_its_schema_says(journalist, schema, roster, district,
                                                     imported_source):
    kowalski = roster[0]
    add_history(kowalski, 3)
    case = add_case(agency=kowalski.agency, district=district)
    for path, url in [
        ("/api/v1/officers/", "/api/v1/officers/"),
        ("/api/v1/officers/{public_id}/", f"/api/v1/officers/{kowalski.public_id}/"),
        ("/api/v1/allegations/", "/api/v1/allegations/"),
        ("/api/v1/cases/", "/api/v1/cases/"),
        ("/api/v1/cases/{public_id}/", f"/api/v1/cases/{case.public_id}/"),
        ("/api/v1/districts/", "/api/v1/districts/"),
        ("/api/v1/sources/", "/api/v1/sources/"),
    ]:
        response = journalist.get(url)
        assert response.status_code == 200, url
        assert_matches(schema, path, response.json())


def test_api_uses_the_same_filters_as_the_pages(journalist, roster):
    add_history(roster[0], 4)
    body = journalist.get("/api/v1/officers/", {"q": "kowalski", "agency": "boston-pd"}).json()
    assert [o["last_name"] for o in body["results"]] == ["Kowalski"]
    body = journalist.get("/api/v1/officers/", {"agency": "springfield-pd"}).json()
    assert [o["last_name"] for o in body["results"]] == ["Kowalczyk"]
    body = journalist.get("/api/v1/allegations/", {"finding": "sustained"}).json()
    assert len(body["results"]) == 2 and {a["finding"] for a in body["results"]} == {"sustained"}


def test_cursor_pagination_walks_every_row_once(journalist, officer):
    add_history(officer, 25)
    seen, url = [], "/api/v1/allegations/?page_size=10"
    while url:
        body = journalist.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 25


def test_officer_list_can_be_sorted_by_allegations(journalist, roster):
    add_history(roster[1], 3)
    add_history(roster[0], 1)
    body = journalist.get("/api/v1/officers/", {"sort": "-allegations", "page_size": 2}).json()
    assert [o["last_name"] for o in body["results"]] == ["Santos", "Kowalski"]
    assert body["next"]


def test_existing_officer_fields_keep_working(journalist, officer):
    add_history(officer, 1)
    body = journalist.get(reverse("api:officer_detail", args=[officer.public_id])).json()
    assert {"id", "first_name", "last_name", "badge_number", "rank", "agency", "district",
            "allegations"} <= set(body)
    assert body["allegations"][0]["case"] and body["allegations"][0]["category"] == "discourtesy"


def test_anonymous_readers_are_rate_limited(journalist, officer, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    codes = [journalist.get("/api/v1/officers/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_the_api_is_read_only(journalist, officer):
    assert journalist.post("/api/v1/officers/", {}).status_code == 405
    assert journalist.delete(f"/api/v1/officers/{officer.public_id}/").status_code == 405


def test_api_lists_cost_a_fixed_number_of_queries_whatever_their_length(journalist, officer,
                                                                        django_assert_max_num_queries):
    add_history(officer, 150)
    # Allegations: one query for the rows, one per small look-up table (prefetched, not joined).
    for url, queries in [("/api/v1/officers/?active=true", 1),
                         ("/api/v1/allegations/?finding=sustained", 6), ("/api/v1/cases/", 1)]:
        with django_assert_max_num_queries(queries):
            assert journalist.get(url).status_code == 200


def test_api_root_lists_every_endpoint_and_links_the_docs(journalist):
    response = journalist.get("/api/v1/")
    assert response.status_code == 200
    links = response.json()
    assert set(links) == {"officers", "allegations", "cases", "districts", "sources", "settlements",
                          "settlement_totals", "docs", "schema", "downloads"}
    assert links["officers"] == "http://testserver/api/v1/officers/"
    assert links["docs"] == "http://testserver/api/docs/"
    for name in ("officers", "allegations", "cases", "districts", "sources", "settlements",
                 "settlement_totals"):
        assert journalist.get(links[name]).status_code == 200


def test_docs_page_describes_each_endpoint_and_its_filters_without_javascript(journalist):
    html = journalist.get("/api/docs/").content.decode()
    assert "GET /api/v1/officers/" in html and "GET /api/v1/cases/{public_id}/" in html
    assert "<code>has_sustained</code>" in html
    assert "swagger-ui" not in html and "SwaggerUIBundle" not in html
