"""CSV of a whole public table written by PostgreSQL itself (COPY), in ranges of ids.

The columns are the API serializer's, translated into SQL that gives the same text: dates as
ISO days, booleans as True/False, empty text and missing relations as empty fields. A table
with a column COPY cannot reproduce (a time stamp, JSON, a computed field) is left to the
serializer path. Each range is one COPY of at most RANGE ids, so the download holds one range
in memory whatever the size of the table, and runs on the request's own connection (inside its
transaction, when the caller holds one).
"""

from collections.abc import Iterator

from django.db import connection, models
from django.db.models import Case, F, Func, Max, Min, Value, When
from django.db.models.functions import Concat, NullIf
from rest_framework import serializers

from portal.csv_cells import FORMULA_STARTS

RANGE = 20_000
TEXT_FIELDS = (models.CharField, models.TextField)
NUMBER_FIELDS = (models.IntegerField, models.AutoField, models.BigAutoField)


def _model_field(model, path: str):
    """The model field at the end of a `__` path, or None when the path is not a plain column."""
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:  # noqa: BLE001 — a property or a method: not a column
            return None
        model = field.related_model if field.is_relation else model
    return field


def _inert_text(path: str):
    """Text as portal.csv_cells writes it: empty as an empty field, a would-be formula quoted."""
    formula = "^[" + "".join(FORMULA_STARTS).replace("-", "") + "-]"
    return Case(When(**{f"{path}__regex": formula}, then=Concat(Value("'"), F(path))),
                default=NullIf(F(path), Value("")), output_field=models.TextField())


def _expression(model, field):
    """The SQL expression of one serializer column, or None if COPY cannot write it the same."""
    if isinstance(field, serializers.SlugRelatedField):
        path = f"{field.source}__{field.slug_field}"
    elif isinstance(field, serializers.SerializerMethodField | serializers.JSONField):
        return None
    elif isinstance(field, serializers.DateField) and getattr(field, "format", None) not in (None, "iso-8601"):
        return None  # a date written in its own format (e.g. a month): the serializer's to write
    else:
        path = field.source.replace(".", "__")
    target = _model_field(model, path)
    if isinstance(target, models.BooleanField):
        return Case(When(**{path: True}, then=Value("True")), When(**{path: False}, then=Value("False")),
                    output_field=models.CharField())
    if isinstance(target, models.DateTimeField):
        return None  # time zones and precision are the serializer's to write
    if isinstance(target, models.DateField):
        return Func(F(path), Value("YYYY-MM-DD"), function="to_char", output_field=models.CharField())
    if isinstance(target, TEXT_FIELDS):
        return _inert_text(path)
    if isinstance(target, NUMBER_FIELDS):
        return F(path)
    return None


def copy_columns(table) -> dict | None:
    """{column: expression} for every column of the table, or None if one cannot be copied."""
    if connection.vendor != "postgresql":
        return None
    model = table.serializer.Meta.model
    columns = {name: _expression(model, field) for name, field in table.serializer().fields.items()}
    return None if any(e is None for e in columns.values()) else columns


class _Buffer:
    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data) -> None:
        self.parts.append(data.encode() if isinstance(data, str) else data)


def _copy(cursor, queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    buffer = _Buffer()
    statement = cursor.mogrify(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, NULL '')", params)
    cursor.copy_expert(statement.decode(), buffer)
    return b"".join(buffer.parts).decode("utf-8")


def copy_csv_lines(table, columns: dict, header: str) -> Iterator[str]:
    """The table as CSV: the header line, then one chunk per range of ids."""
    yield header
    base = table.queryset().order_by()
    bounds = base.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    rows = base.annotate(**{f"c_{i}": e for i, e in enumerate(columns.values())}).values_list(
        *[f"c_{i}" for i in range(len(columns))])
    with connection.cursor() as cursor:
        for low in range(bounds["low"], bounds["high"] + 1, RANGE):
            chunk = _copy(cursor, rows.filter(pk__gte=low, pk__lt=low + RANGE).order_by("pk"))
            if chunk:
                yield chunk
