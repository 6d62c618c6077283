"""Signing staff in and out of the board in the browser."""

from playwright.sync_api import expect

PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory's password


def sign_in(page, base, user):
    page.goto(f"{base}/board/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Case work")).to_be_visible()


def sign_out(page):
    page.goto(page.url.split("/board/")[0] + "/board/")
    page.get_by_role("button", name="Sign out").click()
