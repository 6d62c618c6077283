"""Settlements imported through their shipped mapping on hand-made rows shaped like the
published files: amounts, partial dates, identical rows, the officers Chicago's matters name,
and plaintiffs who never appear anywhere."""

import datetime

import pytest
from django.urls import reverse

from misconduct_records.models import Agency, ImportRun, Officer, Settlement, SettlementOfficer
from misconduct_records.vocabulary import OfficerMatch
from tests.misconduct_records.import_helpers import lay_out, run_import, seed_categories

pytestmark = pytest.mark.django_db

PLAINTIFFS = ("Pat Plaintiff", "Robin Sample", "Chris Claimant", "Dana Person", "ALEX EXAMPLE", "Ann Attorney")


@pytest.fixture
def data(tmp_path):
    seed_categories()
    lay_out(tmp_path, "cpdp-chicago-complaints", compress=True)
    lay_out(tmp_path, "police-settlements-538", compress=False)
    return tmp_path


@pytest.fixture
def imported(data):
    run_import("cpdp-chicago", data)
    run_import("police-settlements-538", data)
    return data


def _chicago(docket: str) -> list[Settlement]:
    return list(Settlement.objects.filter(docket_number=docket).order_by("source_row"))


def test_every_row_is_a_settlement_with_its_amounts_and_dates(imported):
    assert Settlement.objects.count() == 6
    first = _chicago("2014 C 01234")[0]
    assert (first.amount_awarded_cents, first.year, first.closed_on) == (16_000_000, 2016, datetime.date(2016, 5, 10))
    assert first.defendants == "Sgt. J. Roe #4321; PO M. Walter #4118; and the City of Chicago"
    assert first.outcome == "Civil Litigation - General:Dismissed:Settlement"
    assert _chicago("2015 C 04321")[0].amount_awarded_cents == 2_500_050
    los_angeles = Settlement.objects.get(agency__city="Los Angeles")
    assert los_angeles.amount_awarded_cents == 197_004
    assert (los_angeles.incident_on, los_angeles.incident_on_precision) == (datetime.date(2011, 4, 1), "month")
    assert (los_angeles.closed_on, los_angeles.closed_on_precision) == (datetime.date(2012, 1, 1), "year")
    assert los_angeles.defendants == ""  # the title names only the claimant


def test_identical_rows_are_two_settlements_and_a_rerun_changes_nothing(imported):
    assert [s.source_row for s in _chicago("2012 C 03810")] == [
        "chicago/2012 C 03810//2017-03-01/5000/1", "chicago/2012 C 03810//2017-03-01/5000/2"]

    run_import("police-settlements-538", imported)

    counts = ImportRun.objects.order_by("started_at").last().counts
    assert counts["settlements (chicago)"]["unchanged"] == 5
    assert counts["officers named (chicago)"]["unchanged"] == 3
    assert Settlement.objects.count() == 6


def test_chicago_settlements_belong_to_the_cpdp_agency_met_on_its_ori_code(imported):
    chicago = Agency.objects.get(slug="chicago-police-department")
    assert chicago.settlements.count() == 5
    assert chicago.ori_codes == "ILCPD00; ILCPD0000"
    assert Agency.objects.filter(city="Chicago").count() == 1


def test_officers_are_matched_by_star_number_and_surname_and_say_how(imported):
    named = {n.name_as_published: (n.officer.last_name if n.officer else None, n.match)
             for n in SettlementOfficer.objects.select_related("officer")}
    assert named == {
        "Sgt. J. Roe #4321": ("ROE", OfficerMatch.BADGE_AND_SURNAME),
        "PO M. Walter #4118": (None, OfficerMatch.NO_OFFICER),
        "PO Smith #4321": (None, OfficerMatch.NO_OFFICER),  # Roe's star, another surname
    }


def test_settlements_imported_first_meet_the_officers_imported_after(data):
    run_import("police-settlements-538", data)
    run_import("cpdp-chicago", data)
    run_import("police-settlements-538", data)

    assert Agency.objects.filter(city="Chicago").count() == 1
    roe = Officer.objects.get(last_name="ROE")
    assert SettlementOfficer.objects.get(officer=roe).match == OfficerMatch.BADGE_AND_SURNAME


def test_the_profile_shows_the_settlement_with_how_the_officer_was_matched(imported, client):
    roe = Officer.objects.get(last_name="ROE")

    page = client.get(reverse("records:officer_detail", args=[roe.public_id])).content.decode()

    assert "Lawsuits and settlements" in page and "Sgt. J. Roe #4321" in page
    assert "Matched on star number and surname" in page and "$160,000" in page
    assert "not comparable between cities" in page


def test_the_agency_page_totals_settlements_by_year_with_the_publishers_caution(imported, client):
    page = client.get(reverse("records:agency_detail", args=["chicago-police-department"])).content.decode()

    assert 'data-testid="settlement-caution"' in page
    assert "/officers/?agency=chicago-police-department" in page
    assert "must not be compared across cities" in page
    assert "$160,000" in page
    assert "$35,000.50" in page  # 2017: 25,000.50 + 2 x 5,000


def test_totals_by_agency_and_year_are_in_the_api_and_the_downloads(imported, client):
    totals = client.get("/api/v1/settlement-totals/?agency=chicago-police-department").json()
    assert [(t["year"], t["settlements"], t["paid_cents"]) for t in totals] == [
        (2016, 1, 16_000_000), (2017, 3, 3_500_050), (2018, 1, 750_000)]
    csv_text = b"".join(client.get(reverse("records:data_download", args=["settlement_totals", "csv"]))
                        .streaming_content).decode()
    assert "chicago-police-department,Chicago Police Department,2017,3,3500050,0" in csv_text
    listed = client.get("/api/v1/settlements/?agency=chicago-police-department").json()["results"]
    assert len(listed) == 5


def test_no_plaintiff_is_stored_shown_or_exported(imported, client):
    roe = Officer.objects.get(last_name="ROE")
    pages = [
        client.get(reverse("records:officer_detail", args=[roe.public_id])),
        client.get(reverse("records:agency_detail", args=["chicago-police-department"])),
        client.get(reverse("records:agency_detail", args=["los-angeles-police-department-ca"])),
        client.get("/api/v1/settlements/"), client.get("/api/v1/settlement-totals/"),
    ]
    texts = [p.content.decode() for p in pages]
    for table in ("settlements", "settlement_officers", "settlement_totals"):
        for fmt in ("csv", "json"):
            response = client.get(reverse("records:data_download", args=[table, fmt]))
            texts.append(b"".join(response.streaming_content).decode())
    stored = [str(v) for s in Settlement.objects.values() for v in s.values()]
    stored += [str(v) for s in SettlementOfficer.objects.values() for v in s.values()]
    for name in PLAINTIFFS:
        for word in name.split():
            if word in ("Person",):
                continue
            assert not any(word in text for text in [*texts, *stored]), word


def test_the_agency_page_costs_the_same_queries_however_many_settlements(imported, client,
                                                                        django_assert_max_num_queries):
    chicago = Agency.objects.get(slug="chicago-police-department")
    source = Settlement.objects.first().source
    Settlement.objects.bulk_create(Settlement(agency=chicago, source=source, year=2019, amount_awarded_cents=100)
                                   for _ in range(300))

    with django_assert_max_num_queries(10):
        response = client.get(reverse("records:agency_detail", args=["chicago-police-department"]))
    assert response.status_code == 200
