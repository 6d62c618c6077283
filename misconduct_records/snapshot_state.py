"""Whether the public record is still as a snapshot read it, so that a report can pin that
snapshot's files instead of writing every table again (PostgreSQL).

A snapshot notes, in its own REPEATABLE READ transaction, the oldest transaction still running
then (the `xmin` of its view of the database) and, for every table the public tables are read
from (every table of the apps that register public tables, and the tables those point to): its
number of rows, and the number and a hash of the row versions written by transactions at or
after that `xmin` (usually none, or a few). Later, in another such transaction, the record is
unchanged when all of these are the same:

- a row version written before `xmin` was seen by the snapshot (its writer had finished), so the
  rows seen now of that kind are some of the rows the snapshot saw;
- the newer row versions are the same ones (same writer, same place: `xmin` and `ctid`);
- and there are as many rows in all: so none of the older ones has gone either.

The same rows, so the same files. The same holds table by table (table_unchanged): a public
table's file is the same when every database table its rows are read from is unchanged, so a
report pins the files of the tables that did not change and writes only the others.

A rewritten table (VACUUM FULL) or rows frozen since count as
changes: the report then writes a snapshot of its own, which is always correct, only slower.
Anything else that would change the files — other tables or columns, another time zone, a
transaction counter that wrapped around — also counts as a change.
"""

import hashlib
import json

from django.apps import apps
from django.db import connection
from django.utils import timezone

from .exports_columns import plain_columns

LAYOUT_VERSION = 1  # raise when the way a table is written changes


def record_state(tables) -> dict | None:
    """The state the current transaction reads, or None where it cannot be told (SQLite, or a
    transaction that does not read one moment of the database)."""
    return record_read(tables, since=[])[0]


def record_unchanged(state: dict, tables) -> bool:
    """Whether the current transaction reads the record exactly as the state's snapshot did."""
    return record_read(tables, since=[state])[1][0] == set()


def record_read(tables, *, since: list[dict]) -> tuple[dict | None, list[set[str] | None]]:
    """In one read of every watched table's counts: the state the current transaction reads
    (record_state), and for each noted state in `since` the database tables whose rows it does
    not read as that state's snapshot did (see the module), None where that cannot be told
    (then: all of them)."""
    if not _one_moment():
        return None, [None] * len(since)
    layout, watched = _layout(tables), _watched(tables)
    with connection.cursor() as cursor:
        cursor.execute("SELECT txid_snapshot_xmin(s), txid_snapshot_xmax(s) FROM txid_current_snapshot() s")
        xmin, xmax = cursor.fetchone()
        # A state of another layout, or from before the transaction counter wrapped around, tells nothing.
        comparable = [s for s in since if s.get("layout") == layout and xmax >> 32 == s["xmin"] >> 32]
        sinces = sorted({xmin & 0xFFFFFFFF} | {s["xmin"] & 0xFFFFFFFF for s in comparable})
        rows = _rows(cursor, watched, since=sinces)
    state = {"layout": layout, "xmin": xmin, "rows": {t: r[xmin & 0xFFFFFFFF] for t, r in rows.items()}}
    changes: list[set[str] | None] = []
    for noted in since:
        if not any(noted is s for s in comparable):
            changes.append(None)
            continue
        now = {t: r[noted["xmin"] & 0xFFFFFFFF] for t, r in rows.items()}
        before = noted.get("rows", {})
        changes.append({t for t, v in now.items() if before.get(t) != v} | (before.keys() - now.keys()))
    return state, changes


def table_unchanged(table, tables, *, changed: set[str] | None) -> bool:
    """Whether a public table's rows are as a snapshot read them, given the database tables
    `changed` since (record_read): none of those its rows are read from."""
    if changed is None:
        return False
    return not changed & set(_reads(table) or _watched(tables))


def _reads(table) -> list[str] | None:
    """The database tables a public table's rows are read from: its model's and those its foreign
    keys lead to, where its columns are plain values (which follow only foreign keys) and its rows
    are not filtered; None where the serializer may read anything (then: every watched table)."""
    if plain_columns(table) is None or table.queryset().query.where:
        return None
    seen: set = set()
    todo = [table.serializer.Meta.model]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        todo += [f.related_model for f in model._meta.get_fields()
                 if f.concrete and (f.many_to_one or f.one_to_one) and f.related_model is not None]
    return sorted(m._meta.db_table for m in seen)


def _rows(cursor, tables: list[str], *, since: list[int]) -> dict[str, dict[int, list]]:
    """{table: {transaction: [rows, row versions written since that transaction, their hash]}}
    for each transaction in `since`, in one read of each table."""
    newer = "FILTER (WHERE xmin::text::bigint >= %s)"
    version = "hashtextextended(xmin::text || ':' || ctid::text, 0)"
    columns = ", ".join(f"count(*) {newer}, coalesce(sum({version}) {newer}, 0)::text" for _ in since)
    # Only quoted model table names and the fixed text above are joined in; values are parameters.
    quoted = [connection.ops.quote_name(table) for table in tables]
    selects = [f"SELECT %s, count(*), {columns} FROM {name}" for name in quoted]  # noqa: S608  # nosec B608
    cursor.execute(" UNION ALL ".join(selects),
                   [value for table in tables for value in (table, *[x for t in since for x in (t, t)])])
    read = {}
    for table, count, *newer_rows in cursor.fetchall():
        read[table] = {t: [count, newer_rows[2 * i], newer_rows[2 * i + 1]] for i, t in enumerate(since)}
    return read


def _one_moment() -> bool:
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        return cursor.fetchone()[0] in ("repeatable read", "serializable")


def _watched(tables) -> list[str]:
    """The database tables the public tables are read from."""
    labels = {table.serializer.Meta.model._meta.app_label for table in tables}
    models = [m for label in sorted(labels) for m in apps.get_app_config(label).get_models(include_auto_created=True)]
    pointed = [f.related_model for m in models for f in m._meta.get_fields()
               if f.is_relation and f.concrete and f.related_model is not None]
    return sorted({m._meta.db_table for m in [*models, *pointed] if m._meta.managed and not m._meta.proxy})


def _layout(tables) -> str:
    """Every table's name and columns, and the time zone days are written in."""
    layout = [LAYOUT_VERSION, timezone.get_current_timezone_name(),
              [[table.name, list(table.serializer().fields)] for table in tables]]
    return hashlib.sha256(json.dumps(layout).encode()).hexdigest()
