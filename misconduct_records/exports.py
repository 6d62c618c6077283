"""Open data: every public table as CSV or JSON, streamed in chunks, and the nightly snapshot.

The rows say exactly what the API's own serializers say. Where a serializer's columns are plain
values (exports_columns) they are read with `values_list` and written without a model instance
per row; on PostgreSQL the CSV comes from COPY (exports_copy) and each row's JSON text from the
database itself. Anything else goes through the serializer. Every path reads over `.iterator()`
or in ranges, so a download holds one chunk in memory whatever the size of the table.
"""

import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.serializers import ModelSerializer, Serializer

from portal.csv_cells import CsvLines

from . import serializers as s
from .exports_columns import SQL_KINDS, json_texts, plain_columns, plain_rows
from .exports_copy import copy_columns, copy_csv_into, copy_csv_lines, copy_json_into
from .models import (
    Agency,
    AllegationCategory,
    Assignment,
    Command,
    ComplaintsReceived,
    Correction,
    DecertificationReferral,
    District,
    Officer,
    OfficerAlias,
    OfficerIdentifier,
    PublicAllegation,
    PublicCase,
    PublicCaseEvent,
    Settlement,
    SettlementOfficer,
    Source,
)
from .page_cache import record_version_bump
from .selectors import settlement_totals
from .snapshot_state import record_state, record_unchanged

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class PublicTable:
    name: str
    description: "str | StrPromise"
    serializer: type[Serializer]  # each names its model in Meta, a ModelSerializer or not
    queryset: Callable[[], QuerySet]  # built per request

    @property
    def fields(self) -> list[tuple[str, str]]:
        """(column, description) for the data dictionary, from the serializer and the model."""
        serializer = self.serializer()
        model: type[Model] = cast("type[ModelSerializer[Model]]", self.serializer).Meta.model
        columns = []
        for name, field in serializer.fields.items():
            help_text = field.help_text or ""
            model_field = next((f for f in model._meta.get_fields()
                                if getattr(f, "name", None) == (field.source or name)), None)
            if not help_text and model_field is not None:
                help_text = getattr(model_field, "help_text", "") or getattr(
                    model_field, "verbose_name", "")
            if field.source and "." in field.source and not help_text:
                help_text = field.source.replace(".", " → ").replace("_", " ")
            choices = getattr(model_field, "choices", None)
            if choices:
                help_text = f"{help_text}. " + _("One of: ") + ", ".join(str(c[0]) for c in choices)
            columns.append((name, str(help_text)))
        return columns


PUBLIC_TABLES = {t.name: t for t in [
    PublicTable("agencies", _("Police departments in the record."), s.AgencySerializer,
                lambda: Agency.objects.order_by("id")),
    PublicTable("sources", _("Where the data came from: publisher, licence, coverage, exclusions."),
                s.SourceSerializer, lambda: Source.objects.order_by("id")),
    PublicTable("districts", _("Police districts of each agency."), s.DistrictSerializer,
                lambda: District.objects.select_related("agency").order_by("id")),
    PublicTable("commands", _("Units, commands and bureaus of each agency."), s.CommandSerializer,
                lambda: Command.objects.select_related("agency").order_by("id")),
    PublicTable("categories", _("The allegation taxonomy: categories and their families."),
                s.CategorySerializer, lambda: AllegationCategory.objects.order_by("id")),
    PublicTable("officers", _("One row per officer, with counts of allegations."),
                s.OfficerSerializer,
                lambda: Officer.objects.select_related("agency", "district", "command", "source")
                .order_by("id")),
    PublicTable("officer_identifiers", _("Badge, employee and certification numbers over time."),
                s.OfficerIdentifierSerializer,
                lambda: OfficerIdentifier.objects.select_related("officer", "source").order_by("id")),
    PublicTable("officer_aliases", _("Other names an officer appears under."),
                s.OfficerAliasSerializer,
                lambda: OfficerAlias.objects.select_related("officer", "source").order_by("id")),
    PublicTable("assignments", _("Officers' rank and command over time."), s.AssignmentSerializer,
                lambda: Assignment.objects.select_related("officer", "command", "district", "source")
                .order_by("id")),
    PublicTable("cases", _("Public cases: dates, district, status and public summary."),
                s.CaseSerializer,
                lambda: PublicCase.objects.select_related("agency", "district", "source").order_by("id")),
    PublicTable("complaints_received",
                _("Complaints received per month, agency and district: counts only, anonymous complaints "
                  "included. A case row appears in “cases” only once the board opens a case."),
                s.ComplaintsReceivedSerializer,
                lambda: ComplaintsReceived.objects.select_related("agency", "district").order_by("month", "id")),
    PublicTable("case_events", _("Each public step of each case."), s.CaseEventSerializer,
                lambda: PublicCaseEvent.objects.select_related("case").order_by("id")),
    PublicTable("allegations", _("One row per allegation against one officer, with findings and "
                                 "discipline, as published and as the source wrote them."),
                s.AllegationSerializer,
                lambda: PublicAllegation.objects.select_related(
                    "case", "case__agency", "case__district", "officer", "category",
                    "command_at_incident", "source").order_by("id")),
    PublicTable("decertification_referrals", _("Officers referred to the state certification body."),
                s.DecertificationReferralSerializer,
                lambda: DecertificationReferral.objects.select_related("officer", "case").order_by("id")),
    PublicTable("settlements", _("Lawsuits and claims settled with money, as each city reported them; "
                                 "amounts in cents; plaintiffs are not published. Not comparable "
                                 "between cities."),
                s.SettlementSerializer,
                lambda: Settlement.objects.select_related("agency", "source").order_by("id")),
    PublicTable("settlement_officers", _("Officers a settlement's matter names, and how each was "
                                         "matched to an officer of the record."),
                s.SettlementOfficerSerializer,
                lambda: SettlementOfficer.objects.select_related("officer").order_by("id")),
    PublicTable("settlement_totals", _("Settlements and money paid per agency and year. The publisher "
                                       "warns that cities are not comparable with each other."),
                s.SettlementTotalSerializer, lambda: settlement_totals()),
    PublicTable("corrections", _("Every correction of a public row: what changed and when."),
                s.CorrectionSerializer,
                lambda: Correction.objects.select_related("content_type", "officer", "case")
                .order_by("id")),
]}


