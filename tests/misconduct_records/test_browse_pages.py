"""Jo browses allegations, cases, districts, commands, sources and the corrections log."""

import pytest
from django.urls import reverse

from misconduct_records.models import PublicAllegation, PublicCaseEvent
from misconduct_records.services import allegation_case_dates_refresh, correction_record
from tests.misconduct_records.conftest import add_case, add_history

pytestmark = pytest.mark.django_db


def test_allegations_filter_by_agency_finding_family_and_officer(journalist, roster):
    kowalski, santos, _walsh, kowalczyk = roster
    add_history(kowalski, 6)
    add_history(kowalczyk, 2)
    url = reverse("records:allegation_list")
    assert journalist.get(url).context["page"].paginator.count == 8
    assert journalist.get(url, {"agency": "springfield-pd"}).context["page"].paginator.count == 2
    sustained = journalist.get(url, {"finding": "sustained", "officer": kowalski.public_id})
    assert sustained.context["page"].paginator.count == 2
    force = journalist.get(url, {"family": "force"}).context["page"]
    assert {a.category.family for a in force} == {"force"}


def test_allegation_list_costs_a_fixed_number_of_queries(journalist, officer, settings,
                                                         django_assert_max_num_queries):
    add_history(officer, 200)
    settings.PUBLIC_FRAGMENT_CACHE = True  # as in production: filter choices and total cached
    journalist.get(reverse("records:allegation_list"), {"finding": "sustained"})
    with django_assert_max_num_queries(8):
        response = journalist.get(reverse("records:allegation_list"), {"finding": "sustained"})
    assert len(response.context["page"].object_list) == 50


def test_case_page_shows_dates_status_timeline_summary_and_allegations(journalist, officer, district):
    case = add_case(agency=officer.agency, district=district, public_summary="A stop in Roxbury.")
    PublicCaseEvent.objects.create(case=case, status="received", happened_at=case.published_at)
    add_history(officer, 1)
    PublicAllegation.objects.filter(officer=officer).update(case=case)
    allegation_case_dates_refresh(case_ids=[case.pk])  # the row moved to another case
    html = journalist.get(reverse("records:case_detail", args=[case.public_id])).content.decode()
    assert "A stop in Roxbury." in html
    assert "Closed" in html and "Received" in html
    assert officer.full_name in html and "Discourteous words or actions" in html
    assert journalist.get(reverse("records:case_detail", args=["nope"])).status_code == 404


def test_district_and_command_pages_count_by_year_with_a_chart_and_a_table(
        journalist, officer, district, unit):
    add_history(officer, 60)  # weekly from 2010: two calendar years
    PublicAllegation.objects.filter(officer=officer).update(command_at_incident=unit)
    for url in [reverse("records:district_detail", args=[district.pk]),
                reverse("records:command_detail", args=[unit.pk])]:
        response = journalist.get(url)
        html = response.content.decode()
        assert response.context["totals"]["total"] == 60
        assert [row["year"] for row in response.context["yearly"]] == [2010, 2011]
        assert "<svg" in html and 'data-testid="trend-table"' in html
        assert "Where this comes from" in html and "Data current through" in html
    assert str(district) in journalist.get(reverse("records:district_list")).content.decode()


def test_sources_page_shows_coverage_exclusions_credit_and_licence(journalist, imported_source):
    html = journalist.get(reverse("records:source_list")).content.decode()
    assert "Cases still open in 2018." in html
    assert "Example Data Project, complaints 2000–2018." in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html


def test_profile_credits_an_imported_source_and_its_date(journalist, officer, imported_source):
    add_history(officer, 2)
    PublicAllegation.objects.filter(officer=officer).update(source=imported_source)
    response = journalist.get(reverse("records:officer_detail", args=[officer.public_id]))
    html = response.content.decode()
    assert "Example Data Project, complaints 2000–2018." in html
    assert "CC BY 4.0" in html
    assert "Data current through March 31, 2018." in html
    listing = journalist.get(reverse("records:allegation_list")).content.decode()
    assert "Example city complaints" in listing  # each row names its source


def test_corrections_log_lists_every_revision(journalist, officer, records_editor):
    allegation = add_history(officer, 1)[0]
    correction_record(instance=allegation, changes={"discipline_imposed": "suspension",
                                                    "suspension_days": 5},
                      note="The department's letter arrived.", actor=records_editor)
    correction_record(instance=officer, changes={"rank": "Sergeant"}, note="Promoted in 2023.",
                      actor=records_editor)
    response = journalist.get(reverse("records:correction_list"))
    html = response.content.decode()
    assert response.context["page"].paginator.count == 2
    assert "Written reprimand → Suspension" in html and "Police Officer → Sergeant" in html
    assert "The department&#x27;s letter arrived." in html
