"""The profile's summary box, families, sources and department comparison count what the rows
say, whatever mix of findings, discipline and published raw values an officer's history holds;
the profile reads only the optional lists an officer has."""

import datetime
import itertools

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from misconduct_records.models import (
    Officer,
    OfficerIdentifier,
    PublicAllegation,
    Source,
)
from misconduct_records.selectors import (
    OFFICER_PARTS,
    officer_by_family,
    officer_co_accused,
    officer_comparison,
    officer_kinds,
    officer_parts,
    officer_sources,
    officer_summary,
)
from misconduct_records.services import correction_record, officer_counts_refresh, source_this_board
from misconduct_records.settlements import Settlement, SettlementOfficer
from misconduct_records.vocabulary import Discipline, Finding
from tests.factories import OfficerFactory
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db

KINDS = list(itertools.product(
    ["", Finding.SUSTAINED, Finding.NOT_SUSTAINED, Finding.EXONERATED],
    ["", Discipline.SUSPENSION, Discipline.WRITTEN_REPRIMAND],
    ["", Discipline.SUSPENSION, Discipline.WRITTEN_REPRIMAND],
    ["", "30 days"], ["", "Reprimand"]))


def _expected(officer) -> dict:
    rows = list(PublicAllegation.objects.filter(officer=officer).values(
        "case_id", "finding", "discipline_recommended", "discipline_imposed", "discipline_raw",
        "discipline_recommended_raw"))
    expected = {"allegations": len(rows), "cases": len({r["case_id"] for r in rows}),
                "imposed_published": sum(1 for r in rows if r["discipline_imposed"] or r["discipline_raw"]),
                "recommended_published": sum(1 for r in rows if r["discipline_recommended"]
                                             or r["discipline_recommended_raw"]),
                "differs": sum(1 for r in rows if r["discipline_imposed"] and r["discipline_recommended"]
                               and r["discipline_imposed"] != r["discipline_recommended"])}
    for finding in Finding:
        expected[f"finding_{finding.value}"] = sum(1 for r in rows if r["finding"] == finding)
    for discipline in Discipline:
        expected[f"recommended_{discipline.value}"] = sum(1 for r in rows if r["discipline_recommended"] == discipline)
        expected[f"imposed_{discipline.value}"] = sum(1 for r in rows if r["discipline_imposed"] == discipline)
    return expected


def test_every_mix_of_findings_and_discipline_is_counted(officer):
    rows = add_history(officer, len(KINDS) * 2, sustained_every=0)
    for row, (finding, recommended, imposed, raw, recommended_raw) in zip(rows, KINDS * 2, strict=True):
        row.finding, row.discipline_recommended, row.discipline_imposed = finding, recommended, imposed
        row.discipline_raw, row.discipline_recommended_raw = raw, recommended_raw
    PublicAllegation.objects.bulk_update(rows, ["finding", "discipline_recommended", "discipline_imposed",
                                                "discipline_raw", "discipline_recommended_raw"])
    summary = officer_summary(officer=officer)
    assert {key: summary[key] for key in _expected(officer)} == _expected(officer)
    assert summary["sustained"] == summary[f"finding_{Finding.SUSTAINED.value}"] == len(KINDS) * 2 // 4
    assert [f for f, _ in summary["findings"]] == [f for f in Finding if summary[f"finding_{f.value}"]]
    assert summary["first_received"] <= summary["last_received"]


def test_an_officer_without_allegations_has_a_summary_of_zeros(officer):
    summary = officer_summary(officer=officer)
    assert summary["allegations"] == summary["cases"] == summary["differs"] == 0
    assert summary["findings"] == summary["discipline"] == []


def test_comparison_counts_the_agencys_officers_as_one_query_over_them_would(officer, settings):
    peers = [OfficerFactory(agency=officer.agency) for _ in range(6)]
    for count, peer in zip([0, 1, 1, 3, 5, 8], peers, strict=True):
        add_history(peer, count)
    add_history(officer, 3)
    OfficerFactory()  # another agency's officer never counts
    officer_counts_refresh(officer_ids=[p.pk for p in [officer, *peers]])
    settings.PUBLIC_FRAGMENT_CACHE = True  # as in production: the agency's counts kept per version
    for someone in [officer, *peers]:
        someone.refresh_from_db()
        reference = Officer.objects.filter(agency_id=someone.agency_id).aggregate(
            total=Count("id"), fewer=Count("id", filter=Q(allegation_total__lt=someone.allegation_total)),
            with_any=Count("id", filter=Q(allegation_total__gt=0)))
        comparison = officer_comparison(officer=someone)
        assert {k: comparison[k] for k in reference} == reference
        assert comparison["share_fewer"] == 100 * reference["fewer"] // reference["total"]


