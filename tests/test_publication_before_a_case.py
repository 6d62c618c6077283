"""Filing makes a complaint public only as a count; a public case row appears when the board
opens a case; every public date is a day, never a time of day.

With a public row per complaint (and its time of filing), an officer who knows of one stop
could guess who complained. Jo, a journalist, still sees complaints arrive, month by month.
"""

import csv
import importlib
import io
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from complaints.services import complaint_submit
from misconduct_records.exports import PUBLIC_TABLES, snapshot_build
from misconduct_records.models import ComplaintsReceived, PublicCase, PublicCaseEvent
from misconduct_records.services import correction_record, public_case_register
from review_board.services import case_open_from_complaint
from tests.publishing import publish_ritas_case
from tests.slice import RITA

pytestmark = pytest.mark.django_db
TIME_OF_DAY = re.compile(r"\d{2}:\d{2}")


def _file(district, **contact):
    return complaint_submit(narrative="Pushed at the bus stop.", filer_role="affected", language="en",
                            agency_id=district.agency_id, district=district, **contact).complaint


def _download(client, table, fmt="csv") -> str:
    return b"".join(client.get(reverse("records:data_download", args=[table, fmt])).streaming_content).decode()


def test_filing_adds_no_public_case_only_a_monthly_count(journalist, district):
    _file(district)  # anonymous
    _file(district, contact_name=RITA["contact_name"], contact_email=RITA["contact_email"])
    assert not PublicCase.objects.exists() and not PublicCaseEvent.objects.exists()
    month = timezone.localdate().strftime("%Y-%m")
    assert journalist.get("/api/v1/cases/").json()["results"] == []
    assert journalist.get("/api/v1/complaints-received/").json()["results"] == [
        {"month": month, "agency": district.agency.slug, "district": district.code, "count": 2}]
    rows = list(csv.DictReader(io.StringIO(_download(journalist, "complaints_received"))))
    assert rows == [{"month": month, "agency": district.agency.slug, "district": district.code, "count": "2"}]
    page = journalist.get(reverse("records:district_list")).content.decode()
    assert 'data-testid="received-' + district.code + '">2<' in page


def test_the_public_case_row_appears_when_a_case_is_opened(district, intake_officer, journalist):
    complaint = _file(district)
    case = case_open_from_complaint(complaint=complaint, actor=intake_officer)
    public = PublicCase.objects.get()
    assert case.public_case_id == public.pk == Complaint.objects.get().public_case_id
    assert public.received_on == timezone.localdate(complaint.received_at)
    assert [e.status for e in public.events.all()] == ["received", "under_review"]
    assert ComplaintsReceived.objects.get().count == 1  # counted once, at filing


def test_the_resident_sees_received_before_any_case(journalist, district):
    from complaints.selectors import complaint_public_status, complaint_status_steps

    complaint = _file(district)
    assert complaint_public_status(complaint=complaint) == "received"
    steps = complaint_status_steps(complaint=complaint)
    assert steps[0].status == "received" and steps[0].current and steps[0].happened_at


def test_public_dates_are_days_in_the_api_downloads_pages_and_snapshot(
        journalist, district, officer, intake_officer, investigator, board_chair, records_editor,
        settings, tmp_path):
    case = publish_ritas_case(district=district, officer=officer, intake_officer=intake_officer,
                              investigator=investigator, board_chair=board_chair,
                              category_code="physical-force", finding="sustained", discipline="written_reprimand")
    correction_record(instance=PublicCase.objects.get(pk=case.public_case_id), actor=records_editor,
                   changes={"public_summary": "A stop in Roxbury, corrected."}, note="Typo.")
    public_id = PublicCase.objects.get().public_id
    api_case = journalist.get(f"/api/v1/cases/{public_id}/").json()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", api_case["published_at"])
    for table in ("cases", "case_events", "corrections", "allegations", "complaints_received"):
        for fmt in ("csv", "json"):
            assert not TIME_OF_DAY.search(_download(journalist, table, fmt)), (table, fmt)
    page = journalist.get(reverse("records:case_detail", args=[public_id])).content.decode()
    assert not TIME_OF_DAY.search(page.split("<main", 1)[1])
    settings.PUBLIC_DATA_ROOT = tmp_path
    snapshot_build()
    for path in (tmp_path / timezone.localdate().isoformat()).iterdir():
        if path.name not in ("manifest.json", "SHA256SUMS"):
            assert not TIME_OF_DAY.search(path.read_text()), path.name


def test_the_data_dictionary_documents_the_counts(journalist):
    assert "complaints_received" in PUBLIC_TABLES
    page = journalist.get(reverse("records:data_dictionary")).content.decode()
    assert "complaints_received" in page and "(YYYY-MM)" in page


def test_the_migration_counts_old_complaints_and_withdraws_their_public_rows(district, intake_officer):
    opened, unopened = _file(district), _file(district)
    case_open_from_complaint(complaint=opened, actor=intake_officer)
    opened.refresh_from_db()
    # as filing used to do: a public row at once
    old_row = public_case_register(agency_id=district.agency_id, district_id=district.pk,
                                   received_on=timezone.localdate())
    Complaint.objects.filter(pk=unopened.pk).update(public_case=old_row)
    ComplaintsReceived.objects.all().delete()
    migration = importlib.import_module("review_board.migrations.0005_complaints_public_as_counts")
    migration.forward(apps, None)
    assert ComplaintsReceived.objects.get().count == 2
    assert list(PublicCase.objects.values_list("pk", flat=True)) == [opened.public_case_id]
    assert Complaint.objects.get(pk=unopened.pk).public_case_id is None
    assert not PublicCaseEvent.objects.exclude(case_id=opened.public_case_id).exists()
