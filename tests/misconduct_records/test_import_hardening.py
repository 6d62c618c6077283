"""Nothing lost, nothing invented: each defect of importing a flat allegation file, on a file
made for it (identical rows, month-only dates, placeholders, corrections, two ORI spellings,
misspelt entries and columns, long keys, many kinds of rejection)."""

import csv
import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from misconduct_records.importing.mapping import MappingError, load_mapping
from misconduct_records.models import Agency, ImportRun, Officer, PublicAllegation, PublicCase
from misconduct_records.services import correction_record
from misconduct_records.vocabulary import Finding
from tests.misconduct_records.import_helpers import run_import, seed_categories

pytestmark = pytest.mark.django_db

HEADER = ["complaint", "officer", "last_name", "badge", "category", "finding", "month"]

MAPPING = """
source: {slug: flat, name: A flat allegation file}
agency: {slug: flat-pd, name: Flat City PD, ori_codes: %(ori)s}
date_formats: ["%%Y-%%m-%%d", "%%Y-%%m", "%%Y"]
files: {rows: rows.csv}
vocabularies:
  finding: {normalise: [strip, upper], values: {SUBSTANTIATED: sustained, UNFOUNDED: unfounded}}
  category: {default: unclassified}
tables:
  - label: officers
    target: officer
    file: rows
    key: "{officer}"
    repeated_keys: same_row
    fields:
      last_name: last_name
      badge_number: {column: badge, unknown: ["0"]}
  - label: cases
    target: case
    file: rows
    key: "{complaint}"
    repeated_keys: same_row
    fields:
      incident_on: {column: month, type: date, precision: incident_on_precision}
  - label: allegations
    target: allegation
    file: rows
    key: "%(key)s"
    fields:
      case: {ref: case, key: "{complaint}", required: true}
      officer: {ref: officer, key: "{officer}", required: true}
      category: {column: category, vocabulary: category}
      finding: {column: finding, vocabulary: finding, raw: finding_raw}
"""

OCCURRENCE_KEY = "{complaint}/{officer}/{category}/{finding}/{@n}"


def _write(folder, rows, *, key=OCCURRENCE_KEY, ori="XX0010000", mapping_text=None):
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "rows.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    path = folder / "flat.yaml"
    path.write_text(mapping_text or MAPPING % {"key": key, "ori": ori})
    return path


ROW = ["C1", "7", "Roe", "123", "force", "Substantiated", "2012-05"]


@pytest.fixture(autouse=True)
def _categories():
    seed_categories()


def test_identical_rows_are_distinct_allegations_and_a_rerun_changes_nothing(tmp_path):
    mapping = _write(tmp_path, [ROW, ROW, ROW, ["C1", "7", "Roe", "123", "force", "Unfounded", "2012-05"]])

    run_import(str(mapping), tmp_path)
    run_import(str(mapping), tmp_path)

    assert PublicAllegation.objects.count() == 4
    assert sorted(PublicAllegation.objects.values_list("source_row", flat=True)) == [
        "C1/7/force/Substantiated/1", "C1/7/force/Substantiated/2", "C1/7/force/Substantiated/3",
        "C1/7/force/Unfounded/1"]
    second = ImportRun.objects.order_by("started_at").last()
    assert second.counts["allegations"]["unchanged"] == 4 and second.counts["allegations"]["created"] == 0


def test_a_key_that_does_not_identify_rows_stops_the_import_and_keeps_nothing(tmp_path):
    mapping = _write(tmp_path, [ROW, ROW], key="{complaint}/{officer}")

    with pytest.raises(CommandError, match=r"does not identify rows: 1 rows .*line 3 repeats the key 'C1/7' "
                                           r"of line 2.*\{@n\}"):
        run_import(str(mapping), tmp_path)
    assert not PublicAllegation.objects.exists() and not Officer.objects.exists()


def test_month_only_and_year_only_dates_keep_their_precision(tmp_path):
    mapping = _write(tmp_path, [ROW, ["C2", "7", "Roe", "123", "force", "Unfounded", "2013"],
                                ["C3", "7", "Roe", "123", "force", "Unfounded", "2014-02-03"]])

    run_import(str(mapping), tmp_path)

    dates = {c.source_row: (c.incident_on, c.incident_on_precision) for c in PublicCase.objects.all()}
    assert dates == {"C1": (datetime.date(2012, 5, 1), "month"), "C2": (datetime.date(2013, 1, 1), "year"),
                     "C3": (datetime.date(2014, 2, 3), "day")}


def test_a_placeholder_badge_is_stored_as_unknown(tmp_path):
    mapping = _write(tmp_path, [["C1", "7", "Roe", "0", "force", "Unfounded", "2012"],
                                ["C1", "8", "Poe", "0", "force", "Unfounded", "2012"],
                                ["C1", "9", "Doe", "55", "force", "Unfounded", "2012"]])

    run_import(str(mapping), tmp_path)

    assert dict(Officer.objects.values_list("last_name", "badge_number")) == {"Roe": "", "Poe": "", "Doe": "55"}


