"""Rita's complaint filed, worked by the board and published: the way production feeds the ledger."""

from portal.roles import Role
from tests.factories import UserFactory, category, report_for_board
from tests.slice import RITA


def publish_ritas_case(*, district, officer, intake_officer, investigator, board_chair,
                       category_code: str, finding: str, discipline: str = "",
                       public_summary: str = "A stop in Roxbury."):
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
                                category=category(category_code))
    for to, actor in [("preliminary_review", intake_officer), ("investigation", intake_officer)]:
        case = case_transition(case=case, to=to, actor=actor)
    report_for_board(case, investigator)
    case_transition(case=case, to="board_review", actor=investigator)
    members = [UserFactory(username=f"member{n}", roles=[Role.BOARD_MEMBER]) for n in range(3)]
    panel = panel_form(case=case, actor=board_chair, members=members)
    for member in members:
        seat_declare_conflict(panel=panel, actor=member, has_conflict=False)
        vote_cast(panel=panel, actor=member, allegation=allegation, finding=finding,
                  discipline=discipline)
    case_transition(case=case, to="decided", actor=board_chair)
    case_set_public_summary(case=case, actor=intake_officer, public_summary=public_summary)
    case_transition(case=case, to="closed", actor=intake_officer)
    return case
