"""What a source published is shown as it published it: partial dates as far as they go, the
source's own wording beside the canonical finding and discipline, and "not published" rather
than a zero or another date."""

import datetime

import pytest
from django.urls import reverse

from misconduct_records.models import PublicAllegation
from misconduct_records.services import allegation_case_dates_refresh
from misconduct_records.vocabulary import Discipline, Finding
from tests.factories import category
from tests.misconduct_records.conftest import add_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def allegation(officer):
    case = add_case(agency=officer.agency, received_on=datetime.date(2013, 2, 1),
                    incident_on=datetime.date(2012, 5, 1), incident_on_precision="month")
    return PublicAllegation.objects.create(
        case=case, officer=officer, category=category("discourtesy"), finding=Finding.SUSTAINED,
        finding_raw="Substantiated (Command Discipline A)", discipline_recommended=Discipline.SUSPENSION,
        case_received_on=case.received_on, case_incident_on=case.incident_on, case_closed_on=case.closed_on)


def test_a_month_only_incident_date_is_shown_as_a_month(journalist, allegation):
    case_page = journalist.get(reverse("records:case_detail", args=[allegation.case.public_id])).content.decode()
    profile = journalist.get(reverse("records:officer_detail", args=[allegation.officer.public_id])).content.decode()

    assert "May 2012" in case_page and "May 1, 2012" not in case_page
    assert "May 2012" in profile


def test_a_missing_incident_date_says_so_instead_of_the_received_date(journalist, allegation):
    allegation.case.incident_on = None
    allegation.case.save()
    allegation_case_dates_refresh(case_ids=[allegation.case_id])

    profile = journalist.get(reverse("records:officer_detail", args=[allegation.officer.public_id])).content.decode()

    assert "not published by the source" in profile
    assert "Feb. 1, 2013" not in profile


def test_the_sources_wording_is_shown_beside_the_canonical_finding(journalist, allegation):
    for url in (reverse("records:case_detail", args=[allegation.case.public_id]),
                reverse("records:officer_detail", args=[allegation.officer.public_id])):
        page = journalist.get(url).content.decode()
        assert "Sustained" in page and "Substantiated (Command Discipline A)" in page


def test_imposed_discipline_a_source_does_not_publish_is_not_shown_as_zero(journalist, allegation):
    page = journalist.get(reverse("records:officer_detail", args=[allegation.officer.public_id]))

    table = page.content.decode().split('data-testid="discipline-summary"')[1].split("</table>")[0]
    assert "Not published" in table
    assert '<td class="portal-num">0</td>' not in table
