"""Residents' journeys the first real use found broken: Back and Reload after filing, the officer
hand-off from a profile, a pasted story longer than the limit."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
STORY = "Two officers shoved a teenager against a fence at the bus stop."


def _next(page):
    page.get_by_role("button", name="Save and continue").last.click()


def file_quickly(page, base: str, *, story: str = STORY):
    """Fill only the story and go through every step to the confirmation."""
    page.goto(f"{base}/complaints/new/")
    page.get_by_label("What happened?").fill(story)
    _next(page)
    for _ in range(6):
        if page.get_by_test_id("step-title").inner_text() == "Review and submit":
            break
        _next(page)
    page.get_by_role("button", name="Submit complaint").click()
    expect(page.get_by_role("heading", name="Your complaint was received")).to_be_visible()
    return page.get_by_test_id("status-code").inner_text().strip()


def test_back_and_reload_after_filing_show_the_code_again_until_it_expires(
        live_server, browser, district, axe_check, screenshot, settings, monkeypatch):
    page = browser.new_context(viewport=PHONE).new_page()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    code = file_quickly(page, live_server.url)
    axe_check(page, "filed")
    screenshot(page, "complaint-filed-keep-code")
    expect(page.get_by_test_id("keep-code")).to_contain_text("Keep your code before you leave")

    page.go_back()  # the review page's draft is gone: the browser lands on the confirmation
    expect(page.get_by_test_id("status-code")).to_have_text(code)
    assert asked == ["beforeunload"]  # leaving the page asked to keep the code first
    page.reload()
    expect(page.get_by_test_id("status-code")).to_have_text(code)
    assert "/complaints/filed/" in page.url and code not in page.url

    page.locator("label", has_text="I have kept my tracking number and code").click()
    later = timezone.now() + datetime.timedelta(minutes=settings.COMPLAINT_CONFIRMATION_MINUTES + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page.reload()
    expect(page.get_by_role("heading", name="This confirmation is no longer shown")).to_be_visible()
    assert code not in page.content()
    axe_check(page, "confirmation expired")
    screenshot(page, "complaint-filed-expired")


def test_officer_hand_off_from_a_profile_and_roster_search(live_server, browser, district, agency,
                                                          axe_check, screenshot):
    alvarez = OfficerFactory(agency=agency, district=district, first_name="Brian",
                             last_name="Álvarez", badge_number="10442", rank="Sergeant")
    OfficerFactory(agency=agency, district=district, first_name="Sean", last_name="O'Brien",
                   badge_number="10443", rank="Police Officer")
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/officers/{alvarez.public_id}/")
    page.get_by_test_id("complain-link").click()
    expect(page.get_by_test_id("handoff")).to_contain_text("Sergeant Brian Álvarez (badge 10442)")
    axe_check(page, "hand-off")
    screenshot(page, "complaint-handoff-1")
    page.get_by_label("What happened?").fill(STORY)
    _next(page)
    expect(page.get_by_label("Name", exact=True)).to_have_value("Brian Álvarez")
    expect(page.get_by_label("Badge number")).to_have_value("10442")
    expect(page.get_by_test_id("from-roster")).to_be_visible()

    page.get_by_role("button", name="Add another officer").click()
    page.get_by_label("Search the roster by name or badge").fill("Obrien")
    page.get_by_label("Search the roster by name or badge").press("Enter")  # searches, stays
    results = page.get_by_test_id("roster-results")
    expect(results).to_contain_text("Choose Police Officer Sean O'Brien, badge 10443")
    assert results.evaluate("e => e === document.activeElement")  # the focus is on the results
    axe_check(page, "roster search")
    screenshot(page, "complaint-handoff-2-roster-search")
    results.get_by_role("button").first.click()
    expect(page.locator("#id_officers-1-name")).to_have_value("Sean O'Brien")
    screenshot(page, "complaint-handoff-3-two-officers")


def test_pasted_text_over_the_limit_is_kept_and_refused_with_room_shown(live_server, browser,
                                                                        axe_check, screenshot):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/complaints/new/")
    room = page.locator("#id_narrative-room")
    expect(room).to_have_text("20,000 characters left")
    pasted = ("The officer shouted at me. " * 741).strip() + "!"  # 20,007 characters
    page.get_by_label("What happened?").fill(pasted)  # as a paste: one input event
    expect(room).to_have_text("7 characters too many")
    assert page.get_by_label("What happened?").input_value() == pasted  # not cut by the browser
    _next(page)
    expect(page.locator("#id_narrative-error")).to_contain_text(
        "This has 20007 characters; it can have at most 20000. Please shorten it")
    assert page.get_by_label("What happened?").input_value() == pasted
    expect(room).to_have_text("7 characters too many")
    axe_check(page, "too long")
    screenshot(page, "complaint-too-long")


def test_without_javascript_the_hint_states_the_limit(live_server, browser):
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/complaints/new/")
    expect(page.locator("#id_narrative-room")).to_have_text("Up to 20,000 characters.")


def _focus_lands_on(page, element_id: str) -> None:
    """Focus moves once the page's script has run: wait for it (a loaded machine is slow)."""
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id",
                           arg=element_id, timeout=10_000)


