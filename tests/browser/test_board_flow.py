"""A case through the board in Chromium, with axe on every board page.

Ines opens the case from Rita's complaint, Ivan interviews a witness, Carmen forms a panel of
Bea, Bo and Bianca; Bea recuses and can no longer open the case, Basil replaces her; the panel
votes, Carmen records the decision, Ines publishes, and Jo reads the result on the officer's page.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from complaints.services import complaint_submit
from portal.roles import Role
from tests.browser.staff import sign_in, sign_out, write_report
from tests.factories import UserFactory
from tests.slice import RITA, assert_no_private_values

pytestmark = pytest.mark.django_db(transaction=True)



@pytest.fixture
def people(intake_officer, investigator, board_chair):
    members = {name: UserFactory(username=name.lower(), first_name=name, last_name="Member",
                                 roles=[Role.BOARD_MEMBER])
               for name in ("Bea", "Bo", "Bianca", "Basil")}
    for user, first in [(intake_officer, "Ines"), (investigator, "Ivan"), (board_chair, "Carmen")]:
        user.first_name, user.last_name = first, "Staff"
        user.save()
    return members


def _label(text):
    return re.compile(rf"^{re.escape(text)}")


def _vote(page, base, case_url, member, axe_check=None):
    sign_in(page, base, member)
    page.goto(case_url)
    page.get_by_text("No, I have no conflict").click()
    page.get_by_role("button", name="Declare").click()
    if axe_check:
        axe_check(page, "case page with a vote form")
    page.get_by_label(_label("Finding")).select_option(label="Sustained")
    page.get_by_label(_label("Discipline recommended")).select_option(label="Suspension")
    page.get_by_label(_label("Suspension days")).fill("5")
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_text("Vote recorded.")).to_be_visible()
    sign_out(page)


def test_a_case_from_intake_to_the_public_record(live_server, page, district, officer, people,
                                                 intake_officer, investigator, board_chair,
                                                 axe_check, screenshot):
    base = live_server.url
    filed = complaint_submit(narrative=RITA["narrative"], filer_role="affected", language="en",
                             agency_id=district.agency_id, district=district,
                             contact_name=RITA["contact_name"], contact_email=RITA["contact_email"])
    tracking = filed.complaint.tracking_number

    page.goto(f"{base}/board/login/")
    axe_check(page, "sign-in")
    sign_in(page, base, intake_officer)
    axe_check(page, "dashboard")
    screenshot(page, "board-01-dashboard")
    page.get_by_role("link", name=tracking).click()
    axe_check(page, "complaint")
    page.get_by_role("button", name="Open a case").click()
    case_url = page.url
    page.get_by_label(_label("Investigator")).select_option(label="Ivan Staff")
    page.get_by_role("button", name="Assign").click()
    page.get_by_label(_label("Category")).select_option(label="Chokehold or strangulation")
    page.get_by_label("Officer badge number").fill(officer.badge_number)
    page.get_by_label(_label("Force level")).select_option(label="Hard empty-hand control or intermediate weapons")
    page.get_by_role("button", name="Add allegation").click()
    expect(page.get_by_test_id("case-priority")).to_have_text("High priority")
    page.get_by_role("button", name="Start preliminary review").click()
    page.get_by_role("button", name="Open investigation").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Investigation")
    axe_check(page, "case page in investigation")
    screenshot(page, "board-02-case-intake")
    page.goto(f"{base}/board/cases/new/own-motion/")
    axe_check(page, "own-motion form")
    page.goto(f"{base}/board/cases/new/ia-review/")
    axe_check(page, "internal-affairs review form")
    page.goto(f"{base}/board/two-factor/setup/")
    expect(page.get_by_test_id("totp-secret")).to_be_visible()
    axe_check(page, "second-factor set-up")
    screenshot(page, "board-00-two-factor-setup")
    sign_out(page)

    sign_in(page, base, investigator)
    expect(page.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).first).to_be_visible()
    page.goto(case_url)
    page.get_by_text("Log an interview").click()
    page.get_by_label(_label("Who was interviewed")).select_option(label="Civilian witness")
    page.get_by_label(_label("Name")).fill("Witness W-1")
    page.get_by_label(_label("Held on")).fill("2026-11-03")
    page.get_by_label(_label("Summary")).fill("Saw the officer's arm around the man's neck.")
    page.get_by_role("button", name="Log interview").click()
    expect(page.get_by_test_id("interview")).to_contain_text("Witness W-1")
    page.get_by_role("button", name="Send to the board").click()
    expect(page.get_by_text("Write the investigator's report")).to_be_visible()  # refused
    write_report(page)
    page.get_by_role("button", name="Send to the board").click()
    axe_check(page, "case page at the board")
    sign_out(page)

    sign_in(page, base, board_chair)
    page.goto(case_url)
    for name in ("Bea", "Bo", "Bianca"):
        page.get_by_text(f"{name} Member", exact=True).click()
    page.get_by_role("button", name="Form the panel").click()
    expect(page.get_by_test_id("panel-seats")).to_contain_text("Bianca Member")
    axe_check(page, "case page with panel")
    sign_out(page)

    bea = people["Bea"]
    sign_in(page, base, bea)
    page.goto(case_url)
    screenshot(page, "board-03-member-declares")
    page.get_by_text("Yes: I recuse from this case").click()
    page.get_by_role("button", name="Declare").click()
    expect(page.get_by_text("You have recused from this case.")).to_be_visible()
    assert page.goto(case_url).status == 404
    sign_out(page)

    sign_in(page, base, board_chair)
    page.goto(case_url)
    expect(page.get_by_test_id("panel-seats")).to_contain_text("recused")
    page.get_by_label(_label("Replacement member")).select_option(label="Basil Member")
    page.get_by_role("button", name="Seat member").click()
    sign_out(page)

    for name in ("Bo", "Bianca", "Basil"):
        _vote(page, base, case_url, people[name], axe_check if name == "Bo" else None)

    sign_in(page, base, board_chair)
    page.goto(case_url)
    screenshot(page, "board-04-votes-in")
    page.get_by_role("button", name="Record the board's decision").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Decided")
    expect(page.get_by_test_id("allegation-finding")).to_have_text("Sustained")
    sign_out(page)

    sign_in(page, base, intake_officer)
    page.goto(case_url)
    page.get_by_role("textbox", name="Public summary").fill(
        "An officer used a chokehold during an arrest; the panel sustained the allegation.")
    page.get_by_role("button", name="Save summary").click()
    page.get_by_role("button", name="Close and publish").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Closed")
    axe_check(page, "closed case")
    screenshot(page, "board-05-closed")
    page.get_by_role("link", name="Read the letter").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page, "closing letter")
    screenshot(page, "board-06-letter")
    sign_out(page)

    supervisor = UserFactory(username="sofia", first_name="Sofia", last_name="Staff",
                             roles=[Role.SUPERVISOR])
    sign_in(page, base, supervisor)
    expect(page.get_by_test_id("early-intervention")).to_contain_text(officer.full_name)
    axe_check(page, "supervisor's dashboard")
    screenshot(page, "board-08-supervisor-dashboard")
    page.goto(case_url)
    page.get_by_text("Record the discipline the department imposed").click()
    page.get_by_label(_label("Discipline imposed")).select_option(label="Suspension")
    page.get_by_label(_label("Suspension days")).fill("3")
    page.get_by_label(_label("Imposed on")).fill(timezone.localdate().isoformat())
    page.get_by_label(_label("Department's reason")).fill("Reduced after a hearing.")
    page.get_by_role("button", name="Record imposed discipline").click()
    expect(page.get_by_text("Imposed discipline recorded.")).to_be_visible()
    axe_check(page, "case page after imposed discipline")
    sign_out(page)

    page.goto(f"{base}/officers/{officer.public_id}/")
    row = page.get_by_test_id("allegation-row")
    expect(row).to_contain_text("Chokehold")
    expect(row).to_contain_text("Sustained")
    screenshot(page, "board-07-officer-page")
    assert_no_private_values(page.content())
    assert tracking not in page.content()
