"""Every allegation carries its case's dates (received, incident, closed) and district, which the
public lists sort and filter on without joining the cases. Each way the record is written keeps the copies
equal to the case's dates; tests/conftest.py checks the same after every test of the suite, so a
new way of writing cases or allegations that forgets them fails the test that takes it."""

import datetime
import gzip
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from misconduct_records.models import PublicAllegation, PublicCase
from misconduct_records.selectors import allegations_with_stale_case_dates
from misconduct_records.services import (
    PublishedAllegation,
    allegation_case_dates_refresh,
    correction_record,
    public_case_register,
    record_publish,
)
from tests.factories import DistrictFactory
from tests.misconduct_records.conftest import add_history
from tests.misconduct_records.import_helpers import lay_out, run_import, seed_categories
from tests.publishing import publish_ritas_case

pytestmark = pytest.mark.django_db


def _copies(allegation: PublicAllegation) -> tuple:
    allegation.refresh_from_db()
    return allegation.case_received_on, allegation.case_incident_on, allegation.case_closed_on


def _dates(case: PublicCase) -> tuple:
    case.refresh_from_db()
    return case.received_on, case.incident_on, case.closed_on


def _publish(case, *, officer, incident_on, closed_on):
    record_publish(public_case_id=case.pk, public_summary="", closed_on=closed_on,
                   incident_on=incident_on, allegations=[
                       PublishedAllegation(officer_id=officer.pk, category_code="discourtesy",
                                           finding="not_sustained")])
    return PublicAllegation.objects.get(case=case)


def test_publishing_copies_the_case_dates_and_publishing_again_moves_them(officer, district):
    case = public_case_register(agency_id=officer.agency_id, district_id=district.pk,
                                received_on=datetime.date(2024, 6, 1))
    first = _publish(case, officer=officer, incident_on=datetime.date(2024, 5, 30),
                     closed_on=datetime.date(2024, 9, 1))
    assert _copies(first) == _dates(case) == (
        datetime.date(2024, 6, 1), datetime.date(2024, 5, 30), datetime.date(2024, 9, 1))

    again = _publish(case, officer=officer, incident_on=None, closed_on=datetime.date(2024, 10, 2))
    assert _copies(again) == _dates(case) == (datetime.date(2024, 6, 1), None, datetime.date(2024, 10, 2))


def test_a_case_the_board_decides_reaches_the_record_with_its_dates(
        officer, district, intake_officer, investigator, board_chair):
    case = publish_ritas_case(district=district, officer=officer, intake_officer=intake_officer,
                              investigator=investigator, board_chair=board_chair,
                              category_code="discourtesy", finding="sustained", discipline="training")
    allegation = PublicAllegation.objects.get(case_id=case.public_case_id)
    assert _copies(allegation) == _dates(allegation.case)
    assert allegation.case_received_on is not None and allegation.case_closed_on is not None


@pytest.mark.parametrize("field", ["received_on", "incident_on", "closed_on"])
def test_correcting_a_case_date_moves_it_on_every_allegation_of_the_case(officer, records_editor, field):
    rows = add_history(officer, 2)
    PublicAllegation.objects.filter(pk=rows[1].pk).update(case=rows[0].case)  # two on one case
    allegation_case_dates_refresh(case_ids=[rows[0].case_id])
    case = rows[0].case
    correction_record(instance=case, changes={field: datetime.date(2009, 12, 24)},
                      note="The intake log was misread.", actor=records_editor)
    for row in rows:
        assert _copies(row) == _dates(case)
    assert getattr(case, field) == datetime.date(2009, 12, 24)


def test_correcting_a_case_field_other_than_its_dates_copies_nothing(
        officer, records_editor):
    case = add_history(officer, 1)[0].case
    correction_record(instance=case, changes={"public_summary": "A stop."}, note="",
                      actor=records_editor)
    assert not allegations_with_stale_case_dates()


@pytest.fixture
def chicago(tmp_path):
    seed_categories()
    lay_out(tmp_path, "cpdp-chicago-complaints", compress=True)
    return tmp_path


def test_import_copies_the_dates_and_a_later_import_that_changes_a_date_moves_them(chicago):
    run_import("cpdp-chicago", chicago)
    allegations = list(PublicAllegation.objects.select_related("case"))
    assert allegations and all(_copies(a) == _dates(a.case) for a in allegations)
    assert any(a.case_closed_on for a in allegations) and any(a.case_incident_on for a in allegations)

    complaints = chicago / "cpdp-chicago-complaints" / "complaints-complaints.csv.gz"
    text = gzip.decompress(complaints.read_bytes()).decode()
    assert "1000194,2,2006-10-02,2006-10-02," in text
    complaints.write_bytes(gzip.compress(text.replace(
        "1000194,2,2006-10-02,2006-10-02,", "1000194,2,2006-09-30,2006-10-03,2007-01-15").encode()))
    run_import("cpdp-chicago", chicago)  # only the case's row changed, none of its allegations

    moved = PublicAllegation.objects.filter(case__source_row="1000194")
    assert moved.exists()
    for allegation in moved:
        assert _copies(allegation) == (datetime.date(2006, 10, 3), datetime.date(2006, 9, 30),
                                       datetime.date(2007, 1, 15))


