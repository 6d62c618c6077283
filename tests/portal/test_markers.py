"""The markers select what the README says they select."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _collected(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_browser_marker_selects_only_the_browser_folder():
    """`-m browser` over the whole suite selects exactly the browser folder's tests, so
    `-m "not browser"` selects everything else (one collection of the suite, not two)."""
    browser = _collected("-m", "browser", "tests")
    folder = _collected("tests/browser")
    assert browser and sorted(browser) == sorted(folder)
