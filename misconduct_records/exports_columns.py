"""The columns of a public table as plain database values, written exactly as its serializer writes them.

DRF writes a row from a model instance, calling each field's `get_attribute` and
`to_representation`: at a million rows that is most of the time of a download. For whole tables
the same values are read with `values_list` over the columns the serializer's fields name, and
each value goes through the field's own `to_representation` (skipped where that returns the value
unchanged): the same dict, the same keys in the same order, and no model instance per row.

Each column also has a kind (text, integer, boolean, date, day) when PostgreSQL can write its
JSON value itself, so that a row's JSON text, and a CSV cell for COPY, can be built in SQL.

A table whose serializer has a column that cannot be read this way (a method, a property, a
many-valued relation, a nested serializer, a default other than None across a missing relation,
an overridden `to_representation`) has no plan: it is written by the serializer, row by row.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Func, Value
from django.utils import timezone
from rest_framework import ISO_8601, relations, serializers
from rest_framework import fields as drf_fields
from rest_framework.settings import api_settings

from .serializers import PublicDayField

TEXT_FIELDS = (models.CharField, models.TextField)
# The kinds whose JSON value PostgreSQL's to_json() writes exactly as Python's json module does.
SQL_KINDS = {"text", "integer", "boolean", "date", "day"}


@dataclass(frozen=True)
class Column:
    name: str  # the serializer's field name: the key of the row
    path: str  # the `values_list` path of the value
    kind: str  # one of SQL_KINDS, or "python" when only the field can write the value
    convert: Callable | None  # the field's to_representation, None when it returns the value as it is


def plain_columns(table) -> list[Column] | None:
    """The table's columns in the serializer's order, or None if one cannot be read as a value."""
    serializer = table.serializer()
    queryset = table.queryset()
    if (not isinstance(serializer, serializers.ModelSerializer)
            or type(serializer).to_representation is not serializers.Serializer.to_representation
            or queryset.model is not serializer.Meta.model or queryset.query.values_select
            or queryset.query.annotations):
        return None
    columns = []
    for field in serializer.fields.values():
        if field.write_only:
            continue
        column = _column(queryset.model, field)
        if column is None:
            return None
        columns.append(column)
    return columns


def _column(model, field) -> Column | None:
    related = isinstance(field, relations.SlugRelatedField | relations.PrimaryKeyRelatedField)
    if related and getattr(field, "pk_field", None) is not None:
        return None
    if not related and type(field).get_attribute is not drf_fields.Field.get_attribute:
        return None  # a method field, a many-valued relation, a nested serializer, …
    attrs = list(field.source_attrs)
    if not attrs:
        return None  # source="*": the whole instance
    walked = _walk(model, attrs[:-1])
    if walked is None:
        return None
    model, path, may_be_missing = walked
    if may_be_missing and not _missing_is_none(field):
        return None
    if related:
        return _related_column(model, path, attrs[-1], field)
    target = _concrete(model, attrs[-1])
    if target is None:
        return None
    kind, convert = _kind(field, target)
    return Column(field.field_name, "__".join([*path, attrs[-1]]), kind, convert)


def _walk(model, attrs: list[str]):
    """(model at the end, the path, whether a relation on the way may be empty), following only
    forward foreign keys; None for anything else."""
    may_be_missing = False
    for attr in attrs:
        relation = _get_field(model, attr)
        if relation is None or not (relation.many_to_one or relation.one_to_one) or not relation.concrete:
            return None
        may_be_missing = may_be_missing or relation.null
        model = relation.related_model
    return model, attrs, may_be_missing


def _missing_is_none(field) -> bool:
    """What DRF writes when a relation on the field's path is empty is None (not a default, not an
    omitted key)."""
    if field.default is not drf_fields.empty:
        return field.default is None
    return field.allow_null


def _get_field(model, name: str):
    try:
        return model._meta.get_field(model._meta.pk.name if name == "pk" else name)
    except Exception:  # noqa: BLE001 — a property or a method: not a column
        return None


def _concrete(model, attr: str):
    """The model field `attr` reads as a plain value: a column, or a foreign key's id column."""
    target = _get_field(model, attr)
    if target is None or not target.concrete or target.many_to_many:
        return None
    if target.is_relation:
        return target.target_field if attr == target.attname else None
    return target


def _related_column(model, path: list[str], attr: str, field) -> Column | None:
    """A slug or primary key of a related row: DRF writes the related row's value as it is (None
    when the foreign key is empty)."""
    relation = _get_field(model, attr)
    if relation is None or not (relation.many_to_one or relation.one_to_one) or not relation.concrete:
        return None
    slug = field.slug_field if isinstance(field, relations.SlugRelatedField) else "pk"
    target = _concrete(relation.related_model, slug)
    if target is None or target.is_relation:
        return None
    kind = _plain_kind(target)
    return Column(field.field_name, "__".join([*path, attr, slug]), kind or "python", None)


