"""Running a mapping: provenance first, then each table in batches, in one transaction.

Bad rows are reported with file, line and reason and the import goes on; a dry run does all
the work and rolls it back. Every run, dry or not, is recorded as an ImportRun when its
source exists.
"""

import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from portal.csv_cells import CsvLines

from ..models import Agency, ImportRun, Source
from ..services import (
    allegation_case_dates_refresh,
    officer_counts_refresh,
    officer_search_names_refresh,
    record_version_bump,
)
from .mapping import Mapping, MappingError, Step
from .reader import check_columns
from .step import StepRun
from .upsert import codes, codes_united

BATCH_SIZE = 2000
STORED_REJECTIONS = 1000  # an ImportRun keeps the first ones; the report counts them all
EXAMPLES_PER_REASON = 3
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d+\b")


def reason_kind(reason: str) -> str:
    """A rejection's reason without its particular values: rows rejected for the same cause group."""
    return _QUOTED.sub("…", reason)
COUNTED = ("read", "created", "updated", "unchanged", "skipped", "rejected", "absent", "adopted", "corrected",
           "repeated")


class _DryRunRollback(Exception):
    pass


class ImportReport:
    def __init__(self, mapping: Mapping, dry_run: bool):
        self.mapping = mapping
        self.dry_run = dry_run
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.rejected: list[dict] = []
        self.rejected_all: list[tuple] = []  # every rejected row, for the CSV
        self.rejected_total = 0
        self.conflicts: list[dict] = []
        self.groups: dict[tuple[str, str], dict] = {}  # (table, kind of reason) -> count, examples
        self.seconds = 0.0
        self.rows_read = 0

    def table(self, label: str) -> Counter:
        return self.counts[label]

    def reject(self, file: str, line: int, table: str, reason: str) -> None:
        self.rejected_total += 1
        item = {"file": file, "line": line, "table": table, "reason": reason}
        self.rejected_all.append((file, line, table, reason))
        if len(self.rejected) < STORED_REJECTIONS:
            self.rejected.append(item)
        group = self.groups.setdefault((table, reason_kind(reason)), {"count": 0, "examples": []})
        group["count"] += 1
        if len(group["examples"]) < EXAMPLES_PER_REASON:
            group["examples"].append(item)

    def conflict(self, file: str, line: int, table: str, message: str) -> None:
        """A corrected value the source contradicts: the correction is kept, the conflict told."""
        self.conflicts.append({"file": file, "line": line, "table": table, "reason": message})

    def rejection_groups(self) -> list[dict]:
        """Rejected rows by table and reason, largest first, each with its first examples."""
        groups = [{"table": table, "reason": kind, **group} for (table, kind), group in self.groups.items()]
        return sorted(groups, key=lambda g: (-g["count"], g["table"], g["reason"]))

    def write_rejected_csv(self, path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = CsvLines(handle)  # cells from the source cannot run as formulas
            writer.writerow(["file", "line", "table", "reason"])
            for row in self.rejected_all:
                writer.writerow(row)

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
        self.agencies: dict[str, Agency | None] = {}
        self.seen: dict[str, set] = defaultdict(set)  # target -> keys of the rows read
        self._last_steps = {step.target_name: step for step in mapping.steps}

    def run(self) -> ImportReport:
        """Raises MappingError when the files do not have the columns the mapping names, and
        ImportFailed when the data cannot be imported as mapped; either way nothing is kept."""
        started_at, clock = timezone.now(), time.monotonic()
        self._check_columns()
        try:
            with transaction.atomic():
                source = self._source()
                agency = self._agency(source, self.mapping.agency)
                self.agencies = {name: self._agency(source, spec) for name, spec in self.mapping.agencies.items()}
                for step in self.mapping.steps:
                    self._step(step, source, agency)
                # Profiles and lists sort and filter on stored counts and on the allegations'
                # copies of their cases' dates; bring them up to date.
                allegation_case_dates_refresh(source_id=source.pk)
                officer_counts_refresh()
                officer_search_names_refresh()
                record_version_bump()
                self.report.seconds = time.monotonic() - clock
                if self.dry_run:
                    raise _DryRunRollback
                self._record(source, started_at)
        except _DryRunRollback:
            stored = Source.objects.filter(slug=self.mapping.slug).first()
            if stored is not None:
                self._record(stored, started_at)
        return self.report

    def _check_columns(self) -> None:
        problems = []
        for step in self.mapping.steps:
            problems += check_columns(self.mapping.files, step.file, self.folder, step.columns(), step.label)
        if problems:
            raise MappingError("; ".join(problems))

    def _record(self, source: Source, started_at) -> None:
        ImportRun.objects.create(
            source=source, mapping=self.mapping.path.name, started_at=started_at,
            finished_at=timezone.now(), dry_run=self.dry_run, counts=self.report.as_counts(),
            rejected_rows=self.report.rejected,
        )

    def _source(self) -> Source:
        fields = {k: v for k, v in self.mapping.source.items() if k != "slug"}
        return self._upsert_one(Source, {"slug": self.mapping.slug}, fields, "sources")

    def _agency(self, source: Source, spec: dict | None) -> Agency | None:
        """A declared agency, found by slug, or by ORI code (either spelling) if another data set
        made it; it keeps every code it was seen with."""
        if not spec:
            return None
        fields = {k: v for k, v in spec.items() if k != "slug"}
        found = Agency.objects.filter(slug=spec["slug"]).first()
        if found is None and spec.get("ori_codes"):
            wanted = codes(spec["ori_codes"])
            found = next((agency for agency in Agency.objects.exclude(ori_codes="").only("slug", "ori_codes")
                          .iterator() if wanted & codes(agency.ori_codes)), None)
        if found is not None:
            fields["ori_codes"] = codes_united(found.ori_codes, spec.get("ori_codes", ""))
            if found.slug != spec["slug"]:  # another data set's agency keeps its own name and URL
                fields = {"ori_codes": fields["ori_codes"]}
        return self._upsert_one(Agency, {"slug": found.slug if found else spec["slug"]}, fields, "agencies")

    def _upsert_one(self, model, lookup: dict, fields: dict, label: str):
        obj = model._default_manager.filter(**lookup).first()
        counts = self.report.table(label)
        if obj is None:
            counts["created"] += 1
            return model._default_manager.create(**lookup, **fields)
        changed = [name for name, value in fields.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, fields[name])
        if changed:
            obj.save(update_fields=changed)
        counts["updated" if changed else "unchanged"] += 1
        return obj

    def _step(self, step: Step, source: Source, agency: Agency | None) -> None:
        run = StepRun(self, step, source, agency)
        run.run()
        if step.target.key == ("source_row",):
            self.seen[step.target_name] |= run.seen.keys()
            if step is self._last_steps[step.target_name]:
                self._count_absent(step, run.scope)

    def _count_absent(self, step: Step, scope: dict) -> None:
        """Rows earlier imports made that the files no longer have, counted on the last table of
        their kind: reported, never deleted (a correction of the record is a decision, not a side
        effect of an import)."""
        total = step.target.model._default_manager.filter(**scope).count()
        self.report.table(step.label)["absent"] += max(total - len(self.seen[step.target_name]), 0)
