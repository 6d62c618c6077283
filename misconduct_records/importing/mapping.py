"""Reading a declarative mapping file (YAML) into the steps the engine runs.

A mapping names the source and its provenance, the files and how they join, the
vocabularies, and for each table the columns that fill each field. See
``misconduct_records/mappings/README.md`` for the format.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import format as fmt
from .targets import TARGETS, Target, allowed_values
from .values import Template, compile_filters, load_lookups
from .vocabulary import Vocabulary


class MappingError(ValueError):
    """The mapping file itself is wrong; raised before any row is read."""


@dataclass
class Join:
    file: str
    left: Template
    right: Template
    columns: list[str]
    required: bool = True


@dataclass
class FileSpec:
    name: str
    path: str
    delimiter: str = ","
    encoding: str = "utf-8"
    joins: list[Join] = field(default_factory=list)


@dataclass
class FieldSpec:
    name: str  # the model field
    attname: str
    column: str = ""
    template: Template | None = None
    const: object = None
    has_const: bool = False
    kind: str = "text"  # text | int | money | date | bool | band
    filters: Callable[[str], str] | None = None
    unknown: set[str] = field(default_factory=set)  # placeholders meaning "not known"
    date_formats: list[str] = field(default_factory=list)
    precision_field: str = ""  # attname storing the date's precision
    true: set[str] = field(default_factory=set)
    false: set[str] = field(default_factory=set)
    bands: list = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    raw_field: str = ""
    raw_template: Template | None = None
    extras: dict[str, str] = field(default_factory=dict)  # vocabulary extra -> attname
    ref: str = ""  # target name of a foreign key resolved by key
    ref_create: bool = False
    many: bool = False
    split: str = ""
    at: str = ""  # "assignment": the officer's assignment on a date
    at_officer: str = ""
    at_take: str = ""
    at_date: "FieldSpec | None" = None
    required: bool = False
    lookup_code: bool = False  # vocabulary value is the code of the related row
    match: str = ""  # "officer": found by badge and surname
    match_badge: Template | None = None
    match_surname: Template | None = None
    match_note: str = ""  # attname recording how the row was matched

    def columns(self) -> set[str]:
        """The file columns this field reads (checked against the header before any row)."""
        found = {self.column} if self.column and not self.has_const else set()
        for template in (self.template, self.raw_template, self.match_badge, self.match_surname):
            if template is not None:
                found |= set(template.columns)
        if self.at_date is not None:
            found |= self.at_date.columns()
        return {c for c in found if not c.startswith("@")}


@dataclass
class Explode:
    column: str
    filters: Callable[[str], str]
    pattern: re.Pattern


@dataclass
class Step:
    label: str
    target: Target
    target_name: str
    file: str
    key: Template | None
    fields: list[FieldSpec]
    skip_blank: list[str] = field(default_factory=list)
    adopt: dict = field(default_factory=dict)  # {by: a field of ';'-separated codes}
    create_only: list[str] = field(default_factory=list)
    agency: str = ""  # name of one of the mapping's agencies
    repeats_same_row: bool = False  # rows repeating a key describe one row
    explode: Explode | None = None

    def columns(self) -> set[str]:
        found = {c for c in (self.key.columns if self.key else []) if not c.startswith("@")}
        for f in self.fields:
            found |= f.columns()
        if self.explode is not None:
            found.add(self.explode.column)
            found -= set(self.explode.pattern.groupindex)
        return found


@dataclass
class Mapping:
    path: Path
    slug: str
    source: dict
    agency: dict | None
    vocabulary_version: str
    files: dict[str, FileSpec]
    steps: list[Step]
    data_dir: str = ""
    agencies: dict[str, dict] = field(default_factory=dict)


def load_mapping(path: Path | str) -> Mapping:
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise MappingError(f"cannot read mapping {path}: {error}") from error
    try:
        return _build(path, spec)
    except MappingError:
        raise
    except (ValueError, re.error) as error:
        raise MappingError(f"{path.name}: {error}") from error
    except (KeyError, TypeError, AttributeError, IndexError) as error:
        raise MappingError(f"{path.name}: missing or malformed entry {error}") from error


def _build(path: Path, spec: dict) -> Mapping:
    fmt.check_entries("mapping", spec, "mapping")
    source = dict(spec["source"])
    fmt.check_entries("source", source, "source")
    for name in ("retrieved_on", "data_current_through"):
        if isinstance(source.get(name), str):
            source[name] = datetime.date.fromisoformat(source[name])
    agencies = _agencies(spec)
    lookups = load_lookups(path.parent, spec.get("lookups") or {})
    date_formats = list(spec.get("date_formats", ["%Y-%m-%d"]))
    vocabularies = spec.get("vocabularies", {}) or {}
    for name, vocabulary in vocabularies.items():
        fmt.check_entries(f"vocabulary {name!r}", vocabulary, "vocabulary")
    files = {name: _file(name, f) for name, f in spec["files"].items()}
    context = _Context(files, vocabularies, date_formats, lookups, agencies)
    steps = [_step(s, context) for s in spec["tables"]]
    return Mapping(
        path=path, slug=source["slug"], source=source, agency=spec.get("agency"),
        vocabulary_version=str(spec.get("vocabulary_version", "")), files=files, steps=steps,
        data_dir=spec.get("data_dir", ""), agencies=agencies,
    )


def _agencies(spec: dict) -> dict[str, dict]:
    if spec.get("agency") is not None:
        fmt.check_entries("agency", spec["agency"], "agency")
    agencies = dict(spec.get("agencies") or {})
    for name, agency in agencies.items():
        fmt.check_entries(f"agency {name!r}", agency, "agency")
    return agencies


@dataclass
class _Context:
    files: dict
    vocabularies: dict
    date_formats: list[str]
    lookups: dict
    agencies: dict


def _join_side(template: str | None, column: str | None, name: str) -> Template:
    """A join's key in one file: its own template, or the shared key column."""
    if template:
        return Template(template)
    if column is None:
        raise ValueError(f"file {name!r}, join: give a key, or both left and right")
    return Template("{" + column + "}")