def _plain_kind(target) -> str | None:
    if isinstance(target, models.BooleanField):
        return "boolean"
    if isinstance(target, TEXT_FIELDS):
        return "text"
    if isinstance(target, models.IntegerField):
        return "integer"
    return None


def _kind(field, target) -> tuple[str, Callable | None]:
    """The column's kind, and the conversion its value needs (None when DRF returns it unchanged)."""
    write = type(field).to_representation
    plain = _plain_kind(target)
    if isinstance(field, PublicDayField) and isinstance(target, models.DateTimeField):
        return "day", field.to_representation
    if isinstance(target, models.DateTimeField):
        return "python", field.to_representation
    if write is serializers.DateField.to_representation and isinstance(target, models.DateField):
        written = getattr(field, "format", api_settings.DATE_FORMAT)  # None: the date, which JSON writes as ISO
        iso = written is None or written.lower() == ISO_8601
        return ("date" if iso else "python"), field.to_representation
    unchanged = {"text": serializers.CharField.to_representation,
                 "integer": serializers.IntegerField.to_representation,
                 "boolean": serializers.BooleanField.to_representation}
    if plain is not None and write is unchanged[plain]:
        return plain, None
    if (plain == "integer" and write is serializers.BigIntegerField.to_representation
            and not getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)):
        return plain, None
    if write is serializers.ChoiceField.to_representation and plain in ("text", "integer"):
        key_type = str if plain == "text" else int
        if all(type(key) is key_type for key in field.choice_strings_to_values.values()):
            return plain, None  # the choice whose text is the value's: the value itself
    return "python", field.to_representation


def plain_rows(table, columns: list[Column], chunk_size: int) -> Iterator[dict]:
    """The serializer's rows, read as values (on PostgreSQL over a server-side cursor)."""
    paths = list(dict.fromkeys(c.path for c in columns))
    index = [paths.index(c.path) for c in columns]
    names = [c.name for c in columns]
    converted = [(i, c.convert) for i, c in enumerate(columns) if c.convert is not None]
    straight = index == list(range(len(columns)))
    for values in table.queryset().values_list(*paths).iterator(chunk_size=chunk_size):
        if not straight:
            values = [values[i] for i in index]
        if converted:
            values = list(values)
            for i, convert in converted:
                if values[i] is not None:
                    values[i] = convert(values[i])
        yield dict(zip(names, values, strict=True))


def _json_value(column: Column):
    """SQL for the column's JSON text: what json.dumps writes for the value the field returns
    (to_json escapes text as json.dumps does with ensure_ascii=False; dates as ISO days)."""
    value = F(column.path)
    if column.kind == "integer":
        return Func(value, template="COALESCE((%(expressions)s)::text, 'null')", output_field=models.TextField())
    if column.kind == "boolean":
        return Func(value, template="CASE WHEN %(expressions)s THEN 'true' WHEN NOT %(expressions)s "
                                    "THEN 'false' ELSE 'null' END", output_field=models.TextField())
    if column.kind == "day":  # the moment's day in the portal's time zone, as PublicDayField
        day = Func(Func(Value(timezone.get_current_timezone_name()), value, function="timezone",
                        output_field=models.DateTimeField()),
                   template="(%(expressions)s)::date", output_field=models.DateField())
        return Func(day, template="COALESCE(to_json(%(expressions)s)::text, 'null')",
                    output_field=models.TextField())
    return Func(value, template="COALESCE(to_json(%(expressions)s)::text, 'null')",
                output_field=models.TextField())


CONCAT_ARGUMENTS = 90  # PostgreSQL takes at most 100 arguments to a function


def _concat(parts: list):
    if len(parts) > CONCAT_ARGUMENTS:
        groups = [parts[i:i + CONCAT_ARGUMENTS] for i in range(0, len(parts), CONCAT_ARGUMENTS)]
        return _concat([_concat(group) for group in groups])
    return Func(*parts, function="concat", output_field=models.TextField())


def json_text_sql(columns: list[Column]):
    """One expression for the whole row's JSON text (PostgreSQL), keys and separators as
    json.dumps writes them: {"key": value, "key": value}."""
    if not columns:
        return Value("{}", output_field=models.TextField())
    parts: list = []
    for i, column in enumerate(columns):
        key = json.dumps(column.name, ensure_ascii=False)
        parts += [Value(("{" if i == 0 else ", ") + key + ": "), _json_value(column)]
    parts.append(Value("}"))
    return _concat(parts)


def json_texts(table, columns: list[Column], chunk_size: int) -> Iterator[str]:
    """Each row's JSON text, written by PostgreSQL, over a server-side cursor."""
    yield from json_text_rows(table, columns).iterator(chunk_size=chunk_size)


def json_text_rows(table, columns: list[Column]):
    """The table's rows as one column each: the row's JSON text."""
    return table.queryset().values_list(json_text_sql(columns), flat=True)
