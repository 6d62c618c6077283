"""One name search for the whole site: Jo on /officers/, a script on the API and Ana in the
complaint form all find Brian Álvarez and Sean O'Brien however they type them."""

import pytest
from django.db import connection

from misconduct_records.models import Officer
from misconduct_records.names import name_normalise
from misconduct_records.selectors import officer_search
from misconduct_records.services import correction_record, officer_search_names_refresh
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db
POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def officers(agency, district):
    return {
        "alvarez": OfficerFactory(agency=agency, district=district, first_name="Brian",
                                  last_name="Álvarez", badge_number="10442"),
        "obrien": OfficerFactory(agency=agency, district=district, first_name="Sean",
                                 last_name="O'Brien", badge_number="10443"),
        "brown": OfficerFactory(agency=agency, district=district, first_name="Brianna",
                                last_name="Brown", badge_number="10444"),
    }


def _found(query: str) -> list[str]:
    return [o.last_name for o in officer_search(query=query)]


@pytest.mark.parametrize("typed, normal", [
    ("Álvarez, Brian", "alvarez brian"), ("O'Brien", "obrien"), ("O’BRIEN", "obrien"),
    ("Jean-Louis", "jean louis"), ("  Müller  ", "muller"), ("St. John", "st john"), ("", ""),
])
def test_names_meet_in_one_normal_form(typed, normal):
    assert name_normalise(typed) == normal


@pytest.mark.parametrize("query", ["Alvarez, Brian", "Brian Alvarez", "álvarez", "ALVAREZ",
                                   "brian álvarez"])
def test_name_in_any_order_with_or_without_accents(officers, query):
    assert _found(query)[0] == "Álvarez"
    assert "O'Brien" not in _found(query)


@pytest.mark.parametrize("query", ["O'Brien", "Obrien", "obrien sean", "O’Brien"])
def test_punctuation_does_not_matter(officers, query):
    assert _found(query) == ["O'Brien"]


def test_badge_number_finds_its_officer(officers):
    assert _found("10443") == ["O'Brien"]


@pytest.mark.skipif(not POSTGRESQL, reason="typo tolerance is trigram similarity, PostgreSQL's")
@pytest.mark.parametrize("query", ["Alvares", "Brain Alvarez", "Alvarex"])
def test_small_typos_still_find_the_officer(officers, query):
    assert _found(query)[0] == "Álvarez"


@pytest.mark.skipif(not POSTGRESQL, reason="the trigram index exists on PostgreSQL only")
def test_the_search_is_one_query_that_can_use_the_trigram_index(officers):
    sql = str(officer_search(query="Alvarez Brian").query)
    assert sql.count("%>") == 2 and "search_name" in sql
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'officer_search_name_trgm'")
        assert "gin_trgm_ops" in cursor.fetchone()[0]


def test_the_officers_page_and_the_api_use_the_same_search(journalist, officers):
    page = journalist.get("/officers/", {"q": "Alvarez, Brian"})
    assert [o.last_name for o in page.context["page"]][0] == "Álvarez"
    api = journalist.get("/api/v1/officers/", {"q": "obrien"}).json()
    assert [o["last_name"] for o in api["results"]] == ["O'Brien"]


def test_search_names_follow_corrections_and_bulk_writes(officers, records_editor):
    officer = officers["obrien"]
    correction_record(instance=officer, changes={"last_name": "Ó Briain"}, note="Spelling",
                      actor=records_editor)
    assert Officer.objects.get(pk=officer.pk).search_name == "sean o briain"
    Officer.objects.filter(pk=officer.pk).update(first_name="Seán", search_name="")
    assert officer_search_names_refresh() == 1
    assert Officer.objects.get(pk=officer.pk).search_name == "sean o briain"
    assert officer_search_names_refresh() == 0


def test_an_import_and_the_generator_fill_the_search_names(tmp_path):
    import io

    from django.core.management import call_command

    from tests.misconduct_records.import_helpers import lay_out, run_import, seed_categories

    seed_categories()
    lay_out(tmp_path, "cpdp-chicago-complaints", compress=True)
    run_import("cpdp-chicago", tmp_path)
    named = Officer.objects.exclude(first_name="", last_name="")
    assert named.exists() and not named.filter(search_name="").exists()
    roe = Officer.objects.get(last_name="ROE")
    assert roe.search_name.endswith("roe") and roe.search_name == roe.search_name.lower()
    call_command("generate_public_record", officers=30, allegations=10, stdout=io.StringIO())
    assert not named.filter(search_name="").exists()
