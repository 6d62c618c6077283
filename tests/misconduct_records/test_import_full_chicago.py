"""The full Chicago data set: the import reproduces the publisher's own figures.

Runs where the published files sit in a shared/data folder beside the checkout; skipped
elsewhere. It imports 660,000 rows, so it runs on the SQLite pass only (see pyproject's
'slow' marker).
"""

from collections import Counter

import pytest
from django.db.models import Count

from misconduct_records.models import ImportRun, Officer, PublicAllegation, PublicCase
from tests.misconduct_records.import_helpers import run_import, seed_categories, shared_data_dir

DATA = shared_data_dir()

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(DATA is None or not (DATA / "cpdp-chicago-complaints").is_dir(),
                       reason="the published Chicago data is not beside this checkout"),
]

FINDINGS = {"NS": 113_388, "UN": 52_379, "NAF": 32_741, "SU": 21_427, "EX": 17_064, "": 7_378,
            "NC": 47, "DIS": 12}


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
