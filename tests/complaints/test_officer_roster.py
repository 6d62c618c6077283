"""Ana names the officer: from his public profile, or by searching the roster on the officers
step (a round trip to the server, no JavaScript)."""

import pytest

from complaints.drafts import draft_get
from complaints.models import InvolvedOfficer
from tests.complaints.filing import start_draft, step_url
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db

STORY = {"filer_role": "affected", "narrative": "He pushed me and took my phone."}


@pytest.fixture
def alvarez(agency, district):
    return OfficerFactory(agency=agency, district=district, first_name="Brian", last_name="Álvarez",
                          badge_number="10442", rank="Sergeant")


def _officer_rows(token):
    return draft_get(token=token).data["officers"]["officers"]


def test_the_profile_link_carries_the_officer_into_the_form(journalist, alvarez):
    page = journalist.get("/complaints/new/", {"officer": alvarez.public_id}).content.decode()
    assert "You are filing a complaint about Sergeant Brian Álvarez (badge 10442)" in page
    assert f'name="officer" value="{alvarez.public_id}"' in page
    _response, token = start_draft(journalist, {**STORY, "officer": alvarez.public_id})
    assert _officer_rows(token) == [{"name": "Brian Álvarez", "badge_number": "10442",
                                     "rank": "Sergeant", "vehicle": "", "description": "",
                                     "roster_id": alvarez.public_id}]
    step = journalist.get(step_url(token, "officers")).content.decode()
    assert 'value="Brian Álvarez"' in step and "Chosen from the public roster." in step
    journalist.post(step_url(token, "review"), {"action": "next"})
    [officer] = InvolvedOfficer.objects.all()
    assert (officer.name, officer.badge_number, officer.roster_id) == ("Brian Álvarez", "10442",
                                                                       alvarez.public_id)


def test_an_unknown_officer_id_is_ignored(journalist):
    assert "You are filing a complaint about" not in journalist.get(
        "/complaints/new/", {"officer": "nope"}).content.decode()
    _response, token = start_draft(journalist, {**STORY, "officer": "nope"})
    assert "officers" not in draft_get(token=token).data


def _rows(rows):
    data = {"officers-TOTAL_FORMS": str(len(rows)), "officers-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"officers-{i}-{k}": v for k, v in row.items()})
    return data


def test_search_the_roster_by_name_and_choose_the_officer(journalist, alvarez, agency):
    OfficerFactory(agency=agency, first_name="Sean", last_name="O'Brien", badge_number="10443")
    _response, token = start_draft(journalist, STORY)
    found = journalist.post(step_url(token, "officers"), {
        **_rows([{"description": "tall, moustache"}]), "roster_query": "Alvarez, Brian",
        "action": "find-officer"})
    assert found.status_code == 200
    assert [o.last_name for o in found.context["roster_results"]] == ["Álvarez"]
    assert _officer_rows(token)[0]["description"] == "tall, moustache"  # kept while searching
    assert "tall, moustache" in found.content.decode()

    picked = journalist.post(step_url(token, "officers"), {
        **_rows([{"description": "tall, moustache"}]), "action": f"pick-officer-{alvarez.public_id}"})
    assert picked.status_code == 302 and picked["Location"].endswith("#officers-1")
    rows = _officer_rows(token)
    assert rows[0]["description"] == "tall, moustache" and rows[1]["roster_id"] == alvarez.public_id


def test_search_by_badge_and_nothing_found(journalist, alvarez):
    _response, token = start_draft(journalist, STORY)
    by_badge = journalist.post(step_url(token, "officers"), {
        **_rows([{}]), "roster_query": "10442", "action": "find-officer"})
    assert [o.badge_number for o in by_badge.context["roster_results"]] == ["10442"]
    nothing = journalist.post(step_url(token, "officers"), {
        **_rows([{}]), "roster_query": "Zzyzx", "action": "find-officer"})
    assert "No officer in the roster matches" in nothing.content.decode()
    picked = journalist.post(step_url(token, "officers"), {
        **_rows([{}]), "action": f"pick-officer-{alvarez.public_id}"})
    assert picked["Location"].endswith("#officers-0")  # the empty row is used