def register_public_tables(tables) -> None:
    """Add another app's public tables to the downloads, the dictionary and the snapshot.

    Apps that build on the public record (policy records) register here at start-up, so this
    module never imports them.
    """
    for table in tables:
        PUBLIC_TABLES[table.name] = table


def _rows(table: PublicTable, queryset=None) -> Iterator[dict]:
    """The rows as the serializer writes them: read as plain values where its columns allow;
    through the serializer otherwise, and always for a given `queryset`."""
    columns = plain_columns(table) if queryset is None else None
    if columns is not None:
        yield from plain_rows(table, columns, CHUNK_SIZE)
        return
    yield from serialized_rows(table, queryset)


def serialized_rows(table: PublicTable, queryset=None) -> Iterator[dict]:
    """The rows through the serializer, one model instance at a time (the reference)."""
    serializer = table.serializer()
    for obj in (queryset if queryset is not None else table.queryset()).iterator(chunk_size=CHUNK_SIZE):
        yield serializer.to_representation(obj)


def _csv_value(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def csv_lines(table: PublicTable, queryset=None) -> Iterator[str]:
    """A whole table (or `queryset`) as CSV: by PostgreSQL's COPY where its columns allow."""
    copied = copy_columns(table) if queryset is None else None
    if copied is not None:
        yield from copy_csv_lines(table, copied, _csv_header(table))
        return
    columns = list(table.serializer().fields)
    writer = CsvLines()
    yield writer.writerow(columns)
    for row in _rows(table, queryset):
        yield writer.writerow([_csv_value(row[c]) for c in columns])


def _csv_header(table: PublicTable) -> str:
    """The header of a copied table: PostgreSQL ends lines with \\n, and so does this one."""
    return CsvLines().writerow(list(table.serializer().fields)).replace("\r\n", "\n")


def json_chunks(table: PublicTable, queryset=None) -> Iterator[str]:
    """A JSON array, one object a line, in chunks of CHUNK_SIZE objects."""
    return _json_array(_json_texts(table, queryset))


def _json_texts(table: PublicTable, queryset=None) -> Iterator[str]:
    """Each row's JSON text: written by PostgreSQL where every column's kind allows it."""
    columns = plain_columns(table) if queryset is None and connection.vendor == "postgresql" else None
    if columns is not None and all(c.kind in SQL_KINDS for c in columns):
        return json_texts(table, columns, CHUNK_SIZE)
    return (_json_text(row) for row in _rows(table, queryset))


def _json_text(row: dict) -> str:
    return json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)


def _json_array(texts: Iterator[str]) -> Iterator[str]:
    """The array around the objects' texts, each on a line of its own after a comma; the objects
    CHUNK_SIZE at a time."""
    yield "["
    batch: list[str] = []
    lead = "\n"
    for text in texts:
        batch.append(text)
        if len(batch) == CHUNK_SIZE:
            yield lead + ",\n".join(batch)
            batch, lead = [], ",\n"
    if batch:
        yield lead + ",\n".join(batch)
    yield "\n]\n"


