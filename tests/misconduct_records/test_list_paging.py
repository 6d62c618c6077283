"""Jo pages through the allegations list and an officer's history: every row once, in a fixed
order even among rows of the same day, a page number past the end shows the last page, and the
date filters read the allegations' copies of their cases' dates."""

import datetime

import pytest
from django.urls import reverse

from misconduct_records.models import PublicAllegation, PublicCase
from misconduct_records.services import allegation_case_dates_refresh
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db
LIST = reverse("records:allegation_list")


def _walk(client, url, params=None) -> list[int]:
    """The ids of every page, in order, as the pages show them."""
    first = client.get(url, params or {}).context["page"]
    ids = []
    for number in first.paginator.page_range:
        ids += [a.pk for a in client.get(url, {**(params or {}), "page": number}).context["page"]]
    return ids


@pytest.fixture
def same_day(officer):
    """120 allegations, many of them received on the same day (as an imported data set has)."""
    rows = add_history(officer, 120)
    for i, row in enumerate(rows):
        PublicCase.objects.filter(pk=row.case_id).update(
            received_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 3),
            incident_on=datetime.date(2019, 12, 1) + datetime.timedelta(days=i % 2) if i % 5 else None,
            closed_on=datetime.date(2020, 6, 1) + datetime.timedelta(days=i % 4))
    allegation_case_dates_refresh()
    return rows


def test_the_allegations_list_walks_every_row_once_newest_first(journalist, same_day):
    expected = [a.pk for a in PublicAllegation.objects.order_by("-case__received_on", "-id")]
    assert _walk(journalist, LIST) == expected


def test_sorting_by_a_date_breaks_ties_by_id_so_no_row_repeats_or_goes_missing(journalist, same_day):
    assert _walk(journalist, LIST, {"sort": "received"}) == [
        a.pk for a in PublicAllegation.objects.order_by("case__received_on", "id")]
    incident = _walk(journalist, LIST, {"sort": "-incident"})
    assert sorted(incident) == sorted(a.pk for a in same_day)
    assert incident == [a.pk for a in PublicAllegation.objects.order_by("-case_incident_on", "-id")]


def test_a_page_past_the_end_shows_the_last_page(journalist, same_day):
    page = journalist.get(LIST, {"page": "9999"}).context["page"]
    assert page.number == 3 and len(page) == 20
    assert [a.pk for a in page] == [a.pk for a in PublicAllegation.objects.order_by(
        "-case__received_on", "-id")][100:]
    assert journalist.get(LIST, {"page": "nope"}).context["page"].number == 1


def test_a_page_shows_each_row_with_its_case_officer_and_category(journalist, same_day, officer):
    html = journalist.get(LIST, {"page": "2"}).content.decode()
    assert officer.full_name in html and "Discourteous words or actions" in html


def test_date_filters_read_the_copies_of_the_case_dates(journalist, same_day):
    def count(**params):
        return journalist.get(LIST, params).context["page"].paginator.count

    assert count(year="2020") == 120 and count(year="2019") == 0
    assert count(received_from="2020-01-02", received_to="2020-01-02") == 40
    assert count(closed_from="2020-06-04") == 30


def test_the_officer_history_walks_every_row_once_newest_incident_first(journalist, officer, same_day):
    url = reverse("records:officer_detail", args=[officer.public_id])
    history = _walk(journalist, url)
    assert sorted(history) == sorted(a.pk for a in same_day)
    # On SQLite a missing date sorts last in descending order, on PostgreSQL first: as the database's
    # own order does, which an index of either serves.
    assert history == [a.pk for a in PublicAllegation.objects.order_by(
        "-case__incident_on", "-case__received_on", "-id")]
    page = journalist.get(url, {"page": "400", "finding": "sustained"}).context["page"]
    assert page.number == page.paginator.num_pages == 1 and {a.finding for a in page} == {"sustained"}


def test_a_closed_period_lists_its_rows_newest_received_first_like_any_other_filter(journalist, same_day):
    """A period bounded above is sorted by expressions no index serves (filters.py): same order."""
    params = {"closed_from": "2020-06-02", "closed_to": "2020-06-03"}
    expected = [a.pk for a in PublicAllegation.objects.filter(
        case__closed_on__range=("2020-06-02", "2020-06-03")).order_by("-case__received_on", "-id")]
    assert len(expected) == 60
    assert _walk(journalist, LIST, params) == expected
    assert _walk(journalist, LIST, {**params, "sort": "incident"}) == [
        a.pk for a in PublicAllegation.objects.filter(pk__in=expected).order_by("case__incident_on", "id")]
