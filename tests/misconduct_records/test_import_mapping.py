"""A wrong mapping file fails before any row is read, with a message that says what is wrong."""

import pytest
from django.core.management import CommandError

from misconduct_records.fatal_force import FatalForceIncident
from misconduct_records.importing.mapping import MappingError, load_mapping
from misconduct_records.models import Source
from tests.misconduct_records.import_helpers import lay_out, run_import

pytestmark = pytest.mark.django_db

MAPPING = """
source: {slug: tiny, name: Tiny}
agency: {slug: tiny-pd, name: Tiny PD}
files: {accused: accused.csv}
vocabularies:
  finding: {values: {SU: %(finding)s}}
tables:
  - target: %(target)s
    file: accused
    key: "{id}"
    fields:
      finding: {column: f, vocabulary: finding}
"""


def _write(tmp_path, **values):
    path = tmp_path / "tiny.yaml"
    path.write_text(MAPPING % {"finding": "sustained", "target": "allegation", **values})
    return path


def test_a_vocabulary_value_outside_the_canonical_ones_is_refused(tmp_path):
    with pytest.raises(MappingError, match="vocabulary 'finding' maps onto unknown values: guilty"):
        load_mapping(_write(tmp_path, finding="guilty"))


def test_an_unknown_target_is_refused(tmp_path):
    with pytest.raises(MappingError, match="unknown target 'complainant'"):
        load_mapping(_write(tmp_path, target="complainant"))


def test_the_command_names_the_shipped_mappings_when_one_is_unknown(tmp_path):
    with pytest.raises(CommandError, match="cpdp-chicago, police-settlements-538, wapo-fatal-force"):
        run_import("no-such-mapping", tmp_path)


def test_a_missing_data_folder_is_reported_and_nothing_is_kept(tmp_path):
    with pytest.raises(CommandError, match="data file not found"):
        run_import("cpdp-chicago", tmp_path / "nowhere")
    assert not Source.objects.filter(slug="cpdp-chicago").exists()


def test_a_data_set_may_be_stored_compressed_or_not(tmp_path):
    lay_out(tmp_path, "wapo-fatal-force-v2", compress=True)  # the mapping names .csv files
    output = run_import("wapo-fatal-force", tmp_path)
    assert "fatal shootings" in output
    assert FatalForceIncident.objects.count() == 3
