"""A snapshot is one moment of the record: a case published while the snapshot is being written
appears in none of its tables (PostgreSQL: REPEATABLE READ; SQLite serialises anyway)."""

import datetime
import threading

import pytest
from django.db import connection, connections

from misconduct_records import exports
from misconduct_records.models import PublicCase
from misconduct_records.services import source_this_board

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection needs a server")
def test_a_case_published_during_the_snapshot_is_not_in_it(agency, settings, tmp_path, monkeypatch):
    settings.PUBLIC_DATA_ROOT = tmp_path
    source = source_this_board()
    write_files = exports._snapshot_files

    def publish_elsewhere():
        PublicCase.objects.create(agency=agency, received_on=datetime.date(2026, 11, 2), source=source,
                                  source_row="written-during-the-snapshot")
        connections.close_all()

    def slow_write(folder, table):
        if table.name == "agencies":
            list(table.queryset()[:1])  # the transaction's snapshot is taken by its first read
            other = threading.Thread(target=publish_elsewhere)
            other.start()
            other.join()
        return write_files(folder, table)

    monkeypatch.setattr(exports, "_snapshot_files", slow_write)
    exports.snapshot_build(covers=datetime.date(2026, 11, 2))
    assert PublicCase.objects.filter(source_row="written-during-the-snapshot").exists()
    assert "written-during-the-snapshot" not in (tmp_path / "2026-11-02" / "cases.csv").read_text()
