"""Jo downloads the open data: every table, streamed, saying what the API says."""

import csv
import datetime
import hashlib
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from misconduct_records.exports import PUBLIC_TABLES, snapshot_build
from misconduct_records.tasks import public_record_snapshot
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("table", sorted(PUBLIC_TABLES))
def test_every_public_table_downloads_as_csv_and_json(journalist, officer, table):
    add_history(officer, 3)
    csv_response = journalist.get(reverse("records:data_download", args=[table, "csv"]))
    json_response = journalist.get(reverse("records:data_download", args=[table, "json"]))
    assert csv_response.status_code == json_response.status_code == 200
    assert "attachment" in csv_response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(_body(csv_response))))
    items = json.loads(_body(json_response))
    assert len(rows) == len(items)
    assert list(rows[0]) == list(items[0]) if items else True


def test_downloads_say_exactly_what_the_api_says(journalist, officer):
    add_history(officer, 2)
    api = journalist.get("/api/v1/allegations/").json()["results"]
    download = json.loads(_body(journalist.get("/data/allegations.json")))
    assert sorted(download, key=lambda r: r["id"]) == sorted(api, key=lambda r: r["id"])
    officers = list(csv.DictReader(io.StringIO(_body(journalist.get("/data/officers.csv")))))
    assert officers[0]["id"] == officer.public_id and officers[0]["allegation_count"] == "2"


def test_download_streams_in_chunks_with_a_fixed_number_of_queries(
        journalist, officer, django_assert_max_num_queries, settings):
    add_history(officer, 30)
    from misconduct_records import exports
    exports_chunk = exports.CHUNK_SIZE
    exports.CHUNK_SIZE = 10
    try:
        with django_assert_max_num_queries(3):
            body = _body(journalist.get("/data/allegations.csv"))
    finally:
        exports.CHUNK_SIZE = exports_chunk
    assert body.count("\n") == 31


def test_unknown_table_or_format_is_404(journalist, db):
    assert journalist.get("/data/complaints.csv").status_code == 404
    assert journalist.get("/data/officers.xlsx").status_code == 404


def test_data_dictionary_explains_every_column(journalist, db):
    html = journalist.get(reverse("records:data_dictionary")).content.decode()
    for table in PUBLIC_TABLES.values():
        for column, _meaning in table.fields:
            assert f"<code>{column}</code>" in html


def test_nightly_snapshot_writes_every_table_with_checksums(journalist, officer, settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    add_history(officer, 2)
    manifest = snapshot_build(covers=datetime.date(2026, 11, 24))
    folder = tmp_path / "2026-11-24"
    assert {f["name"] for f in manifest["files"]} == {
        f"{t}.{ext}" for t in PUBLIC_TABLES for ext in ("csv", "json")}
    for entry in manifest["files"]:
        assert hashlib.sha256((folder / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert "allegations.csv" in (folder / "SHA256SUMS").read_text()
    page = journalist.get(reverse("records:data_index")).content.decode()
    assert "Covers 2026-11-24" in page
    file_response = journalist.get(reverse("records:snapshot_file",
                                           args=["2026-11-24", "allegations.csv"]))
    assert b"".join(file_response.streaming_content).decode().count("\n") == 3
    assert journalist.get(reverse("records:snapshot_file",
                                  args=["2026-11-24", "..%2Fsecret"])).status_code == 404


def test_snapshot_task_is_scheduled_nightly_and_runs(settings, tmp_path, db):
    settings.PUBLIC_DATA_ROOT = tmp_path
    schedule = settings.CELERY_BEAT_SCHEDULE["public-record-snapshot"]
    assert schedule["task"] == "misconduct_records.tasks.public_record_snapshot"
    covers = public_record_snapshot.delay().get()
    assert (tmp_path / covers / "manifest.json").is_file()


def test_old_snapshots_are_pruned(settings, tmp_path, db):
    settings.PUBLIC_DATA_ROOT = tmp_path
    settings.PUBLIC_DATA_KEEP_SNAPSHOTS = 2
    for day in (1, 2, 3):
        snapshot_build(covers=datetime.date(2026, 11, day))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-02", "2026-11-03"]


def test_live_downloads_may_be_cached_by_a_shared_cache(journalist, db):
    response = journalist.get("/data/officers.csv")
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert not response.cookies


def test_snapshot_files_are_the_same_bytes_as_the_downloads(journalist, officer, settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    add_history(officer, 3)
    snapshot_build(covers=datetime.date(2026, 11, 24))
    for name in ("allegations", "officers"):
        for fmt in ("csv", "json"):
            download = b"".join(journalist.get(f"/data/{name}.{fmt}").streaming_content)
            assert (tmp_path / "2026-11-24" / f"{name}.{fmt}").read_bytes() == download, (name, fmt)


def test_pinned_snapshots_are_never_pruned(settings, tmp_path, db):
    settings.PUBLIC_DATA_ROOT = tmp_path
    settings.PUBLIC_DATA_KEEP_SNAPSHOTS = 1
    snapshot_build(covers=datetime.date(2026, 11, 1), name="2026-11-01-for-a-report", pinned=True)
    for day in (2, 3):
        snapshot_build(covers=datetime.date(2026, 11, day))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-01-for-a-report", "2026-11-03"]
