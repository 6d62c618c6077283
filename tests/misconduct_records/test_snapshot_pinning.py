"""A report pins the snapshot its figures were computed from. When the record has not changed
since the night's snapshot, the report's snapshot is that snapshot's files, linked (seconds, no
disk); any change at all — a row added, changed or deleted, in the table itself or in one its
rows name — makes the report write a snapshot of its own, which shows the change."""

import datetime
import os

import pytest
from django.db import connection

from misconduct_records.exports import consistent_read, snapshot_build, snapshot_pin
from misconduct_records.models import AllegationCategory, Officer, PublicAllegation, PublicCase
from misconduct_records.services import source_this_board
from tests.misconduct_records.conftest import add_history

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="telling an unchanged record needs PostgreSQL's row versions")]
NIGHT = datetime.date(2026, 11, 30)


@pytest.fixture
def night(officer, settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    add_history(officer, 4)
    snapshot_build(covers=NIGHT)
    return tmp_path / NIGHT.isoformat()


def _pin(name: str) -> dict:
    with consistent_read():  # as the report does, with its figures
        return snapshot_pin(name=name)


def test_an_unchanged_record_pins_the_nights_files(night):
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    pinned = night.parent / manifest["name"]
    assert manifest["same_as"] == NIGHT.isoformat() and manifest["pinned"] is True
    for entry in manifest["files"]:
        assert os.path.samefile(pinned / entry["name"], night / entry["name"])
    assert (pinned / "SHA256SUMS").read_text() == (night / "SHA256SUMS").read_text()


def test_a_second_report_pins_the_same_files_again(night):
    first = _pin("2026-11-30T043000-own-cases-2026-q3")
    second = _pin("2026-11-30T044500-own-cases-2026-10")
    assert second["files"] == first["files"]
    assert os.path.samefile(night.parent / second["name"] / "allegations.csv", night / "allegations.csv")


def _changed(pinned) -> bool:
    return "same_as" not in pinned


def test_a_new_case_makes_the_report_write_its_own_snapshot(night, agency):
    PublicCase.objects.create(agency=agency, source=source_this_board(), source_row="published-after-the-night")
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    assert _changed(manifest)
    assert "published-after-the-night" in (night.parent / manifest["name"] / "cases.csv").read_text()


def test_a_changed_related_row_makes_the_report_write_its_own_snapshot(night):
    AllegationCategory.objects.filter(code="discourtesy").update(name="Rudeness")
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    assert _changed(manifest)
    assert "Rudeness" in (night.parent / manifest["name"] / "allegations.csv").read_text()


def test_a_deleted_row_makes_the_report_write_its_own_snapshot(night):
    PublicAllegation.objects.filter(pk=PublicAllegation.objects.order_by("pk").first().pk).delete()
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    assert _changed(manifest)
    assert (night.parent / manifest["name"] / "allegations.csv").read_text().count("\n") == 4


def test_a_changed_officer_makes_the_report_write_its_own_snapshot(night, officer):
    Officer.objects.filter(pk=officer.pk).update(rank="Sergeant")
    assert _changed(_pin("2026-11-30T043000-own-cases-2026-q3"))


def test_a_snapshot_without_a_noted_state_is_not_pinned(night):
    (night / "record-state.json").unlink()
    assert _changed(_pin("2026-11-30T043000-own-cases-2026-q3"))


def test_another_time_zone_makes_the_report_write_its_own_snapshot(night, settings):
    settings.TIME_ZONE = "Europe/Madrid"
    assert _changed(_pin("2026-11-30T043000-own-cases-2026-q3"))


def test_pruning_the_night_keeps_the_pinned_files(night, settings):
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    settings.PUBLIC_DATA_KEEP_SNAPSHOTS = 1
    snapshot_build(covers=NIGHT + datetime.timedelta(days=1))
    assert not night.exists()
    pinned = night.parent / manifest["name"]
    assert (pinned / "allegations.csv").read_text().count("\n") == 5
