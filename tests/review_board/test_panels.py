"""Carmen forms a panel; Bea recuses and Basil replaces her; the votes decide by the configured rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import AuditEvent
from portal.roles import Role
from review_board.models import CaseOrigin, CaseState, Vote
from review_board.services import panel_form, panel_seat_add, seat_declare_conflict, vote_cast
from review_board.services.panels import panel_problem, panel_results
from tests.factories import UserFactory

from .conftest import at_board, vote_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(case, intake_officer, investigator, board_chair, members):
    at_board(case, intake_officer, investigator)
    return panel_form(case=case, actor=board_chair, members=members)


def test_a_panel_needs_three_members(case, board_chair, members):
    case.state = CaseState.BOARD_REVIEW
    case.save()
    with pytest.raises(ValidationError, match="at least 3"):
        panel_form(case=case, actor=board_chair, members=members[:2])


def test_only_the_chair_forms_panels(case, board_member, members):
    with pytest.raises(PermissionDenied):
        panel_form(case=case, actor=board_member, members=members)


def test_oversight_panels_take_only_oversight_members(case, board_chair, members):
    case.origin, case.state = CaseOrigin.IA_REVIEW, CaseState.BOARD_REVIEW
    case.save()
    with pytest.raises(ValidationError, match="cannot sit"):
        panel_form(case=case, actor=board_chair, members=members)
    oversight = [UserFactory(username=f"p{n}", roles=[Role.PANEL_MEMBER]) for n in range(3)]
    assert panel_form(case=case, actor=board_chair, members=oversight).kind == "oversight"


def test_members_declare_conflicts_before_voting(panel, case, members):
    with pytest.raises(ValidationError, match="conflict"):
        vote_cast(panel=panel, actor=members[0], allegation=case.allegations.get(),
                  finding="unfounded")


def test_a_recused_member_is_replaced_and_their_votes_no_longer_count(panel, case, board_chair,
                                                                       members, basil):
    bea = members[0]
    vote_all(case, panel, [bea], finding="exonerated")
    seat_declare_conflict(panel=panel, actor=bea, has_conflict=True, note="Knows the officer.")
    assert AuditEvent.objects.filter(action="panel.recusal").exists()
    with pytest.raises(PermissionDenied):
        vote_cast(panel=panel, actor=bea, allegation=case.allegations.get(), finding="unfounded")
    assert "fewer than 3" in panel_problem(case)
    with pytest.raises(ValidationError, match="recused"):
        panel_seat_add(panel=panel, actor=board_chair, member=bea)
    panel_seat_add(panel=panel, actor=board_chair, member=basil)
    vote_all(case, panel, [members[1], members[2], basil], finding="unfounded")
    result = panel_results(panel=panel)[case.allegations.get().pk]
    assert result.finding == "unfounded" and result.votes_cast == 3
    assert panel_problem(case) is None


def test_majority_decides_and_discipline_is_the_median_step(panel, case, members):
    allegation = case.allegations.get()
    for member, discipline, days in [(members[0], "training", None),
                                     (members[1], "suspension", 10),
                                     (members[2], "termination", None)]:
        seat_declare_conflict(panel=panel, actor=member, has_conflict=False)
        vote_cast(panel=panel, actor=member, allegation=allegation, finding="sustained",
                  discipline=discipline, suspension_days=days)
    result = panel_results(panel=panel)[allegation.pk]
    assert (result.finding, result.discipline, result.suspension_days) == ("sustained", "suspension", 10)


def test_two_of_three_is_a_majority_but_not_unanimity(panel, case, members, settings):
    vote_all(case, panel, members[:2], finding="not_sustained")
    vote_all(case, panel, members[2:], finding="unfounded")
    allegation = case.allegations.get()
    assert panel_results(panel=panel)[allegation.pk].finding == "not_sustained"
    settings.REVIEW_BOARD = {**settings.REVIEW_BOARD, "VOTING_RULE": "unanimity"}
    assert panel_results(panel=panel)[allegation.pk].finding is None


def test_a_member_may_change_their_vote_within_the_round(panel, case, members):
    vote_all(case, panel, members[:1], finding="unfounded")
    vote_all(case, panel, members[:1], finding="exonerated")
    assert Vote.objects.get().finding == "exonerated"
    assert AuditEvent.objects.filter(action="panel.vote").count() == 2


def test_discipline_only_with_a_sustained_finding(panel, case, members):
    seat_declare_conflict(panel=panel, actor=members[0], has_conflict=False)
    with pytest.raises(ValidationError, match="sustained"):
        vote_cast(panel=panel, actor=members[0], allegation=case.allegations.get(),
                  finding="unfounded", discipline="training")
    with pytest.raises(ValidationError, match="days"):
        vote_cast(panel=panel, actor=members[0], allegation=case.allegations.get(),
                  finding="sustained", discipline="suspension")


def test_the_panel_sends_the_case_back_for_investigation(panel, case, board_chair, members):
    from review_board.workflow import case_transition

    vote_all(case, panel, members, finding="not_sustained")
    case = case_transition(case=case, to=CaseState.INVESTIGATION, actor=board_chair,
                           reason="Interview the second officer.")
    panel.refresh_from_db()
    assert panel.round == 2 and case.state == CaseState.INVESTIGATION
    assert all(r.finding is None for r in panel_results(panel=panel).values())