def snapshot_root() -> Path:
    return Path(settings.PUBLIC_DATA_ROOT)


@contextlib.contextmanager
def consistent_read():
    """One transaction in which every read sees the same committed state of the database.

    On PostgreSQL the transaction is REPEATABLE READ and READ ONLY, so every table of a
    snapshot (and every figure computed alongside it) is read at the same moment, whatever is
    written meanwhile. SQLite transactions are serialisable already. Inside an outer
    transaction (a test) the outer one is used as it is.
    """
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def snapshot_build(*, covers: datetime.date | None = None, name: str = "",
                   pinned: bool = False) -> dict:
    """Write every table as CSV and JSON into a folder with SHA-256 checksums and a manifest.

    All tables are read in one consistent read (call it inside `consistent_read()` to compute
    more from the same state). The folder is named after the date covered, or `name`; it is
    written under a temporary name and renamed when complete, so a reader never sees half a
    snapshot. Pruning removes only dated folders: a named snapshot (one a published report was
    computed from, marked pinned) is kept.
    Returns the manifest.
    """
    covers = covers or timezone.localdate()
    name = name or covers.isoformat()
    partial = _partial(name)
    with consistent_read():
        state = record_state(PUBLIC_TABLES.values())
        files = [entry for table in PUBLIC_TABLES.values() for entry in _snapshot_files(partial, table)]
    manifest = {"name": name, "covers": covers.isoformat(), "built_at": timezone.now().isoformat(),
                "pinned": pinned, "files": files}
    return _snapshot_publish(partial, manifest, state)


def snapshot_pin(*, name: str) -> dict:
    """A pinned snapshot of the record as the current consistent read sees it, named `name`.

    Call it inside `consistent_read()`, with whatever is computed from the same state (a
    report's figures). When the record has not changed since the newest snapshot was read
    (snapshot_state), that snapshot's files are linked under the new name instead of being
    written again: the same bytes, in seconds instead of minutes. Otherwise a new snapshot is
    written. Returns the manifest.
    """
    newest = _newest_with_state()
    if newest is not None and record_unchanged(newest[1], PUBLIC_TABLES.values()):
        return _snapshot_link(newest[0], newest[1], name=name)
    return snapshot_build(name=name, pinned=True)


def _partial(name: str) -> Path:
    partial = snapshot_root() / f".{name}.partial"
    partial.mkdir(parents=True, exist_ok=True)
    return partial


def _snapshot_publish(partial: Path, manifest: dict, state: dict | None) -> dict:
    """Checksums and manifest beside the files, then the folder renamed into place and old
    snapshots pruned."""
    files = manifest["files"]
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=2))
    (partial / "SHA256SUMS").write_text("".join(f"{f['sha256']}  {f['name']}\n" for f in files))
    if state is not None:
        (partial / STATE_FILE).write_text(json.dumps(state))
    root = snapshot_root()
    final = root / manifest["name"]
    if final.exists():
        _snapshot_remove(final)
    partial.rename(final)
    _snapshots_prune(root, keep=settings.PUBLIC_DATA_KEEP_SNAPSHOTS)
    record_version_bump()  # the open-data page lists the snapshots
    return manifest


def _newest_with_state() -> tuple[dict, dict] | None:
    """The newest complete snapshot that noted the state it read, with that state (a report's
    snapshot of some tables only is not complete: snapshot_pinning)."""
    root = snapshot_root()
    noted = [m for m in snapshots_list() if "tables" not in m and (root / m["name"] / STATE_FILE).is_file()]
    if not noted:
        return None
    newest = max(noted, key=lambda m: m["built_at"])
    folder = root / newest["name"]
    if not all((folder / f["name"]).is_file() for f in newest.get("files", [])):
        return None
    return newest, json.loads((folder / STATE_FILE).read_text())