def test_a_dry_run_import_leaves_no_copies_behind(chicago):
    run_import("cpdp-chicago", chicago, dry_run=True)
    assert not PublicAllegation.objects.exists()


def test_generated_synthetic_record_carries_its_cases_dates():
    call_command("generate_public_record", officers=20, allegations=200, long_history=50,
                 stdout=io.StringIO())
    assert PublicAllegation.objects.count() == 200
    assert not PublicAllegation.objects.filter(case_received_on__isnull=True).exists()
    assert not allegations_with_stale_case_dates()


def test_the_recount_command_repairs_copies_a_bulk_load_left_stale(officer):
    rows = add_history(officer, 3)
    PublicAllegation.objects.update(case_received_on=None, case_closed_on=datetime.date(1999, 1, 1))
    assert allegations_with_stale_case_dates() == sorted(r.pk for r in rows)
    out = io.StringIO()
    call_command("public_record_recount", stdout=out)
    assert not allegations_with_stale_case_dates()
    assert "3 allegations given their case's dates" in out.getvalue()


def test_refreshing_writes_only_the_rows_that_differ_in_one_statement(officer, django_assert_num_queries):
    rows = add_history(officer, 4)
    PublicAllegation.objects.filter(pk=rows[0].pk).update(case_received_on=None)
    with django_assert_num_queries(1):
        assert allegation_case_dates_refresh() == 1
    assert allegation_case_dates_refresh() == 0
    assert allegation_case_dates_refresh(case_ids=[]) == 0


def test_refreshing_by_source_leaves_other_sources_alone(officer, imported_source):
    own, other = add_history(officer, 2)
    PublicCase.objects.filter(pk=other.case_id).update(source=imported_source)
    PublicAllegation.objects.update(case_received_on=None)
    assert allegation_case_dates_refresh(source_id=imported_source.pk) == 1
    assert _copies(other)[0] == _dates(other.case)[0] and _copies(own)[0] is None
    allegation_case_dates_refresh(case_ids=[own.case_id])  # leave the record whole for the guard


def test_the_guard_finds_an_allegation_written_without_its_cases_dates(officer):
    """What tests/conftest.py asserts after every test: here a row written past the services."""
    row = add_history(officer, 1)[0]
    PublicAllegation.objects.create(case=row.case, officer=officer, category=row.category)
    stale = allegations_with_stale_case_dates()
    assert len(stale) == 1 and stale[0] != row.pk
    allegation_case_dates_refresh(case_ids=[row.case_id])
    assert not allegations_with_stale_case_dates()


def test_publishing_copies_the_case_district_and_a_correction_moves_it(officer, district, records_editor):
    case = public_case_register(agency_id=officer.agency_id, district_id=district.pk,
                                received_on=datetime.date(2024, 6, 1))
    allegation = _publish(case, officer=officer, incident_on=None, closed_on=datetime.date(2024, 9, 1))
    assert allegation.case_district_id == district.pk
    other = DistrictFactory(agency=officer.agency, code="C-11", name="Dorchester")
    correction_record(instance=case, changes={"district": other}, note="The address is in Dorchester.",
                      actor=records_editor)
    allegation.refresh_from_db()
    assert allegation.case_district_id == other.pk
    correction_record(instance=case, changes={"district": None}, note="The address is unknown.",
                      actor=records_editor)
    allegation.refresh_from_db()
    assert allegation.case_district_id is None


def test_the_district_filter_reads_the_copy_without_joining_the_cases(journalist, officer, district):
    rows = add_history(officer, 7)
    elsewhere = DistrictFactory(agency=officer.agency, code="C-11", name="Dorchester")
    PublicCase.objects.filter(pk__in=[r.case_id for r in rows[:3]]).update(district=elsewhere)
    allegation_case_dates_refresh(case_ids=[r.case_id for r in rows[:3]])
    with CaptureQueriesContext(connection) as queries:
        page = journalist.get(reverse("records:allegation_list"), {"district": elsewhere.pk}).context["page"]
    assert sorted(a.pk for a in page) == sorted(r.pk for r in rows[:3])
    assert sorted(a.pk for a in page) == sorted(
        PublicAllegation.objects.filter(case__district=elsewhere).values_list("pk", flat=True))
    counted = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert counted and not [sql for sql in counted if PublicCase._meta.db_table in sql]
