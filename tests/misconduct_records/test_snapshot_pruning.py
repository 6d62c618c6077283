"""The nightly snapshot prunes only the snapshots it wrote: an operator who pointed it at the
folder of imported data sets (as the old .env.example did) loses nothing."""

import datetime

import pytest

from misconduct_records.exports import snapshot_build
from portal.checks import board_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_folder(settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    settings.PUBLIC_DATA_KEEP_SNAPSHOTS = 1
    dataset = tmp_path / "cpdp-chicago"
    dataset.mkdir()
    (dataset / "complaints.csv").write_text("id,officer\n1,2\n")
    dated_foreign = tmp_path / "2020-01-01"  # looks like a snapshot, has no manifest
    dated_foreign.mkdir()
    (dated_foreign / "notes.txt").write_text("mine")
    return tmp_path


def test_a_foreign_folder_survives_pruning(shared_folder):
    for day in (1, 2, 3):
        snapshot_build(covers=datetime.date(2026, 11, day))
    assert sorted(p.name for p in shared_folder.iterdir()) == ["2020-01-01", "2026-11-03", "cpdp-chicago"]
    assert (shared_folder / "cpdp-chicago" / "complaints.csv").read_text() == "id,officer\n1,2\n"
    assert (shared_folder / "2020-01-01" / "notes.txt").read_text() == "mine"


def test_a_file_someone_put_in_a_snapshot_is_kept_with_its_folder(shared_folder):
    snapshot_build(covers=datetime.date(2026, 11, 1))
    (shared_folder / "2026-11-01" / "readme.txt").write_text("keep me")
    snapshot_build(covers=datetime.date(2026, 11, 2))
    assert [p.name for p in (shared_folder / "2026-11-01").iterdir()] == ["readme.txt"]


def test_a_foreign_folder_with_a_snapshots_name_is_not_overwritten(shared_folder):
    with pytest.raises(FileExistsError):
        snapshot_build(covers=datetime.date(2020, 1, 1))
    assert (shared_folder / "2020-01-01" / "notes.txt").read_text() == "mine"


def test_the_same_folder_for_snapshots_and_imports_is_a_system_check_error(settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    settings.PUBLIC_DATA_DIR = tmp_path
    assert [e.id for e in board_settings()] == ["portal.E011"]


def test_the_example_settings_keep_the_two_folders_apart():
    from django.conf import settings

    example = dict(line.split("=", 1) for line in (settings.BASE_DIR / ".env.example").read_text().splitlines()
                   if "=" in line and not line.startswith("#"))
    assert example["PUBLIC_DATA_ROOT"] != example["PUBLIC_DATA_DIR"]
