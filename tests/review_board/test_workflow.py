import pytest

from misconduct_records.models import PublicCase
from portal.models import AuditEvent
from portal.roles import Role
from review_board.models import CaseNote, CaseOrigin, CaseState
from review_board.services import panel_form
from review_board.workflow import TRANSITIONS, TransitionError, case_transition
from tests.factories import UserFactory, report_for_board

from .conftest import vote_all

pytestmark = pytest.mark.django_db

S = CaseState


@pytest.fixture
def ready(case, board_chair, members):
    """A case that meets every requirement: a voted panel, a public summary, an IA origin."""
    case.public_summary = "Summary."
    case.save()
    return case


def _put_in_state(case, state):
    case.state = state  # test set-up only; code under test goes through case_transition
    case.save(update_fields=["state"])


def _prepare(case, frm, to, board_chair, members):
    if (frm, to) == (S.PRELIMINARY_REVIEW, S.BOARD_REVIEW):
        case.origin = CaseOrigin.IA_REVIEW
        case.save(update_fields=["origin"])
    if to == S.DECIDED:
        _put_in_state(case, S.BOARD_REVIEW)
        vote_all(case, panel_form(case=case, actor=board_chair, members=members), members)
    if frm == S.DECIDED:
        case.allegations.update(finding="unfounded")
    if (frm, to) == (S.INVESTIGATION, S.BOARD_REVIEW):
        _put_in_state(case, S.INVESTIGATION)
        report_for_board(case, UserFactory(username="writer", roles=[Role.INVESTIGATOR]))


@pytest.mark.parametrize(("frm", "to"), list(TRANSITIONS))
def test_every_allowed_transition_succeeds_for_an_allowed_role(ready, board_chair, members, frm, to):
    _prepare(ready, frm, to, board_chair, members)
    _put_in_state(ready, frm)
    actor = UserFactory(username="actor", roles=list(TRANSITIONS[(frm, to)].roles))
    moved = case_transition(case=ready, to=to, actor=actor, reason="Because the test says so.")
    assert moved.state == to
    event = AuditEvent.objects.filter(action="case.transition").last()
    assert event.actor == actor
    assert set(event.data) == {"from", "to", "reason_note"}
    assert (event.data["from"], event.data["to"]) == (frm, to)
    assert "Because the test says so." not in str(event.data)  # kept in an encrypted note
    assert "Because the test says so." in CaseNote.objects.get(pk=event.data["reason_note"]).body
    assert PublicCase.objects.get(pk=ready.public_case_id).status  # public status follows


@pytest.mark.parametrize(("frm", "to"), [
    (S.INTAKE, S.DECIDED),
    (S.INTAKE, S.CLOSED),
    (S.INTAKE, S.INVESTIGATION),
    (S.INVESTIGATION, S.DECIDED),
    (S.CLOSED, S.INVESTIGATION),
    (S.WITHDRAWN, S.INTAKE),
    (S.DISMISSED, S.INVESTIGATION),
    (S.REFERRED, S.PRELIMINARY_REVIEW),
    (S.BOARD_REVIEW, S.CLOSED),
    (S.MEDIATION, S.DECIDED),
    (S.RECONSIDERATION, S.CLOSED),
    (S.DECIDED, S.INVESTIGATION),
])
def test_forbidden_transition_is_refused(case, frm, to):
    _put_in_state(case, frm)
    actor = UserFactory(username="admin", roles=list(Role))
    with pytest.raises(TransitionError, match="cannot move"):
        case_transition(case=case, to=to, actor=actor, reason="x")


@pytest.mark.parametrize(("frm", "to", "persona"), [
    (S.BOARD_REVIEW, S.DECIDED, "intake_officer"),
    (S.INTAKE, S.PRELIMINARY_REVIEW, "board_chair"),
    (S.INVESTIGATION, S.BOARD_REVIEW, "intake_officer"),
    (S.DECIDED, S.CLOSED, "investigator"),
    (S.PRELIMINARY_REVIEW, S.DISMISSED, "board_member"),
])
def test_wrong_role_is_refused(case, request, frm, to, persona):
    _put_in_state(case, frm)
    with pytest.raises(TransitionError, match="role"):
        case_transition(case=case, to=to, actor=request.getfixturevalue(persona), reason="x")


