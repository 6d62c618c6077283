"""Board personas and a case ready for each step.

Carmen chairs; Bea, Bo and Bianca sit on her panels and Basil replaces whoever recuses. Sofia
supervises Ivan's investigations. Pia, Paulo and Priya sit on the oversight panel.
"""

import pytest

from complaints.services import complaint_submit
from misconduct_records.vocabulary import Discipline
from portal.roles import Role
from review_board.models import CaseState
from review_board.services import (
    allegation_add,
    case_open_from_complaint,
    panel_form,
    seat_declare_conflict,
    vote_cast,
)
from review_board.workflow import case_transition
from tests.factories import UserFactory, category, report_for_board
from tests.slice import RITA


@pytest.fixture
def supervisor(db):
    return UserFactory(username="sofia", first_name="Sofia", roles=[Role.SUPERVISOR])


@pytest.fixture
def members(db):
    return [UserFactory(username=name, first_name=name.title(), roles=[Role.BOARD_MEMBER])
            for name in ("bea", "bo", "bianca")]


@pytest.fixture
def basil(db):
    return UserFactory(username="basil", first_name="Basil", roles=[Role.BOARD_MEMBER])


@pytest.fixture
def filed(district):
    return complaint_submit(
        narrative=RITA["narrative"], filer_role="affected", language="es",
        agency_id=district.agency_id, district=district, occurred_on=None,
        contact_name=RITA["contact_name"], contact_email=RITA["contact_email"])


@pytest.fixture
def case(filed, officer, intake_officer):
    case = case_open_from_complaint(complaint=filed.complaint, actor=intake_officer)
    allegation_add(case=case, actor=intake_officer, officer=officer,
                   category=category("physical-force"), force_level=4)
    return case


def at_board(case, intake_officer, investigator):
    for to, actor in [(CaseState.PRELIMINARY_REVIEW, intake_officer),
                      (CaseState.INVESTIGATION, intake_officer)]:
        case = case_transition(case=case, to=to, actor=actor)
    report_for_board(case, investigator)
    return case_transition(case=case, to=CaseState.BOARD_REVIEW, actor=investigator)


def vote_all(case, panel, members, finding="sustained", discipline=Discipline.SUSPENSION, days=5):
    for member in members:
        if not panel.seats.get(member=member).conflict_declared_at:
            seat_declare_conflict(panel=panel, actor=member, has_conflict=False)
        for allegation in case.allegations.all():
            vote_cast(panel=panel, actor=member, allegation=allegation, finding=finding,
                      discipline=discipline if finding == "sustained" else "",
                      suspension_days=days if discipline == Discipline.SUSPENSION
                      and finding == "sustained" else None)


@pytest.fixture
def decided(case, intake_officer, investigator, board_chair, members):
    case = at_board(case, intake_officer, investigator)
    panel = panel_form(case=case, actor=board_chair, members=members)
    vote_all(case, panel, members)
    return case_transition(case=case, to=CaseState.DECIDED, actor=board_chair)
