"""The dashboard and the case page read a bounded number of rows-sets, however many cases exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.services import complaint_submit
from review_board.services import allegation_add, case_assign, case_open_from_complaint
from tests.factories import OfficerFactory, category

pytestmark = pytest.mark.django_db


def _cases(n, district, intake_officer, investigator):
    for _ in range(n):
        filed = complaint_submit(narrative="x", filer_role="witness", language="en",
                                 agency_id=district.agency_id, district=district)
        case = case_open_from_complaint(complaint=filed.complaint, actor=intake_officer)
        case_assign(case=case, actor=intake_officer, investigator=investigator)
        allegation_add(case=case, actor=intake_officer, officer=OfficerFactory(agency=district.agency),
                       category=category("discourtesy"))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_cases(district, intake_officer, investigator, client_for):
    client = client_for(intake_officer)
    _cases(3, district, intake_officer, investigator)
    few = _queries(client, reverse("board:dashboard"))
    _cases(12, district, intake_officer, investigator)
    many = _queries(client, reverse("board:dashboard"))
    assert many == few, (few, many)
    assert many <= 20


def test_case_page_queries_do_not_grow_with_allegations(decided, supervisor, client_for, district):
    from review_board.models import Allegation

    client = client_for(supervisor)
    url = reverse("board:case_detail", args=[decided.number])
    one = _queries(client, url)
    template = decided.allegations.get()
    for _ in range(5):
        Allegation.objects.create(case=decided, officer=OfficerFactory(agency=district.agency),
                                  category=template.category, finding="sustained",
                                  discipline_recommended="training")
    six = _queries(client, url)
    assert six == one, (one, six)
