"""Running a mapping: provenance first, then each table in batches, in one transaction.

Bad rows are reported with file, line and reason and the import goes on; a dry run does all
the work and rolls it back. Every run, dry or not, is recorded as an ImportRun when its
source exists.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from django.db import connections, router, transaction
from django.utils import timezone

from ..models import Agency, AllegationCategory, ImportRun, Source
from .mapping import Mapping, Step
from .reader import joined_rows
from .resolve import Resolver
from .rows import RowBuilder
from .upsert import link_many, row_key, upsert
from .values import BadValue

BATCH_SIZE = 2000
STORED_REJECTIONS = 1000  # an ImportRun keeps the first ones; the report counts them all
COUNTED = ("read", "created", "updated", "unchanged", "skipped", "rejected")


ANALYZE_EVERY = 50_000


def _refresh_statistics(model) -> None:
    """PostgreSQL plans from table statistics, which know nothing of rows this transaction
    inserted: without them, a look-up by key in a table that was empty scans it all."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


class _DryRunRollback(Exception):
    pass


class ImportReport:
    def __init__(self, mapping: Mapping, dry_run: bool):
        self.mapping = mapping
        self.dry_run = dry_run
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.rejected: list[dict] = []
        self.rejected_total = 0
        self.seconds = 0.0
        self.rows_read = 0

    def table(self, label: str) -> Counter:
        return self.counts[label]

    def reject(self, file: str, line: int, table: str, reason: str) -> None:
        self.rejected_total += 1
        if len(self.rejected) < STORED_REJECTIONS:
            self.rejected.append({"file": file, "line": line, "table": table, "reason": reason})

    def as_counts(self) -> dict:
        return {label: {what: counter[what] for what in COUNTED} for label, counter in self.counts.items()}


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class Importer:
    def __init__(self, mapping: Mapping, data_dir: Path, *, dry_run: bool = False,
                 batch_size: int = BATCH_SIZE, progress: Callable[[str], None] | None = None,
                 progress_every: float = 2.0):
        self.mapping = mapping
        self.folder = Path(data_dir) / mapping.data_dir if mapping.data_dir else Path(data_dir)
        self.dry_run = dry_run
        self.batch_size = batch_size
        self.progress = progress or (lambda message: None)
        self.progress_every = progress_every
        self.report = ImportReport(mapping, dry_run)

    def run(self) -> ImportReport:
        started_at, clock = timezone.now(), time.monotonic()
        try:
            with transaction.atomic():
                source = self._source()
                agency = self._agency(source)
                for step in self.mapping.steps:
                    self._step(step, source, agency)
                self.report.seconds = time.monotonic() - clock
                if self.dry_run:
                    raise _DryRunRollback
                self._record(source, started_at)
        except _DryRunRollback:
            source = Source.objects.filter(slug=self.mapping.slug).first()
            if source is not None:
                self._record(source, started_at)
        return self.report

    def _record(self, source: Source, started_at) -> None:
        ImportRun.objects.create(
            source=source, mapping=self.mapping.path.name, started_at=started_at,
            finished_at=timezone.now(), dry_run=self.dry_run, counts=self.report.as_counts(),
            rejected_rows=self.report.rejected,
        )

    def _source(self) -> Source:
        fields = {k: v for k, v in self.mapping.source.items() if k != "slug"}
        return self._upsert_one(Source, {"slug": self.mapping.slug}, fields, "sources")

    def _agency(self, source: Source) -> Agency | None:
        spec = self.mapping.agency
        if not spec:
            return None
        fields = {k: v for k, v in spec.items() if k != "slug"}
        return self._upsert_one(Agency, {"slug": spec["slug"]}, fields, "agencies")

    def _upsert_one(self, model, lookup: dict, fields: dict, label: str):
        obj = model.objects.filter(**lookup).first()
        counts = self.report.table(label)
        if obj is None:
            counts["created"] += 1
            return model.objects.create(**lookup, **fields)
        changed = [name for name, value in fields.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, fields[name])
        if changed:
            obj.save(update_fields=changed)
        counts["updated" if changed else "unchanged"] += 1
        return obj

    def _step(self, step: Step, source: Source, agency: Agency | None) -> None:
        target = step.target
        if target.by_agency and agency is None:
            raise ValueError(f"table {step.label!r} needs an agency block in the mapping")
        scope = target.scope(source_id=source.pk, agency_id=agency.pk if agency else None)
        defaults = {}
        if agency and "agency_id" in target.attnames().values() and not target.by_agency:
            defaults["agency_id"] = agency.pk
        if "vocabulary_version" in target.attnames().values():
            defaults["vocabulary_version"] = self.mapping.vocabulary_version
        builder = RowBuilder(step, {AllegationCategory._meta.label: dict(
            AllegationCategory.objects.values_list("code", "pk"))})
        resolver = Resolver(source_id=source.pk, agency_id=agency.pk if agency else None,
                            counts=self.report.table)
        counts, seen = self.report.table(step.label), {}
        path = self.mapping.files[step.file].path
        reject = lambda line, reason: (counts.update(rejected=1),  # noqa: E731
                                       self.report.reject(path, line, step.label, reason))
        clock, last = time.monotonic(), time.monotonic()
        rows = joined_rows(self.mapping.files, step.file, self.folder)
        for raw_batch in _batches(rows, self.batch_size):
            batch = []
            for line, row in raw_batch:
                try:
                    prepared = builder.build(line, row)
                except BadValue as error:
                    reject(line, str(error))
                    continue
                if step.key:
                    prepared.values["source_row"] = prepared.key
                prepared.values = {**defaults, **prepared.values}
                batch.append(prepared)
            batch = self._skip_blank(step, batch, counts)
            batch = resolver.refs(step, batch, reject)
            resolver.at_dates(step, batch)
            batch = self._unique(step, batch, seen, reject)
            upsert(target, batch, scope, counts)
            link_many(target, batch, self.report.table)
            counts["read"] += len(raw_batch)
            self.report.rows_read += len(raw_batch)
            if counts["read"] % ANALYZE_EVERY < self.batch_size:
                _refresh_statistics(target.model)
            if time.monotonic() - last >= self.progress_every:
                last = time.monotonic()
                rate = counts["read"] / max(last - clock, 1e-9)
                self.progress(f"{step.label}: {counts['read']:,} rows read, {rate:,.0f} rows/s")
        _refresh_statistics(target.model)
        elapsed = time.monotonic() - clock
        self.progress(f"{step.label}: {counts['read']:,} rows in {elapsed:.1f}s "
                      f"({counts['read'] / max(elapsed, 1e-9):,.0f} rows/s)")

    @staticmethod
    def _skip_blank(step: Step, batch, counts):
        """Rows whose named fields are blank are not rows of this table (e.g. no badge number)."""
        if not step.skip_blank:
            return batch
        specs = [f for f in step.fields if f.name in step.skip_blank]

        def blank(p, f):
            if f.ref:
                return not (p.refs.get(f.name) or p.many.get(f.name))
            return p.values.get(f.attname) in (None, "")

        kept = [p for p in batch if not any(blank(p, f) for f in specs)]
        counts["skipped"] += len(batch) - len(kept)
        return kept

    @staticmethod
    def _unique(step: Step, batch, seen: dict, reject):
        kept = []
        for p in batch:
            key = row_key(step.target, p)
            if key in seen:
                reject(p.line, f"duplicate key {'/'.join(map(str, key))!r} (first on line {seen[key]})")
                continue
            seen[key] = p.line
            kept.append(p)
        return kept
