"""The use-of-force policy tracker: Eli records where a department's policy stands; every
change keeps the version before it, and Jo reads both."""

import datetime

import pytest
from django.urls import reverse

from policy import services
from policy.models import PolicyMeasure, PolicyStanding
from policy.vocabulary import Adoption
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db


def _measure(code):
    return PolicyMeasure.objects.get(code=code)


def test_the_eight_measures_and_the_city_measure_are_seeded():
    measures = list(PolicyMeasure.objects.all())
    assert len(measures) == 9
    assert sum(1 for m in measures if m.eight_cant_wait) == 8
    assert measures[-1].code == "knee-holds" and not measures[-1].eight_cant_wait
    assert [m.code for m in measures if m.counts_levels] == ["force-continuum"]


def test_every_change_keeps_its_history(agency, records_editor, published, journalist):
    continuum = _measure("force-continuum")
    services.standing_update(agency=agency, measure=continuum, actor=records_editor,
                             adoption=Adoption.PARTLY, continuum_levels=4,
                             as_of=datetime.date(2025, 1, 10), note="Four levels only.")
    services.standing_update(agency=agency, measure=continuum, actor=records_editor,
                             adoption=Adoption.ADOPTED, continuum_levels=6,
                             policy_url="https://police.example.org/rule-304",
                             as_of=datetime.date(2026, 6, 1), recommendations=[published],
                             note="Rule 304 revised.")
    standing = PolicyStanding.objects.get()
    assert (standing.adoption, standing.continuum_levels) == (Adoption.ADOPTED, 6)
    assert [(r.adoption, r.continuum_levels, r.recommendation_numbers)
            for r in standing.revisions.all()] == [
        (Adoption.ADOPTED, 6, [published.number]), (Adoption.PARTLY, 4, [])]
    edit = AuditEvent.objects.filter(action="tracker.edit").last()
    assert edit.data["adoption"] == {"old": Adoption.PARTLY, "new": Adoption.ADOPTED}
    assert edit.actor == records_editor

    history = journalist.get(reverse("policy:tracker_history", args=[agency.slug])).content.decode()
    assert "Four levels only." in history and "Rule 304 revised." in history
    tracker = journalist.get(reverse("policy:tracker")).content.decode()
    assert "6 levels" in tracker and published.number in tracker
    detail = journalist.get(reverse("policy:recommendation_detail", args=[published.number]))
    assert "Require use-of-force continuum" in detail.content.decode()


def test_levels_belong_to_the_continuum_only(agency, records_editor):
    standing = services.standing_update(agency=agency, measure=_measure("chokeholds"),
                                        actor=records_editor, adoption=Adoption.ADOPTED,
                                        continuum_levels=6)
    assert standing.continuum_levels is None


def test_editor_updates_the_tracker_through_the_page(agency, records_editor, client_for):
    url = reverse("policy_staff:standing_edit", args=[agency.slug, "knee-holds"])
    response = client_for(records_editor).post(url, {
        "adoption": Adoption.NOT_ADOPTED, "policy_text": "Rule 304 is silent on knee holds.",
        "note": "First review."})
    assert response.status_code == 302
    assert PolicyStanding.objects.get().policy_text == "Rule 304 is silent on knee holds."
