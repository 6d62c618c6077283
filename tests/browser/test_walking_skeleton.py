"""Rita files in a real Chromium; staff work the case; Jo reads the result."""

import re

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.browser.staff import sign_in, sign_out, write_report
from tests.factories import UserFactory
from tests.slice import RITA, TRACKING_RE, assert_no_private_values

pytestmark = pytest.mark.django_db(transaction=True)



def _continue(page, next_step):
    page.get_by_role("button", name="Save and continue").last.click()
    expect(page.get_by_test_id("step-title")).to_have_text(next_step)


def _move(page, label):
    page.get_by_role("button", name=label).click()


def _open_status(page, base, tracking_number, code):
    """Staff sign-outs in this browser end the resident's session too: type the code again."""
    page.goto(f"{base}/complaints/status/")
    page.get_by_label("Tracking number").fill(tracking_number)
    page.get_by_label("Secret code").fill(code.upper().replace("-", " "))
    page.get_by_role("button", name="Check status").click()
    assert code not in page.url


def test_complaint_to_public_record_in_the_browser(
    live_server, page, district, officer, intake_officer, investigator, board_chair,
    axe_check, screenshot,
):
    base = live_server.url
    page.goto(f"{base}/complaints/new/")
    axe_check(page, "complaint form")
    screenshot(page, "skeleton-01-complaint-form")
    page.get_by_label("I am the person this happened to").check()
    page.get_by_label("What happened?").fill(RITA["narrative"])
    page.get_by_label("When did it happen?").fill(RITA["occurred_on"])
    page.get_by_label("Where did it happen?").fill(RITA["location"])
    page.get_by_label("Police district").select_option(label=str(district))
    _continue(page, "Who was involved")
    page.get_by_label("What did they look like?").fill(RITA["officer_details"])
    for step in ("What the officers did", "People affected and witnesses", "Evidence",
                 "How to reach you"):
        _continue(page, step)
    page.get_by_label("Your name").fill(RITA["contact_name"])
    page.get_by_label("Your email").fill(RITA["contact_email"])
    _continue(page, "Review and submit")
    page.get_by_role("button", name="Submit complaint").click()

    expect(page.get_by_role("heading", name="Your complaint was received")).to_be_visible()
    tracking_number = page.get_by_test_id("tracking-number").inner_text().strip()
    assert TRACKING_RE.fullmatch(tracking_number)
    axe_check(page, "confirmation")
    screenshot(page, "skeleton-02-confirmation")
    code = page.get_by_test_id("status-code").inner_text().strip()
    page.get_by_test_id("status-link").click()  # posts the code: the address holds no secret
    assert code not in page.url
    expect(page.get_by_test_id("public-status")).to_have_text("Received")
    axe_check(page, "status page")

    sign_in(page, base, intake_officer)
    page.get_by_role("link", name=tracking_number).click()
    expect(page.get_by_text(RITA["contact_name"])).to_be_visible()
    page.get_by_role("button", name="Open a case").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Intake")
    case_url = page.url
    page.get_by_label("Category").select_option(label="Physical force")
    page.get_by_label("Officer badge number").fill(officer.badge_number)
    page.get_by_role("button", name="Add allegation").click()
    _move(page, "Start preliminary review")
    _move(page, "Open investigation")
    expect(page.get_by_test_id("case-state")).to_have_text("Investigation")
    axe_check(page, "case page")
    screenshot(page, "skeleton-03-case-page")
    sign_out(page)

    sign_in(page, base, investigator)
    page.goto(case_url)
    write_report(page)
    _move(page, "Send to the board")
    sign_out(page)

    _open_status(page, base, tracking_number, code)
    expect(page.get_by_test_id("public-status")).to_have_text("At the board")

    members = [UserFactory(username=name, first_name=name.title(), roles=[Role.BOARD_MEMBER])
               for name in ("bea", "bo", "bianca")]
    sign_in(page, base, board_chair)
    page.goto(case_url)
    for member in members:
        page.get_by_text(member.first_name, exact=True).click()
    page.get_by_role("button", name="Form the panel").click()
    sign_out(page)

    for member in members:
        sign_in(page, base, member)
        page.goto(case_url)
        page.get_by_text("No, I have no conflict").click()
        page.get_by_role("button", name="Declare").click()
        page.get_by_label(re.compile(r"^Finding")).select_option(label="Sustained")
        page.get_by_label("Discipline recommended").select_option(label="Written reprimand")
        page.get_by_role("button", name="Cast my vote").click()
        expect(page.get_by_text("Vote recorded.")).to_be_visible()
        sign_out(page)

    sign_in(page, base, board_chair)
    page.goto(case_url)
    _move(page, "Record the board's decision")
    expect(page.get_by_test_id("case-state")).to_have_text("Decided")
    sign_out(page)

    sign_in(page, base, intake_officer)
    page.goto(case_url)
    page.get_by_role("textbox", name="Public summary").fill("Force was used during a stop; the board sustained it.")
    page.get_by_role("button", name="Save summary").click()
    _move(page, "Close and publish")
    expect(page.get_by_test_id("case-state")).to_have_text("Closed")
    sign_out(page)

    _open_status(page, base, tracking_number, code)
    expect(page.get_by_test_id("public-status")).to_have_text("Closed")

    page.goto(f"{base}/officers/{officer.public_id}/")
    expect(page.get_by_role("heading", name=officer.full_name)).to_be_visible()
    row = page.get_by_test_id("allegation-row")
    expect(row).to_contain_text("Physical force")
    expect(row).to_contain_text("Sustained")
    expect(row).to_contain_text(re.compile(r"Oct\. 2, 2026"))
    axe_check(page, "officer page")
    screenshot(page, "skeleton-04-officer-page")
    assert_no_private_values(page.content())
    assert tracking_number not in page.content()
