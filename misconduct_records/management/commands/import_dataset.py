"""manage.py import_dataset <mapping>: import a published data set through its mapping file."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from misconduct_records.importing import ImportFailed, MappingError, MissingFile, dataset_import
from misconduct_records.importing.engine import BATCH_SIZE
from misconduct_records.importing.reference import describe, json_schema

MAPPINGS_DIR = Path(__file__).resolve().parents[2] / "mappings"


def find_mapping(name: str) -> Path:
    """A path, or the name of a shipped mapping (with or without .yaml)."""
    for candidate in (Path(name), MAPPINGS_DIR / name, MAPPINGS_DIR / f"{name}.yaml"):
        if candidate.is_file():
            return candidate
    shipped = ", ".join(sorted(p.stem for p in MAPPINGS_DIR.glob("*.yaml")))
    raise CommandError(f"no mapping {name!r} (shipped mappings: {shipped})")


class Command(BaseCommand):
    help = "Import a public data set into the public record through a declarative mapping file."

    def add_arguments(self, parser):
        parser.add_argument("mapping", nargs="?", help="a mapping file, or the name of a shipped mapping")
        parser.add_argument("--describe", action="store_true",
                            help="print the reference of the mapping format (every table, field, type, code)")
        parser.add_argument("--schema", action="store_true", help="print the JSON Schema of mapping files")
        parser.add_argument("--rejected-csv", help="write every rejected row (file, line, table, reason) to this CSV")
        parser.add_argument("--data-dir", help="folder holding the data set (default: PUBLIC_DATA_DIR)")
        parser.add_argument("--dry-run", action="store_true",
                            help="do everything, report, then roll it all back")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--show-rejected", type=int, default=3,
                            help="how many examples to print of each kind of rejection (all are counted)")

    def handle(self, *args, **options):
        if options["describe"]:
            self.stdout.write(describe())
            return
        if options["schema"]:
            self.stdout.write(json.dumps(json_schema(), indent=2))
            return
        if not options["mapping"]:
            raise CommandError("name a mapping (or give --describe or --schema)")
        data_dir = Path(options["data_dir"] or settings.PUBLIC_DATA_DIR)
        try:
            report = dataset_import(
                mapping_path=find_mapping(options["mapping"]), data_dir=data_dir,
                dry_run=options["dry_run"], batch_size=options["batch_size"],
                progress=lambda message: self.stderr.write(message))
        except MappingError as error:
            raise CommandError(str(error)) from error
        except MissingFile as error:
            raise CommandError(f"{error} (give --data-dir or set PUBLIC_DATA_DIR)") from error
        except ImportFailed as error:
            raise CommandError(str(error)) from error
        self._print(report, options["show_rejected"])
        if options["rejected_csv"]:
            report.write_rejected_csv(options["rejected_csv"])
            self.stdout.write(f"Every rejected row: {options['rejected_csv']}")

    def _print(self, report, show_rejected: int) -> None:
        title = "Dry run (rolled back)" if report.dry_run else "Imported"
        self.stdout.write(f"{title}: {report.mapping.source.get('name', report.mapping.slug)} "
                          f"in {report.seconds:.1f}s, {report.rows_read:,} rows read "
                          f"({report.rows_read / max(report.seconds, 1e-9):,.0f} rows/s)")
        self.stdout.write(f"{'table':<36}{'created':>10}{'updated':>10}{'unchanged':>11}"
                          f"{'skipped':>9}{'rejected':>10}{'absent':>8}")
        for label, counts in report.counts.items():
            self.stdout.write(f"{label:<36}{counts['created']:>10,}{counts['updated']:>10,}"
                              f"{counts['unchanged']:>11,}{counts['skipped']:>9,}{counts['rejected']:>10,}"
                              f"{counts['absent']:>8,}")
        for item in report.conflicts:
            self.stdout.write(f"Correction kept: {item['file']}, line {item['line']} ({item['table']}): "
                              f"{item['reason']}")
        if report.rejected_total:
            self.stdout.write(f"{report.rejected_total:,} rows rejected, by table and reason:")
            for group in report.rejection_groups():
                self.stdout.write(f"  {group['count']:>8,}  {group['table']}: {group['reason']}")
                for item in group["examples"][:show_rejected]:
                    self.stdout.write(f"            {item['file']}, line {item['line']}: {item['reason']}")
