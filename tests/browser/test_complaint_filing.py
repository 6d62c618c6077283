"""Residents file in a real Chromium: Ana anonymously by keyboard on a phone, Theo for his
neighbour with evidence on a desktop, saving and resuming on another device."""

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint, Evidence, WithdrawalRequest
from tests.complaints.conftest import jpeg_with_gps
from tests.slice import TRACKING_RE

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TIMINGS = Path("artifacts/complaint-timings.txt")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def _focused(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def tab_to(page, locator, limit=120):
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if _focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} cannot be reached with the Tab key")


def arrow_to(page, locator, limit=12):
    """Within a radio group, arrow keys move the choice."""
    for _ in range(limit):
        if _focused(locator):
            expect(locator).to_be_checked()
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{locator} cannot be reached with the arrow keys")


def choose(page, label):
    """Tick a USWDS radio or checkbox by its label, as a person clicks it."""
    page.locator("label", has_text=label).click()


def _step(page, title, axe_check, screenshot, name):
    expect(page.get_by_test_id("step-title")).to_have_text(title)
    axe_check(page, name)
    screenshot(page, name)


def test_anonymous_filing_by_keyboard_on_a_phone(live_server, browser, district, axe_check, screenshot):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/complaints/new/")
    started = time.monotonic()
    _step(page, "What happened", axe_check, screenshot, "complaint-phone-1-what-happened")

    tab_to(page, page.get_by_label("I am the person this happened to"))
    arrow_to(page, page.get_by_label("I saw it happen"))
    tab_to(page, page.get_by_label("What happened?"))
    page.keyboard.type("Two officers shoved a teenager against a fence at the bus stop.")
    tab_to(page, page.get_by_label("The date or time is approximate"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Where did it happen?"))
    page.keyboard.type("Bus stop at Blue Hill Ave and Warren St")
    tab_to(page, page.get_by_role("button", name="Save and continue").last)
    page.keyboard.press("Enter")

    _step(page, "Who was involved", axe_check, screenshot, "complaint-phone-2-officers")
    tab_to(page, page.get_by_label("Badge number"))
    page.keyboard.type("10442")
    page.keyboard.press("Enter")  # Enter in a field saves and continues

    _step(page, "What the officers did", axe_check, screenshot, "complaint-phone-3-conduct")
    tab_to(page, page.get_by_label("Pushed, grabbed, hit, kicked or tackled someone"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("I don't know"))
    arrow_to(page, page.get_by_label("Held, grabbed or pushed someone"))
    tab_to(page, page.get_by_role("button", name="Save and continue").last)
    page.keyboard.press("Enter")

    _step(page, "People affected and witnesses", axe_check, screenshot, "complaint-phone-4-people")
    tab_to(page, page.get_by_role("button", name="Save and continue").last)
    page.keyboard.press("Enter")
    _step(page, "Evidence", axe_check, screenshot, "complaint-phone-5-evidence")
    tab_to(page, page.get_by_role("button", name="Save and continue").last)
    page.keyboard.press("Enter")
    _step(page, "How to reach you", axe_check, screenshot, "complaint-phone-6-contact")
    tab_to(page, page.get_by_role("button", name="Save and continue").last)
    page.keyboard.press("Enter")

    _step(page, "Review and submit", axe_check, screenshot, "complaint-phone-7-review")
    expect(page.get_by_text("Two officers shoved a teenager")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Submit complaint"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Your complaint was received")).to_be_visible()
    elapsed = time.monotonic() - started
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.write_text(f"keyboard-only anonymous filing, 7 steps: {elapsed:.1f} s\n")
    axe_check(page, "filed")
    screenshot(page, "complaint-phone-8-filed")
    tracking_number = page.get_by_test_id("tracking-number").inner_text().strip()
    code = page.get_by_test_id("status-code").inner_text().strip()
    assert TRACKING_RE.fullmatch(tracking_number) and len(code) >= 32
    complaint = Complaint.objects.get(tracking_number=tracking_number)
    assert complaint.anonymous and complaint.filer_role == "witness"

    with page.expect_download() as download:
        tab_to(page, page.get_by_test_id("receipt"))
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"{tracking_number}.pdf"

    page.goto(f"{base}/complaints/status/")
    page.get_by_label("Tracking number").fill(tracking_number)
    page.get_by_label("Secret code").fill(code)
    page.get_by_role("button", name="Check status").click()
    expect(page.get_by_test_id("public-status")).to_have_text("Received")
    axe_check(page, "status")
    screenshot(page, "complaint-phone-9-status")
    context.close()


def test_third_party_with_evidence_saved_and_resumed_on_a_desktop(
    live_server, browser, district, axe_check, screenshot, tmp_path,
):
    photo = tmp_path / "fence.jpg"
    photo.write_bytes(jpeg_with_gps())
    disguised = tmp_path / "video.mp4"
    disguised.write_bytes(b"MZ\x90\x00" + b"\x00" * 400)
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base}/complaints/new/")
    _step(page, "What happened", axe_check, screenshot, "complaint-desktop-1-what-happened")
    choose(page, "I am filing for someone else")
    page.get_by_label("What happened?").fill("My neighbour was held face down with a knee on his neck.")
    page.get_by_label("Police district").select_option(label=str(district))
    page.get_by_role("button", name="Save and continue").last.click()

    _step(page, "Who was involved", axe_check, screenshot, "complaint-desktop-2-officers")
    page.get_by_label("Name", exact=True).fill("Sgt. Pell")
    page.get_by_role("button", name="Add another officer").click()
    page.locator("#id_officers-1-vehicle").fill("Cruiser 2-14")
    screenshot(page, "complaint-desktop-2b-two-officers")
    page.get_by_role("button", name="Save and continue").last.click()

    _step(page, "What the officers did", axe_check, screenshot, "complaint-desktop-3-conduct")
    choose(page, "Knelt on someone's neck or back, or held them face down")
    choose(page, "Hit, kicked, took someone down, or used pepper spray")
    page.get_by_role("button", name="Save and continue").last.click()

    _step(page, "People affected and witnesses", axe_check, screenshot, "complaint-desktop-4-people")
    page.get_by_label("Name of the person this happened to").fill("Teodoro Vasquez-Lind")
    page.get_by_role("button", name="Add a witness").click()
    page.get_by_label("Witness name").fill("Walter Okonkwo-Brandt")
    page.get_by_role("button", name="Save and continue").last.click()

    _step(page, "Evidence", axe_check, screenshot, "complaint-desktop-5-evidence")
    page.get_by_label("Add files").set_input_files([str(photo), str(disguised)])
    page.get_by_role("button", name="Upload these files").click()
    expect(page.get_by_role("alert").first).to_contain_text("“video.mp4” is not a photo, video")
    expect(page.get_by_test_id("attached-files")).to_contain_text("fence.jpg")
    axe_check(page, "evidence error")
    screenshot(page, "complaint-desktop-5b-evidence-refused")

    page.get_by_role("button", name="Save and finish later").click()
    resume = page.get_by_test_id("resume-link").input_value()
    axe_check(page, "saved")
    screenshot(page, "complaint-desktop-6-saved")
    context.close()

    # Later, another device: the private link brings everything back.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(resume)
    expect(page.get_by_label("What happened?")).to_have_value(
        "My neighbour was held face down with a knee on his neck.")
    page.goto(resume.replace("/incident/", "/evidence/"))
    expect(page.get_by_test_id("attached-files")).to_contain_text("fence.jpg")
    page.get_by_role("button", name="Save and continue").last.click()
    _step(page, "How to reach you", axe_check, screenshot, "complaint-desktop-7-contact")
    page.get_by_label("Your email").fill("theo@example.net")
    page.get_by_role("button", name="Save and continue").last.click()
    _step(page, "Review and submit", axe_check, screenshot, "complaint-desktop-8-review")
    expect(page.get_by_text("Cruiser 2-14")).to_be_visible()
    page.get_by_role("button", name="Submit complaint").click()
    expect(page.get_by_role("heading", name="Your complaint was received")).to_be_visible()
    screenshot(page, "complaint-desktop-9-filed")

    complaint = Complaint.objects.get()
    assert complaint.filer_role == "third_party" and complaint.affected_name == "Teodoro Vasquez-Lind"
    assert complaint.officers.count() == 2 and complaint.witnesses.count() == 1
    assert list(Evidence.objects.filter(complaint=complaint).values_list("original_name", flat=True)) == ["fence.jpg"]

    page.get_by_test_id("status-link").click()
    page.get_by_label("What would you like to add?").fill("The store on the corner has a camera.")
    page.get_by_role("button", name="Add to my complaint").click()
    expect(page.get_by_test_id("notice")).to_contain_text("Your information was added")
    choose(page, "I want to withdraw my complaint")
    page.get_by_role("button", name="Ask to withdraw").click()
    expect(page.get_by_test_id("notice")).to_contain_text("Your request to withdraw was recorded")
    axe_check(page, "status after withdrawal")
    screenshot(page, "complaint-desktop-10-status")
    assert WithdrawalRequest.objects.filter(complaint=complaint).exists()
    context.close()


def test_spanish_filing_records_its_language_and_answers_in_spanish(
    live_server, browser, district, axe_check, screenshot,
):
    from portal.models import OutboxMessage

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/complaints/new/")
    page.get_by_role("link", name="español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    _step(page, "Qué pasó", axe_check, screenshot, "complaint-es-phone-1-que-paso")
    page.get_by_label("¿Qué pasó?").fill("El agente me gritó y me quitó el teléfono.")
    page.get_by_role("button", name="Guardar y continuar").last.click()
    # An error keeps what was typed: a date in the future.
    page.get_by_role("button", name="Atrás").click()
    page.get_by_label("¿Cuándo pasó?").fill("2999-01-01")
    page.get_by_role("button", name="Guardar y continuar").last.click()
    expect(page.get_by_role("alert").first).to_contain_text("La fecha no puede ser futura.")
    expect(page.get_by_label("¿Qué pasó?")).to_have_value("El agente me gritó y me quitó el teléfono.")
    axe_check(page, "es error")
    screenshot(page, "complaint-es-phone-1b-error")
    page.get_by_label("¿Cuándo pasó?").fill("")
    page.get_by_role("button", name="Guardar y continuar").last.click()
    for title, slug in [("Quiénes participaron", "2-agentes"), ("Qué hicieron los agentes", "3-conducta"),
                        ("Personas afectadas y testigos", "4-personas"), ("Pruebas", "5-pruebas")]:
        _step(page, title, axe_check, screenshot, f"complaint-es-phone-{slug}")
        if slug == "3-conducta":
            choose(page, "Se llevó o dañó pertenencias")
        page.get_by_role("button", name="Guardar y continuar").last.click()
    _step(page, "Cómo contactarle", axe_check, screenshot, "complaint-es-phone-6-contacto")
    page.get_by_label("Su correo electrónico").fill("lucia@example.net")
    page.get_by_role("button", name="Guardar y continuar").last.click()
    _step(page, "Revisar y enviar", axe_check, screenshot, "complaint-es-phone-7-revisar")
    page.get_by_role("button", name="Enviar la queja").click()
    expect(page.get_by_role("heading", name="Recibimos su queja")).to_be_visible()
    axe_check(page, "es filed")
    screenshot(page, "complaint-es-phone-8-recibida")
    page.get_by_role("button", name="Su página privada de seguimiento").click()  # posts the code
    expect(page.get_by_test_id("public-status")).to_have_text("Recibida")
    axe_check(page, "es status")
    screenshot(page, "complaint-es-phone-9-estado")

    complaint = Complaint.objects.get()
    assert complaint.language == "es"
    assert list(complaint.conduct_categories.values_list("code", flat=True)) == ["property"]
    receipt = OutboxMessage.objects.get(kind="complaint_receipt")
    assert receipt.language == "es" and receipt.subject.startswith("Recibimos su queja")
    from django.core import mail

    assert "Abra su página privada de estado" in mail.outbox[-1].body and receipt.body == ""
    context.close()
