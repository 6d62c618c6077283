"""Jo reads the public record from the page cache; what the board publishes shows at once;
Eli, signed in, always gets a freshly computed page."""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from misconduct_records.models import Command, District, PublicAllegation, Source
from misconduct_records.page_cache import record_version_bump
from misconduct_records.services import correction_record
from tests.factories import OfficerFactory
from tests.misconduct_records.conftest import add_history
from tests.publishing import publish_ritas_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True
    settings.PUBLIC_FRAGMENT_CACHE = True


def test_anonymous_page_comes_from_the_cache_without_sql_until_the_record_changes(
        journalist, officer, page_cache, django_assert_num_queries,
        django_capture_on_commit_callbacks):
    url = reverse("records:officer_list")
    assert officer.last_name in journalist.get(url).content.decode()
    OfficerFactory(agency=officer.agency, last_name="Zabriskie")  # no service: no new version
    with django_assert_num_queries(0):
        assert "Zabriskie" not in journalist.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        record_version_bump()
    assert "Zabriskie" in journalist.get(url).content.decode()


def test_a_publication_shows_at_once_on_the_profile_and_the_api(
        journalist, officer, district, intake_officer, investigator, board_chair, page_cache,
        django_capture_on_commit_callbacks):
    page = reverse("records:officer_detail", args=[officer.public_id])
    api = f"/api/v1/officers/{officer.public_id}/"
    assert "Physical force" not in journalist.get(page).content.decode()
    assert journalist.get(api).json()["allegations"] == []
    with django_capture_on_commit_callbacks(execute=True):
        publish_ritas_case(district=district, officer=officer, intake_officer=intake_officer,
                           investigator=investigator, board_chair=board_chair,
                           category_code="physical-force", finding="sustained",
                           discipline="written_reprimand")
    assert "Physical force" in journalist.get(page).content.decode()
    assert [a["finding"] for a in journalist.get(api).json()["allegations"]] == ["sustained"]


def test_a_correction_shows_at_once(journalist, officer, records_editor, page_cache,
                                    django_capture_on_commit_callbacks):
    url = reverse("records:officer_detail", args=[officer.public_id])
    journalist.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        correction_record(instance=officer, changes={"rank": "Lieutenant"}, note="Promoted.",
                          actor=records_editor)
    assert "Lieutenant" in journalist.get(url).content.decode()


def test_cached_pages_carry_validators_and_answer_304_when_unchanged(journalist, officer, page_cache):
    url = reverse("records:officer_list")
    first = journalist.get(url)
    assert first["Cache-Control"] == "public, max-age=30"
    assert first["ETag"] and first["Last-Modified"]
    again = journalist.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert journalist.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    assert journalist.get(url).content == first.content


def test_signed_in_staff_always_get_a_computed_page(client_for, records_editor, officer, page_cache):
    eli = client_for(records_editor)
    url = reverse("records:officer_list")
    eli.get(url)
    OfficerFactory(agency=officer.agency, last_name="Zabriskie")
    response = eli.get(url)
    assert "Zabriskie" in response.content.decode()
    assert "ETag" not in response


def test_each_language_has_its_own_cached_page(journalist, officer, page_cache):
    english = journalist.get(reverse("records:officer_list")).content.decode()
    spanish = journalist.get("/es" + reverse("records:officer_list")).content.decode()
    assert 'lang="en"' in english and 'lang="es"' in spanish


