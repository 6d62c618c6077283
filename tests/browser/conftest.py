import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))
SERIOUS = {"serious", "critical"}


BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Mark the tests of this folder (this hook sees every collected test, not only ours)."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def axe_check():
    """Fail on any serious or critical axe-core violation on the page as it is now."""
    axe = Axe()

    def check(page, label: str):
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        assert not bad, f"{label}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
            for v in bad)
    return check


@pytest.fixture
def screenshot():
    """Save a full-page screenshot for people to look at (artifacts/screenshots/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    return shoot


@pytest.fixture(autouse=True)
def _no_content_security_policy_violation(request):
    """Every browser test also proves its pages work under the Content-Security-Policy."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield
    assert not refused, f"blocked by the Content-Security-Policy: {refused}"