def test_keyboard_users_skip_the_header_and_land_on_each_step(live_server, browser, district):
    page = browser.new_context(viewport=PHONE).new_page()
    for path in ("/", "/officers/", "/complaints/status/", "/es/officers/"):
        page.goto(f"{live_server.url}{path}")
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        expect(skip).to_have_attribute("href", "#main-content")
        page.keyboard.press("Enter")
        _focus_lands_on(page, "main-content")

    page.goto(f"{live_server.url}/complaints/new/")
    _focus_lands_on(page, "step-heading")  # step 1 starts on its heading
    _next(page)  # no story: an error
    _focus_lands_on(page, "error-summary")
    page.get_by_label("What happened?").fill(STORY)
    _next(page)
    expect(page.get_by_test_id("step-title")).to_have_text("Who was involved")
    _focus_lands_on(page, "step-heading")
    page.keyboard.press("Tab")  # the next stop is on the step itself, not in the header
    assert page.evaluate("document.activeElement.closest('header') === null")


def test_spanish_hand_off_roster_search_and_evidence_notice(live_server, browser, district, agency,
                                                            axe_check, screenshot):
    alvarez = OfficerFactory(agency=agency, district=district, first_name="Brian",
                             last_name="Álvarez", badge_number="10442", rank="Sargento")
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/es/complaints/new/?officer={alvarez.public_id}")
    expect(page.get_by_test_id("handoff")).to_contain_text("Está presentando una queja sobre Sargento Brian Álvarez")
    expect(page.locator("#id_narrative-room")).to_have_text("20.000 caracteres disponibles")
    page.get_by_label("¿Qué pasó?").fill(STORY)
    page.get_by_role("button", name="Guardar y continuar").last.click()
    page.get_by_label("Buscar en el registro por nombre o placa").fill("alvares")
    page.get_by_role("button", name="Buscar en el registro").click()
    expect(page.get_by_test_id("roster-results")).to_be_visible()
    axe_check(page, "es roster search")
    screenshot(page, "complaint-es-roster-search")
    page.get_by_role("button", name="Guardar y continuar").last.click()
    page.get_by_role("button", name="Guardar y continuar").last.click()
    page.get_by_role("button", name="Guardar y continuar").last.click()
    expect(page.get_by_test_id("what-is-kept")).to_contain_text("Qué guardamos y quién lo ve")
    axe_check(page, "es evidence")
    screenshot(page, "complaint-es-evidence-kept")


def test_intake_sends_a_new_code_from_the_complaint_page(live_server, browser, district,
                                                         intake_officer, axe_check, screenshot):
    from complaints.services import complaint_submit
    from tests.browser.staff import sign_in

    filed = complaint_submit(narrative="He pushed me.", filer_role="affected", language="en",
                             agency_id=district.agency_id, district=district,
                             contact_name="Rita Q", contact_email="rita@example.net")
    page = browser.new_context(viewport=PHONE).new_page()
    sign_in(page, live_server.url, intake_officer)
    page.goto(f"{live_server.url}/board/complaints/{filed.complaint.tracking_number}/")
    page.get_by_test_id("new-code").click()
    axe_check(page, "new code")
    screenshot(page, "board-new-code")
    page.get_by_role("button", name="Send a new code").click()
    expect(page.get_by_role("alert").first).to_contain_text("How did you check")
    page.locator("label", has_text="Called back the phone number on file").click()
    page.get_by_role("button", name="Send a new code").click()
    expect(page.get_by_text("A new code was sent to the e-mail address on file.")).to_be_visible()