@pytest.mark.parametrize("to", [S.DISMISSED, S.REFERRED, S.WITHDRAWN])
def test_exits_need_a_reason(case, intake_officer, to):
    _put_in_state(case, S.PRELIMINARY_REVIEW)
    with pytest.raises(TransitionError, match="reason"):
        case_transition(case=case, to=to, actor=intake_officer, reason="  ")


def test_no_decision_without_a_panel(case, board_chair):
    _put_in_state(case, S.BOARD_REVIEW)
    with pytest.raises(TransitionError, match="panel"):
        case_transition(case=case, to=S.DECIDED, actor=board_chair)


def test_no_decision_until_every_allegation_has_a_finding_by_vote(case, board_chair, members):
    _put_in_state(case, S.BOARD_REVIEW)
    panel = panel_form(case=case, actor=board_chair, members=members)
    vote_all(case, panel, members[:1])  # one vote of three is no majority
    with pytest.raises(TransitionError, match="finding"):
        case_transition(case=case, to=S.DECIDED, actor=board_chair)


def test_investigation_needs_an_allegation(case, intake_officer):
    case.allegations.all().delete()
    _put_in_state(case, S.PRELIMINARY_REVIEW)
    with pytest.raises(TransitionError, match="allegation"):
        case_transition(case=case, to=S.INVESTIGATION, actor=intake_officer)


def test_only_an_ia_review_skips_investigation(case, intake_officer):
    _put_in_state(case, S.PRELIMINARY_REVIEW)
    with pytest.raises(TransitionError, match="internal-affairs"):
        case_transition(case=case, to=S.BOARD_REVIEW, actor=intake_officer)


def test_decision_applies_the_panel_result(decided):
    allegation = decided.allegations.get()
    assert (allegation.finding, allegation.discipline_recommended) == ("sustained", "suspension")
    assert allegation.suspension_days_recommended == 5
    assert decided.decided_at is not None


def test_return_for_investigation_starts_a_new_voting_round(decided, board_chair, members):
    case = case_transition(case=decided, to=S.RECONSIDERATION, actor=board_chair,
                           reason="New footage arrived.")
    panel = case.panels.get(is_active=True)
    assert panel.round == 2
    with pytest.raises(TransitionError, match="finding"):
        case_transition(case=case, to=S.DECIDED, actor=board_chair)
    vote_all(case, panel, members, finding="not_sustained")
    case = case_transition(case=case, to=S.DECIDED, actor=board_chair)
    assert case.allegations.get().finding == "not_sustained"
    assert case.allegations.get().discipline_recommended == ""


def test_the_board_gets_no_case_without_the_investigators_report(case, intake_officer, investigator):
    from review_board.services import allegation_recommend_finding, report_write

    _put_in_state(case, S.INVESTIGATION)
    with pytest.raises(TransitionError, match="investigator's report"):
        case_transition(case=case, to=S.BOARD_REVIEW, actor=investigator)
    report_write(case=case, actor=investigator, facts="The footage shows the push.")
    with pytest.raises(TransitionError, match="reasoning"):
        case_transition(case=case, to=S.BOARD_REVIEW, actor=investigator)
    allegation = case.allegations.get()
    allegation_recommend_finding(allegation=allegation, actor=investigator, finding="sustained")
    with pytest.raises(TransitionError, match="reasoning"):  # a finding without its reasons
        case_transition(case=case, to=S.BOARD_REVIEW, actor=investigator)
    allegation_recommend_finding(allegation=allegation, actor=investigator, finding="sustained",
                                 reasoning="The footage matches the complaint.")
    assert case_transition(case=case, to=S.BOARD_REVIEW, actor=investigator).state == S.BOARD_REVIEW
