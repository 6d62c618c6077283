"""Under the strict Content-Security-Policy the pages and the API docs still work in Chromium;
the autouse guard of this folder fails any test whose page had something refused."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_under_the_policy(live_server, page, screenshot):
    page.goto(f"{live_server.url}/api/docs/swagger/")
    expect(page.get_by_role("heading", name="Public record API")).to_be_visible()
    expect(page.get_by_text("/api/v1/officers/", exact=True).first).to_be_visible()
    screenshot(page, "csp-api-docs")


def test_an_injected_inline_script_is_refused(live_server, context):
    page = context.new_page()  # not the guarded page: this refusal is the point
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(f"{live_server.url}/")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'document.title = "changed"'; document.head.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.title() != "changed"
    assert any("Content Security Policy" in text for text in refused)
