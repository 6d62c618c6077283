"""Bea sits on the panel: she reads the case file before she votes, and nothing is chosen for her.

Basil is a board member who does not sit on the panel; Bo recuses. Neither may read the file.
"""

import pytest
from django.urls import reverse

from complaints.services import complaint_add_information
from portal.models import AuditEvent
from review_board.forms import VOTE_NEEDS_DISCIPLINE
from review_board.models import Vote
from review_board.services import panel_form, seat_declare_conflict
from tests.slice import RITA

from .conftest import at_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_panel(case, intake_officer, investigator, board_chair, members):
    complaint_add_information(complaint=case.complaint, text="I found a receipt from the shop.")
    case = at_board(case, intake_officer, investigator)
    panel = panel_form(case=case, actor=board_chair, members=members)
    return case, panel


def test_a_sitting_member_reads_the_whole_case_file_and_the_reading_is_audited(
        at_panel, members, client_for):
    case, _ = at_panel
    response = client_for(members[0]).get(reverse("board:case_file", args=[case.number]))
    page = response.content.decode()
    assert response.status_code == 200
    for expected in ("Zanzibar-marmalade", "I found a receipt from the shop.",
                     "arm around the man", "The footage matches the account.",
                     RITA["contact_name"]):
        assert expected in page, expected
    assert RITA["contact_email"] not in page  # contact details stay out of the file
    event = AuditEvent.objects.filter(action="complaint.view_identity").last()
    assert (event.actor, event.data["via"]) == (members[0], "case_file")


def test_the_case_page_points_a_member_to_the_case_file(at_panel, members, client_for):
    case, _ = at_panel
    page = client_for(members[0]).get(reverse("board:case_detail", args=[case.number]))
    assert reverse("board:case_file", args=[case.number]) in page.content.decode()


def test_the_chair_reads_the_case_file(at_panel, board_chair, client_for):
    case, _ = at_panel
    assert client_for(board_chair).get(
        reverse("board:case_file", args=[case.number])).status_code == 200


@pytest.mark.parametrize("who", ["off_panel", "recused"])
def test_members_not_sitting_on_the_panel_get_404(at_panel, members, basil, client_for, who):
    case, panel = at_panel
    user = basil if who == "off_panel" else members[1]
    if who == "recused":
        seat_declare_conflict(panel=panel, actor=user, has_conflict=True, note="Neighbour.")
    for name in ("case_file", "case_detail"):
        assert client_for(user).get(reverse(f"board:{name}", args=[case.number])).status_code == 404


def test_no_finding_is_chosen_before_a_person_chooses(at_panel, members, investigator, client_for):
    case, panel = at_panel
    seat_declare_conflict(panel=panel, actor=members[0], has_conflict=False)
    page = client_for(members[0]).get(reverse("board:case_detail", args=[case.number])).content.decode()
    allegation = case.allegations.get()
    assert f'name="v{allegation.pk}-finding"' in page
    assert '<option value="" selected>Choose a finding</option>' in page
    assert 'value="sustained" selected' not in page


def test_a_sustained_vote_without_discipline_is_asked_for_it_in_the_same_form(
        at_panel, members, client_for):
    case, panel = at_panel
    bea = members[0]
    seat_declare_conflict(panel=panel, actor=bea, has_conflict=False)
    allegation = case.allegations.get()
    response = client_for(bea).post(
        reverse("board:panel_vote", args=[case.number, allegation.pk]),
        {f"v{allegation.pk}-finding": "sustained"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "choose the discipline you recommend" in page
    assert "choose the discipline you recommend" in str(VOTE_NEEDS_DISCIPLINE)
    assert 'value="sustained" selected' in page  # what she chose is kept
    assert not Vote.objects.exists()


def test_a_recommendation_without_reasoning_is_refused_on_the_form(case, intake_officer,
                                                                   investigator, client_for):
    from review_board.workflow import case_transition

    for to in ("preliminary_review", "investigation"):
        case = case_transition(case=case, to=to, actor=intake_officer)
    allegation = case.allegations.get()
    response = client_for(investigator).post(
        reverse("board:allegation_recommendation", args=[case.number, allegation.pk]),
        {f"r{allegation.pk}-finding": "sustained"})
    assert response.status_code == 400
    assert "Give the reasoning" in response.content.decode()
    allegation.refresh_from_db()
    assert allegation.recommended_finding == ""