def test_families_and_sources_are_counted_from_the_kinds_as_their_own_queries_would(officer, imported_source,
                                                                                     settings):
    rows = add_history(officer, 9)
    PublicAllegation.objects.filter(pk__in=[r.pk for r in rows[:4]]).update(source=imported_source)
    for fragment_cache in (False, True):  # the small tables read alone, then kept per version
        settings.PUBLIC_FRAGMENT_CACHE = fragment_cache
        history = PublicAllegation.objects.filter(officer=officer)
        grouped = (history.values("category__family")
                   .annotate(total=Count("id"), sustained=Count("id", filter=Q(finding=Finding.SUSTAINED))))
        expected = sorted(grouped, key=lambda r: (-r["total"], r["category__family"]))
        families = officer_by_family(officer=officer)
        assert [{k: f[k] for k in ("category__family", "total", "sustained")} for f in families] == expected
        assert {f["family"] for f in families} == {"Force", "Discourtesy"}
        used = Source.objects.filter(Q(pk__in=history.values("source_id")) | Q(pk=officer.source_id))
        assert officer_sources(officer=officer) == sorted(used, key=lambda s: (s.name, s.pk))
        kinds = officer_kinds(officer=officer)
        assert sum(kind[-1] for kind in kinds) == 9
        assert officer_summary(officer=officer, kinds=kinds) == officer_summary(officer=officer)


def test_the_parts_an_officer_has_are_told_in_one_query(officer, unit, records_editor,
                                                        django_assert_num_queries):
    with django_assert_num_queries(1):
        assert officer_parts(officer=officer) == set()
    row = add_history(officer, 1)[0]
    officer.identifiers.create(kind=OfficerIdentifier.Kind.BADGE, value="1234")
    officer.aliases.create(last_name="Kowal")
    officer.assignments.create(command=unit, started_on=datetime.date(2015, 1, 1))
    officer.referrals.create(referred_on=datetime.date(2024, 5, 1), reason="Deadly force")
    correction_record(instance=row, changes={"finding": "exonerated"}, note="Minutes were wrong.",
                      actor=records_editor)
    settlement = Settlement.objects.create(agency=officer.agency, source=source_this_board(), year=2020)
    SettlementOfficer.objects.create(settlement=settlement, officer=officer, name_as_published="D. Kowalski",
                                     source=source_this_board())
    assert officer_parts(officer=officer) == set(OFFICER_PARTS)
    assert officer_parts(officer=OfficerFactory()) == set()


def test_a_profile_does_not_read_the_lists_the_officer_does_not_have(journalist, officer):
    add_history(officer, 3)
    with CaptureQueriesContext(connection) as queries:
        response = journalist.get(reverse("records:officer_detail", args=[officer.public_id]))
    assert response.status_code == 200
    read = " ".join(q["sql"] for q in queries if not q["sql"].startswith("SELECT EXISTS"))
    for model in OFFICER_PARTS.values():
        assert f'FROM "{model._meta.db_table}"' not in read, model.__name__
    assert "No assignment history has been published for this officer." in response.content.decode()


def test_co_accused_carry_their_names_and_shared_cases_in_one_query(officer, django_assert_num_queries):
    rows = add_history(officer, 3)
    santos, walsh = OfficerFactory(last_name="Santos"), OfficerFactory(last_name="Walsh")
    for other, shared in ((santos, rows[:1]), (walsh, rows)):
        for row in shared:
            PublicAllegation.objects.create(case=row.case, officer=other, category=row.category,
                                            case_received_on=row.case_received_on,
                                            case_district_id=row.case_district_id)
    with django_assert_num_queries(1):
        others = officer_co_accused(officer=officer)
    assert [(o.public_id, o.full_name, o.shared_cases) for o in others] == [
        (walsh.public_id, walsh.full_name, 3), (santos.public_id, santos.full_name, 1)]
