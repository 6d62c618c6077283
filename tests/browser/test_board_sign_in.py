"""Ines signs in with the second factor required: password, phone enrolment, recovery codes."""

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(PORTAL_REQUIRE_2FA=True)
def test_first_sign_in_enrols_a_phone_and_then_asks_for_its_code(live_server, page, intake_officer,
                                                                 axe_check, screenshot):
    base = live_server.url

    def password_step():
        page.goto(f"{base}/board/")
        page.get_by_label("Username").fill(intake_officer.username)
        page.get_by_label("Password").fill("correct-horse-battery-staple")
        page.get_by_role("button", name="Sign in").click()

    password_step()
    expect(page.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    device = TOTPDevice.objects.get(user=intake_officer, confirmed=False)
    assert page.get_by_test_id("totp-secret").inner_text() in device.config_url
    page.get_by_label("The 6-digit code").fill(_code(device))
    page.get_by_role("button", name="Turn on the second factor").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    axe_check(page, "recovery codes")
    screenshot(page, "board-sign-in-recovery-codes")
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Case work")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    password_step()
    expect(page.get_by_role("heading", name="Second step of sign-in")).to_be_visible()
    axe_check(page, "second-factor step")
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("#id_token-error")).to_contain_text("That code did not match")
    axe_check(page, "second-factor error")
    screenshot(page, "board-sign-in-wrong-code")
