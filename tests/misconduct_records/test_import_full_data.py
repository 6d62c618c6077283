"""The full published data sets: the import reproduces the publishers' own figures.

Runs where the published files sit in a shared/data folder beside the checkout; skipped
elsewhere. The Chicago import reads 667,000 rows (about 40 s on SQLite, 2 min on PostgreSQL)
and is marked 'slow' so that a CI pass may deselect it.
"""

from collections import Counter

import pytest
from django.db.models import Count

from misconduct_records.fatal_force import FatalForceIncident
from misconduct_records.models import Agency, ImportRun, Officer, PublicAllegation, PublicCase
from tests.misconduct_records.import_helpers import run_import, seed_categories, shared_data_dir

DATA = shared_data_dir()

pytestmark = pytest.mark.django_db

FINDINGS = {"NS": 113_388, "UN": 52_379, "NAF": 32_741, "SU": 21_427, "EX": 17_064, "": 7_378,
            "NC": 47, "DIS": 12}


@pytest.mark.slow
@pytest.mark.skipif(DATA is None or not (DATA / "cpdp-chicago-complaints").is_dir(),
                    reason="the published Chicago data is not beside this checkout")
def test_full_chicago_import_reproduces_the_source_figures():
    seed_categories()
    run_import("cpdp-chicago", DATA)

    assert Officer.objects.count() == 33_693
    assert PublicCase.objects.count() == 181_412
    assert PublicAllegation.objects.count() == 244_436
    raw = Counter(dict(PublicAllegation.objects.values("finding_raw").annotate(n=Count("id"))
                       .values_list("finding_raw", "n")))
    assert raw == Counter(FINDINGS)
    run = ImportRun.objects.get()
    assert run.rejected_rows == []
    assert run.counts["assignments"]["created"] == 106_874


@pytest.mark.skipif(DATA is None or not (DATA / "wapo-fatal-force-v2").is_dir(),
                    reason="the published fatal-force data is not beside this checkout")
def test_full_fatal_force_import_reproduces_the_source_figures():
    run_import("wapo-fatal-force", DATA)

    assert FatalForceIncident.objects.count() == 10_210
    assert Agency.objects.filter(source__slug="wapo-fatal-force").count() == 3_681
    # every agency id resolves; one incident (2024-06-10, Lewistown PA) names no agency at all
    assert FatalForceIncident.objects.filter(agencies__isnull=True).count() == 1
    assert FatalForceIncident.agencies.through.objects.count() == 11_033
    assert FatalForceIncident.objects.filter(race="").count() == 1_159
    assert FatalForceIncident.objects.filter(gender="").count() == 22
    assert ImportRun.objects.get().rejected_rows == []


SETTLEMENTS = "police-settlements-538"


def _published_settlements(folder) -> dict[str, tuple[int, int]]:
    """{city: (rows, amount awarded in cents)} read straight from the published files."""
    import csv
    import decimal

    figures = {}
    for path in sorted(folder.glob("*/final/*_edited.csv")):
        if path.name.endswith("_police_edited.csv"):
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        # a few amounts have fractions of a cent: stored rounded to the nearest cent
        cents = sum(int((decimal.Decimal(r["amount_awarded"]) * 100).quantize(1, decimal.ROUND_HALF_UP))
                    for r in rows if r["amount_awarded"])
        figures[rows[0]["city"]] = (len(rows), cents)
    return figures


@pytest.mark.skipif(DATA is None or not (DATA / SETTLEMENTS).is_dir(),
                    reason="the published settlements data is not beside this checkout")
def test_full_settlements_import_reproduces_the_files_counts_and_amounts():
    from django.db.models import Sum

    from misconduct_records.models import Settlement, SettlementOfficer

    run_import(SETTLEMENTS, DATA)

    published = _published_settlements(DATA / SETTLEMENTS)
    imported = {row["agency__city"]: (row["n"], row["cents"]) for row in Settlement.objects.values(
        "agency__city").annotate(n=Count("id"), cents=Sum("amount_awarded_cents"))}
    assert len(published) == 30 and imported == published
    assert Settlement.objects.count() == 6_438  # with the 121 officer-list rows: SOURCE.md's 6,559
    assert ImportRun.objects.get().rejected_rows == []
    # without the CPDP officers every star number in Chicago's matters is listed, none linked
    assert SettlementOfficer.objects.count() == 2_200
    assert not SettlementOfficer.objects.filter(officer__isnull=False).exists()
