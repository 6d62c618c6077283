"""A report whose record changed since the night pins only the tables its figures are counted
from, as CSV: the tables that did not change are the night's files, linked; the others are
written, on PostgreSQL on connections of their own that read the report's own moment of the
database, while the report counts. Either way the files are the bytes a full snapshot of that
moment would have."""

import datetime
import os
import threading

import pytest
from django.db import connection, connections

from misconduct_records import snapshot_pinning as pinning_module
from misconduct_records.exports import consistent_read, snapshot_build
from misconduct_records.models import AllegationCategory, PublicAllegation, PublicCase
from misconduct_records.services import source_this_board
from misconduct_records.snapshot_pinning import snapshot_pinning
from tests.misconduct_records.conftest import add_history

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="telling an unchanged table needs PostgreSQL's row versions")]
NIGHT = datetime.date(2026, 11, 30)
TABLES = ["sources", "cases", "allegations", "officers"]


@pytest.fixture
def night(officer, settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    add_history(officer, 4)
    snapshot_build(covers=NIGHT)
    return tmp_path / NIGHT.isoformat()


def _pin(name: str, tables=TABLES) -> dict:
    with consistent_read(), snapshot_pinning(name=name, tables=tables) as pinned:
        pass
    return pinned.manifest


def test_an_unchanged_record_pins_every_file_of_the_night(night):
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    assert manifest["same_as"] == NIGHT.isoformat()
    assert len(manifest["files"]) == len([f for f in (night / "SHA256SUMS").read_text().splitlines()])


def test_a_changed_allegation_writes_only_the_tables_asked_for_as_csv(night):
    PublicAllegation.objects.filter(pk=PublicAllegation.objects.order_by("pk").first().pk).update(
        discipline_reason="Corrected after the night")
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    pinned = night.parent / manifest["name"]
    assert manifest["tables"] == TABLES and "same_as" not in manifest
    assert sorted(f["name"] for f in manifest["files"]) == sorted(f"{t}.csv" for t in TABLES)
    assert "Corrected after the night" in (pinned / "allegations.csv").read_text()
    assert manifest["reused"] == {"cases": NIGHT.isoformat(), "officers": NIGHT.isoformat(),
                                  "sources": NIGHT.isoformat()}
    for table in manifest["reused"]:
        assert os.path.samefile(pinned / f"{table}.csv", night / f"{table}.csv")
    sums = (pinned / "SHA256SUMS").read_text()
    assert all(f"{f['sha256']}  {f['name']}" in sums for f in manifest["files"])


def test_the_written_files_are_the_bytes_of_a_full_snapshot_of_the_same_moment(night, agency):
    PublicCase.objects.create(agency=agency, source=source_this_board(), received_on=NIGHT,
                              source_row="published-after-the-night")
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    full = snapshot_build(covers=NIGHT + datetime.timedelta(days=1))
    sums = {f["name"]: f["sha256"] for f in full["files"]}
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == {f"{t}.csv": sums[f"{t}.csv"] for t in TABLES}
    assert "published-after-the-night" in (night.parent / manifest["name"] / "cases.csv").read_text()


def test_a_changed_related_row_rewrites_the_tables_that_show_it(night):
    AllegationCategory.objects.filter(code="discourtesy").update(name="Rudeness")
    manifest = _pin("2026-11-30T043000-own-cases-2026-q3")
    assert "allegations" not in manifest["reused"] and "cases" in manifest["reused"]
    assert "Rudeness" in (night.parent / manifest["name"] / "allegations.csv").read_text()


def test_a_second_report_pins_the_files_the_first_one_wrote(night):
    PublicAllegation.objects.filter(pk=PublicAllegation.objects.order_by("pk").first().pk).delete()
    first = _pin("2026-11-30T043000-own-cases-2026-q3")
    second = _pin("2026-11-30T044500-own-cases-2026-10")
    assert second["reused"]["allegations"] == first["name"]
    assert set(second["reused"]) == set(TABLES)
    assert os.path.samefile(night.parent / second["name"] / "allegations.csv",
                            night.parent / first["name"] / "allegations.csv")


def test_a_case_published_while_the_tables_are_written_is_in_neither_the_files_nor_the_counts(
        night, agency, monkeypatch):
    """The copying connections read the report's moment, not their own: a case committed after
    the report's first read is in no file, and the report's own count does not see it either."""
    PublicCase.objects.filter(pk=PublicCase.objects.order_by("pk").first().pk).update(public_summary="Corrected")
    published, write, copied = threading.Event(), pinning_module._write_in_snapshot, []

    def write_after_the_case(snapshot, partial, table):
        published.wait(timeout=30)
        copied.append(table)
        return write(snapshot, partial, table)

    def publish_elsewhere():
        PublicCase.objects.create(agency=agency, source=source_this_board(), source_row="written-meanwhile")
        connections.close_all()

    monkeypatch.setattr(pinning_module, "_write_in_snapshot", write_after_the_case)
    with consistent_read(), snapshot_pinning(name="2026-11-30T043000-own-cases-2026-q3",
                                             tables=["cases", "allegations"]) as pinned:
        other = threading.Thread(target=publish_elsewhere)
        other.start()
        other.join()
        published.set()
        counted = PublicCase.objects.count()
    cases = (night.parent / pinned.manifest["name"] / "cases.csv").read_text()
    assert PublicCase.objects.filter(source_row="written-meanwhile").exists()
    assert "written-meanwhile" not in cases
    assert cases.count("\n") == counted + 1  # the header
    assert sorted(copied) == ["allegations", "cases"]


def test_a_report_snapshot_is_never_taken_for_a_complete_one(night):
    """A later report whose record is unchanged since a report's snapshot of some tables does
    not pin that snapshot as if it held every table."""
    PublicAllegation.objects.filter(pk=PublicAllegation.objects.order_by("pk").first().pk).delete()
    _pin("2026-11-30T043000-own-cases-2026-q3")
    later = _pin("2026-11-30T044500-own-cases-2026-10", tables=["sources", "cases", "allegations", "categories"])
    assert "same_as" not in later
    assert later["reused"]["categories"] == NIGHT.isoformat()
