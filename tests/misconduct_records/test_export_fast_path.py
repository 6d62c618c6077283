"""Jo's downloads and the nightly snapshot are written without the serializer row by row, yet say
exactly what it says: the same keys in the same order, the same values, the same bytes.

The record below is deliberately messy: empty and missing values, text in many scripts, control
characters, quotes and backslashes, text a spreadsheet would run as a formula, booleans that are
unknown, dates of year 5 and 9999, moments just after midnight UTC (the day before in the portal's
time zone), values outside their vocabulary, and rows whose related rows are missing. Every
registered public table gets rows. Runs on SQLite, and on PostgreSQL with DATABASE_URL set
(where CSV and JSON are written by the database itself).
"""

import csv
import datetime
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from misconduct_records import exports, exports_copy
from misconduct_records.exports import PUBLIC_TABLES, csv_lines, json_chunks, serialized_rows, snapshot_build
from misconduct_records.exports_columns import plain_columns
from misconduct_records.models import (
    Agency,
    AllegationCategory,
    Assignment,
    Command,
    ComplaintsReceived,
    Correction,
    DecertificationReferral,
    District,
    Officer,
    OfficerAlias,
    OfficerIdentifier,
    PublicAllegation,
    PublicCase,
    PublicCaseEvent,
    Settlement,
    SettlementOfficer,
    Source,
)
from misconduct_records.services import allegation_case_dates_refresh, source_this_board
from policy.models import (
    DepartmentResponse,
    ImplementationUpdate,
    Meeting,
    MeetingVote,
    PolicyMeasure,
    PolicyStanding,
    PolicyStandingRevision,
    Recommendation,
)
from tests.factories import category

pytestmark = pytest.mark.django_db

CONTROL = "".join(chr(c) for c in range(1, 32))  # every control character PostgreSQL can store
ODD_TEXTS = [
    "Ñúñez-O'Brien — José 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 漢字 עברית 🚓",
    f"before{CONTROL}after",
    'a "quoted" word, back\\slash, \\n and \\\\u0041, a comma',
    '=HYPERLINK("http://example.com")',
    "+1 555", "-sustained", "@SUM(A1)", "\tstarts with a tab", "\rstarts with a return",
    "line one\nline two\r\nline three",
    "separators\u2028and\u2029and\x7fdelete",
    "",
]
BIG_TABLES = {"officers", "officer_identifiers", "officer_aliases", "assignments", "cases",
              "case_events", "allegations", "decertification_referrals", "settlement_officers",
              "agencies", "sources", "districts", "commands", "categories"}
UTC = datetime.UTC


def _odd(i: int, length: int = 60) -> str:
    return ODD_TEXTS[i % len(ODD_TEXTS)][:length]


def _moment(i: int) -> datetime.datetime:
    """Around midnight UTC, and around the changes of daylight saving time in the portal's zone."""
    moments = [datetime.datetime(2024, 9, 1, 0, 30, tzinfo=UTC), datetime.datetime(2024, 9, 1, 4, 0, tzinfo=UTC),
               datetime.datetime(2024, 3, 10, 6, 59, tzinfo=UTC), datetime.datetime(2024, 11, 3, 5, 30, tzinfo=UTC),
               datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)]
    return moments[i % len(moments)]


DAYS = [datetime.date(5, 6, 7), datetime.date(1900, 1, 1), datetime.date(2024, 2, 29),
        datetime.date(9999, 12, 31), None]


def _day(i: int):
    return DAYS[i % len(DAYS)]


