"""Turning the text of a CSV cell into a typed value: filters, types and key templates.

Every function here raises ``BadValue`` with a reason a person can act on; the engine turns
it into a rejected row (file, line, reason) and goes on.
"""

import csv
import datetime
import decimal
import re
from collections.abc import Callable, Mapping
from pathlib import Path

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


def _after(pattern: str) -> Callable[[str], str]:
    """The text after the first match of a regular expression; blank where it does not occur
    (e.g. the defendants' part of "Plaintiff v. Defendant", never the plaintiff's)."""
    compiled = re.compile(pattern)

    def run(text: str) -> str:
        match = compiled.search(text)
        return text[match.end():].strip() if match else ""

    return run


def _before(pattern: str) -> Callable[[str], str]:
    compiled = re.compile(pattern)
    return lambda text: compiled.split(text, maxsplit=1)[0].strip()


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
    "after": _after,
    "before": _before,
}
FILTER_HELP = {
    "int": "'130469.0' -> '130469'; text that is not a whole number rejects the row",
    "strip": "spaces at both ends removed", "upper": "UPPER CASE", "lower": "lower case",
    "title": "Title Case", "slug": "a-url-slug", "collapse": "runs of spaces made one",
    "zfill:N": "left-padded with zeros to N characters", "truncate:N": "cut to N characters",
    "after:REGEX": "the text after the first match (blank where none)",
    "before:REGEX": "the text before the first match (all of it where none)",
    "lookup:NAME": "the label of a code in one of the mapping's lookups (the code where none)",
}


def load_lookups(folder: Path, specs: dict) -> dict[str, dict[str, str]]:
    """Small code -> label tables kept beside the mapping (e.g. unit numbers and their names)."""
    from . import format as fmt

    tables = {}
    for name, spec in specs.items():
        fmt.check_entries(f"lookup {name!r}", spec, "lookup")
        path = folder / spec["path"]
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                tables[name] = {row[spec["key"]].strip(): row[spec["value"]].strip()
                                for row in csv.DictReader(handle)}
        except (OSError, KeyError) as error:
            raise ValueError(f"lookup {name!r}: cannot read {spec['path']}: {error}") from error
    return tables


def _lookup(table: Mapping[str, str]) -> Callable[[str], str]:
    return lambda text: table.get(text, text)


def compile_filters(names: list[str], lookups: dict | None = None) -> Callable[[str], str]:
    """A chain of named filters, e.g. ['strip', 'int'] or ['zfill:4']."""
    steps: list[Callable[[str], str]] = []
    tables = lookups or {}
    if isinstance(names, str):
        raise ValueError(f"filters must be a list, not {names!r}")
    for name in names:
        head, _, arg = name.partition(":")
        if head == "lookup":
            if arg not in tables:
                raise ValueError(f"unknown lookup {arg!r} (lookups: {', '.join(tables) or 'none'})")
            steps.append(_lookup(tables[arg]))
            continue
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

    def __init__(self, text: str, lookups: dict | None = None):
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
            self.parts.append((name, compile_filters(filters, lookups)))
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


def format_precision(fmt: str) -> str:
    """'day', 'month' or 'year': what a date format says (a date without a day is a month)."""
    if "%d" in fmt or "%j" in fmt or "%x" in fmt or "%c" in fmt:
        return "day"
    if "%m" in fmt or "%b" in fmt or "%B" in fmt:
        return "month"
    return "year"


def parse_date(text: str, formats: list[str]) -> datetime.date | None:
    return parse_date_precision(text, formats)[0]


def parse_date_precision(text: str, formats: list[str]) -> tuple[datetime.date | None, str]:
    """The date and its precision; a month or a year is stored as its first day."""
    if not text:
        return None, ""
    for fmt in formats:
        if fmt == "%Y-%m-%d" and len(text) == 10:
            try:  # the common ISO case, without strptime's cost
                return datetime.date.fromisoformat(text), "day"
            except ValueError:
                pass
        try:
            return datetime.datetime.strptime(text, fmt).date(), format_precision(fmt)  # noqa: DTZ007
        except ValueError:
            continue
    raise BadValue(f"{text!r} is not a date in the format {' or '.join(formats)}")


def parse_money(text: str) -> int | None:
    """'1,970.04' or '$1970.04' -> 197004 (cents): money is stored as whole cents."""
    cleaned = text.replace(",", "").replace("$", "").strip()
    if not cleaned:
        return None
    try:
        amount = decimal.Decimal(cleaned)
    except decimal.InvalidOperation:
        raise BadValue(f"{text!r} is not an amount of money") from None
    if not amount.is_finite():
        raise BadValue(f"{text!r} is not an amount of money")
    return int((amount * 100).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


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
