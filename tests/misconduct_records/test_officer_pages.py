"""Jo, a journalist with no account, searches officers and reads their profiles."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from misconduct_records.models import (
    Assignment,
    DecertificationReferral,
    OfficerIdentifier,
    PublicAllegation,
)
from misconduct_records.services import allegation_case_dates_refresh, correction_record
from tests.factories import OfficerFactory
from tests.misconduct_records.conftest import add_case, add_history

pytestmark = pytest.mark.django_db

LIST = reverse("records:officer_list")


def _names(response) -> list[str]:
    return [o.last_name for o in response.context["page"]]


def test_search_finds_officers_by_name_badge_and_any_identifier(journalist, roster):
    # On PostgreSQL the similar "Kowalczyk" follows, ranked lower; SQLite matches exactly.
    assert _names(journalist.get(LIST, {"q": "kowalski"}))[0] == "Kowalski"
    assert _names(journalist.get(LIST, {"q": "Daniel Kowalski"}))[0] == "Kowalski"
    assert "Santos" not in _names(journalist.get(LIST, {"q": "kowalski"}))
    assert _names(journalist.get(LIST, {"q": "20001"})) == ["Santos"]
    OfficerIdentifier.objects.create(officer=roster[2], kind="badge", value="9911")
    assert _names(journalist.get(LIST, {"q": "9911"})) == ["Walsh"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search is PostgreSQL's")
def test_search_tolerates_typos_on_postgresql(journalist, roster):
    assert _names(journalist.get(LIST, {"q": "Kowalsky"}))[0] == "Kowalski"
    assert _names(journalist.get(LIST, {"q": "Sants"}))[0] == "Santos"


def test_filters_by_agency_district_rank_and_status(journalist, roster, district):
    assert _names(journalist.get(LIST, {"agency": "springfield-pd"})) == ["Kowalczyk"]
    assert sorted(_names(journalist.get(LIST, {"district": district.pk}))) == ["Kowalski", "Santos"]
    assert _names(journalist.get(LIST, {"rank": "Sergeant"})) == ["Santos"]
    assert _names(journalist.get(LIST, {"active": "false"})) == ["Walsh"]


def test_sustained_and_category_filters_and_sort_by_allegations(journalist, roster):
    kowalski, santos = roster[0], roster[1]
    add_history(kowalski, 6)
    add_history(santos, 1, sustained_every=0)
    assert sorted(_names(journalist.get(LIST, {"has_sustained": "true"}))) == ["Kowalski"]
    assert _names(journalist.get(LIST, {"sort": "-allegations"}))[:2] == ["Kowalski", "Santos"]
    by_category = _names(journalist.get(LIST, {"category": "physical-force"}))
    assert by_category == ["Kowalski"]  # Santos's one allegation is discourtesy


def test_an_unknown_filter_value_shows_an_error_not_a_crash(journalist, roster):
    response = journalist.get(LIST, {"district": "999999"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_profile_shows_history_with_rank_and_command_then_and_definitions(
        journalist, officer, unit):
    add_history(officer, 3)
    officer.allegations.update(command_at_incident=unit, rank_at_incident="Sergeant")
    response = journalist.get(reverse("records:officer_detail", args=[officer.public_id]))
    html = response.content.decode()
    assert response.context["summary"]["allegations"] == 3
    assert response.context["summary"]["sustained"] == 1
    assert "Youth Violence Strike Force" in html and "Sergeant" in html
    assert "did what was alleged and it broke the rules" in html  # the finding's definition
    assert f"/complaints/new/?officer={officer.public_id}" in html
    assert "Data current through" in html


def test_profile_compares_with_the_department_and_states_the_method(journalist, roster):
    kowalski = roster[0]
    add_history(kowalski, 4)
    add_history(roster[1], 1)
    comparison = journalist.get(
        reverse("records:officer_detail", args=[kowalski.public_id])).context["comparison"]
    # Boston has three officers; two have fewer allegations than Kowalski's four.
    assert comparison == {"total": 3, "fewer": 2, "with_any": 2, "share_fewer": 66}


def test_profile_lists_co_accused_assignments_referral_and_corrections(
        journalist, roster, unit, records_editor):
    kowalski, santos = roster[0], roster[1]
    case = add_case(agency=kowalski.agency)
    rows = add_history(kowalski, 1)
    rows[0].case = case
    rows[0].save()
    add_history(santos, 1)[0].__class__.objects.filter(officer=santos).update(case=case)
    allegation_case_dates_refresh(case_ids=[case.pk])  # the rows moved to another case
    Assignment.objects.create(officer=kowalski, command=unit, rank="Sergeant",
                              started_on=datetime.date(2015, 1, 1))
    DecertificationReferral.objects.create(officer=kowalski, referred_on=datetime.date(2024, 5, 1),
                                           reason="Sustained unwarranted deadly force")
    correction_record(instance=rows[0], changes={"finding": "exonerated"},
                      note="The board's minutes recorded the finding wrongly.", actor=records_editor)
    response = journalist.get(reverse("records:officer_detail", args=[kowalski.public_id]))
    html = response.content.decode()
    assert [o.last_name for o in response.context["co_accused"]] == ["Santos"]
    assert "Youth Violence Strike Force" in html
    assert "Sustained unwarranted deadly force" in html
    assert "Corrected on" in html and "Sustained → Exonerated" in html


def test_profile_history_can_be_filtered_and_paged(journalist, officer):
    add_history(officer, 120)
    url = reverse("records:officer_detail", args=[officer.public_id])
    assert len(journalist.get(url).context["page"].object_list) == 50
    sustained = journalist.get(url, {"finding": "sustained"}).context["page"]
    assert sustained.paginator.count == 40
    assert {a.finding for a in sustained} == {"sustained"}
    assert journalist.get(url, {"page": "3"}).context["page"].number == 3


@pytest.mark.parametrize("allegations", [1, 500])
def test_profile_costs_the_same_queries_whatever_the_history(
        journalist, officer, django_assert_max_num_queries, allegations):
    rows = add_history(officer, allegations)
    for other in OfficerFactory.create_batch(3, agency=officer.agency):  # co-accused in case 1
        PublicAllegation.objects.create(case=rows[0].case, officer=other, category=rows[0].category,
                                        case_received_on=rows[0].case.received_on,
                                        case_district_id=rows[0].case.district_id)
    # 14 with nothing kept per record version: the officer, which optional lists it has, its
    # allegations counted per kind, the totals, the comparison, the co-accused, the history's page
    # and its count, and the small tables the rows name, each read alone (held per record version
    # when the fragment cache is on, as in production: test_query_counts)
    with django_assert_max_num_queries(14):
        response = journalist.get(reverse("records:officer_detail", args=[officer.public_id]))
    assert response.context["summary"]["allegations"] == allegations


def test_officer_list_costs_the_same_queries_for_a_long_list(
        journalist, agency, district, django_assert_max_num_queries):
    OfficerFactory.create_batch(120, agency=agency, district=district)
    with django_assert_max_num_queries(7):
        response = journalist.get(LIST, {"sort": "-allegations", "has_sustained": "false"})
    assert response.context["page"].paginator.count == 120


def test_unknown_officer_is_404(journalist, db):
    assert journalist.get(reverse("records:officer_detail", args=["nobody"])).status_code == 404


def test_an_officer_without_allegations_reads_plainly(journalist, officer):
    html = journalist.get(reverse("records:officer_detail", args=[officer.public_id])).content.decode()
    assert "No allegation against this officer is in the record." in html
    assert "have fewer allegations" not in html