@pytest.fixture
def messy_record(agency, district, officer):
    other_source = Source.objects.create(
        name=_odd(0), slug="odd-source", publisher=_odd(1), url="https://example.org/?a=1&b=é",
        files=_odd(3), licence=_odd(2), citation=_odd(9), retrieved_on=datetime.date(5, 6, 7),
        data_current_through=None, is_this_board=False, coverage=_odd(10), exclusions="",
        caution=_odd(4))
    board = source_this_board()
    second = Agency.objects.create(name=_odd(0), slug="odd-pd", city=_odd(3), state="")
    odd_district = District.objects.create(agency=second, code="-7", name=_odd(1))
    unit = Command.objects.create(agency=second, code="=U1", name="")
    Command.objects.create(agency=agency, code="A 1", name=_odd(0))
    odd_category = AllegationCategory.objects.create(
        code="odd-category", name=_odd(0), family="force", description=_odd(1),
        eight_cant_wait="", is_prohibited_restraint=True, uses_force_level=False)
    officers = [officer]
    for i in range(6):
        officers.append(Officer.objects.create(
            agency=second if i % 2 else agency, first_name=_odd(i), last_name=_odd(i + 1) or "Doe",
            badge_number=_odd(i + 2, 30), rank=_odd(i + 3), district=[None, odd_district, district][i % 3],
            middle_name=_odd(i + 4), suffix="Jr." if i % 2 else "", command=[None, unit][i % 2],
            race=_odd(i + 5), gender="", birth_year=[None, 1970, 0][i % 3], is_active=[None, True, False][i % 3],
            appointed_on=_day(i), separated_on=_day(i + 1), source=[None, other_source, board][i % 3],
            source_row=_odd(i + 6), allegation_total=i, sustained_total=i // 2))
    for i, person in enumerate(officers):
        OfficerIdentifier.objects.create(officer=person, kind="badge", value=_odd(i) or "0",
                                         source=[None, other_source][i % 2], valid_from=_day(i),
                                         valid_to=_day(i + 2))
        OfficerAlias.objects.create(officer=person, first_name=_odd(i + 1), last_name=_odd(i) or "X",
                                    source=[other_source, None][i % 2])
        Assignment.objects.create(officer=person, command=[None, unit][i % 2],
                                  district=[odd_district, None, district][i % 3], rank=_odd(i),
                                  started_on=_day(i), ended_on=_day(i + 3), source=[None, board][i % 2],
                                  source_row=_odd(i + 1))
    cases = []
    for i in range(8):
        cases.append(PublicCase.objects.create(
            agency=[agency, second][i % 2], district=[None, odd_district, district][i % 3],
            received_on=_day(i), incident_on=_day(i + 1), closed_on=_day(i + 2),
            received_on_precision=["", "month", "year"][i % 3], incident_on_precision="",
            status=["closed", "received", "not-a-status"][i % 3], public_summary=_odd(i),
            published_at=[None, _moment(i)][i % 2 or 1] if i != 3 else None,
            source=[board, other_source][i % 2], source_row=_odd(i + 2)))
        PublicCaseEvent.objects.create(case=cases[-1], status="received", happened_at=_moment(i))
    ComplaintsReceived.objects.create(month=datetime.date(2024, 9, 1), agency=agency, district=None, count=0)
    ComplaintsReceived.objects.create(month=datetime.date(5, 6, 1), agency=second, district=odd_district,
                                      count=17)
    categories = [category("physical-force"), category("discourtesy"), odd_category]
    for i in range(12):
        PublicAllegation.objects.create(
            case=cases[i % len(cases)], officer=[None, *officers][i % (len(officers) + 1)],
            category=categories[i % 3], force_level=[None, 3, 9][i % 3], prohibited_restraint=bool(i % 2),
            recommended_finding=["", "sustained"][i % 2], finding=["", "sustained", "odd finding"][i % 3],
            discipline_recommended=["", "suspension"][i % 2], discipline_imposed=["", "training", "x"][i % 3],
            suspension_days=[None, 0, 30][i % 3], discipline_reason=_odd(i), rank_at_incident=_odd(i + 1),
            command_at_incident=[None, unit][i % 2], category_raw=_odd(i + 2), finding_raw=_odd(i + 3),
            recommended_finding_raw=_odd(i + 4), discipline_raw=_odd(i + 5), vocabulary_version=_odd(i + 6, 40),
            source=[None, board, other_source][i % 3], source_row=_odd(i + 7))
    allegation_case_dates_refresh()  # as every path that writes allegations does
    for i in range(3):
        DecertificationReferral.objects.create(
            officer=officers[i], case=[None, cases[1]][i % 2], referred_on=_day(i) or datetime.date(2020, 1, 1),
            reason=_odd(i) or "reason", status=["referred", "odd"][i % 2], certifying_body=_odd(i + 1),
            acknowledged_on=_day(i + 1), decided_on=None)
    for i in range(4):
        settlement = Settlement.objects.create(
            agency=[agency, second][i % 2], incident_on=_day(i), incident_on_precision=["", "year"][i % 2],
            filed_on=_day(i + 1), closed_on=_day(i + 2), closed_on_precision="month", year=[None, 2020][i % 2],
            amount_awarded_cents=[None, 10**12][i % 2], other_expenses_cents=[None, 5][i % 2],
            total_incurred_cents=[None, 0, -3, None][i], court=_odd(i), docket_number=_odd(i + 1),
            claim_number="", defendants=_odd(i + 2), allegations_summary=_odd(i + 3), outcome=_odd(i + 4),
            source=[board, other_source][i % 2], source_row=_odd(i + 5))
        SettlementOfficer.objects.create(settlement=settlement, officer=[None, officers[i]][i % 2],
                                         name_as_published=_odd(i) or "PO Doe", badge=_odd(i + 1, 30),
                                         match=["", "no_badge", "odd"][i % 3], source=board)
    kind = ContentType.objects.get_for_model(PublicAllegation)
    for i in range(3):
        Correction.objects.create(content_type=kind, object_id=str(i), corrected_at=_moment(i),
                                  changes={"finding": [_odd(i), None], "n": [1, 2.5], "nested": {"é": [True]}},
                                  note=_odd(i + 1), evidence=_odd(i + 2), officer=[None, officer][i % 2],
                                  case=[cases[0], None][i % 2], revision=i + 1)
    _policy_rows(second, cases)


def _policy_rows(agency, cases) -> None:
    recommendations = []
    for i in range(3):
        recommendation = Recommendation.objects.create(
            number=f"R-{i}", title=_odd(i) or "Title", area="use_of_force", problem=_odd(i + 1),
            evidence=_odd(i + 2), recommendation=_odd(i + 3), state=["published", "published", "draft"][i],
            votes_for=[None, 5][i % 2], adopted_on=_day(i), published_on=_day(i + 1))
        recommendation.related_cases.set(cases[:i])
        recommendations.append(recommendation)
        ImplementationUpdate.objects.create(recommendation=recommendation, status="in_progress",
                                            on=_day(i) or datetime.date(2024, 1, 1), evidence=_odd(i),
                                            evidence_url="")
    DepartmentResponse.objects.create(recommendation=recommendations[1], state="accepted",
                                      due_on=datetime.date(2024, 1, 1), responded_on=None, summary=_odd(1))
    measure = PolicyMeasure.objects.create(code="odd-measure", name=_odd(0), eight_cant_wait="")
    standing = PolicyStanding.objects.create(agency=agency, measure=measure, adoption="partly",
                                             policy_text=_odd(1), as_of=_day(0), continuum_levels=None,
                                             updated_at=_moment(0))
    standing.recommendations.set(recommendations[:2])
    PolicyStandingRevision.objects.create(standing=standing, changed_at=_moment(1), adoption="partly",
                                          policy_text=_odd(2), recommendation_numbers=["R-0", "é"],
                                          note=_odd(3))
    meeting = Meeting.objects.create(title=_odd(0) or "Meeting", starts_at=_moment(2), ends_at=None,
                                     place=_odd(1), agenda=_odd(2), minutes=_odd(3), state="minutes_published")
    for i in range(2):
        MeetingVote.objects.create(meeting=meeting, motion=_odd(i) or "Motion", votes_for=i, votes_against=0,
                                   outcome="passed", recommendation=[None, recommendations[0]][i])


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    """Chunks, ranges and file blocks far smaller than a table, so that every boundary is crossed."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    monkeypatch.setattr(exports_copy, "RANGE", 4)
    monkeypatch.setattr(exports._HashedFile, "BLOCK", 40)
    monkeypatch.setattr(exports_copy._JsonArray, "BLOCK", 40)


def _serializer_json(table) -> str:
    """The JSON download as the serializer wrote it, one object at a time."""
    text = "["
    for i, row in enumerate(serialized_rows(table)):
        text += ("," if i else "") + "\n" + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
    return text + "\n]\n"


def _csv(chunks) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(chunks))))


def test_the_messy_record_fills_every_public_table(messy_record):
    for table in PUBLIC_TABLES.values():
        assert table.queryset().exists(), table.name


def test_the_big_tables_are_read_as_plain_values(messy_record):
    """The tables that grow with the record never fall back to the serializer row by row."""
    assert {name for name, table in PUBLIC_TABLES.items() if plain_columns(table) is not None} >= BIG_TABLES
    if connection.vendor == "postgresql":
        copied = {name for name, table in PUBLIC_TABLES.items() if exports_copy.copy_columns(table)}
        assert copied >= BIG_TABLES


@pytest.mark.parametrize("name", sorted(PUBLIC_TABLES))
def test_plain_rows_are_the_serializers_rows(messy_record, name):
    table = PUBLIC_TABLES[name]
    assert [list(row.items()) for row in exports._rows(table)] == \
        [list(row.items()) for row in serialized_rows(table)]


@pytest.mark.parametrize("name", sorted(PUBLIC_TABLES))
def test_json_download_is_the_serializers_json_byte_for_byte(messy_record, name):
    table = PUBLIC_TABLES[name]
    assert "".join(json_chunks(table)) == _serializer_json(table)


@pytest.mark.parametrize("name", sorted(PUBLIC_TABLES))
def test_csv_download_says_what_the_serializer_says(messy_record, name):
    table = PUBLIC_TABLES[name]
    assert _csv(csv_lines(table)) == _csv(csv_lines(table, table.queryset()))


def test_snapshot_files_are_the_downloads_and_the_serializers_json(messy_record, settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    snapshot_build(covers=datetime.date(2026, 11, 30))
    folder = tmp_path / "2026-11-30"
    for name, table in PUBLIC_TABLES.items():
        assert (folder / f"{name}.json").read_text(encoding="utf-8") == _serializer_json(table), name
        assert (folder / f"{name}.csv").read_bytes() == "".join(csv_lines(table)).encode(), name


def test_an_empty_table_is_an_empty_array_in_the_snapshot(db, settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path
    snapshot_build(covers=datetime.date(2026, 11, 30))
    assert (tmp_path / "2026-11-30" / "allegations.json").read_text() == "[\n]\n"
    assert "".join(json_chunks(PUBLIC_TABLES["allegations"])) == "[\n]\n"
