"""A sustained finding of unwarranted deadly force refers the officer to the state's
certification body; Sofia (supervisor) sends it, records its answers and publishes it; Jo the
journalist reads it on the officer's profile and in the open data."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from misconduct_records.models import DecertificationReferral
from review_board.models import CertificationReferral, ReferralStatus
from review_board.services import allegation_add, case_set_public_summary, panel_form
from review_board.services.referrals import referral_publish, referral_record
from review_board.workflow import case_transition
from tests.factories import category, report_for_board

from .conftest import vote_all

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _decide(case, intake_officer, investigator, board_chair, members, finding="sustained"):
    for to in ("preliminary_review", "investigation"):
        case = case_transition(case=case, to=to, actor=intake_officer)
    report_for_board(case, investigator)
    case = case_transition(case=case, to="board_review", actor=investigator)
    vote_all(case, panel_form(case=case, actor=board_chair, members=members), members,
             finding=finding)
    return case_transition(case=case, to="decided", actor=board_chair)


@pytest.fixture
def deadly(filed, officer, intake_officer):
    from review_board.services import case_open_from_complaint

    case = case_open_from_complaint(complaint=filed.complaint, actor=intake_officer)
    allegation_add(case=case, actor=intake_officer, officer=officer,
                   category=category("firearm-discharged"), force_level=6)
    return case


def test_a_sustained_deadly_force_finding_makes_a_referral(deadly, intake_officer, investigator,
                                                           board_chair, members, settings):
    _decide(deadly, intake_officer, investigator, board_chair, members)
    referral = CertificationReferral.objects.get()
    assert (referral.status, referral.rule, referral.certifying_body) == (
        ReferralStatus.TO_SEND, "deadly-force", settings.CERTIFICATION["BODY_NAME"])
    assert "POST Commission" in referral.certifying_body


@pytest.mark.parametrize("finding", ["not_sustained", "exonerated"])
def test_no_referral_without_a_sustained_finding(deadly, intake_officer, investigator, board_chair,
                                                 members, finding):
    _decide(deadly, intake_officer, investigator, board_chair, members, finding=finding)
    assert not CertificationReferral.objects.exists()


def test_lesser_force_makes_no_referral_but_the_bodys_rules_are_settings(
        case, intake_officer, investigator, board_chair, members, settings):
    _decide(case, intake_officer, investigator, board_chair, members)  # force level 4
    assert not CertificationReferral.objects.exists()
    settings.CERTIFICATION = {**settings.CERTIFICATION, "RULES": [
        {"code": "any-force", "finding": "sustained", "family": "force", "reason": "Force."}]}
    case.refresh_from_db()
    from review_board.services.referrals import referrals_make_for_case

    assert [r.rule for r in referrals_make_for_case(case)] == ["any-force"]


def test_a_misspelt_rule_stops_the_portal_naming_the_setting(settings):
    settings.CERTIFICATION = {**settings.CERTIFICATION, "RULES": [
        {"code": "x", "finding": "sustaned", "reason": "r", "min_force": 6}]}
    with pytest.raises(SystemCheckError, match="CERTIFICATION_REFERRAL_RULES"):
        call_command("check")


def test_staff_send_track_and_publish_a_referral(deadly, intake_officer, investigator, board_chair,
                                                 members, supervisor, client_for, journalist):
    case = _decide(deadly, intake_officer, investigator, board_chair, members)
    referral = CertificationReferral.objects.get()
    client = client_for(supervisor)
    url = reverse("board:referral_detail", args=[referral.pk])
    assert client.get(reverse("board:referral_list")).status_code == 200
    assert client.get(url).status_code == 200
    early = client.post(reverse("board:referral_step", args=[referral.pk, "acknowledged"]),
                        {"acknowledged-on": TODAY().isoformat()})
    assert early.status_code == 400  # not sent yet
    sent = client.post(reverse("board:referral_step", args=[referral.pk, "sent"]),
                       {"sent-on": TODAY().isoformat(), "sent-body_reference": "POST-77"})
    assert sent.status_code == 302
    client.post(reverse("board:referral_publish", args=[referral.pk]))
    assert not DecertificationReferral.objects.exists()  # the case is not published yet
    case_set_public_summary(case=case, actor=intake_officer, public_summary="A shooting.")
    case_transition(case=case, to="closed", actor=intake_officer)
    client.post(reverse("board:referral_publish", args=[referral.pk]))
    public = DecertificationReferral.objects.get()
    assert (public.status, public.referred_on) == ("referred", TODAY())
    client.post(reverse("board:referral_step", args=[referral.pk, "decided"]),
                {"decided-on": TODAY().isoformat(), "decided-decision": "decertified"})
    public.refresh_from_db()
    assert (public.status, public.decided_on) == ("decertified", TODAY())
    profile = journalist.get(reverse("records:officer_detail", args=[referral.officer.public_id]))
    assert "Decertified" in profile.content.decode()
    assert "POST Commission" in profile.content.decode()
    data = journalist.get(reverse("records:data_download", args=["decertification_referrals", "json"]))
    body = b"".join(data.streaming_content) if data.streaming else data.content
    assert data.status_code == 200 and b"decertified" in body and b"POST Commission" in body


def test_a_decision_needs_the_decision(deadly, intake_officer, investigator, board_chair, members,
                                       supervisor):
    from django.core.exceptions import ValidationError

    _decide(deadly, intake_officer, investigator, board_chair, members)
    referral = CertificationReferral.objects.get()
    referral = referral_record(referral=referral, actor=supervisor, step="sent", on=TODAY())
    with pytest.raises(ValidationError, match="decision"):
        referral_record(referral=referral, actor=supervisor, step="decided", on=TODAY())
    with pytest.raises(ValidationError, match="future"):
        referral_record(referral=referral, actor=supervisor, step="acknowledged",
                        on=TODAY() + datetime.timedelta(days=2))
    with pytest.raises(ValidationError, match="published"):
        referral_publish(referral=referral, actor=supervisor)


def test_the_case_page_lists_its_referrals_and_their_history(deadly, intake_officer, investigator,
                                                            board_chair, members, supervisor,
                                                            client_for):
    case = _decide(deadly, intake_officer, investigator, board_chair, members)
    page = client_for(supervisor).get(reverse("board:case_detail", args=[case.number]))
    assert 'data-testid="case-referrals"' in page.content.decode()
    assert "Certification referral created" in {e.label for e in page.context["history"]}
