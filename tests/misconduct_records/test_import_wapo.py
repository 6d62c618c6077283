"""Importing the fatal-force data set: incidents linked to agencies, the licence and credit kept,
and never the name of the person killed."""

import datetime

import pytest

from misconduct_records.fatal_force import AgeBand, FatalForceIncident
from misconduct_records.models import Agency, ImportRun, Source
from tests.misconduct_records.import_helpers import FIXTURES, lay_out, run_import, seed_categories

pytestmark = pytest.mark.django_db


@pytest.fixture
def wapo(tmp_path):
    lay_out(tmp_path, "wapo-fatal-force-v2", compress=False)
    return tmp_path


def test_incidents_link_to_every_agency_involved(wapo):
    run_import("wapo-fatal-force", wapo)

    chicago = Agency.objects.get(source_row="265")
    assert chicago.name == "Chicago Police Department" and chicago.slug == "chicago-police-department-il-265"
    assert (chicago.kind, chicago.ori_codes) == ("local_police", "ILCPD00")
    both = FatalForceIncident.objects.get(source_row="4")
    assert set(both.agencies.values_list("source_row", flat=True)) == {"70", "265"}
    assert both.incident_on == datetime.date(2015, 1, 2)
    assert (both.body_camera, both.was_mental_illness_related) == (True, False)
    assert chicago.fatal_force_incidents.count() == 2


def test_the_licence_and_credit_are_stored_on_the_source(wapo):
    run_import("wapo-fatal-force", wapo)

    source = Source.objects.get(slug="wapo-fatal-force")
    assert source.licence.startswith("Creative Commons Attribution-NonCommercial-ShareAlike 4.0")
    assert source.licence_url == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert "The Washington Post" in source.citation and "Adapted" in source.citation
    assert source.data_current_through == datetime.date(2024, 10, 22)


def test_names_coordinates_and_exact_ages_are_not_stored(wapo):
    run_import("wapo-fatal-force", wapo)

    names = ["Pat Example", "Sam Sample", "Kim Other"]
    for incident in FatalForceIncident.objects.all():
        stored = " ".join(str(getattr(incident, f.attname)) for f in FatalForceIncident._meta.concrete_fields)
        assert not any(name in stored for name in names)
        assert "41.88" not in stored and "-87.63" not in stored
    assert FatalForceIncident.objects.get(source_row="3").age_band == AgeBand.FROM_45
    assert FatalForceIncident.objects.get(source_row="4").age_band == AgeBand.UNDER_18
    assert FatalForceIncident.objects.get(source_row="6").age_band == ""
    assert "Pat Example" in (FIXTURES / "wapo-fatal-force-v2" / "fatal-police-shootings-data.csv").read_text()


def test_bad_incidents_are_reported_and_a_rerun_changes_nothing(wapo):
    run_import("wapo-fatal-force", wapo)
    run_import("wapo-fatal-force", wapo)

    first, second = ImportRun.objects.order_by("started_at", "id")
    assert {(r["line"], r["reason"]) for r in first.rejected_rows} == {
        (4, "'2015-13-02' is not a date in the format %Y-%m-%d"),
        (6, "no agency with key '999'"),
    }
    assert FatalForceIncident.objects.count() == 3
    assert second.counts["fatal shootings"]["unchanged"] == 3
    assert second.counts["fatal_force_incidents.agencies"]["unchanged"] == 4
    assert all(c["created"] == c["updated"] == 0 for c in second.counts.values())


@pytest.mark.parametrize("order", [("cpdp-chicago", "wapo-fatal-force"), ("wapo-fatal-force", "cpdp-chicago")])
def test_both_data_sets_meet_on_one_chicago_agency_whichever_comes_first(tmp_path, order):
    seed_categories()
    lay_out(tmp_path, "wapo-fatal-force-v2", compress=False)
    lay_out(tmp_path, "cpdp-chicago-complaints", compress=True)
    for mapping in order * 2:  # and again: nothing moves on a re-run
        run_import(mapping, tmp_path)

    chicago = Agency.objects.get(ori_codes="ILCPD00")
    assert chicago.officers.count() == 3
    assert chicago.fatal_force_incidents.count() == 2
    assert chicago.name == "Chicago Police Department"
    assert Agency.objects.count() == 2
    for rerun in ImportRun.objects.order_by("-started_at", "-id")[:2]:
        assert all(c["created"] == c["updated"] == 0 for c in rerun.counts.values()), rerun.mapping
