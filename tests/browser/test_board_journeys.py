"""The board's new journeys in Chromium, with axe on every new page.

Bea reads the case file before she votes; Ines enters Rita's phone complaint and acknowledges
it; and one complaint is walked from its arrival to the published decision by the fewest staff
actions the pages allow, counting clicks and pages (the figures go to artifacts/).
"""

import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from complaints.services import complaint_add_information, complaint_submit
from portal.roles import Role
from review_board.models import EvidenceItem, EvidenceKind
from review_board.services import (
    allegation_add,
    case_open_from_complaint,
    interview_record,
    panel_form,
)
from review_board.workflow import case_transition
from tests.browser.staff import sign_in, sign_out
from tests.factories import UserFactory, category, report_for_board
from tests.slice import RITA, assert_no_private_values

pytestmark = pytest.mark.django_db(transaction=True)
WALK_FIGURES = Path("artifacts/board-walk.json")


def _label(text):
    return re.compile(rf"^{re.escape(text)}")


@pytest.fixture
def staff(intake_officer, investigator, board_chair):
    people = {"ines": intake_officer, "ivan": investigator, "carmen": board_chair}
    for name, user in people.items():
        user.first_name, user.last_name = name.title(), "Staff"
        user.save()
    for name in ("bea", "bo", "bianca"):
        people[name] = UserFactory(username=name, first_name=name.title(), last_name="Member",
                                   roles=[Role.BOARD_MEMBER])
    people["sofia"] = UserFactory(username="sofia", first_name="Sofia", last_name="Staff",
                                  roles=[Role.SUPERVISOR])
    return people


def test_a_panel_member_reads_the_case_file_before_voting(live_server, page, district, officer,
                                                          staff, axe_check, screenshot):
    filed = complaint_submit(narrative=RITA["narrative"], filer_role="affected", language="en",
                             agency_id=district.agency_id, district=district,
                             contact_name=RITA["contact_name"], contact_email=RITA["contact_email"])
    complaint_add_information(complaint=filed.complaint, text="The shop keeps camera footage.")
    case = case_open_from_complaint(complaint=filed.complaint, actor=staff["ines"])
    allegation_add(case=case, actor=staff["ines"], officer=officer, category=category("chokehold"),
                   force_level=4)
    for to in ("preliminary_review", "investigation"):
        case = case_transition(case=case, to=to, actor=staff["ines"])
    interview_record(case=case, actor=staff["ivan"], interviewee_role="civilian_witness",
                     interviewee="Witness W-1", held_on=timezone.localdate(),
                     summary="Saw an arm around the man's neck.")
    EvidenceItem.objects.create(case=case, kind=EvidenceKind.BODY_CAMERA, title="Camera 4471",
                                footage_reference="BWC-4471", added_by=staff["ivan"],
                                added_at=timezone.now(), received_on=timezone.localdate())
    report_for_board(case, staff["ivan"])
    case = case_transition(case=case, to="board_review", actor=staff["ivan"])
    panel_form(case=case, actor=staff["carmen"], members=[staff["bea"], staff["bo"], staff["bianca"]])
    base = live_server.url

    sign_in(page, base, staff["bea"])
    page.get_by_role("link", name=case.number).first.click()
    page.get_by_text("No, I have no conflict").click()
    page.get_by_role("button", name="Declare").click()
    page.get_by_test_id("case-file-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case file {case.number}")
    expect(page.get_by_test_id("narrative")).to_contain_text("Zanzibar-marmalade")
    expect(page.get_by_test_id("complaint-update")).to_contain_text("camera footage")
    expect(page.get_by_test_id("report-facts")).to_contain_text("arm around the man's neck")
    expect(page.get_by_test_id("reasoning")).to_contain_text("The footage matches the account.")
    expect(page.get_by_test_id("file-interview")).to_contain_text("Witness W-1")
    expect(page.get_by_test_id("file-evidence")).to_contain_text("BWC-4471")
    assert RITA["contact_email"] not in page.content()
    axe_check(page, "case file")
    screenshot(page, "board-10-case-file")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "board-10-case-file-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Back to the case (and the vote)").first.click()
    finding = page.get_by_label(_label("Finding"))
    expect(finding).to_have_value("")  # nothing chosen for her
    finding.select_option(label="Sustained")
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_text("You voted “Sustained”: choose the discipline you recommend.").first).to_be_visible()
    expect(page.get_by_label(_label("Finding"))).to_have_value("sustained")  # kept
    axe_check(page, "vote refused with the reason in the form")
    screenshot(page, "board-11-vote-needs-discipline")
    page.get_by_label(_label("Discipline recommended")).select_option(label="Training")
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_text("Vote recorded.")).to_be_visible()


