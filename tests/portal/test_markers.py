"""The markers select what the README says they select."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _collected(marker_expression: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-m", marker_expression, "tests"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_browser_marker_selects_only_the_browser_folder():
    browser = _collected("browser")
    others = _collected("not browser")
    assert browser and others
    assert all(node.startswith("tests/browser/") for node in browser)
    assert not any(node.startswith("tests/browser/") for node in others)
