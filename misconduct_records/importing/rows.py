"""One source row -> the values of one model row (before foreign keys are resolved)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from .mapping import FieldSpec, Step
from .values import BadValue, parse_band, parse_bool, parse_date, parse_int


@dataclass
class Prepared:
    line: int
    key: object
    values: dict  # attname -> value
    refs: dict = field(default_factory=dict)  # FieldSpec name -> key text
    many: dict = field(default_factory=dict)  # FieldSpec name -> [key texts]
    dates: dict = field(default_factory=dict)  # FieldSpec name -> date for an "at" field


def _text(f: FieldSpec, row: dict) -> object:
    if f.has_const:
        return f.const
    if f.template is not None:
        return f.template.render(row)
    if f.column not in row:
        raise BadValue(f"no column {f.column!r}")
    return f.filters(row[f.column] or "")


def typed(f: FieldSpec, text) -> object:
    if not isinstance(text, str):
        return text
    if f.kind == "int":
        return parse_int(text)
    if f.kind == "date":
        return parse_date(text, f.date_formats)
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

    def build(self, line: int, row: dict) -> Prepared:
        if "__error__" in row:
            raise BadValue(row["__error__"])
        key = self.step.key.render(row) if self.step.key else None
        if self.step.key and not key:
            raise BadValue("the row has no key")
        prepared = Prepared(line=line, key=key, values={})
        for f in self.step.fields:
            self._field(f, row, prepared)
        self._check_lengths(prepared.values)
        return prepared

    def _field(self, f: FieldSpec, row: dict, prepared: Prepared) -> None:
        if f.at:
            prepared.dates[f.name] = typed(f.at_date, _text(f.at_date, row))
            return
        text = _text(f, row)
        if f.ref:
            if f.many:
                keys = [k.strip() for k in text.split(f.split)] if f.split else [text]
                prepared.many[f.name] = [k for k in keys if k]
            elif text:
                prepared.refs[f.name] = text
            elif f.required:
                raise BadValue(f"{f.name} is blank")
            else:
                prepared.values[f.attname] = None
            return
        if f.vocabulary is not None:
            self._vocabulary(f, text, row, prepared.values)
            return
        value = typed(f, text)
        if f.required and value in (None, ""):
            raise BadValue(f"{f.name} is blank")
        prepared.values[f.attname] = "" if value is None and f.kind == "text" else value

    def _vocabulary(self, f: FieldSpec, text: str, row: dict, values: dict) -> None:
        term = f.vocabulary.lookup(text)
        if f.lookup_code:
            related = self.step.target.model._meta.get_field(f.name).related_model._meta.label
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
