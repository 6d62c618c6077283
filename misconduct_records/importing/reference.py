"""The mapping format's reference and JSON Schema, generated from the engine itself.

Every table (target) with each field's type, whether it is required, its length limit and its
canonical values; the category codes; the filters; the date formats; the entries of each block.
"""

from django.db import DatabaseError, models

from ..models import AllegationCategory
from . import format as fmt
from .targets import TARGETS, Target
from .values import FILTER_HELP

_TYPES = {"CharField": "text", "TextField": "text", "SlugField": "text", "URLField": "text",
          "IntegerField": "int", "BigIntegerField": "int", "PositiveIntegerField": "int",
          "PositiveSmallIntegerField": "int", "SmallIntegerField": "int", "DateField": "date",
          "BooleanField": "bool", "ForeignKey": "ref", "ManyToManyField": "ref (many)"}
_DATE_CODES = ("%Y year (2012), %m month (05), %d day (07), %b/%B month name (May), "
               "%y two-digit year; e.g. %Y-%m-%d, %m/%d/%Y, %Y-%m (month only), %Y (year only)")


def target_fields(target: Target) -> list[dict]:
    """The fields a mapping may fill in one target, as the reference lists them."""
    rows = []
    fields = [f for f in target.model._meta.concrete_fields if not f.primary_key and f.editable]
    for f in [*fields, *target.model._meta.many_to_many]:
        kind = _TYPES.get(f.get_internal_type(), f.get_internal_type())
        if f.name.endswith("_cents"):
            kind = "money"
        required = not (f.blank or f.null) and f.default is models.NOT_PROVIDED and f.name not in (
            "source", "agency", "vocabulary_version")
        rows.append({
            "field": f.name, "type": kind, "required": required and f.name != "source_row",
            "max_length": getattr(f, "max_length", None),
            "refers_to": _ref_target(f) if f.is_relation else "",
            "values": [str(value) for value, _ in f.choices] if f.choices else [],
            "help": str(f.help_text or ""),
        })
    return rows


def _ref_target(field) -> str:
    return next((name for name, t in TARGETS.items() if t.model is field.related_model),
                field.related_model._meta.model_name)


_SECTION_TITLES = (("mapping (top level)", "mapping"), ("SOURCE", "source"), ("AGENCY", "agency"),
                   ("FILE", "file"), ("JOIN", "join"), ("LOOKUP", "lookup"), ("VOCABULARY", "vocabulary"),
                   ("TABLE", "table"), ("EXPLODE", "explode"), ("FIELD", "field"))
_TYPES_TEXT = [
    "- text, int, money (amounts such as 1,970.04 stored as cents), bool (`true:`/`false:` "
    "lists), band (`bands:`), date.",
    f"- Date formats: {_DATE_CODES}. The precision of each format (day, month or year) "
    "is stored in the field named by `precision:`. A date in two columns: "
    "`{template: \"{year}-{month|zfill:2}\", type: date, format: \"%Y-%m\"}`.",
    "- Keys are templates; `{@n}` numbers rows with the same key text, `{@line}` is the "
    "line in the file. Keys must never include personal data: they are published.",
    "- `unknown: ['0']` on a field: placeholder values stored as blank (not known).",
]


def describe() -> str:
    """The reference of the mapping format, as plain text (Markdown)."""
    out = ["# Mapping format reference", "",
           "Generated from the importer (`manage.py import_dataset --describe`); the JSON Schema "
           "for editors is `manage.py import_dataset --schema`.", ""]
    for title, section in _SECTION_TITLES:
        out += [f"## {title}", "", *_options(section), ""]
    out += ["## Targets (what `target:` and `ref:` name)", ""]
    for name, target in TARGETS.items():
        out += _target(name, target)
    out += ["## Category codes (allegation `category`)", "", *_categories()]
    out += ["", "## Filters", "", *(f"- `{name}`: {help}" for name, help in FILTER_HELP.items())]
    out += ["", "## Field types", "", *_TYPES_TEXT, ""]
    return "\n".join(out)