def _file(name: str, spec: dict | str) -> FileSpec:
    if isinstance(spec, str):
        spec = {"path": spec}
    fmt.check_entries(f"file {name!r}", spec, "file")
    joins = []
    for j in spec.get("join", []):
        j = {("on" if k is True else k): v for k, v in j.items()}  # YAML 1.1 reads a bare `on` as true
        fmt.check_entries(f"file {name!r}, join", j, "join")
        column = j.get("key", j.get("on"))
        joins.append(Join(file=j["file"], left=_join_side(j.get("left"), column, name),
                          right=_join_side(j.get("right"), column, name),
                          columns=list(j["columns"]), required=j.get("required", True)))
    return FileSpec(name=name, path=spec["path"], delimiter=spec.get("delimiter", ","),
                    encoding=spec.get("encoding", "utf-8"), joins=joins)


def _step(spec: dict, context: "_Context") -> Step:
    label = spec.get("label", spec.get("target", "?")) if isinstance(spec, dict) else "?"
    fmt.check_entries(f"table {label!r}", spec, "table")
    target_name = spec["target"]
    if target_name not in TARGETS:
        raise MappingError(f"unknown target {target_name!r} (known: {', '.join(TARGETS)})")
    if spec["file"] not in context.files:
        raise MappingError(f"table {label!r} reads unknown file {spec['file']!r} "
                           f"(files: {', '.join(context.files)})")
    if spec.get("agency") and spec["agency"] not in context.agencies:
        raise MappingError(f"table {label!r} names unknown agency {spec['agency']!r} "
                           f"(agencies: {', '.join(context.agencies) or 'none declared'})")
    target = TARGETS[target_name]
    attnames = target.attnames() | {m.name: m.name for m in target.model._meta.many_to_many}
    fields = []
    for name, fspec in spec["fields"].items():
        if name not in attnames:
            raise MappingError(f"table {label!r}: {target_name} has no field {name!r} "
                               f"(fields: {', '.join(sorted(attnames))})")
        try:
            fields.append(_field(target, name, attnames, fspec, context))
        except ValueError as error:
            raise MappingError(f"table {label!r}, field {name!r}: {error}") from error
    key = Template(spec["key"]) if spec.get("key") else None
    if key is None and target.key == ("source_row",):
        raise MappingError(f"table {label!r} needs a key (the source row id)")
    return Step(label=label, target=target, target_name=target_name,
                file=spec["file"], key=key, fields=fields, skip_blank=list(spec.get("skip_blank", [])),
                adopt=dict(spec.get("adopt") or {}), create_only=list(spec.get("create_only", [])),
                agency=spec.get("agency", ""), explode=_explode(spec.get("explode"), context),
                repeats_same_row=_repeats(spec.get("repeated_keys", "error")))


def _repeats(value: str) -> bool:
    if value not in ("error", "same_row"):
        raise ValueError(f"repeated_keys is 'error' or 'same_row', not {value!r}")
    return value == "same_row"


