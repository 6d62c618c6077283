"""A source's vocabulary mapped onto the record's canonical values.

A mapping file declares, per vocabulary, exact values, code prefixes and regular expressions;
the first that matches gives the canonical value and any extra fields (e.g. suspension days
taken from "10 DAY SUSPENSION").
"""

import re
from dataclasses import dataclass, field

from .values import BadValue, compile_filters


@dataclass(frozen=True)
class Term:
    value: str
    extras: dict = field(default_factory=dict)


def _term(spec) -> Term:
    if isinstance(spec, dict):
        spec = dict(spec)
        return Term(str(spec.pop("value", "") or ""), spec)
    return Term("" if spec is None else str(spec))


class Vocabulary:
    """Raw source text -> Term. Unmatched values are an error unless a default is given."""

    def __init__(self, name: str, spec: dict, allowed: set[str] | None = None):
        self.name = name
        self.normalise = compile_filters(spec.get("normalise", ["strip"]))
        self.values = {self.normalise(str(k)): _term(v) for k, v in (spec.get("values") or {}).items()}
        self.prefixes = sorted(
            ((self.normalise(str(k)), _term(v)) for k, v in (spec.get("prefixes") or {}).items()),
            key=lambda item: -len(item[0]),
        )
        self.patterns = [
            (re.compile(p["match"]), _term({k: v for k, v in p.items() if k != "match"}))
            for p in spec.get("patterns") or []
        ]
        self.blank = _term(spec["blank"]) if "blank" in spec else Term("")
        self.default = _term(spec["default"]) if "default" in spec else None
        if allowed is not None:
            self._check(allowed)

    def _check(self, allowed: set[str]) -> None:
        terms = [*self.values.values(), *(t for _, t in self.prefixes), *(t for _, t in self.patterns),
                 self.blank, *([self.default] if self.default else [])]
        unknown = sorted({t.value for t in terms if t.value and t.value not in allowed})
        if unknown:
            raise ValueError(f"vocabulary {self.name!r} maps onto unknown values: {', '.join(unknown)}")

    def lookup(self, raw: str | None) -> Term:
        text = self.normalise(raw or "")
        if not text:
            return self.blank
        if text in self.values:
            return self.values[text]
        for prefix, term in self.prefixes:
            if text.startswith(prefix):
                return term
        for pattern, term in self.patterns:
            match = pattern.search(text)
            if match:
                return Term(term.value, {k: match.expand(v) if isinstance(v, str) else v
                                         for k, v in term.extras.items()})
        if self.default is not None:
            return self.default
        raise BadValue(f"{raw!r} is not in the {self.name} vocabulary")
