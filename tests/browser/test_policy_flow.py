"""A policy recommendation in Chromium, from Eli's draft to the department's answer on its
public page; axe on every public policy page, and screenshots on a desktop, on a 390 px phone
and in Spanish.

Eli drafts, Carmen records the board's vote and publishes, Eli records the department's
partial acceptance; Jo reads it, the tracker and the meeting page, and sends a comment.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from policy import services
from policy.models import PolicyMeasure
from policy.vocabulary import Adoption, MeetingState
from tests.browser.staff import sign_in, sign_out
from tests.policy.conftest import draft_recommendation, publish

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
TITLE = "Ban knee holds on the neck and back"


def _label(text):
    return re.compile(rf"^{re.escape(text)}")


@pytest.fixture
def public_context(agency, records_editor, board_chair):
    """The tracker and a meeting with a published agenda, for the public pages."""
    for code, adoption, levels in [("chokeholds", Adoption.ADOPTED, None),
                                   ("force-continuum", Adoption.PARTLY, 4),
                                   ("knee-holds", Adoption.NOT_ADOPTED, None)]:
        services.standing_update(agency=agency, measure=PolicyMeasure.objects.get(code=code),
                                 actor=records_editor, adoption=adoption, continuum_levels=levels,
                                 policy_url="https://police.example.org/rules/304",
                                 as_of=datetime.date(2026, 1, 15), note="First review.")
    meeting = services.meeting_schedule(
        actor=board_chair, title="Monthly public meeting", place="City Hall, Room 801",
        starts_at=timezone.now() + datetime.timedelta(days=5),
        agenda="1. Knee holds\n2. Body-worn camera policy")
    services.meeting_transition(meeting=meeting, to=MeetingState.AGENDA_PUBLISHED, actor=board_chair)
    return meeting


def _draft(page, base, eli):
    sign_in(page, base, eli)
    page.goto(f"{base}/board/policy/")
    page.get_by_role("link", name="Draft a policy recommendation").click()
    page.get_by_label(_label("Title")).fill(TITLE)
    page.get_by_label(_label("Policy area")).select_option(label="Use of force")
    page.get_by_label(_label("The problem")).fill("Three sustained cases involved a knee on the neck.")
    page.get_by_label(_label("The evidence")).fill("Sustained findings in 2025 and 2026.")
    page.get_by_label(_label("The recommendation")).fill("Prohibit knee holds on the neck, back or chest.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("recommendation-state")).to_have_text("Draft")
    url = page.url
    sign_out(page)
    return url


def _adopt_and_publish(page, base, url, carmen, axe_check):
    sign_in(page, base, carmen)
    page.goto(url)
    axe_check(page, "staff recommendation page")
    page.get_by_label(_label("Members in favour")).fill("5")
    page.get_by_label(_label("Members against")).fill("1")
    page.get_by_label(_label("Members abstaining")).fill("1")
    page.get_by_role("button", name="Record the board's adoption").click()
    expect(page.get_by_test_id("recommendation-state")).to_have_text("Adopted by the board")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("recommendation-state")).to_have_text("Published")
    sign_out(page)


def _record_response(page, base, url, eli, screenshot):
    sign_in(page, base, eli)
    page.goto(url)
    page.get_by_label(_label("The department's answer")).select_option(label="Partially accepted")
    page.get_by_label(_label("Date of the response")).fill("2026-05-04")
    page.get_by_label(_label("What the department said")).fill(
        "Knee holds on the neck are banned; holds on the back stay allowed.")
    page.get_by_role("button", name="Record the response").click()
    expect(page.get_by_text("The department's response is recorded.")).to_be_visible()
    screenshot(page, "policy-staff-recommendation")
    sign_out(page)


def test_a_recommendation_from_draft_to_the_departments_response(
        live_server, page, records_editor, board_chair, public_context, axe_check, screenshot):
    base = live_server.url
    staff_url = _draft(page, base, records_editor)
    _adopt_and_publish(page, base, staff_url, board_chair, axe_check)
    _record_response(page, base, staff_url, records_editor, screenshot)

    page.goto(f"{base}/policy/")
    axe_check(page, "recommendation list")
    page.get_by_label("Policy area").select_option(label="Use of force")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=TITLE).click()
    response = page.get_by_test_id("department-response")
    expect(response).to_contain_text("Partially accepted")
    expect(response).to_contain_text("holds on the back stay allowed")
    expect(page.get_by_test_id("history")).to_contain_text("Adopted by the board")
    expect(page.get_by_test_id("history")).to_contain_text("Partially accepted")
    axe_check(page, "recommendation page")
    screenshot(page, "policy-recommendation-after-response")


PUBLIC_PAGES = [("list", "/policy/"), ("tracker", "/policy/use-of-force/"),
                ("tracker-history", "/policy/use-of-force/boston-pd/history/"),
                ("meetings", "/policy/meetings/")]


def test_public_policy_pages_pass_axe_on_a_phone_and_in_spanish(
        live_server, browser, public_context, records_editor, board_chair, axe_check, screenshot):
    base = live_server.url
    published = publish(draft_recommendation(records_editor), chair=board_chair,
                        editor=records_editor)
    pages = [*PUBLIC_PAGES, ("recommendation", f"/policy/{published.number}/"),
             ("meeting", f"/policy/meetings/{public_context.pk}/")]
    for viewport, prefix, suffix in [({"width": 1280, "height": 900}, "", "desktop"),
                                     (PHONE, "", "phone"), (PHONE, "/es", "phone-es")]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, path in pages:
            page.goto(base + prefix + path)
            axe_check(page, f"{name} ({suffix})")
            screenshot(page, f"policy-{name}-{suffix}")
            if viewport == PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["width"], f"{name} ({suffix}) scrolls sideways: {width}px"
        context.close()


def test_a_resident_sends_a_comment_before_the_meeting(live_server, page, public_context,
                                                      axe_check, screenshot):
    page.goto(f"{live_server.url}/policy/meetings/{public_context.pk}/")
    page.get_by_label(_label("Your comment")).fill("Please ban knee holds on the back too.")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("Your comment was received")).to_be_visible()
    expect(page.get_by_text("Please ban knee holds on the back too.")).to_have_count(0)
    axe_check(page, "meeting page after a comment")
