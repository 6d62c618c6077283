"""The markers select what the README says they select."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import COLLECTED

ROOT = Path(__file__).resolve().parents[2]
BROWSER = ROOT / "tests" / "browser"


def _collected(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_browser_marker_selects_only_the_browser_folder(request):
    """`-m browser` over the whole suite selects exactly the browser folder's tests, so
    `-m "not browser"` selects everything else.

    When this session collected every test file (`make test`, CI, `make test-fast`: `-m` only
    deselects), its own collection is read: each test is marked `browser` exactly when it lives
    in tests/browser. Run on its own, the test collects the suite once in a subprocess."""
    collected = request.config.stash.get(COLLECTED, [])
    every_file = set((ROOT / "tests").rglob("test_*.py"))
    if every_file <= {path for path, _ in collected}:
        wrong = sorted({f"{path.relative_to(ROOT)} (marked {marked})" for path, marked in collected
                        if marked != (BROWSER in path.parents)})
        assert not wrong, wrong
        assert any(marked for _, marked in collected)
        return
    browser = _collected("-m", "browser", "tests")
    folder = _collected("tests/browser")
    assert browser and sorted(browser) == sorted(folder)
