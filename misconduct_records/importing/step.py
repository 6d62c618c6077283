"""One table of a mapping, imported batch by batch: build, skip, resolve, de-duplicate, write."""

import time
from itertools import islice

from portal.model_fields import concrete_field

from ..models import Agency, AllegationCategory, Source
from .mapping import Step
from .reader import joined_rows
from .resolve import Resolver
from .rows import Prepared, RowBuilder
from .upsert import adopt_declared_rows, link_many, refresh_statistics, row_key, upsert
from .values import BadValue

ANALYZE_EVERY = 50_000  # rows between refreshes of PostgreSQL's planner statistics
DUPLICATE_EXAMPLES = 5


class ImportFailed(Exception):
    """The data cannot be imported as the mapping says (e.g. a key that does not identify rows);
    nothing is kept."""


def batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class StepRun:
    def __init__(self, importer, step: Step, source: Source, agency: Agency | None):
        target = step.target
        agency = importer.agencies.get(step.agency, agency) if step.agency else agency
        if target.by_agency and agency is None:
            raise ValueError(f"table {step.label!r} needs an agency block in the mapping")
        agency_id = agency.pk if agency else None
        self.importer, self.step, self.report = importer, step, importer.report
        self.scope = target.scope(source_id=source.pk, agency_id=agency_id)
        attnames = set(target.attnames().values())
        self.defaults = {}
        if agency_id and "agency_id" in attnames and not target.by_agency:
            self.defaults["agency_id"] = agency_id
        if "vocabulary_version" in attnames:
            self.defaults["vocabulary_version"] = importer.mapping.vocabulary_version
        self.builder = RowBuilder(step, {AllegationCategory._meta.label: dict(
            AllegationCategory.objects.values_list("code", "pk"))})
        self.resolver = Resolver(source_id=source.pk, agency_id=agency_id, counts=self.report.table)
        self.counts = self.report.table(step.label)
        self.seen: dict[tuple, int] = {}
        self.first_values: dict[tuple, dict] = {}  # repeated_keys: same_row
        self.duplicates: list[tuple[int, int, str]] = []  # (line, first line, key)
        self.path = importer.mapping.files[step.file].path
        self.create_only = frozenset(concrete_field(target.model, name).attname for name in step.create_only)

    def reject(self, line: int, reason: str) -> None:
        self.counts["rejected"] += 1
        self.report.reject(self.path, line, self.step.label, reason)

    def conflict(self, p: Prepared, attname: str, source_value, kept_value) -> None:
        self.counts["corrected"] += 1
        self.report.conflict(self.path, p.line, self.step.label,
                             f"{attname}: the source says {source_value!r}, the correction "
                             f"{kept_value!r} is kept (row {p.values.get('source_row', '')!r})")

    def run(self) -> None:
        clock = last = time.monotonic()
        rows = joined_rows(self.importer.mapping.files, self.step.file, self.importer.folder)
        if self.step.explode is not None:
            rows = self._exploded(rows)
        for raw_batch in batches(rows, self.importer.batch_size):
            self._write(self._prepare(raw_batch))
            self.counts["read"] += len(raw_batch)
            self.report.rows_read += len(raw_batch)
            if self.counts["read"] % ANALYZE_EVERY < self.importer.batch_size:
                refresh_statistics(self.step.target.model)
            if time.monotonic() - last >= self.importer.progress_every:
                last = time.monotonic()
                self._progress("rows read", last - clock)
        refresh_statistics(self.step.target.model)
        self._refuse_duplicates()
        self._progress("rows in total", time.monotonic() - clock, final=True)

    def _repeat(self, p: Prepared, key: tuple) -> None:
        first = self.first_values[key]
        differ = sorted(name for name, value in p.values.items() if first.get(name) != value)
        if differ:
            self.reject(p.line, f"repeats the key {'/'.join(map(str, key))!r} of line {self.seen[key]} "
                                f"with other values ({', '.join(differ)})")
        else:
            self.counts["repeated"] += 1

    def _exploded(self, rows):
        """One row per match of the table's pattern (e.g. each officer a matter name names);
        a row without any match is not a row of this table."""
        explode = self.step.explode
        assert explode is not None
        for line, row in rows:
            if "__error__" in row:
                yield line, row
                continue
            matches = list(explode.pattern.finditer(explode.filters(row.get(explode.column) or "")))
            if not matches:
                self.counts["skipped"] += 1
            for number, match in enumerate(matches, start=1):
                groups = {name: (value or "").strip() for name, value in match.groupdict().items()}
                yield line, {**row, **groups, "@match": str(number)}

    def _refuse_duplicates(self) -> None:
        if not self.duplicates:
            return
        examples = "; ".join(f"line {line} repeats the key {key!r} of line {first}"
                             for line, first, key in self.duplicates[:DUPLICATE_EXAMPLES])
        raise ImportFailed(
            f"table {self.step.label!r}: the key {self.step.key.text if self.step.key else ''!r} does "
            f"not identify rows: {len(self.duplicates):,} rows repeat the key of an earlier row "
            f"({examples}). Add {{@n}} to the key to number rows with the same key, or columns "
            f"that tell them apart, or, if such rows describe one row, set repeated_keys: same_row; "
            f"nothing was imported.")

    def _progress(self, what: str, elapsed: float, final: bool = False) -> None:
        read = self.counts["read"]
        took = f" in {elapsed:.1f}s" if final else ""
        self.importer.progress(f"{self.step.label}: {read:,} {what}{took}, {read / max(elapsed, 1e-9):,.0f} rows/s")

    def _prepare(self, raw_batch) -> list[Prepared]:
        batch = []
        for line, row in raw_batch:
            try:
                prepared = self.builder.build(line, row)
            except BadValue as error:
                self.reject(line, str(error))
                continue
            if self.step.key:
                prepared.values["source_row"] = prepared.key
            prepared.values = {**self.defaults, **prepared.values}
            batch.append(prepared)
        return batch

    def _write(self, batch: list[Prepared]) -> None:
        batch = self._skip_blank(batch)
        batch = self.resolver.refs(self.step, batch, self.reject)
        self.resolver.at_dates(self.step, batch)
        self.resolver.match_officers(self.step, batch)
        batch = self._unique(batch)
        if self.step.adopt:
            adopt_declared_rows(self.step, batch, self.scope, self.counts)
        upsert(self.step.target, batch, self.scope, self.counts, self.create_only, self.conflict)
        link_many(self.step.target, batch, self.report.table)

    def _skip_blank(self, batch: list[Prepared]) -> list[Prepared]:
        """Rows whose named fields are blank are not rows of this table (e.g. no badge number)."""
        specs = [f for f in self.step.fields if f.name in self.step.skip_blank]
        if not specs:
            return batch

        def blank(p, f):
            if f.ref:
                return not (p.refs.get(f.name) or p.many.get(f.name))
            return p.values.get(f.attname) in (None, "")

        kept = [p for p in batch if not any(blank(p, f) for f in specs)]
        self.counts["skipped"] += len(batch) - len(kept)
        return kept

    def _unique(self, batch: list[Prepared]) -> list[Prepared]:
        kept = []
        for p in batch:
            key = row_key(self.step.target, p)
            if key in self.seen:
                if self.step.repeats_same_row:
                    self._repeat(p, key)
                elif self.step.key is not None:  # the mapping's key: it must identify rows
                    self.duplicates.append((p.line, self.seen[key], "/".join(map(str, key))))
                else:
                    self.reject(p.line, f"duplicate {'/'.join(map(str, key))!r} (first on line {self.seen[key]})")
                continue
            self.seen[key] = p.line
            if self.step.repeats_same_row:
                self.first_values[key] = dict(p.values)
            kept.append(p)
        return kept