def test_cached_api_answers_still_count_against_the_anonymous_limit(journalist, officer, page_cache,
                                                                     monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    codes = [journalist.get("/api/v1/officers/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_pages_are_computed_when_the_cache_is_down(journalist, officer, page_cache):
    down = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": "redis://127.0.0.1:1/1"}}  # nothing listens there
    with override_settings(CACHES=down):
        response = journalist.get(reverse("records:officer_list"))
    assert response.status_code == 200 and officer.last_name in response.content.decode()


def test_a_profile_computed_for_each_reader_draws_only_its_history(
        journalist, officer, records_editor, settings, django_assert_max_num_queries,
        django_capture_on_commit_callbacks):
    """Without the page cache, the profile around the history is drawn once per record version
    (and language); a correction still shows at once, in the header and in the corrections."""
    settings.PUBLIC_PAGE_CACHE = False
    settings.PUBLIC_FRAGMENT_CACHE = True
    url = reverse("records:officer_detail", args=[officer.public_id])
    journalist.get(url)
    with django_assert_max_num_queries(3):  # the officer, the history's page and its count
        journalist.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        correction_record(instance=officer, changes={"rank": "Lieutenant"}, note="Promoted.",
                          actor=records_editor)
    page = journalist.get(url).content.decode()
    assert "Lieutenant" in page and "Promoted." in page
    assert "Lieutenant" in journalist.get(f"/es{url}").content.decode()


@pytest.fixture
def fragments_only(settings):
    settings.PUBLIC_PAGE_CACHE = False
    settings.PUBLIC_FRAGMENT_CACHE = True


def test_a_page_reads_the_record_version_once_for_all_its_fragments(journalist, officer,
                                                                   fragments_only, monkeypatch):
    from misconduct_records import page_cache as module

    reads = []
    original = module._read_version
    monkeypatch.setattr(module, "_read_version", lambda key: reads.append(key) or original(key))
    journalist.get(reverse("records:officer_list"))  # every select and the total: fragments
    assert reads == [module.VERSION_KEY]  # not the intake counts' version: the page shows none
    assert module.record_version() and len(reads) == 2  # outside a request: read each time


def test_a_change_during_a_request_is_seen_by_the_rest_of_it(officer, fragments_only):
    from misconduct_records import page_cache as module

    # The module's own receivers, not the signals: Django also closes the database connection
    # on request_finished, which would end the test's transaction on PostgreSQL.
    module._request_began()
    try:
        assert module.version_cached("thing", lambda: "old") == "old"
        module._bump(module.VERSION_KEY)
        assert module.version_cached("thing", lambda: "new") == "new"
    finally:
        module._request_ended()


def test_a_warm_list_page_asks_the_cache_three_times(journalist, officer, fragments_only,
                                                     monkeypatch):
    from misconduct_records import page_cache as module

    url = reverse("records:officer_list")
    journalist.get(url)  # computes and stores the options and the total
    calls = []
    original = module._cache_call
    monkeypatch.setattr(module, "_cache_call",
                        lambda method, *a, **k: calls.append(method) or original(method, *a, **k))
    response = journalist.get(url)
    # the version, the total, and the filter fields as drawn
    assert sorted(calls) == ["get", "get", "get"]
    assert '<option value="true">' in response.content.decode()
    assert '<option value="true" selected>' in journalist.get(url, {"active": "true"}).content.decode()


def test_the_filter_fields_are_drawn_once_per_record_version_language_and_values(
        journalist, officer, fragments_only, django_capture_on_commit_callbacks):
    url = "/allegations/"  # not reversed: an earlier test's request may have left Spanish active

    def fields(path=url, **query) -> str:
        page = journalist.get(path, query).content.decode()
        return page[page.index('<form method="get"'):page.index("</form>")]

    wrong = fields(year="20x", finding="sustained")
    assert "Enter a year between 1900 and 2100" in wrong and '<option value="sustained" selected>' in wrong
    assert fields(year="20x", finding="sustained", page="2") == wrong  # the page is not a filter
    other = fields(finding="exonerated")
    assert '<option value="exonerated" selected>' in other and "Enter a year" not in other
    assert '<option value="sustained" selected>' not in fields()
    assert "Escriba un año entre 1900 y 2100" in fields(f"/es{url}", year="20x")
    with django_capture_on_commit_callbacks(execute=True):
        Source.objects.create(name="Springfield complaints", slug="springfield")
        record_version_bump()
    assert '<option value="springfield">Springfield complaints</option>' in fields()


def test_the_lists_name_their_rows_from_small_tables_read_once_per_record_version(
        journalist, officer, district, fragments_only, django_capture_on_commit_callbacks,
        django_assert_max_num_queries):
    """Categories, districts, commands, sources and agencies are read once per record version
    in each process; a row added without a new version is still named, a renamed district
    shows once the record's version changes."""
    add_history(officer, 3, district=district)
    url = "/allegations/"
    journalist.get(url)
    with django_assert_max_num_queries(1):  # the page's rows; their names from the tables held
        assert str(district) in journalist.get(url).content.decode()
    unit = Command.objects.create(agency=officer.agency, code="K9", name="Canine <Unit>")
    PublicAllegation.objects.filter(officer=officer).update(command_at_incident=unit)
    profile = journalist.get(f"/officers/{officer.public_id}/").content.decode()
    assert "Canine &lt;Unit&gt;" in profile
    with django_capture_on_commit_callbacks(execute=True):
        District.objects.filter(pk=district.pk).update(name="Renamed")
        record_version_bump()
    assert f"{district.code} Renamed" in journalist.get(url).content.decode()
    assert journalist.get("/api/v1/allegations/").json()["results"][0]["command_at_incident"] == "K9"
