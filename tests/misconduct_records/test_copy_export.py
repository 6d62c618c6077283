"""Jo's CSV downloads come from PostgreSQL's COPY and say exactly what the serializers say."""

import csv
import io

import pytest
from django.db import connection

from misconduct_records import exports_copy
from misconduct_records.exports import PUBLIC_TABLES, csv_lines
from misconduct_records.models import Officer, PublicAllegation
from tests.misconduct_records.conftest import add_case, add_history

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")]


def _rows(chunks) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(chunks))))


@pytest.fixture
def messy_record(officer, monkeypatch):
    monkeypatch.setattr(exports_copy, "RANGE", 3)  # several ranges even on a small table
    add_history(officer, 7)
    odd = PublicAllegation.objects.filter(officer=officer).first()
    odd.discipline_reason = 'Reduced, "on appeal"\nsee the letter — résumé'
    odd.officer, odd.force_level, odd.rank_at_incident = None, 3, ""
    odd.category_raw, odd.finding_raw = '=HYPERLINK("http://x")', "-sustained"
    odd.save()
    PublicAllegation.objects.filter(pk=odd.pk + 2).delete()  # a gap in the ids
    add_case(agency=officer.agency, district=None)
    Officer.objects.filter(pk=officer.pk).update(is_active=False, middle_name="", birth_year=None)


def test_copied_tables_match_the_serializers_row_for_row(messy_record):
    copied = [t for t in PUBLIC_TABLES.values() if exports_copy.copy_columns(t) is not None]
    assert {"allegations", "officers", "assignments"} <= {t.name for t in copied}
    for table in copied:
        assert _rows(csv_lines(table)) == _rows(csv_lines(table, table.queryset())), table.name


def test_the_allegations_download_is_streamed_in_ranges(journalist, messy_record):
    response = journalist.get("/data/allegations.csv")
    chunks = list(response.streaming_content)
    rows = _rows(chunk.decode() for chunk in chunks)
    assert len(chunks) > 2 and len(rows) == 1 + PublicAllegation.objects.count()
    assert 'Reduced, "on appeal"\nsee the letter — résumé' in {row[15] for row in rows}
