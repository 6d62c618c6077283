"""No complainant field reaches the officer's public page or its JSON."""

import json

import pytest
from django.urls import reverse

from portal.roles import Role
from tests.factories import UserFactory, category
from tests.slice import RITA, assert_no_private_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_case(district, officer, intake_officer, investigator, board_chair):
    from complaints.services import complaint_submit
    from review_board.services import (
        allegation_add,
        case_open_from_complaint,
        case_set_public_summary,
        panel_form,
        seat_declare_conflict,
        vote_cast,
    )
    from review_board.workflow import case_transition

    fields = {k: v for k, v in RITA.items() if k != "occurred_on"}
    filed = complaint_submit(agency_id=district.agency_id, district=district, language="en",
                             **fields)
    case = case_open_from_complaint(complaint=filed.complaint, actor=intake_officer)
    allegation = allegation_add(case=case, actor=intake_officer, officer=officer,
                                category=category("discourtesy"))
    for to, actor in [("preliminary_review", intake_officer), ("investigation", intake_officer),
                      ("board_review", investigator)]:
        case_transition(case=case, to=to, actor=actor)
    members = [UserFactory(username=f"member{n}", roles=[Role.BOARD_MEMBER]) for n in range(3)]
    panel = panel_form(case=case, actor=board_chair, members=members)
    for member in members:
        seat_declare_conflict(panel=panel, actor=member, has_conflict=False)
        vote_cast(panel=panel, actor=member, allegation=allegation, finding="not_sustained")
    case_transition(case=case, to="decided", actor=board_chair)
    case_set_public_summary(case=case, actor=intake_officer, public_summary="A stop in Roxbury.")
    case_transition(case=case, to="closed", actor=intake_officer)
    return case


def test_officer_page_and_json_hold_no_complainant_field(journalist, officer, published_case):
    html = journalist.get(reverse("records:officer_detail", args=[officer.public_id]))
    assert "Discourteous words or actions" in html.content.decode()
    assert_no_private_values(html.content.decode())

    api = journalist.get(reverse("api:officer_detail", args=[officer.public_id]))
    body = api.json()
    assert body["allegations"][0]["finding"] == "not_sustained"
    assert_no_private_values(json.dumps(body))
    assert published_case.complaint.tracking_number not in json.dumps(body)


def test_public_pages_set_no_cookie_for_anonymous_readers(journalist, officer, published_case):
    for url in [reverse("records:officer_detail", args=[officer.public_id]),
                reverse("records:officer_list"), reverse("home"),
                reverse("api:officer_detail", args=[officer.public_id])]:
        response = journalist.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