def test_a_corrected_value_survives_a_reimport_and_the_conflict_is_reported(tmp_path, records_editor):
    mapping = _write(tmp_path, [ROW])
    run_import(str(mapping), tmp_path)
    allegation = PublicAllegation.objects.get()
    correction_record(instance=allegation, changes={"finding": Finding.NOT_SUSTAINED},
                      note="The board's letter of 2013-02-01 records not sustained.", actor=records_editor)

    output = run_import(str(mapping), tmp_path)

    allegation.refresh_from_db()
    assert allegation.finding == Finding.NOT_SUSTAINED
    assert ImportRun.objects.order_by("started_at").last().counts["allegations"]["corrected"] == 1
    assert "Correction kept" in output and "the source says 'sustained'" in output


def test_one_agency_under_two_ori_spellings_keeps_both_codes(tmp_path):
    first = _write(tmp_path / "a", [ROW], ori="ILCPD00")
    second = _write(tmp_path / "b", [ROW], ori="ILCPD0000",
                    mapping_text=(MAPPING % {"key": OCCURRENCE_KEY, "ori": "ILCPD0000"})
                    .replace("slug: flat,", "slug: flat-two,").replace("slug: flat-pd", "slug: other-pd"))

    run_import(str(first), tmp_path / "a")
    run_import(str(second), tmp_path / "b")

    agency = Agency.objects.get()
    assert agency.slug == "flat-pd"
    assert agency.ori_codes == "ILCPD00; ILCPD0000"


@pytest.mark.parametrize(("change", "message"), [
    (("type: date, precision", "typ: date, precision"), r"field: unknown entry 'typ' \(known: column"),
    (("column: month", "column: mnth"), r"table 'cases' names column 'mnth', which rows.csv does not have "
                                        r"\(did you mean 'month'\?\)"),
    (("last_name: last_name", "last_name: {column: last_name, filters: [trim]}"), r"unknown filter 'trim'"),
    (("ref: case, key", "ref: complaint, key"), r"refers to unknown target 'complaint'"),
    (("  - label: cases", "  - lable: cases"), r"table 'case': unknown entry 'lable'"),
])
def test_a_misspelt_entry_or_column_is_refused_before_any_row_is_read(tmp_path, change, message):
    text = (MAPPING % {"key": OCCURRENCE_KEY, "ori": "X"}).replace(*change)
    mapping = _write(tmp_path, [ROW], mapping_text=text)

    with pytest.raises(CommandError, match=message):
        run_import(str(mapping), tmp_path)
    assert not Officer.objects.exists() and not ImportRun.objects.exists()


def test_a_key_longer_than_the_column_is_rejected_on_every_database(tmp_path):
    mapping = _write(tmp_path, [ROW, ["C" + "9" * 120, "7", "Roe", "1", "force", "Unfounded", "2012"]])

    run_import(str(mapping), tmp_path)

    reasons = {r["reason"] for r in ImportRun.objects.get().rejected_rows}
    assert any("is longer than 100 characters" in reason for reason in reasons)


def test_rejections_are_grouped_by_table_and_reason_and_all_written_to_a_csv(tmp_path):
    bad_finding = [[f"C{i}", "7", "Roe", "1", "force", f"Maybe {i}", "2012"] for i in range(30)]
    bad_date = [[f"D{i}", "8", "Poe", "1", "force", "Unfounded", f"20x{i}"] for i in range(5)]
    mapping = _write(tmp_path, bad_finding + bad_date)
    rejected_csv = tmp_path / "rejected.csv"

    output = run_import(str(mapping), tmp_path, rejected_csv=str(rejected_csv))

    assert "30  allegations: … is not in the finding vocabulary" in output
    assert "5  cases: … is not a date in the format %Y-%m-%d or %Y-%m or %Y" in output
    with rejected_csv.open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 40  # 30 findings, 5 dates, and the 5 allegations of the cases not made
    assert rows[0].keys() == {"file", "line", "table", "reason"}


def test_the_reference_and_the_schema_describe_every_target_and_option(tmp_path):
    from misconduct_records.importing import format as fmt
    from misconduct_records.importing.targets import TARGETS

    out = StringIO()
    call_command("import_dataset", describe=True, stdout=out)
    reference = out.getvalue()
    for name in TARGETS:
        assert f"### {name}" in reference
    for option in fmt.FIELD:
        assert f"- `{option}` " in reference
    assert "- `physical-force`" in reference and "`{@n}`" in reference
    assert "`incident_on_precision` (text, at most 5 characters): one of day, month, year" in reference

    out = StringIO()
    call_command("import_dataset", schema=True, stdout=out)
    schema = json.loads(out.getvalue())
    assert set(schema["$defs"]["field"]["properties"]) == set(fmt.FIELD)
    assert schema["$defs"]["table"]["additionalProperties"] is False


