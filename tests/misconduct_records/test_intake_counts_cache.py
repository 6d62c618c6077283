"""Residents file complaints while Jo reads the record from the cache: each complaint shows at
once in the complaints-received counts (the districts page, the statistics) and leaves every
other cached page where it was, however many complaints arrive."""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.services import complaint_submit
from misconduct_records import page_cache
from misconduct_records.services import public_case_register
from reports.figures import cell
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db
DISTRICTS = reverse("records:district_list")


@pytest.fixture
def cached(settings):
    settings.PUBLIC_PAGE_CACHE = True
    settings.PUBLIC_FRAGMENT_CACHE = True


@pytest.fixture
def file_complaint(district, django_capture_on_commit_callbacks):
    def file():
        with django_capture_on_commit_callbacks(execute=True):
            complaint_submit(narrative="Story.", filer_role="affected", language="en",
                             agency_id=district.agency_id, district=district)
    return file


def _received(client, district) -> str:
    html = client.get(DISTRICTS).content.decode()
    cell = html.split(f'data-testid="received-{district.code}">', 1)[1]
    return cell.split("<", 1)[0]


def test_a_complaint_shows_at_once_in_the_counts_and_leaves_the_other_pages_cached(
        journalist, officer, district, cached, file_complaint, django_assert_num_queries):
    add_history(officer, 3)
    profile, officers = (reverse("records:officer_detail", args=[officer.public_id]),
                         reverse("records:officer_list"))
    before = {url: journalist.get(url) for url in (profile, officers)}
    assert _received(journalist, district) == "0"
    record_version = page_cache.record_version()
    for filed in range(1, 4):
        file_complaint()
        assert _received(journalist, district) == str(filed)
    assert page_cache.record_version() == record_version
    with django_assert_num_queries(0):  # straight from the cache, as before the complaints
        after = {url: journalist.get(url) for url in (profile, officers)}
    assert {url: r["ETag"] for url, r in after.items()} == {url: r["ETag"] for url, r in before.items()}


def test_the_counts_page_is_modified_when_a_complaint_arrives(journalist, district, cached, file_complaint):
    first = journalist.get(DISTRICTS)
    assert journalist.get(DISTRICTS, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    file_complaint()
    again = journalist.get(DISTRICTS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert again["Last-Modified"] >= first["Last-Modified"]


def test_the_statistics_count_a_complaint_at_once(journalist, district, cached, settings, file_complaint):
    settings.REPORTS = {**settings.REPORTS, "SUPPRESSION_THRESHOLD": 0}  # show counts of one
    today = timezone.localdate()
    period = {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}

    def received() -> int:
        response = journalist.get(reverse("reports:statistics"), period)
        return response.context["figures"]["cells"][cell("complaints_received")]

    file_complaint()
    first = received()
    assert journalist.get(reverse("reports:statistics"), period).context is None  # from the cache
    file_complaint()
    assert received() == first + 1


def test_a_change_to_the_record_still_changes_the_counts_pages(journalist, district, cached,
                                                                django_capture_on_commit_callbacks):
    """Kept under both versions: a case opened in the district (a record change, no complaint)
    shows on the districts page at once."""
    def cases() -> str:
        row = journalist.get(DISTRICTS).content.decode().split(f'data-testid="received-{district.code}"')[0]
        return row.rsplit('<td class="portal-num">', 1)[1].split("<", 1)[0]

    assert cases() == "0"
    with django_capture_on_commit_callbacks(execute=True):
        public_case_register(agency_id=district.agency_id, district_id=district.pk,
                             received_on=timezone.localdate())
    assert cases() == "1"


def test_without_the_cache_the_counts_are_computed(journalist, district, settings, monkeypatch,
                                                   file_complaint):
    settings.PUBLIC_PAGE_CACHE = settings.PUBLIC_FRAGMENT_CACHE = True
    file_complaint()
    monkeypatch.setattr(page_cache, "_cache_call", lambda method, *args, **kwargs: None)  # Redis down
    assert _received(journalist, district) == "1"
