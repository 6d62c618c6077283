"""Importing published data sets into the public record through declarative mapping files.

The one entry point is ``dataset_import``; ``manage.py import_dataset`` calls it. The format of
a mapping is described in ``misconduct_records/mappings/README.md``.
"""

from collections.abc import Callable
from pathlib import Path

from ..page_cache import record_version_bump
from .engine import BATCH_SIZE, Importer, ImportReport
from .mapping import MappingError, load_mapping
from .reader import MissingFile
from .step import ImportFailed

__all__ = ["ImportFailed", "ImportReport", "MappingError", "MissingFile", "dataset_import"]


def dataset_import(*, mapping_path: Path, data_dir: Path, dry_run: bool = False,
                   batch_size: int = BATCH_SIZE,
                   progress: Callable[[str], None] | None = None) -> ImportReport:
    """Import (or, dry, rehearse) a data set into the record and record the ImportRun.

    Raises MappingError for a wrong mapping (or columns the files do not have), MissingFile for
    an absent data file and ImportFailed for data that cannot be imported as mapped (e.g. a key
    that does not identify rows); nothing is kept then. Bad rows do not raise, they are in the
    report.
    """
    mapping = load_mapping(mapping_path)
    report = Importer(mapping, data_dir, dry_run=dry_run, batch_size=batch_size, progress=progress).run()
    if not dry_run:
        record_version_bump()
    return report
