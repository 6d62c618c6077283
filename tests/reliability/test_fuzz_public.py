"""Hostile values in every public filter and form: a clear answer, never a server error.

The pages and forms come from crawling the public site, so a new page or a new filter is
fuzzed without anyone adding it here; the API's parameters come from its OpenAPI schema.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.crawl import crawl

pytestmark = pytest.mark.django_db

HOSTILE_WORDS = [
    "0", "-1", "10000", "1e16", "99999999999999999999", "NaN", "inf", "-0", "0x1F", "1.5", "",
    " ", "\x00", "a\x00b", "null", "[]", "{}", "../../../etc/passwd", "<script>alert(1)</script>",
    "' OR 1=1 --", "%", "_", "\\", "2026-02-30", "9999-12-31", "0000-00-00", "1900-01-01",
    "2026-13-01", "12/31/2026", "½", "١٢٣", "𝟙𝟚𝟛", "İ", "ß", "\u202e", "\ufeff", "x" * 5000,
]
VALUE = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=40),
)
QUERY_VALUE = st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3))
FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def site(public_record):
    pages, forms = crawl(Client())
    return {"pages": pages, "forms": forms}


def test_the_crawl_reaches_the_public_record(site, public_record):
    urls = {page.url.split("?")[0] for page in site["pages"]}
    assert "/officers/" in urls and "/allegations/" in urls and "/data/" in urls
    assert f"/officers/{public_record['veteran'].public_id}/" in urls
    assert not [page for page in site["pages"] if page.status >= 500]
    assert any(form.method == "get" for form in site["forms"])
    assert any(form.method == "post" for form in site["forms"])


def _assert_no_server_error(response, description):
    assert response.status_code < 500, f"{response.status_code} for {description}"


def _fuzz(strategy, send):
    """Run `send` on hostile values drawn from `strategy` (Hypothesis shrinks any failure)."""
    @FUZZ
    @given(value=strategy)
    def run(value):
        send(value)

    run()


def test_hostile_filter_values_on_every_public_get_form(site):
    forms = {(form.action.split("?")[0], tuple(sorted(form.fields))): form
             for form in site["forms"] if form.method == "get"}
    client = Client()
    for (action, names), _form in forms.items():
        params = st.dictionaries(st.sampled_from(names + ("page", "sort", "cursor")), QUERY_VALUE,
                                 min_size=1, max_size=4)
        _fuzz(params, lambda query, action=action: _assert_no_server_error(
            client.get(action, query), f"GET {action} {query!r}"))


def test_hostile_values_in_every_public_post_form(site):
    forms = {(form.action.split("?")[0], tuple(sorted(form.fields))): form
             for form in site["forms"] if form.method == "post"}
    client = Client()
    for (action, names), _form in forms.items():
        fields = [name for name in names if name != "csrfmiddlewaretoken"]
        if not fields:
            continue
        data = st.fixed_dictionaries({}, optional={name: QUERY_VALUE for name in fields})
        _fuzz(data, lambda data, action=action: _assert_no_server_error(
            client.post(action, data), f"POST {action} {data!r}"))


def _assert_api_answer(response, description):
    _assert_no_server_error(response, description)
    assert "json" in response.get("Content-Type", ""), f"{description} answered non-JSON"


def test_hostile_values_in_every_api_parameter(public_record):
    client = Client()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path, operations in schema["paths"].items():
        names = tuple(sorted({p["name"] for op in operations.values() for p in op.get("parameters", [])
                              if p.get("in") == "query"} | {"cursor", "format", "page"}))
        url = path.replace("{public_id}", public_record["veteran"].public_id)
        params = st.dictionaries(st.sampled_from(names), QUERY_VALUE, min_size=1, max_size=4)
        _fuzz(params, lambda query, url=url: _assert_api_answer(client.get(url, query), f"GET {url} {query!r}"))
