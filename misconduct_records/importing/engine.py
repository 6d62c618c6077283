"""Running a mapping: provenance first, then each table in batches, in one transaction.

Bad rows are reported with file, line and reason and the import goes on; a dry run does all
the work and rolls it back. Every run, dry or not, is recorded as an ImportRun when its
source exists.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ..models import Agency, ImportRun, Source
from ..services import officer_counts_refresh, officer_search_names_refresh
from .mapping import Mapping, Step
from .step import StepRun
from .upsert import codes

BATCH_SIZE = 2000
STORED_REJECTIONS = 1000  # an ImportRun keeps the first ones; the report counts them all
COUNTED = ("read", "created", "updated", "unchanged", "skipped", "rejected", "absent", "adopted")


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
                # Profiles and lists sort and filter on stored counts; bring them up to date.
                officer_counts_refresh()
                officer_search_names_refresh()
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
        """The mapping's agency, found by slug, or by ORI code if another data set made it."""
        spec = self.mapping.agency
        if not spec:
            return None
        fields = {k: v for k, v in spec.items() if k != "slug"}
        lookup = {"slug": spec["slug"]}
        if not Agency.objects.filter(**lookup).exists() and spec.get("ori_codes"):
            wanted = codes(spec["ori_codes"])
            for agency in Agency.objects.exclude(ori_codes="").only("slug", "ori_codes").iterator():
                if wanted & codes(agency.ori_codes):
                    lookup = {"slug": agency.slug}
                    fields.pop("ori_codes")  # the other data set's list may be longer
                    break
        return self._upsert_one(Agency, lookup, fields, "agencies")

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
        StepRun(self, step, source, agency).run()
