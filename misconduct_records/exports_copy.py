"""CSV (and, for the snapshot, JSON) of a whole public table written by PostgreSQL itself (COPY).

The columns are the API serializer's (read as plain values, see exports_columns), translated
into SQL that gives the same text: dates as ISO days, a moment as its local day, booleans as
True/False, empty text and missing relations as empty fields. A table with a column COPY cannot
reproduce (a time stamp, JSON, a computed field), or whose rows are not in the order of their
ids, is left to the serializer path. A download is one COPY per range of at most RANGE ids, so it
holds one range in memory whatever the size of the table, and runs on the request's own
connection (inside its transaction, when the caller holds one). The snapshot writes each file
in one COPY, into the file as PostgreSQL sends it: each joined table is read once, not once a
range, and the bytes are the same.
"""

from collections.abc import Iterator

from django.db import connection, models
from django.db.models import Case, F, Func, Max, Min, Value, When
from django.db.models.functions import Concat, NullIf
from django.utils import timezone

from portal.csv_cells import FORMULA_STARTS

from .exports_columns import Column, json_text_rows, plain_columns

RANGE = 20_000
CSV_OPTIONS = "FORMAT csv, NULL ''"


def _inert_text(path: str):
    """Text as portal.csv_cells writes it: empty as an empty field, a would-be formula quoted."""
    formula = "^[" + "".join(FORMULA_STARTS).replace("-", "") + "-]"
    return Case(When(**{f"{path}__regex": formula}, then=Concat(Value("'"), F(path))),
                default=NullIf(F(path), Value("")), output_field=models.TextField())


def _iso_day(value):
    return Func(value, Value("YYYY-MM-DD"), function="to_char", output_field=models.CharField())


def _expression(column: Column):
    """The SQL expression of one column's CSV text, or None if COPY cannot write it the same."""
    path = column.path
    if column.kind == "boolean":
        return Case(When(**{path: True}, then=Value("True")), When(**{path: False}, then=Value("False")),
                    output_field=models.CharField())
    if column.kind == "date":
        return _iso_day(F(path))
    if column.kind == "day":  # the moment's day in the portal's time zone, as PublicDayField writes it
        return _iso_day(Func(Func(Value(timezone.get_current_timezone_name()), F(path),
                                  function="timezone", output_field=models.DateTimeField()),
                             template="(%(expressions)s)::date", output_field=models.DateField()))
    if column.kind == "text":
        return _inert_text(path)
    if column.kind == "integer":
        return F(path)
    return None  # a value only the serializer writes (a month, a time stamp, JSON, …)


def copy_columns(table) -> dict | None:
    """{column: expression} for every column of the table, or None if one cannot be copied."""
    if connection.vendor != "postgresql":
        return None
    columns = plain_columns(table)
    if columns is None or tuple(table.queryset().query.order_by) not in (("id",), ("pk",)):
        return None  # (ranges of ids are written in the order of the ids)
    expressions = {c.name: _expression(c) for c in columns}
    return None if any(e is None for e in expressions.values()) else expressions


class _Buffer:
    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data) -> None:
        self.parts.append(data.encode() if isinstance(data, str) else data)


def copy_into(queryset, out, options: str) -> None:
    """COPY the queryset's rows TO STDOUT WITH (options), each row handed to out.write as PostgreSQL
    sends it."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        statement = cursor.mogrify(f"COPY ({sql}) TO STDOUT WITH ({options})", params)
        cursor.copy_expert(statement.decode(), out)


def _csv_rows(table, columns: dict):
    base = table.queryset().order_by()
    return base.annotate(**{f"c_{i}": e for i, e in enumerate(columns.values())}).values_list(
        *[f"c_{i}" for i in range(len(columns))])


def copy_csv_lines(table, columns: dict, header: str) -> Iterator[str]:
    """The table as CSV: the header line, then one chunk per range of ids."""
    yield header
    rows = _csv_rows(table, columns)
    bounds = table.queryset().order_by().aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    for low in range(bounds["low"], bounds["high"] + 1, RANGE):
        buffer = _Buffer()
        copy_into(rows.filter(pk__gte=low, pk__lt=low + RANGE).order_by("pk"), buffer, CSV_OPTIONS)
        if buffer.parts:
            yield b"".join(buffer.parts).decode("utf-8")


def copy_csv_into(table, columns: dict, out) -> None:
    """The CSV rows of the whole table (no header) in one COPY, into out.write: the same bytes as
    copy_csv_lines, with each joined table read once instead of once a range."""
    copy_into(_csv_rows(table, columns).order_by("pk"), out, CSV_OPTIONS)


def copy_json_into(table, columns: list[Column], out) -> None:
    """The table as the JSON array json_chunks writes, from one COPY of each row's JSON text
    (written by PostgreSQL, see exports_columns), into out.write."""
    array = _JsonArray(out)
    copy_into(json_text_rows(table, columns), array, "FORMAT text")
    array.close()


class _JsonArray:
    """COPY's text lines of JSON objects, written out as a JSON array.

    COPY sends each object's text with its backslashes doubled (its only escape here: to_json
    leaves no control character in the text) and ends each with a newline; the array has "[",
    each object on a line of its own after a comma, and "]".
    """

    BLOCK = 1 << 20

    def __init__(self, out):
        self.out, self.lead = out, b"[\n"
        self.pending: list[bytes] = []
        self.pending_size = 0

    def write(self, data: str | bytes) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        self.pending.append(data)
        self.pending_size += len(data)
        if self.pending_size >= self.BLOCK:
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self.pending)
        end = data.rfind(b"\n") + 1  # whole lines only: an escape never spans a newline
        self.pending = [data[end:]] if end < len(data) else []
        self.pending_size = len(data) - end
        if end:
            self.out.write(self.lead + data[:end - 1].replace(b"\\\\", b"\\").replace(b"\n", b",\n"))
            self.lead = b",\n"

    def close(self) -> None:
        self._flush()
        if self.pending_size:
            raise ValueError("COPY ended in the middle of a line")
        self.out.write(b"[\n]\n" if self.lead == b"[\n" else b"\n]\n")
