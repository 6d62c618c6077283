"""The snapshot a report pins: the tables its figures are counted from, as the figures' own
consistent read sees them, written while the figures are computed.

When the whole record is as the newest complete snapshot read it, that snapshot's files are
pinned (exports.snapshot_pin). Otherwise the pinned snapshot holds only the tables asked for, as
CSV (what anyone recomputes the figures from): each table that did not change since a recent
snapshot read it (snapshot_state.table_unchanged) is that snapshot's file, linked; the others
are written. On PostgreSQL each written table is one COPY on a connection of its own, in a
transaction that imports the caller's snapshot of the database (pg_export_snapshot, SET
TRANSACTION SNAPSHOT): the same rows as the caller reads, read alongside its own work. The nightly
snapshot, with every table in both formats, is left as it is.
"""

import contextlib
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, connections, transaction
from django.utils import timezone

from .exports import (
    PUBLIC_TABLES,
    STATE_FILE,
    _link_file,
    _newest_with_state,
    _partial,
    _snapshot_link,
    _snapshot_publish,
    snapshot_csv_file,
    snapshot_root,
    snapshots_list,
)
from .snapshot_state import record_read, table_unchanged

COPY_CONNECTIONS = 2  # tables written at once, each on a connection of its own
REUSE_CANDIDATES = 3  # recent snapshots whose files may be pinned again
COPY_WORK_MEM = "256MB"  # the sort of a copied table by id stays in memory


@dataclass
class Pinning:
    """What `snapshot_pinning` yields: during the block, the snapshot's name, the day it covers
    and when it was built (what a report cites); the whole manifest once the block is over."""

    manifest: dict = field(default_factory=dict)


@contextlib.contextmanager
def snapshot_pinning(*, name: str, tables: list[str]) -> Iterator[Pinning]:
    """Pin, under `name`, the open data the current consistent read sees, while the block
    computes from the same read; the manifest is in the yielded Pinning after the block.

    Call it inside `consistent_read()`. The snapshot holds every table when the record is
    unchanged since the newest complete snapshot, else `tables` as CSV (see the module).
    """
    pinning, every = Pinning(), list(PUBLIC_TABLES.values())
    complete = _newest_with_state()  # the newest snapshot of every table
    candidates = _candidates(tables)
    # One read of the counts tells what changed since each of them, and the state read now.
    state, changes = record_read(every, since=[s for _m, s in ([complete] if complete else []) + candidates])
    if complete is not None and changes.pop(0) == set():
        pinning.manifest = _snapshot_link(*complete, name=name)
        yield pinning
        return
    partial = _partial(name)
    pinning.manifest = {"name": name, "covers": timezone.localdate().isoformat(),
                        "built_at": timezone.now().isoformat()}
    reused = _reusable(tables, [(m, c) for (m, _s), c in zip(candidates, changes, strict=True)])
    files = {table: _link(snapshot_root() / source["name"], partial, table, source)
             for table, source in reused.items()}
    with _written([t for t in tables if t not in reused], partial) as written:
        yield pinning
    files.update(written)
    manifest = {**pinning.manifest, "pinned": True, "tables": tables, "files": [files[t] for t in tables],
                "reused": {table: source["name"] for table, source in sorted(reused.items())}}
    pinning.manifest = _snapshot_publish(partial, manifest, state)


def _candidates(tables: list[str]) -> list[tuple[dict, dict]]:
    """The newest snapshots that noted the state they read and hold a CSV file of some of the
    tables, with that state."""
    root, found = snapshot_root(), []
    noted = sorted((m for m in snapshots_list() if (root / m["name"] / STATE_FILE).is_file()),
                   key=lambda m: m["built_at"], reverse=True)
    for manifest in noted[:REUSE_CANDIDATES]:
        if _present(manifest, tables):
            found.append((manifest, json.loads((root / manifest["name"] / STATE_FILE).read_text())))
    return found


def _present(manifest: dict, tables: list[str]) -> list[str]:
    folder, listed = snapshot_root() / manifest["name"], {f["name"] for f in manifest.get("files", [])}
    return [t for t in tables if f"{t}.csv" in listed and (folder / f"{t}.csv").is_file()]


def _reusable(tables: list[str], candidates: list[tuple[dict, set[str] | None]]) -> dict[str, dict]:
    """{table: the manifest of the newest candidate whose file of it may be pinned}, given the
    database tables changed since each candidate."""
    found: dict[str, dict] = {}
    every = list(PUBLIC_TABLES.values())
    for manifest, changed in candidates:
        for table in _present(manifest, [t for t in tables if t not in found]):
            if table_unchanged(PUBLIC_TABLES[table], every, changed=changed):
                found[table] = manifest
    return found


def _link(folder: Path, partial: Path, table: str, source: dict) -> dict:
    """The source snapshot's CSV file of the table, linked (copied where links are not allowed)."""
    entry = next(f for f in source["files"] if f["name"] == f"{table}.csv")
    _link_file(folder / entry["name"], partial / entry["name"])
    return entry


@contextlib.contextmanager
def _written(tables: list[str], partial: Path) -> Iterator[dict[str, dict]]:
    """{table: file entry} of the tables written into `partial`, filled when the block is over:
    written alongside the block on PostgreSQL when this connection's transaction can share its
    snapshot of the database, else before it, on this connection."""
    written: dict[str, dict] = {}
    shared = _exported_snapshot() if tables else None
    if shared is None:
        for table in tables:
            written[table] = snapshot_csv_file(partial, PUBLIC_TABLES[table])
        yield written
        return
    with ThreadPoolExecutor(max_workers=COPY_CONNECTIONS, thread_name_prefix="snapshot-copy") as pool:
        futures = {table: pool.submit(_write_in_snapshot, shared, partial, table) for table in tables}
        yield written
        for table, future in futures.items():
            written[table] = future.result()


def _exported_snapshot() -> str | None:
    """An id other connections can read this transaction's snapshot of the database by; None
    outside PostgreSQL, or in a transaction that does not read one moment of it, or whose rows
    other connections cannot see (a test's)."""
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return None
    if len(connection.atomic_blocks) != 1 or connection.savepoint_ids:
        return None  # consistent_read inside an outer transaction: its rows are not committed
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        if cursor.fetchone()[0] not in ("repeatable read", "serializable"):
            return None
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def _write_in_snapshot(snapshot: str, partial: Path, table: str) -> dict:
    """One table's CSV file, on this thread's own connection, reading the exported snapshot."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SET TRANSACTION SNAPSHOT %s", [snapshot])
            cursor.execute("SET LOCAL work_mem = %s", [COPY_WORK_MEM])
            return snapshot_csv_file(partial, PUBLIC_TABLES[table])
    finally:
        connections["default"].close()
