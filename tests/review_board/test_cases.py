"""Opening cases three ways, allegations, and discipline imposed after publication."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from misconduct_records.models import PublicAllegation, PublicCase
from review_board.models import CaseOrigin, CaseState, Priority
from review_board.services import (
    allegation_add,
    allegation_record_imposed_discipline,
    case_open_ia_review,
    case_open_own_motion,
    case_set_public_summary,
)
from review_board.workflow import case_transition
from tests.factories import category, report_for_board
from tests.slice import assert_no_private_values

pytestmark = pytest.mark.django_db


def test_own_motion_case_gets_its_own_public_case(intake_officer, district):
    case = case_open_own_motion(actor=intake_officer, agency_id=district.agency_id,
                                district_id=district.pk, incident_on=datetime.date(2026, 10, 1),
                                origin_details="Body-worn camera review of a stop.")
    assert case.origin == CaseOrigin.OWN_MOTION and case.complaint is None
    public = PublicCase.objects.get(pk=case.public_case_id)
    assert public.status == "under_review" and public.district == district
    assert "camera" not in public.public_summary


def test_own_motion_needs_a_reason(intake_officer, district):
    with pytest.raises(ValidationError, match="prompted"):
        case_open_own_motion(actor=intake_officer, agency_id=district.agency_id, district_id=None,
                             incident_on=None, origin_details=" ")


@pytest.mark.parametrize(("ia_finding", "allowed"), [
    ("not_sustained", True), ("exonerated", True), ("unfounded", True), ("sustained", False),
])
def test_a_complainant_may_appeal_only_a_clearing_ia_finding(intake_officer, district, filed,
                                                             ia_finding, allowed):
    def open_appeal():
        return case_open_ia_review(actor=intake_officer, agency_id=district.agency_id,
                                   district_id=district.pk, ia_reference="IAD-2026-0091",
                                   ia_finding=ia_finding, complaint=filed.complaint)
    if allowed:
        case = open_appeal()
        filed.complaint.refresh_from_db()
        assert case.is_appeal and case.public_case_id == filed.complaint.public_case_id
    else:
        with pytest.raises(ValidationError, match="appeal"):
            open_appeal()


def test_an_ia_review_without_complaint_goes_to_the_oversight_panel(intake_officer, district,
                                                                    officer):
    case = case_open_ia_review(actor=intake_officer, agency_id=district.agency_id,
                               district_id=None, ia_reference="IAD-7", ia_finding="sustained")
    assert not case.is_appeal
    allegation_add(case=case, actor=intake_officer, officer=officer,
                   category=category("discourtesy"))
    case = case_transition(case=case, to=CaseState.PRELIMINARY_REVIEW, actor=intake_officer)
    case = case_transition(case=case, to=CaseState.BOARD_REVIEW, actor=intake_officer)
    assert case.state == CaseState.BOARD_REVIEW


def test_prohibited_restraint_raises_the_priority(case, intake_officer, officer):
    assert case.priority == Priority.NORMAL
    allegation_add(case=case, actor=intake_officer, officer=officer, category=category("chokehold"),
                   force_level=4)
    case.refresh_from_db()
    assert case.priority == Priority.HIGH


def test_unidentified_officer_needs_a_description(case, intake_officer):
    with pytest.raises(ValidationError, match="describe"):
        allegation_add(case=case, actor=intake_officer, officer=None,
                       category=category("discourtesy"))
    allegation = allegation_add(case=case, actor=intake_officer, officer=None,
                                category=category("discourtesy"),
                                unidentified_description="Tall officer, car 4B")
    assert allegation.officer is None


@pytest.fixture
def published(decided, intake_officer):
    case_set_public_summary(case=decided, actor=intake_officer,
                            public_summary="Force was used during a stop.")
    return case_transition(case=decided, to=CaseState.CLOSED, actor=intake_officer)


def test_imposed_discipline_recorded_later_updates_the_public_record(published, supervisor,
                                                                    journalist, officer):
    allegation = published.allegations.get()
    public = PublicAllegation.objects.get(case_id=published.public_case_id)
    assert public.discipline_recommended == "suspension" and public.discipline_imposed == ""
    allegation_record_imposed_discipline(
        allegation=allegation, actor=supervisor, discipline="written_reprimand",
        imposed_on=timezone.localdate(), reason="The officer had no prior discipline.")
    public.refresh_from_db()
    assert public.discipline_imposed == "written_reprimand"
    assert public.discipline_reason == "The officer had no prior discipline."
    html = journalist.get(reverse("records:officer_detail", args=[officer.public_id])).content.decode()
    assert "Written reprimand" in html
    assert_no_private_values(html)


def test_differing_discipline_needs_the_departments_reason(published, supervisor):
    with pytest.raises(ValidationError, match="reason"):
        allegation_record_imposed_discipline(
            allegation=published.allegations.get(), actor=supervisor, discipline="training",
            imposed_on=timezone.localdate())


def test_no_discipline_after_the_limitation_date(published, supervisor):
    published.incident_on = datetime.date(2024, 1, 2)
    published.save()
    with pytest.raises(ValidationError, match="limitation"):
        allegation_record_imposed_discipline(
            allegation=published.allegations.get(), actor=supervisor, discipline="suspension",
            suspension_days=5, imposed_on=datetime.date(2025, 7, 3))


def test_the_investigators_recommendation_is_published_beside_the_finding(
        case, intake_officer, investigator, board_chair, members, client_for):
    from review_board.services import panel_form

    from .conftest import vote_all

    for to in ("preliminary_review", "investigation"):
        case = case_transition(case=case, to=to, actor=intake_officer)
    allegation = case.allegations.get()
    client_for(investigator).post(
        reverse("board:allegation_recommendation", args=[case.number, allegation.pk]),
        {f"r{allegation.pk}-finding": "sustained",
         f"r{allegation.pk}-reasoning": "The footage shows it."})
    allegation.refresh_from_db()
    assert allegation.recommended_finding == "sustained"
    report_for_board(case, investigator)
    case = case_transition(case=case, to="board_review", actor=investigator)
    vote_all(case, panel_form(case=case, actor=board_chair, members=members), members,
             finding="not_sustained")
    case = case_transition(case=case, to="decided", actor=board_chair)
    case_set_public_summary(case=case, actor=intake_officer, public_summary="A stop.")
    case_transition(case=case, to="closed", actor=intake_officer)
    public = PublicAllegation.objects.get(case_id=case.public_case_id)
    assert (public.recommended_finding, public.finding) == ("sustained", "not_sustained")


def test_a_published_summary_is_not_rewritten_behind_the_record(published, intake_officer):
    with pytest.raises(ValidationError, match="closed"):
        case_set_public_summary(case=published, actor=intake_officer, public_summary="Other.")