def _explode(spec, context: "_Context") -> Explode | None:
    if spec is None:
        return None
    fmt.check_entries("explode", spec, "explode")
    return Explode(column=spec["column"], filters=compile_filters(spec.get("filters", ["strip"]), context.lookups),
                   pattern=re.compile(spec["pattern"]))


def _field(target: Target, name: str, attnames: dict, spec, context: "_Context") -> FieldSpec:
    if isinstance(spec, str):
        spec = {"column": spec}
    elif not isinstance(spec, dict):
        spec = {"value": spec}
    fmt.check_entries("field", spec, "field")
    f = FieldSpec(name=name, attname=attnames[name], required=spec.get("required", False))
    f.column = spec.get("column", "")
    f.template = Template(spec["template"], context.lookups) if "template" in spec else None
    if "value" in spec:
        f.const, f.has_const = spec["value"], True
    if not (f.column or f.template or f.has_const or {"ref", "at", "match"} & set(spec)):
        raise ValueError("names no column, template or value")
    _typing(f, spec, attnames, context)
    if "vocabulary" in spec:
        _vocabulary_field(f, target, spec, context.vocabularies, attnames)
    if "ref" in spec:
        if spec["ref"] not in TARGETS:
            raise ValueError(f"refers to unknown target {spec['ref']!r} (known: {', '.join(TARGETS)})")
        f.ref, f.ref_create = spec["ref"], spec.get("create", False)
        f.template = Template(spec["key"], context.lookups)
        f.many, f.split = spec.get("many", False), spec.get("split", "")
    if "at" in spec:
        f.at, f.at_officer, f.at_take = spec["at"], spec["officer"], spec["take"]
        f.at_date = _field(target, name, attnames, spec["date"], context)
    if "match" in spec:
        _officer_match(f, spec, attnames, context)
    return f


def _typing(f: FieldSpec, spec: dict, attnames: dict, context: "_Context") -> None:
    """How the cell's text becomes a value: filters, placeholders, type and its options."""
    f.kind = spec.get("type", "text")
    if f.kind not in fmt.FIELD_TYPES:
        raise ValueError(f"unknown type {f.kind!r} (known: {', '.join(fmt.FIELD_TYPES)})")
    f.filters = compile_filters(spec.get("filters", ["strip"]), context.lookups)
    f.unknown = {str(v) for v in spec.get("unknown", [])}
    f.date_formats = [spec["format"]] if "format" in spec else list(spec.get("formats", context.date_formats))
    f.precision_field = _attname(attnames, spec.get("precision", ""))
    f.true = {str(v) for v in spec.get("true", ["True", "true", "1", "1.0", "yes", "Y"])}
    f.false = {str(v) for v in spec.get("false", ["False", "false", "0", "0.0", "no", "N"])}
    f.bands = [(b[0], b[1], b[2]) for b in spec.get("bands", [])]


def _officer_match(f: FieldSpec, spec: dict, attnames: dict, context: "_Context") -> None:
    if spec["match"] != "officer":
        raise ValueError(f"can match only 'officer', not {spec['match']!r}")
    f.match = "officer"
    f.match_badge = Template(spec["badge"], context.lookups)
    f.match_surname = Template(spec["surname"], context.lookups)
    f.match_note = _attname(attnames, spec.get("note", ""))


def _attname(attnames: dict, name: str) -> str:
    if name and name not in attnames:
        raise ValueError(f"names no field {name!r} of this target")
    return attnames[name] if name else ""
def _vocabulary_field(f: FieldSpec, target: Target, spec: dict, vocabularies: dict, attnames: dict) -> None:
    vocab_name = spec["vocabulary"]
    if vocab_name not in vocabularies:
        raise MappingError(f"field {f.name!r} uses unknown vocabulary {vocab_name!r}")
    try:
        f.vocabulary = Vocabulary(vocab_name, vocabularies[vocab_name], allowed_values(target, f.name))
    except ValueError as error:
        raise MappingError(str(error)) from error
    f.lookup_code = target.model._meta.get_field(f.name).is_relation
    raw = spec.get("raw")
    if isinstance(raw, dict):
        f.raw_field, f.raw_template = raw["field"], Template(raw["template"])
    elif raw:
        f.raw_field = raw
    if f.raw_field and f.raw_field not in attnames.values():
        raise ValueError(f"raw: {target.model._meta.model_name} has no field {f.raw_field!r}")
    f.extras = {extra: _attname(attnames, field_name) for extra, field_name in (spec.get("extras") or {}).items()}
