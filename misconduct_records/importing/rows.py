"""One source row -> the values of one model row (before foreign keys are resolved)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from portal.model_fields import related_label

from .mapping import FieldSpec, Step
from .values import BadValue, Template, parse_band, parse_bool, parse_date_precision, parse_int, parse_money
from .vocabulary import Vocabulary

OCCURRENCE = "@n"  # in a key: the n-th row with the same key text so far
LINE = "@line"  # in a key: the row's line in its file


@dataclass
class Prepared:
    line: int
    key: object
    values: dict  # attname -> value
    refs: dict = field(default_factory=dict)  # FieldSpec name -> key text
    many: dict = field(default_factory=dict)  # FieldSpec name -> [key texts]
    dates: dict = field(default_factory=dict)  # FieldSpec name -> date for an "at" field
    match: dict = field(default_factory=dict)  # FieldSpec name -> (badge, surname)


class Occurrences:
    """Numbers rows that share a key text: the first is 1, the next identical one 2, and so on,
    so identical rows stay distinct records and a re-import numbers them the same way. The rows
    one source row becomes (explode) share its number."""

    def __init__(self):
        self.seen: dict[tuple[str, str], tuple[int, int]] = {}

    def render(self, template: Template, row: dict, line: int) -> str:
        if OCCURRENCE not in template.columns:
            return template.render(row)
        base = template.render({**row, OCCURRENCE: "\x00"})
        count, last_line = self.seen.get((template.text, base), (0, -1))
        if line != last_line:
            count += 1
            self.seen[(template.text, base)] = (count, line)
        return base.replace("\x00", str(count))


def _text(f: FieldSpec, row: dict, render=None) -> object:
    if f.has_const:
        return f.const
    if f.template is not None:
        text = render(f.template) if render else f.template.render(row)
    elif f.column not in row:
        raise BadValue(f"no column {f.column!r}")
    else:
        assert f.filters is not None, "a column's field always has its filters"
        text = f.filters(row[f.column] or "")
    return "" if text in f.unknown else text


def typed(f: FieldSpec, text) -> object:
    if not isinstance(text, str):
        return text
    if f.kind == "int":
        return parse_int(text)
    if f.kind == "money":
        return parse_money(text)
    if f.kind == "date":
        return parse_date_precision(text, f.date_formats)[0]
    if f.kind == "bool":
        return parse_bool(text, f.true, f.false)
    if f.kind == "band":
        return parse_band(text, f.bands)
    if f.kind != "text":
        raise BadValue(f"unknown type {f.kind!r}")
    return text


class RowBuilder:
    """Computes a step's field values for each source row; raises BadValue with a reason."""

    def __init__(self, step: Step, codes: dict[str, dict[str, int]]):
        self.step = step
        model = step.target.model
        self.codes = codes  # related model label -> {code: pk}, for vocabulary foreign keys
        self.max_lengths = {
            f.attname: f.max_length for f in model._meta.concrete_fields if getattr(f, "max_length", None)
        }
        self.extra_fields = {f.attname: f for f in model._meta.concrete_fields}
        self.occurrences = Occurrences()
        self.key_limit = self.max_lengths.get("source_row")

    def build(self, line: int, row: dict) -> Prepared:
        if "__error__" in row:
            raise BadValue(row["__error__"])
        row[LINE] = str(line)
        key = self.occurrences.render(self.step.key, row, line) if self.step.key else None
        if self.step.key and not key:
            raise BadValue("the row has no key")
        if key and self.key_limit and len(key) > self.key_limit:
            raise BadValue(f"the key {key[:40]!r}… is longer than {self.key_limit} characters")
        prepared = Prepared(line=line, key=key, values={})
        for f in self.step.fields:
            self._field(f, row, prepared)
        self._check_lengths(prepared.values)
        return prepared

    def _field(self, f: FieldSpec, row: dict, prepared: Prepared) -> None:
        if f.at:
            assert f.at_date is not None, "an 'at' field always has its date field"
            prepared.dates[f.name] = typed(f.at_date, _text(f.at_date, row))
            return
        if f.match:
            assert f.match_badge is not None and f.match_surname is not None
            prepared.match[f.name] = (f.match_badge.render(row), f.match_surname.render(row))
            return
        text = _text(f, row, lambda template: self.occurrences.render(template, row, prepared.line))
        if f.ref:
            if f.many:
                keys = [text]
                if f.split:
                    assert isinstance(text, str), f"{f.name}: only text splits into keys"
                    keys = [k.strip() for k in text.split(f.split)]
                prepared.many[f.name] = [k for k in keys if k]
            elif text:
                prepared.refs[f.name] = text
            elif f.required:
                raise BadValue(f"{f.name} is blank")
            else:
                prepared.values[f.attname] = None
            return
        if f.vocabulary is not None:
            assert text is None or isinstance(text, str), f"{f.name}: a vocabulary reads text"
            self._vocabulary(f, f.vocabulary, text, row, prepared.values)
            return
        if f.kind == "date":
            value, precision = parse_date_precision(text, f.date_formats) if isinstance(text, str) else (text, "")
            if f.precision_field:
                prepared.values[f.precision_field] = precision
        else:
            value = typed(f, text)
        if f.required and value in (None, ""):
            raise BadValue(f"{f.name} is blank")
        prepared.values[f.attname] = "" if value is None and f.kind == "text" else value

    def _vocabulary(self, f: FieldSpec, vocabulary: Vocabulary, text: str | None, row: dict, values: dict) -> None:
        term = vocabulary.lookup(text)
        if f.lookup_code:
            related = related_label(self.step.target.model, f.name)
            if term.value not in self.codes[related]:
                raise BadValue(f"{term.value!r} is not a known {f.name}")
            values[f.attname] = self.codes[related][term.value]
        else:
            values[f.attname] = term.value
        if f.raw_field:
            values[f.raw_field] = f.raw_template.render(row).strip() if f.raw_template else text
        for extra, attname in f.extras.items():
            try:
                values[attname] = self.extra_fields[attname].to_python(term.extras.get(extra) or None)
            except ValidationError as error:
                raise BadValue(f"{f.name}: {error.messages[0]}") from None

    def _check_lengths(self, values: dict) -> None:
        for attname, value in values.items():
            limit = self.max_lengths.get(attname)
            if limit and isinstance(value, str) and len(value) > limit:
                raise BadValue(f"{attname} is longer than {limit} characters")
