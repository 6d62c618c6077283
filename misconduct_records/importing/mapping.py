"""Reading a declarative mapping file (YAML) into the steps the engine runs.

A mapping names the source and its provenance, the files and how they join, the
vocabularies, and for each table the columns that fill each field. See
``misconduct_records/mappings/README.md`` for the format.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .targets import TARGETS, Target, allowed_values
from .values import Template, compile_filters
from .vocabulary import Vocabulary

SOURCE_FIELDS = ("name", "publisher", "url", "files", "licence", "licence_url", "citation",
                 "retrieved_on", "data_current_through", "coverage", "exclusions")
AGENCY_FIELDS = ("name", "city", "state", "kind", "ori_codes")


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
    kind: str = "text"  # text | int | date | bool | band
    filters: object = None
    date_formats: list[str] = field(default_factory=list)
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


def load_mapping(path: Path | str) -> Mapping:
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise MappingError(f"cannot read mapping {path}: {error}") from error
    try:
        return _build(path, spec)
    except (KeyError, TypeError) as error:
        raise MappingError(f"{path.name}: missing or malformed entry {error}") from error


def _build(path: Path, spec: dict) -> Mapping:
    source = dict(spec["source"])
    unknown = set(source) - set(SOURCE_FIELDS) - {"slug"}
    if unknown:
        raise MappingError(f"unknown source entries: {', '.join(sorted(unknown))}")
    for name in ("retrieved_on", "data_current_through"):
        if isinstance(source.get(name), str):
            source[name] = datetime.date.fromisoformat(source[name])
    date_formats = list(spec.get("date_formats", ["%Y-%m-%d"]))
    vocabularies = spec.get("vocabularies", {}) or {}
    files = {name: _file(name, f) for name, f in spec["files"].items()}
    steps = [_step(s, files, vocabularies, date_formats) for s in spec["tables"]]
    return Mapping(
        path=path, slug=source["slug"], source=source, agency=spec.get("agency"),
        vocabulary_version=str(spec.get("vocabulary_version", "")), files=files, steps=steps,
        data_dir=spec.get("data_dir", ""),
    )


def _file(name: str, spec: dict | str) -> FileSpec:
    if isinstance(spec, str):
        spec = {"path": spec}
    joins = []
    for j in spec.get("join", []):
        column = j.get("key", j.get("on", j.get(True)))  # YAML 1.1 reads a bare `on` as true
        joins.append(Join(file=j["file"], left=Template(j.get("left") or "{" + column + "}"),
                          right=Template(j.get("right") or "{" + column + "}"),
                          columns=list(j["columns"]), required=j.get("required", True)))
    return FileSpec(name=name, path=spec["path"], delimiter=spec.get("delimiter", ","),
                    encoding=spec.get("encoding", "utf-8"), joins=joins)


def _step(spec: dict, files: dict, vocabularies: dict, date_formats: list[str]) -> Step:
    target_name = spec["target"]
    if target_name not in TARGETS:
        raise MappingError(f"unknown target {target_name!r} (known: {', '.join(TARGETS)})")
    if spec["file"] not in files:
        raise MappingError(f"table {spec.get('label', target_name)!r} reads unknown file {spec['file']!r}")
    target = TARGETS[target_name]
    attnames = target.attnames() | {m.name: m.name for m in target.model._meta.many_to_many}
    fields = []
    for name, fspec in spec["fields"].items():
        if name not in attnames:
            raise MappingError(f"{target_name} has no field {name!r}")
        fields.append(_field(target, name, attnames, fspec, vocabularies, date_formats))
    key = Template(spec["key"]) if spec.get("key") else None
    if key is None and target.key == ("source_row",):
        raise MappingError(f"table {target_name!r} needs a key (the source row id)")
    return Step(label=spec.get("label", target_name), target=target, target_name=target_name,
                file=spec["file"], key=key, fields=fields, skip_blank=list(spec.get("skip_blank", [])),
                adopt=dict(spec.get("adopt") or {}), create_only=list(spec.get("create_only", [])))


def _field(target: Target, name: str, attnames: dict, spec, vocabularies: dict,
           date_formats: list[str]) -> FieldSpec:
    if isinstance(spec, str):
        spec = {"column": spec}
    elif not isinstance(spec, dict):
        spec = {"value": spec}
    f = FieldSpec(name=name, attname=attnames[name], required=spec.get("required", False))
    f.column = spec.get("column", "")
    f.template = Template(spec["template"]) if "template" in spec else None
    if "value" in spec:
        f.const, f.has_const = spec["value"], True
    f.kind = spec.get("type", "text")
    f.filters = compile_filters(spec.get("filters", ["strip"]))
    f.date_formats = [spec["format"]] if "format" in spec else list(spec.get("formats", date_formats))
    f.true = {str(v) for v in spec.get("true", ["True", "true", "1", "1.0", "yes", "Y"])}
    f.false = {str(v) for v in spec.get("false", ["False", "false", "0", "0.0", "no", "N"])}
    f.bands = [(b[0], b[1], b[2]) for b in spec.get("bands", [])]
    if "vocabulary" in spec:
        _vocabulary_field(f, target, spec, vocabularies, attnames)
    if "ref" in spec:
        f.ref, f.ref_create = spec["ref"], spec.get("create", False)
        f.template = Template(spec["key"])
        f.many, f.split = spec.get("many", False), spec.get("split", "")
    if "at" in spec:
        f.at, f.at_officer, f.at_take = spec["at"], spec["officer"], spec["take"]
        f.at_date = _field(target, name, attnames, spec["date"], vocabularies, date_formats)
    return f


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
    f.extras = {extra: attnames[field_name] for extra, field_name in (spec.get("extras") or {}).items()}
