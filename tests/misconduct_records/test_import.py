"""Importing the Chicago data set's shape through its shipped mapping, on a few hand-made rows.

The fixture files mimic the published ones: officer ids written as floats in the accused file,
a complaint joined to its accused rows by CR number, an assignment history, and some bad rows.
"""

import datetime
import gzip

import pytest

from misconduct_records.models import (
    Agency,
    Command,
    ImportRun,
    Officer,
    OfficerIdentifier,
    PublicAllegation,
    PublicCase,
    Source,
)
from misconduct_records.vocabulary import CaseStatus, Discipline, Finding
from tests.misconduct_records.import_helpers import lay_out, run_import, seed_categories

pytestmark = pytest.mark.django_db


@pytest.fixture
def chicago(tmp_path):
    seed_categories()
    lay_out(tmp_path, "cpdp-chicago-complaints", compress=True)
    return tmp_path


def _allegation(cr_id: str, uid: int) -> PublicAllegation:
    return PublicAllegation.objects.select_related("category", "command_at_incident", "officer").get(
        source_row=f"{cr_id}/{uid}")


def test_import_joins_files_and_reads_float_officer_ids(chicago):
    run_import("cpdp-chicago", chicago)

    assert Officer.objects.count() == 3
    assert PublicCase.objects.count() == 4
    assert PublicAllegation.objects.count() == 6
    allegation = _allegation("C170981", 100001)
    assert allegation.officer.last_name == "ROE"  # "100001.0" in the accused file
    assert allegation.case.source_row == "C170981"
    assert allegation.case.incident_on == datetime.date(1995, 5, 5)


def test_import_maps_source_vocabularies_and_keeps_raw_values(chicago):
    run_import("cpdp-chicago", chicago)

    sustained = _allegation("C170981", 100001)
    assert (sustained.finding, sustained.finding_raw) == (Finding.SUSTAINED, "SU")
    assert (sustained.discipline_imposed, sustained.suspension_days) == (Discipline.SUSPENSION, 10)
    assert sustained.discipline_raw == "10 DAY SUSPENSION"
    assert (sustained.recommended_finding, sustained.discipline_recommended) == (Finding.SUSTAINED,
                                                                                 Discipline.SUSPENSION)
    assert sustained.discipline_recommended_raw == "15 Day Suspension"
    assert sustained.category.code == "physical-force"
    assert sustained.category_raw == "05A EXCESSIVE FORCE: ARRESTEE - DURING ARREST"
    assert sustained.vocabulary_version == "cpdp-2018-03/v1"

    no_affidavit = _allegation("1000194", 100001)
    assert (no_affidavit.finding, no_affidavit.finding_raw) == (Finding.WITHDRAWN, "NAF")
    assert no_affidavit.discipline_imposed == Discipline.NONE
    assert no_affidavit.category.code == "neglect-of-duty"

    undocumented = _allegation("1000214", 100001)
    assert (undocumented.finding, undocumented.finding_raw) == ("", "DIS")
    assert undocumented.category.code == "unclassified"  # code 99X maps nowhere
    assert undocumented.discipline_imposed == Discipline.WRITTEN_REPRIMAND

    unknown_outcome = _allegation("1000214", 100002)
    assert (unknown_outcome.finding, unknown_outcome.discipline_imposed) == ("", "")
    assert unknown_outcome.discipline_raw == "Unknown"


def test_import_records_command_at_the_time_of_the_incident(chicago):
    run_import("cpdp-chicago", chicago)

    assert _allegation("C170981", 100001).command_at_incident.code == "8"  # 1995: unit 8
    assert _allegation("1000194", 100001).command_at_incident.code == "123"  # 2006: unit 123
    assert _allegation("1000400", 100003).command_at_incident is None  # no unit history
    roe = Officer.objects.get(source_row="100001")
    assert roe.command.code == "123" and roe.badge_number == "4321" and roe.is_active is True
    assert roe.birth_year == 1960 and roe.appointed_on == datetime.date(1985, 6, 3)
    assert set(Command.objects.values_list("code", flat=True)) == {"8", "123", "44"}
    assert roe.assignments.count() == 2


def test_import_stores_identifiers_and_provenance(chicago):
    run_import("cpdp-chicago", chicago)

    roe = Officer.objects.get(source_row="100001")
    assert set(roe.identifiers.values_list("kind", "value")) == {
        (OfficerIdentifier.Kind.SOURCE_ID, "100001"),
        (OfficerIdentifier.Kind.SOURCE_ID, "cpdp.co/officer/2863"),
        (OfficerIdentifier.Kind.BADGE, "4321"),
    }
    assert not OfficerIdentifier.objects.filter(value="cpdp.co/officer/").exists()
    source = Source.objects.get(slug="cpdp-chicago")
    assert source.publisher == "Invisible Institute"
    assert source.data_current_through == datetime.date(2018, 3, 15)
    assert "Invisible Institute" in source.citation and source.exclusions
    agency = Agency.objects.get(slug="chicago-police-department")
    assert roe.agency == agency and roe.source == source
    assert PublicCase.objects.get(source_row="1000194").status == CaseStatus.UNDER_INVESTIGATION
    assert PublicCase.objects.get(source_row="C170981").status == CaseStatus.CLOSED


