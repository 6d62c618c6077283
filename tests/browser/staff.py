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


def write_report(page):
    """The investigator writes the facts found and, for the (single) allegation, the
    recommended finding with its reasons: what the board needs before the case goes to it."""
    import re

    def label(text):
        return re.compile(rf"^{re.escape(text)}")

    page.get_by_label(label("Facts found")).fill(
        "Footage and the witness show an arm around the man's neck for ten seconds.")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_label(label("Investigator's recommended finding")).select_option(label="Sustained")
    page.get_by_label(label("Reasoning for this finding")).fill(
        "The footage matches the complaint and the witness.")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation saved.")).to_be_visible()