def test_the_shipped_mappings_load_and_follow_the_schema(tmp_path):
    import jsonschema
    import yaml

    from misconduct_records.importing.reference import json_schema
    from misconduct_records.management.commands.import_dataset import MAPPINGS_DIR

    validator = jsonschema.Draft202012Validator(json_schema())
    for path in MAPPINGS_DIR.glob("*.yaml"):
        assert load_mapping(path).steps
        # as an editor sees it: YAML dates are text
        spec = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        assert not list(validator.iter_errors(spec)), path.name
    shipped = MAPPINGS_DIR / "mapping.schema.json"
    assert json.loads(shipped.read_text()) == json_schema(), "regenerate: import_dataset --schema > " + shipped.name
    misspelt = {"source": {"slug": "x", "name": "x"}, "files": {}, "tables": [
        {"target": "case", "file": "f", "fields": {"incident_on": {"column": "d", "typ": "date"}}}]}
    assert any("typ" in error.message for error in validator.iter_errors(misspelt))


def test_a_lookup_file_beside_the_mapping_gives_codes_their_labels(tmp_path):
    (tmp_path / "units.csv").write_text("code,label\n7,Seventh District\n")
    text = (MAPPING % {"key": OCCURRENCE_KEY, "ori": "X"}).replace(
        "files: {rows: rows.csv}", "files: {rows: rows.csv}\nlookups: {units: {path: units.csv, key: code, "
                                   "value: label}}").replace(
        "badge_number: {column: badge, unknown: [\"0\"]}",
        "badge_number: {column: badge, unknown: [\"0\"]}\n      rank: {column: officer, filters: [lookup:units]}")
    mapping = _write(tmp_path, [ROW], mapping_text=text)

    run_import(str(mapping), tmp_path)

    assert Officer.objects.get().rank == "Seventh District"


def test_an_unknown_lookup_is_refused(tmp_path):
    text = (MAPPING % {"key": OCCURRENCE_KEY, "ori": "X"}).replace(
        "last_name: last_name", "last_name: {column: last_name, filters: [lookup:units]}")
    with pytest.raises(MappingError, match="unknown lookup 'units'"):
        load_mapping(_write(tmp_path, [ROW], mapping_text=text))


def test_commands_named_by_codes_sort_naturally_and_carry_labels_from_a_lookup(tmp_path, client):
    (tmp_path / "units.csv").write_text("code,label\n2,Second District\n10,Tenth District\n")
    text = (MAPPING % {"key": OCCURRENCE_KEY, "ori": "X"}).replace(
        "files: {rows: rows.csv}", "files: {rows: rows.csv}\nlookups: {units: {path: units.csv, key: code, "
                                   "value: label}}").replace("tables:\n", """tables:
  - label: units
    target: command
    file: rows
    repeated_keys: same_row
    fields:
      code: officer
      name: {template: "{officer|lookup:units}"}
""", 1)
    rows = [[f"C{unit}", unit, "Roe", "1", "force", "Unfounded", "2012"] for unit in ("10", "2", "100", "1")]
    run_import(str(_write(tmp_path, rows, mapping_text=text)), tmp_path)

    page = client.get(reverse("records:district_list")).content.decode()
    order = [page.index(f">{label}<") for label in ("1", "Second District", "Tenth District", "100")]
    assert order == sorted(order)


FINDING_AND_DISCIPLINE = """finding: {column: finding, vocabulary: finding, raw: finding_raw}
      discipline_recommended: {column: finding, vocabulary: discipline_in_finding,
                               raw: discipline_recommended_raw}"""


def test_discipline_carried_in_a_findings_wording_is_mapped_and_both_raw_values_kept(tmp_path):
    text = (MAPPING % {"key": OCCURRENCE_KEY, "ori": "X"}).replace(
        "  category: {default: unclassified}", """  category: {default: unclassified}
  discipline_in_finding:
    patterns: [{match: 'Command Discipline', value: written_reprimand}, {match: 'Charges', value: suspension}]
    default: \"\"""").replace(
        "finding: {column: finding, vocabulary: finding, raw: finding_raw}", FINDING_AND_DISCIPLINE).replace(
        "values: {SUBSTANTIATED: sustained", "prefixes: {SUBSTANTIATED: sustained}, values: {X: sustained")
    row = ["C1", "7", "Roe", "1", "force", "Substantiated (Command Discipline A)", "2012"]

    run_import(str(_write(tmp_path, [row], mapping_text=text)), tmp_path)

    allegation = PublicAllegation.objects.get()
    assert (allegation.finding, allegation.discipline_recommended) == ("sustained", "written_reprimand")
    assert allegation.finding_raw == allegation.discipline_recommended_raw == "Substantiated (Command Discipline A)"