def test_bad_rows_are_reported_with_file_line_and_reason_and_the_import_goes_on(chicago):
    output = run_import("cpdp-chicago", chicago)

    run = ImportRun.objects.get()
    rejected = {(r["file"], r["line"], r["table"], r["reason"]) for r in run.rejected_rows}
    assert rejected == {
        ("final-profiles.csv.gz", 5, "officers", "'1999-99-99' is not a date in the format %Y-%m-%d"),
        ("final-profiles.csv.gz", 5, "officer ids (unified data UID)", "no officer with key '100004'"),
        ("final-profiles.csv.gz", 5, "officer ids (cpdp.co)", "no officer with key '100004'"),
        ("complaints-complaints.csv.gz", 5, "cases", "'2007-02-30' is not a date in the format %Y-%m-%d"),
        ("complaints-accused.csv.gz", 7, "allegations", "'PROMOTED TO CHIEF' is not in the discipline vocabulary"),
        ("complaints-accused.csv.gz", 8, "allegations", "'1000x1.0' is not a number"),
        ("complaints-accused.csv.gz", 9, "allegations", "no officer with key '100009'"),
        ("complaints-accused.csv.gz", 10, "allegations", "no row in complaints with key '9999999'"),
    }
    assert run.counts["allegations"] == {"read": 10, "created": 6, "updated": 0, "unchanged": 0,
                                         "skipped": 0, "rejected": 4, "absent": 0, "adopted": 0,
                                         "corrected": 0, "repeated": 0}
    badges = run.counts["officer badges (current star)"]
    assert (badges["created"], badges["skipped"]) == (1, 3)
    assert "allegations: no officer with key …" in output
    assert "complaints-accused.csv.gz, line 9: no officer with key '100009'" in output


def test_second_run_changes_nothing(chicago):
    run_import("cpdp-chicago", chicago)
    run_import("cpdp-chicago", chicago)

    second = ImportRun.objects.order_by("started_at", "id").last()
    for table, counts in second.counts.items():
        assert (counts["created"], counts["updated"]) == (0, 0), table
    assert second.counts["allegations"]["unchanged"] == 6
    assert PublicAllegation.objects.count() == 6 and Command.objects.count() == 3


def test_a_corrected_source_row_updates_only_that_row(chicago):
    run_import("cpdp-chicago", chicago)
    accused = chicago / "cpdp-chicago-complaints" / "complaints-accused.csv.gz"
    text = gzip.decompress(accused.read_bytes()).decode().replace(
        "1000214,3,,Unknown", "1000214,3,UN,Unknown")
    accused.write_bytes(gzip.compress(text.encode()))
    run_import("cpdp-chicago", chicago)

    counts = ImportRun.objects.order_by("started_at", "id").last().counts["allegations"]
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (0, 1, 5)
    assert _allegation("1000214", 100002).finding == Finding.UNFOUNDED


def test_dry_run_reports_everything_and_keeps_nothing(chicago):
    output = run_import("cpdp-chicago", chicago, dry_run=True)

    assert "Dry run (rolled back)" in output
    assert "allegations" in output and "rejected" in output
    assert not Officer.objects.exists() and not PublicAllegation.objects.exists()
    assert not Source.objects.filter(slug="cpdp-chicago").exists()


def test_dry_run_after_an_import_is_recorded_and_changes_nothing(chicago):
    run_import("cpdp-chicago", chicago)
    run_import("cpdp-chicago", chicago, dry_run=True)

    dry = ImportRun.objects.get(dry_run=True)
    assert dry.counts["allegations"]["unchanged"] == 6
    assert PublicAllegation.objects.count() == 6


def test_progress_is_reported_in_rows_per_second(chicago):
    from misconduct_records.importing import dataset_import
    from misconduct_records.management.commands.import_dataset import find_mapping

    messages = []
    dataset_import(mapping_path=find_mapping("cpdp-chicago"), data_dir=chicago, progress=messages.append)

    final = [m for m in messages if m.startswith("allegations: 10 rows in total")]
    assert len(final) == 1 and final[0].endswith("rows/s")


def test_rows_no_longer_in_the_source_are_reported_not_deleted(chicago):
    run_import("cpdp-chicago", chicago)
    accused = chicago / "cpdp-chicago-complaints" / "complaints-accused.csv.gz"
    lines = gzip.decompress(accused.read_bytes()).decode().splitlines(keepends=True)
    accused.write_bytes(gzip.compress("".join(lines[:2] + lines[3:]).encode()))  # drop line 3
    output = run_import("cpdp-chicago", chicago)

    counts = ImportRun.objects.order_by("started_at", "id").last().counts["allegations"]
    assert (counts["unchanged"], counts["absent"]) == (5, 1)
    assert PublicAllegation.objects.filter(source_row="C170981/100002").exists()
    assert "absent" in output


def test_import_refreshes_the_counts_that_profiles_and_lists_sort_on(chicago):
    run_import("cpdp-chicago", chicago)

    for officer in Officer.objects.all():
        allegations = PublicAllegation.objects.filter(officer=officer)
        assert officer.allegation_total == allegations.count() > 0
        assert officer.sustained_total == allegations.filter(finding=Finding.SUSTAINED).count()
