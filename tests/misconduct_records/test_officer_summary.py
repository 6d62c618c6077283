"""The profile's summary box and department comparison count what the rows say, whatever mix of
findings, discipline and published raw values an officer's history holds."""

import itertools

import pytest
from django.db.models import Count, Q

from misconduct_records.models import Officer, PublicAllegation
from misconduct_records.selectors import officer_comparison, officer_summary
from misconduct_records.services import officer_counts_refresh
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