def test_staff_enter_a_phone_complaint(live_server, page, district, staff, axe_check, screenshot):
    base = live_server.url
    sign_in(page, base, staff["ines"])
    page.get_by_role("link", name=_label("Record a complaint")).click()
    axe_check(page, "record a complaint")
    page.get_by_role("button", name="Record the complaint").click()  # nothing filled in
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_text("Choose how the complaint reached us.").first).to_be_visible()
    axe_check(page, "record a complaint, with errors")
    page.locator("label", has_text="Telephone").click()
    page.get_by_label(_label("Language for the receipt")).select_option("es")
    page.get_by_label(_label("What happened?")).fill(RITA["narrative"])
    page.get_by_label(_label("Where did it happen?")).fill(RITA["location"])
    page.get_by_label(_label("Police district")).select_option(label=str(district))
    page.locator("#id_officers-0-badge_number").fill("10442")
    page.locator("label", has_text="Pushed, grabbed, hit, kicked or tackled someone").click()
    page.get_by_label("Your name").fill(RITA["contact_name"])
    page.get_by_label(_label("Your email")).fill(RITA["contact_email"])
    screenshot(page, "board-12-record-complaint")
    page.get_by_role("button", name="Record the complaint").click()
    tracking = page.get_by_test_id("tracking-number").inner_text()
    assert re.fullmatch(r"CR-\d{4}-\d{6}", tracking)
    expect(page.get_by_test_id("status-code")).to_have_text(re.compile(r"^[a-z0-9]{4}(-[a-z0-9]{4}){7}$"))
    expect(page.get_by_test_id("receipt-emailed")).to_be_visible()
    axe_check(page, "complaint recorded")
    screenshot(page, "board-13-complaint-recorded")
    with page.expect_download() as download:
        page.get_by_test_id("receipt-letter").click()
    assert download.value.suggested_filename == f"receipt-{tracking}.pdf"

    page.get_by_role("link", name="Go to the complaint").click()
    expect(page.get_by_test_id("acknowledgement")).to_contain_text("Due by")
    axe_check(page, "complaint page with the acknowledgement button")
    page.get_by_role("button", name="Record the acknowledgement").click()
    expect(page.get_by_test_id("acknowledgement")).to_contain_text("Acknowledged on")
    screenshot(page, "board-14-complaint-acknowledged")
    page.goto(f"{base}/board/")
    expect(page.get_by_role("row", name=re.compile(tracking))).to_contain_text("Telephone")


class Walk:
    """Counts what a person does: clicks (buttons, links, choices), fields typed, pages loaded."""

    def __init__(self, page):
        self.page, self.clicks, self.typed, self.pages = page, 0, 0, 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.pages += 1

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def select(self, locator, **option):
        locator.select_option(**option)
        self.clicks += 1

    def fill(self, locator, text):
        locator.fill(text)
        self.typed += 1

    def sign_in(self, base, user):
        sign_in(self.page, base, user)
        self.typed, self.clicks = self.typed + 2, self.clicks + 1

    def sign_out(self):
        sign_out(self.page)
        self.clicks += 1  # the page load to reach the button is not a person's click


