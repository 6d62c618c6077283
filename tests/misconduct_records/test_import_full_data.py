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
