"""The synthetic data generator used by the benchmarks makes a coherent record, and removes it."""

import io

import pytest
from django.core.management import call_command

from misconduct_records.models import Officer, PublicAllegation, Source

pytestmark = pytest.mark.django_db


def test_generator_fills_a_coherent_record_and_deletes_it():
    call_command("generate_public_record", officers=40, allegations=300, long_history=120,
                 stdout=io.StringIO())
    officers = Officer.objects.filter(source__slug="synthetic")
    assert officers.count() == 40
    assert PublicAllegation.objects.filter(source__slug="synthetic").count() == 300
    assert officers.order_by("-allegation_total").first().allegation_total >= 120
    assert sum(officers.values_list("allegation_total", flat=True)) == 300
    assert not PublicAllegation.objects.filter(rank_at_incident="").exists()
    call_command("generate_public_record", delete=True, stdout=io.StringIO())
    assert not Source.objects.filter(slug="synthetic").exists()
    assert not Officer.objects.filter(agency__slug="synthetic-pd").exists()
