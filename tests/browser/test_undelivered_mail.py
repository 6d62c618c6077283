"""Sofia (supervisor) finds an e-mail that failed for days on her dashboard and sends it again,
with the keyboard, on a phone-sized screen; axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from portal.models import OutboxMessage
from portal.roles import Role
from portal.services.outbox import MAX_ATTEMPTS, outbox_enqueue
from tests.browser.staff import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_supervisor_requeues_a_failed_email(live_server, page, axe_check, screenshot):
    sofia = UserFactory(username="sofia", first_name="Sofia", roles=[Role.SUPERVISOR])
    message = outbox_enqueue(kind="closing_letter", recipient="rita@example.net",
                             subject="Your case", body="Dear Rita")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="failed", attempts=MAX_ATTEMPTS, last_error="TimeoutError: timed out")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, sofia)
    table = page.get_by_test_id("undelivered-mail")
    expect(table).to_contain_text("closing_letter")
    expect(table).to_contain_text("TimeoutError")
    expect(table).not_to_contain_text("rita@example.net")
    page.get_by_label(f"Message {message.pk}").focus()
    page.keyboard.press("Space")
    axe_check(page, "dashboard with undelivered mail")
    screenshot(page, "board-undelivered-mail-phone")
    page.get_by_role("button", name="Send the selected e-mails again").click()
    expect(page.get_by_text("1 message queued again.")).to_be_visible()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
