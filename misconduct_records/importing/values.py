"""Turning the text of a CSV cell into a typed value: filters, types and key templates.

Every function here raises ``BadValue`` with a reason a person can act on; the engine turns
it into a rejected row (file, line, reason) and goes on.
"""

import datetime
import re
from collections.abc import Callable, Mapping

from django.utils.text import slugify


class BadValue(ValueError):
    """A cell that cannot be read as the mapping says it should."""


def _whole_number(text: str) -> str:
    """'130469.0' -> '130469': ids that a spreadsheet wrote as floats."""
    if not text:
        return text
    try:
        number = float(text)
    except ValueError:
        raise BadValue(f"{text!r} is not a number") from None
    if not number.is_integer():
        raise BadValue(f"{text!r} is not a whole number")
    return str(int(number))


def _zfill(width: str) -> Callable[[str], str]:
    return lambda text: text.zfill(int(width)) if text else text


FILTERS: dict[str, Callable[..., Callable[[str], str]]] = {
    "int": lambda: _whole_number,
    "strip": lambda: str.strip,
    "upper": lambda: str.upper,
    "lower": lambda: str.lower,
    "title": lambda: str.title,
    "slug": lambda: slugify,
    "collapse": lambda: lambda text: " ".join(text.split()),
    "zfill": _zfill,
    "truncate": lambda width: lambda text: text[: int(width)].rstrip("-_ "),
}


def compile_filters(names: list[str]) -> Callable[[str], str]:
    """A chain of named filters, e.g. ['strip', 'int'] or ['zfill:4']."""
    steps = []
    for name in names:
        head, _, arg = name.partition(":")
        if head not in FILTERS:
            raise ValueError(f"unknown filter {head!r} (known: {', '.join(sorted(FILTERS))})")
        steps.append(FILTERS[head](arg) if arg else FILTERS[head]())

    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return run


_PLACEHOLDER = re.compile(r"\{([^{}|]+)((?:\|[^{}|]+)*)\}")


class Template:
    """'{cr_id}/{UID|int}': a key or text built from columns, each with optional filters.

    A column marked '?' ('cpdp.co/officer/{link_UID?|int}') makes the whole text blank when
    that column is blank, so a prefix alone is never stored as a value.
    """

    def __init__(self, text: str):
        self.text = text
        self.parts: list[tuple[str, Callable[[str], str] | None]] = []
        self.optional: set[str] = set()
        position = 0
        for match in _PLACEHOLDER.finditer(text):
            if match.start() > position:
                self.parts.append((text[position:match.start()], None))
            filters = [f for f in match.group(2).split("|") if f]
            name = match.group(1).strip()
            if name.endswith("?"):
                name = name[:-1]
                self.optional.add(name)
            self.parts.append((name, compile_filters(filters)))
            position = match.end()
        if position < len(text):
            self.parts.append((text[position:], None))
        self.columns = [name for name, run in self.parts if run is not None]

    def render(self, row: Mapping[str, str]) -> str:
        out = []
        for piece, run in self.parts:
            if run is None:
                out.append(piece)
            else:
                if piece not in row:
                    raise BadValue(f"no column {piece!r}")
                value = run(row[piece] or "")
                if not value and piece in self.optional:
                    return ""
                out.append(value)
        return "".join(out)


def parse_date(text: str, formats: list[str]) -> datetime.date | None:
    if not text:
        return None
    for fmt in formats:
        if fmt == "%Y-%m-%d" and len(text) == 10:
            try:  # the common ISO case, without strptime's cost
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise BadValue(f"{text!r} is not a date in the format {' or '.join(formats)}")


def parse_int(text: str) -> int | None:
    if not text:
        return None
    return int(_whole_number(text.strip()))


def parse_bool(text: str, true: set[str], false: set[str]) -> bool | None:
    if not text:
        return None
    if text in true:
        return True
    if text in false:
        return False
    raise BadValue(f"{text!r} is neither true ({', '.join(sorted(true))}) nor false ({', '.join(sorted(false))})")


def parse_band(text: str, bands: list[tuple[int, int | None, str]]) -> str:
    """An age (or any whole number) put in its band: keeps aggregates, drops the exact value."""
    number = parse_int(text)
    if number is None:
        return ""
    for low, high, label in bands:
        if number >= low and (high is None or number <= high):
            return label
    raise BadValue(f"{text!r} is in no band")
