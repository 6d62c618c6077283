"""Eli, a records editor, corrects a public row from the staff screen (field, new value, reason,
evidence); the public corrections log shows it. Nobody else may open the screen."""

import pytest
from django.urls import reverse

from misconduct_records.models import Correction
from misconduct_records.vocabulary import Finding
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def allegation(officer):
    return add_history(officer, 1, sustained_every=1)[0]


def _url(allegation):
    return reverse("records:correction_new", args=["allegation", allegation.pk])


def test_records_editor_corrects_a_finding_and_the_log_shows_it(allegation, records_editor, client_for, client):
    editor = client_for(records_editor)
    assert editor.get(_url(allegation)).status_code == 200

    response = editor.post(_url(allegation), {
        "field": "finding", "new_value": "not_sustained",
        "reason": "The board's decision letter records not sustained.",
        "evidence": "Decision letter of 2024-09-02, file 2024-117"})

    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.finding == Finding.NOT_SUSTAINED
    correction = Correction.objects.get()
    assert correction.changes == {"finding": ["sustained", "not_sustained"]}
    assert correction.evidence == "Decision letter of 2024-09-02, file 2024-117"
    log = client.get(reverse("records:correction_list")).content.decode()
    assert "Decision letter of 2024-09-02" in log and "decision letter records not sustained" in log


@pytest.mark.parametrize(("field", "value", "message"), [
    ("finding", "guilty", "is not a valid choice"),
    ("category", "no-such-code", "No allegation category has the code"),
    ("suspension_days", "ten", "must be an integer"),
])
def test_a_value_the_field_cannot_hold_is_refused(allegation, records_editor, client_for, field, value, message):
    response = client_for(records_editor).post(_url(allegation), {
        "field": field, "new_value": value, "reason": "r", "evidence": "e"})

    assert response.status_code == 200 and message in response.content.decode()
    assert not Correction.objects.exists()


def test_a_category_is_corrected_by_its_code(allegation, records_editor, client_for):
    client_for(records_editor).post(_url(allegation), {
        "field": "category", "new_value": "physical-force", "reason": "r", "evidence": "e"})

    allegation.refresh_from_db()
    assert allegation.category.code == "physical-force"
    assert Correction.objects.get().changes["category"][1] == allegation.category_id


def test_only_records_editors_may_open_the_screen(allegation, intake_officer, board_member, client_for, client):
    for user in (intake_officer, board_member):
        assert client_for(user).get(_url(allegation)).status_code == 404
    assert client.get(_url(allegation)).status_code == 302  # to sign in
    assert client_for(intake_officer).post(_url(allegation), {
        "field": "finding", "new_value": "unfounded", "reason": "r", "evidence": "e"}).status_code == 404
    assert not Correction.objects.exists()
