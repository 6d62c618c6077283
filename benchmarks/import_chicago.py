"""Import the full Chicago data set into a fresh database and print time, rows/s and peak memory.

    python benchmarks/import_chicago.py [--data-dir DIR]                 # SQLite (temporary file)
    DATABASE_URL=postgres://…/name python benchmarks/import_chicago.py   # PostgreSQL (dropped and
                                                                         # created by migrate's test
                                                                         # machinery, then dropped)

Runs the import twice: the first run creates every row, the second must change nothing.
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _default_data_dir() -> Path | None:
    for parent in ROOT.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--mapping", default="cpdp-chicago")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    workdir = tempfile.mkdtemp(prefix="import-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    from misconduct_records.importing import dataset_import
    from misconduct_records.management.commands.import_dataset import find_mapping

    data_dir = args.data_dir or _default_data_dir() or settings.PUBLIC_DATA_DIR
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":  # a file, as in production, not the in-memory test database
        settings.DATABASES["default"]["TEST"]["NAME"] = f"{workdir}/bench.sqlite3"
    old = setup_databases(verbosity=0, interactive=False)
    try:
        mapping_path = find_mapping(args.mapping)
        for label in ("first import", "second import (idempotent)"):
            start = time.perf_counter()
            report = dataset_import(mapping_path=mapping_path, data_dir=Path(data_dir),
                                    progress=lambda m: print(m, file=sys.stderr, flush=True))
            seconds = time.perf_counter() - start
            peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            changed = sum(c["created"] + c["updated"] for c in report.counts.values())
            print(f"{engine} {label}: {seconds:.1f} s, {report.rows_read:,} rows, "
                  f"{report.rows_read / seconds:,.0f} rows/s, rows created or updated: {changed:,}, "
                  f"rejected: {report.rejected_total:,}, peak memory (max RSS) {peak_mib:,.0f} MiB")
        counts = report.counts
        print(f"officers {counts['officers']['unchanged']:,}, cases {counts['cases']['unchanged']:,}, "
              f"allegations {counts['allegations']['unchanged']:,}")
    finally:
        teardown_databases(old, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
