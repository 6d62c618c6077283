"""Seconds each test folder took in the JUnit XML files pytest wrote (one column per file).

Under pytest-xdist a column adds up the seconds of every process, so it can exceed the wall time.

    .venv/bin/python scripts/suite_times.py artifacts/junit-pass1.xml artifacts/junit-pass2.xml
"""

import sys
import xml.etree.ElementTree as ElementTree  # noqa: S405  # nosec B405  # our own pytest's report, not untrusted input
from collections import defaultdict


def folder_seconds(path: str) -> dict[str, float]:
    seconds: dict[str, float] = defaultdict(float)
    for case in ElementTree.parse(path).iter("testcase"):  # noqa: S314  # nosec B314  # as above
        parts = case.get("classname", "").split(".")
        folder = "/".join(parts[:2]) if parts[:1] == ["tests"] and len(parts) > 2 else parts[0]
        seconds[folder] += float(case.get("time") or 0)
    return seconds


def main(paths: list[str]) -> None:
    columns = [folder_seconds(path) for path in paths]
    folders = sorted({folder for column in columns for folder in column})
    names = [path.rsplit("/", 1)[-1] for path in paths]
    width = max(len(name) for name in names) + 2
    print(f"{'tests':<28}" + "".join(f"{name:>{width}}" for name in names))
    for folder in folders:
        print(f"{folder:<28}" + "".join(f"{column.get(folder, 0):>{width - 1}.0f}s" for column in columns))
    print(f"{'total':<28}" + "".join(f"{sum(column.values()):>{width - 1}.0f}s" for column in columns))


if __name__ == "__main__":
    main(sys.argv[1:])