def _link_file(source: Path, target: Path) -> None:
    """`target` the same file as `source`: a hard link where the file system allows, else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _snapshot_link(source: dict, state: dict, *, name: str) -> dict:
    """The source snapshot's files under a new pinned name (hard links where the file system
    allows): a pinned folder keeps them when the source is pruned."""
    partial, folder = _partial(name), snapshot_root() / source["name"]
    for entry in source["files"]:
        _link_file(folder / entry["name"], partial / entry["name"])
    manifest = {"name": name, "covers": timezone.localdate().isoformat(), "built_at": source["built_at"],
                "pinned": True, "same_as": source["name"], "files": source["files"]}
    return _snapshot_publish(partial, manifest, state)


class _HashedFile:
    """A file that counts its bytes and their SHA-256 as they are written, a block at a time."""

    BLOCK = 1 << 20

    def __init__(self, path: Path):
        self.path, self.handle = path, path.open("wb")
        self.digest, self.size = hashlib.sha256(), 0
        self.pending: list[bytes] = []
        self.pending_size = 0

    def write(self, chunk: str | bytes) -> None:
        """Text is written as UTF-8."""
        data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
        self.pending.append(data)
        self.pending_size += len(data)
        if self.pending_size >= self.BLOCK:
            self.flush()

    def flush(self) -> None:
        data = b"".join(self.pending)
        self.pending, self.pending_size = [], 0
        self.handle.write(data)
        self.digest.update(data)
        self.size += len(data)

    def close(self) -> dict:
        self.flush()
        self.handle.close()
        return {"name": self.path.name, "sha256": self.digest.hexdigest(), "bytes": self.size}


def _snapshot_files(folder: Path, table: PublicTable) -> list[dict]:
    """The table as CSV and as JSON: the same bytes as the downloads, within the snapshot's
    transaction. On PostgreSQL each file is one COPY, where the columns allow; otherwise each
    row is read once for both files."""
    as_csv, as_json = _HashedFile(folder / f"{table.name}.csv"), _HashedFile(folder / f"{table.name}.json")
    copied = copy_columns(table)
    if copied is not None:  # (then every column is plain, of a kind PostgreSQL writes as JSON)
        as_csv.write(_csv_header(table))
        copy_csv_into(table, copied, as_csv)
        copy_json_into(table, cast("list", plain_columns(table)), as_json)
        return [as_csv.close(), as_json.close()]
    writer, columns = CsvLines(), list(table.serializer().fields)
    as_csv.write(writer.writerow(columns))

    def texts() -> Iterator[str]:
        for row in _rows(table):
            as_csv.write(writer.writerow([_csv_value(row[c]) for c in columns]))
            yield _json_text(row)

    for chunk in _json_array(texts()):
        as_json.write(chunk)
    return [as_csv.close(), as_json.close()]


def snapshot_csv_file(folder: Path, table: PublicTable) -> dict:
    """The table's CSV file alone, the same bytes as the snapshot's (and the download's)."""
    as_csv = _HashedFile(folder / f"{table.name}.csv")
    copied = copy_columns(table)
    if copied is not None:
        as_csv.write(_csv_header(table))
        copy_csv_into(table, copied, as_csv)
    else:
        for chunk in csv_lines(table):
            as_csv.write(chunk)
    return as_csv.close()


SNAPSHOT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATE_FILE = "record-state.json"  # not served: what snapshot_state compares (snapshot_pin)
SNAPSHOT_EXTRAS = ("manifest.json", "SHA256SUMS", STATE_FILE)


def _snapshot_manifest(folder: Path) -> dict | None:
    """The manifest of a snapshot this portal wrote; None for anything else in the folder."""
    manifest = folder / "manifest.json"
    if not (folder.is_dir() and SNAPSHOT_NAME.match(folder.name) and manifest.is_file()):
        return None
    try:
        content = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) and content.get("covers") == folder.name else None


def _snapshot_remove(folder: Path) -> None:
    """Delete the files a snapshot's manifest names, and the folder if nothing else is in it."""
    manifest = _snapshot_manifest(folder)
    if manifest is None:
        raise FileExistsError(f"{folder} is not a snapshot written by the portal; it is left alone.")
    for name in [f["name"] for f in manifest.get("files", [])] + list(SNAPSHOT_EXTRAS):
        path = folder / Path(name).name
        if path.is_file():
            path.unlink()
    if not any(folder.iterdir()):
        folder.rmdir()


def _snapshots_prune(root: Path, *, keep: int) -> None:
    """Keep the newest `keep` snapshots; older ones are removed. Only snapshots this portal wrote
    (a dated folder with its manifest) are touched: whatever else is in the folder stays."""
    ours = sorted((p for p in root.iterdir() if _snapshot_manifest(p) is not None), reverse=True)
    for old in ours[keep:]:
        _snapshot_remove(old)


def snapshots_list() -> list[dict]:
    """The complete snapshots on disk, newest first, with their manifests (and folder names)."""
    root = snapshot_root()
    if not root.is_dir():
        return []
    manifests = []
    for folder in sorted(root.iterdir(), reverse=True):
        manifest = folder / "manifest.json"
        if folder.is_dir() and not folder.name.startswith(".") and manifest.is_file():
            manifests.append({"name": folder.name, **json.loads(manifest.read_text())})
    return manifests
