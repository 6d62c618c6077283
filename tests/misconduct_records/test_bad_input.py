"""Whatever Jo types into a filter, a page shows a message and the API answers 400, never 500.

Every filter of every public FilterSet (and the board's case filter) gets numbers out of range,
dates, unicode, null bytes, very long values and repeated values, from Hypothesis.
"""

import base64

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from misconduct_records.filters import AllegationFilter, CaseFilter, DistrictFilter, OfficerFilter
from review_board.filters import CaseFilter as BoardCaseFilter

pytestmark = pytest.mark.django_db

BAD_YEARS = ["0", "-1", "10000", "1e16", "2024.5", "NaN", "Infinity", "99999999999999999999", "x"]
PAGES = ["/allegations/", "/cases/"]
API = ["/api/v1/allegations/", "/api/v1/cases/"]


@pytest.fixture
def officer_page(officer):
    return f"/officers/{officer.public_id}/"


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_year_out_of_range_is_explained_on_the_pages(journalist, officer_page, year):
    for url in [*PAGES, officer_page]:
        response = journalist.get(url, {"year": year})
        assert response.status_code == 200, url  # the page, with the message by the field
        assert "Enter a year between 1900 and 2100" in response.content.decode(), url


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_year_out_of_range_is_a_400_on_the_api(journalist, year):
    for url in API:
        response = journalist.get(url, {"year": year})
        assert response.status_code == 400, url
        assert "year" in response.json()


def test_a_good_year_still_filters(journalist):
    assert journalist.get("/allegations/", {"year": "2024"}).status_code == 200
    assert journalist.get("/api/v1/cases/", {"year": "2024"}).status_code == 200


@pytest.mark.parametrize("cursor", ["garbage", "%%%", base64.b64encode(b"p=not-a-date&o=1").decode(),
                                    base64.b64encode(b"o=-5&p=x").decode(),
                                    base64.b64encode(b"r=1&o=99999999999999999999").decode(),
                                    base64.b64encode(b"p=\x00").decode()])
def test_a_malformed_cursor_is_a_400(journalist, officer, cursor):
    for url in ["/api/v1/officers/", "/api/v1/allegations/", "/api/v1/cases/"]:
        response = journalist.get(url, {"cursor": cursor, "sort": "-received"})
        assert response.status_code == 400, (url, response.content[:200])
        assert response["Content-Type"].startswith("application/json")


_VALUES = st.one_of(
    st.integers(min_value=-(10 ** 20), max_value=10 ** 20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "0", "-1", "1e16", "true", "null", "2024-13-45", "\x00", "é" * 300,
                     "a" * 5000, "' OR 1=1 --", "../../etc/passwd", "%00", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]),
    st.text(max_size=50),
)


def _params(filterset_class, extra=("page", "sort", "page_size", "cursor")):
    names = sorted(set(filterset_class.base_filters) | set(extra))
    return st.dictionaries(st.sampled_from(names), st.lists(_VALUES, min_size=1, max_size=3),
                           max_size=4)


FUZZED = [("/officers/", OfficerFilter), ("/allegations/", AllegationFilter),
          ("/cases/", CaseFilter), ("/districts/", DistrictFilter),
          ("/api/v1/officers/", OfficerFilter), ("/api/v1/allegations/", AllegationFilter),
          ("/api/v1/cases/", CaseFilter), ("/api/v1/districts/", DistrictFilter)]


@pytest.mark.parametrize(("url", "filterset_class"), FUZZED, ids=[u for u, _ in FUZZED])
def test_no_filter_value_gives_a_server_error(url, filterset_class, officer):
    client = Client(raise_request_exception=False)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params=_params(filterset_class))
    def check(params):
        response = client.get(url, params)
        assert response.status_code in (200, 400), (params, response.status_code)

    check()


def test_the_board_case_filter_refuses_bad_values_without_an_error(client_for, intake_officer):
    client = client_for(intake_officer)
    names = sorted(BoardCaseFilter.base_filters)

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params=st.dictionaries(st.sampled_from(names), _VALUES, max_size=3))
    def check(params):
        for url in ("/board/", "/board/cases.csv"):
            assert client.get(url, params).status_code in (200, 400), params

    check()
