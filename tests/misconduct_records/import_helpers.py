"""Shared set-up for the importer tests: fixture data sets laid out as the real ones are."""

import gzip
import importlib
import shutil
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

FIXTURES = Path(__file__).parent / "data"


def seed_categories() -> None:
    """The taxonomy rows the mappings map onto (flushed by any transactional test before)."""
    for module in ("misconduct_records.migrations.0002_seed_taxonomy",
                   "misconduct_records.migrations.0005_seed_import_categories"):
        importlib.import_module(module).seed(apps, None)


def lay_out(tmp_path: Path, folder: str, *, compress: bool) -> Path:
    """Copy a fixture data set into tmp_path/<folder>, gzip-compressed like the published files."""
    target = tmp_path / folder
    target.mkdir(parents=True, exist_ok=True)
    for csv_file in (FIXTURES / folder).rglob("*.csv"):
        place = target / csv_file.relative_to(FIXTURES / folder)
        place.parent.mkdir(parents=True, exist_ok=True)
        if compress:
            with csv_file.open("rb") as src, gzip.open(place.with_name(f"{place.name}.gz"), "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            shutil.copy(csv_file, place)
    return target


def run_import(mapping: str, data_dir: Path, **options) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_dataset", mapping, data_dir=str(data_dir), stdout=out, stderr=err, **options)
    return out.getvalue()


def shared_data_dir() -> Path | None:
    """The published data sets, if this checkout sits beside a shared/data folder."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None
