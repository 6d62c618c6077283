import pytest

from complaints.services import complaint_submit
from portal.roles import Role
from review_board.models import CaseState
from review_board.services import allegation_add, case_open_from_complaint
from review_board.workflow import TRANSITIONS, TransitionError, case_transition
from tests.factories import UserFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(district, officer, intake_officer):
    filed = complaint_submit(narrative="It happened.", filer_role="witness", language="en",
                             agency_id=district.agency_id, district=district)
    case = case_open_from_complaint(complaint=filed.complaint, actor=intake_officer)
    allegation = allegation_add(case=case, actor=intake_officer, officer=officer,
                                category=category("discourtesy"))
    allegation.finding = "unfounded"
    allegation.save()
    case.public_summary = "Summary."
    case.save()
    return case


def _put_in_state(case, state):
    case.state = state  # test set-up only; code under test goes through case_transition
    case.save(update_fields=["state"])


@pytest.mark.parametrize(("frm", "to"), list(TRANSITIONS))
def test_every_allowed_transition_succeeds_for_an_allowed_role(case, frm, to):
    _put_in_state(case, frm)
    actor = UserFactory(username="actor", roles=list(TRANSITIONS[(frm, to)].roles))
    moved = case_transition(case=case, to=to, actor=actor, reason="test")
    assert moved.state == to


@pytest.mark.parametrize(("frm", "to"), [
    (CaseState.INTAKE, CaseState.DECIDED),
    (CaseState.INTAKE, CaseState.CLOSED),
    (CaseState.INVESTIGATION, CaseState.DECIDED),
    (CaseState.CLOSED, CaseState.INVESTIGATION),
    (CaseState.WITHDRAWN, CaseState.INTAKE),
    (CaseState.BOARD_REVIEW, CaseState.CLOSED),
])
def test_forbidden_transition_is_refused(case, frm, to):
    _put_in_state(case, frm)
    actor = UserFactory(username="admin", roles=list(Role))
    with pytest.raises(TransitionError):
        case_transition(case=case, to=to, actor=actor)


def test_intake_staff_cannot_decide_a_case(case, intake_officer):
    _put_in_state(case, CaseState.BOARD_REVIEW)
    with pytest.raises(TransitionError, match="role"):
        case_transition(case=case, to=CaseState.DECIDED, actor=intake_officer)


def test_no_decision_without_a_finding_on_every_allegation(case, board_chair):
    case.allegations.update(finding="")
    _put_in_state(case, CaseState.BOARD_REVIEW)
    with pytest.raises(TransitionError, match="finding"):
        case_transition(case=case, to=CaseState.DECIDED, actor=board_chair)