def test_walk_from_a_new_complaint_to_a_published_decision(live_server, page, district, officer,
                                                           staff, axe_check, screenshot):
    filed = complaint_submit(narrative=RITA["narrative"], filer_role="affected", language="en",
                             agency_id=district.agency_id, district=district,
                             contact_name=RITA["contact_name"], contact_email=RITA["contact_email"])
    tracking = filed.complaint.tracking_number
    base = live_server.url
    w = Walk(page)

    w.sign_in(base, staff["ines"])
    w.click(page.get_by_role("link", name=tracking))
    w.click(page.get_by_role("button", name="Record the acknowledgement"))
    w.click(page.get_by_role("button", name="Open a case"))
    case_url = page.url
    w.select(page.get_by_label(_label("Investigator")), label="Ivan Staff")
    w.click(page.get_by_role("button", name="Assign"))
    w.select(page.get_by_label(_label("Category")), label="Firearm discharged")
    w.fill(page.get_by_label("Officer badge number"), officer.badge_number)
    w.select(page.get_by_label(_label("Force level")), label="Deadly force")
    w.click(page.get_by_role("button", name="Add allegation"))
    w.click(page.get_by_role("button", name="Start preliminary review"))
    w.click(page.get_by_role("button", name="Open investigation"))
    w.sign_out()

    w.sign_in(base, staff["ivan"])
    w.click(page.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).first)
    w.fill(page.get_by_label(_label("Facts found")), "Footage shows the officer fired at a man "
           "who was walking away with his hands raised.")
    w.click(page.get_by_role("button", name="Save the report"))
    w.select(page.get_by_label(_label("Investigator's recommended finding")), label="Sustained")
    w.fill(page.get_by_label(_label("Reasoning for this finding")), "No threat was present.")
    w.click(page.get_by_role("button", name="Save recommendation"))
    w.click(page.get_by_role("button", name="Send to the board"))
    expect(page.get_by_test_id("case-state")).to_have_text("Board review")
    w.sign_out()

    w.sign_in(base, staff["carmen"])
    w.click(page.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).first)
    for name in ("Bea", "Bo", "Bianca"):
        w.click(page.get_by_text(f"{name} Member", exact=True))
    w.click(page.get_by_role("button", name="Form the panel"))
    w.sign_out()

    for name in ("bea", "bo", "bianca"):
        w.sign_in(base, staff[name])
        w.click(page.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).first)
        w.click(page.get_by_text("No, I have no conflict"))
        w.click(page.get_by_role("button", name="Declare"))
        w.click(page.get_by_test_id("case-file-link"))
        w.click(page.get_by_role("link", name="Back to the case (and the vote)").first)
        w.select(page.get_by_label(_label("Finding")), label="Sustained")
        w.select(page.get_by_label(_label("Discipline recommended")), label="Termination")
        w.click(page.get_by_role("button", name="Cast my vote"))
        expect(page.get_by_text("Vote recorded.")).to_be_visible()
        w.sign_out()

    w.sign_in(base, staff["carmen"])
    w.click(page.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).first)
    w.click(page.get_by_role("button", name="Record the board's decision"))
    expect(page.get_by_test_id("case-state")).to_have_text("Decided")
    w.sign_out()

    w.sign_in(base, staff["ines"])
    w.click(page.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).first)
    w.fill(page.get_by_role("textbox", name="Public summary"),
           "An officer fired at a man walking away; the panel sustained the allegation.")
    w.click(page.get_by_role("button", name="Save summary"))
    w.click(page.get_by_role("button", name="Close and publish"))
    expect(page.get_by_test_id("case-state")).to_have_text("Closed")
    figures = {"clicks": w.clicks, "fields_typed": w.typed, "pages_loaded": w.pages,
               "sign_ins": 7, "people": 7}
    WALK_FIGURES.parent.mkdir(exist_ok=True)
    WALK_FIGURES.write_text(json.dumps(figures, indent=2) + "\n")
    print("walk from a new complaint to a published decision:", figures)
    expect(page.get_by_test_id("case-history")).to_contain_text("Close")
    axe_check(page, "closed case with its history")
    screenshot(page, "board-15-case-history")
    sign_out(page)

    # The decertification referral the decision made: Sofia sends and publishes it.
    sign_in(page, base, staff["sofia"])
    page.get_by_role("link", name="Certification referrals").click()
    axe_check(page, "referral list")
    screenshot(page, "board-16-referrals")
    page.get_by_role("link", name=re.compile(officer.full_name)).click()
    page.get_by_label(_label("Date")).first.fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Record: Sent").click()
    expect(page.get_by_test_id("referral-status")).to_have_text("Sent")
    page.get_by_role("button", name="Publish the referral").click()
    expect(page.get_by_text("The referral is on the officer's public profile.")).to_be_visible()
    axe_check(page, "referral detail")
    screenshot(page, "board-17-referral")
    page.goto(f"{base}/board/audit/?tracking_number={tracking}")
    expect(page.get_by_test_id("audit-results")).to_contain_text("Identity viewed")
    axe_check(page, "audit search")
    screenshot(page, "board-18-audit-search")
    sign_out(page)

    page.goto(f"{base}/officers/{officer.public_id}/")
    expect(page.get_by_test_id("referrals")).to_contain_text("Referred")
    screenshot(page, "board-19-officer-referral")
    assert_no_private_values(page.content())