def _options(section: str) -> list[str]:
    lines = []
    for name, option in fmt.SECTIONS[section].items():
        required = ", required" if option.required or name in _required(section) else ""
        lines.append(f"- `{name}` ({option.kind}{required}): {option.help}")
    return lines


def _target(name: str, target: Target) -> list[str]:
    key = "the table's `key` (unique in the source; at most 100 characters)" \
        if target.key == ("source_row",) else " + ".join(target.key)
    lines = [f"### {name}", "", f"A row is recognised by {key}.", ""]
    for row in target_fields(target):
        if row["field"] in ("source", "source_row"):
            continue
        detail = [row["type"], *(["required"] if row["required"] else []),
                  *([f"at most {row['max_length']} characters"] if row["max_length"] else []),
                  *([f"ref: {row['refers_to']}"] if row["refers_to"] else [])]
        line = f"- `{row['field']}` ({', '.join(detail)})"
        if row["values"]:
            line += f": one of {', '.join(row['values'])}"
        lines.append(line + (f" — {row['help']}" if row["help"] else ""))
    return [*lines, ""]


def _categories() -> list[str]:
    try:
        return [f"- `{code}`: {name}" for code, name in AllegationCategory.objects.values_list("code", "name")]
    except DatabaseError:
        return ["(the categories are data: run `manage.py migrate` to list them)"]


def _required(section: str) -> tuple:
    return {"source": fmt.SOURCE_REQUIRED, "agency": fmt.AGENCY_REQUIRED}.get(section, ())


_JSON = {"string": {"type": "string"}, "integer": {"type": "integer"}, "boolean": {"type": "boolean"},
         "list": {"type": "array"}, "object": {"type": "object"}, "map": {"type": "object"}, "any": {}}


def _block(section: str, **overrides) -> dict:
    options = fmt.SECTIONS[section]
    properties = {name: {**_JSON[o.kind], "description": o.help} for name, o in options.items()}
    properties.update(overrides)
    required = [n for n, o in options.items() if o.required] + list(_required(section))
    return {"type": "object", "additionalProperties": False, "properties": properties,
            **({"required": required} if required else {})}


def json_schema() -> dict:
    """A JSON Schema (draft 2020-12) of mapping files, for editors' completion and checks."""
    field = _block("field", type={"enum": list(fmt.FIELD_TYPES)}, ref={"enum": list(TARGETS)},
                   date={"$ref": "#/$defs/field"})
    field_or_column = {"anyOf": [{"type": "string", "description": "a column"}, {"$ref": "#/$defs/field"},
                                 {"type": ["number", "boolean", "null"]}]}
    table = _block("table", target={"enum": list(TARGETS)}, explode={"$ref": "#/$defs/explode"},
                   fields={"type": "object", "additionalProperties": field_or_column})
    file = _block("file", join={"type": "array", "items": {"$ref": "#/$defs/join"}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Public record import mapping",
        **_block("mapping", source={"$ref": "#/$defs/source"}, agency={"$ref": "#/$defs/agency"},
                 agencies={"type": "object", "additionalProperties": {"$ref": "#/$defs/agency"}},
                 files={"type": "object", "additionalProperties": {
                     "anyOf": [{"type": "string"}, {"$ref": "#/$defs/file"}]}},
                 lookups={"type": "object", "additionalProperties": {"$ref": "#/$defs/lookup"}},
                 vocabularies={"type": "object", "additionalProperties": {"$ref": "#/$defs/vocabulary"}},
                 tables={"type": "array", "items": {"$ref": "#/$defs/table"}}),
        "$defs": {"source": _block("source"), "agency": _block("agency"), "file": file,
                  "join": _block("join"), "lookup": _block("lookup"), "vocabulary": _block("vocabulary"),
                  "table": table, "explode": _block("explode"), "field": field},
    }
