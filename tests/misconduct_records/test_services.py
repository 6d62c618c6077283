"""Eli, the records editor, corrects the record; counts follow every change."""

import datetime

import pytest

from misconduct_records.models import AllegationCategory, Correction
from misconduct_records.services import (
    ERROR_NOT_CORRECTABLE,
    ERROR_NOTHING_CHANGED,
    PublishedAllegation,
    correction_record,
    officer_counts_refresh,
    public_case_register,
    record_publish,
)
from portal.models import AuditEvent
from tests.misconduct_records.conftest import add_history

pytestmark = pytest.mark.django_db


def test_a_correction_keeps_old_and_new_values_as_numbered_revisions(officer, records_editor):
    allegation = add_history(officer, 1, sustained_every=0)[0]
    first = correction_record(instance=allegation, changes={"finding": "sustained"},
                              note="Minutes misread.", actor=records_editor)
    second = correction_record(instance=allegation, changes={"discipline_imposed": "training"},
                               note="", actor=records_editor)
    assert first.changes == {"finding": ["not_sustained", "sustained"]}
    assert (first.revision, second.revision) == (1, 2)
    assert first.officer_id == officer.pk and first.case_id == allegation.case_id
    officer.refresh_from_db()
    assert officer.sustained_total == 1  # the count follows the corrected finding
    assert AuditEvent.objects.filter(action="record.correct").count() == 2


def test_a_correction_refuses_private_or_unknown_fields_and_no_ops(officer, records_editor):
    allegation = add_history(officer, 1)[0]
    with pytest.raises(ValueError, match=ERROR_NOT_CORRECTABLE.split("{")[0]):
        correction_record(instance=allegation, changes={"source_row": "x"}, note="",
                          actor=records_editor)
    with pytest.raises(ValueError, match=ERROR_NOTHING_CHANGED):
        correction_record(instance=allegation, changes={"finding": allegation.finding}, note="",
                          actor=records_editor)
    assert not Correction.objects.exists()


def test_a_correction_can_move_a_foreign_key(officer, unit, records_editor):
    allegation = add_history(officer, 1)[0]
    correction = correction_record(instance=allegation, changes={"command_at_incident": unit},
                                   note="", actor=records_editor)
    allegation.refresh_from_db()
    assert allegation.command_at_incident == unit
    assert correction.changes == {"command_at_incident": [None, unit.pk]}


def test_publishing_fixes_rank_and_command_at_the_incident_and_recounts(officer, unit, district):
    from misconduct_records.models import Assignment

    Assignment.objects.create(officer=officer, command=unit, rank="Detective",
                              started_on="2020-01-01", ended_on="2024-12-31")
    case = public_case_register(agency_id=officer.agency_id, district_id=district.pk,
                                received_on=datetime.date(2024, 6, 1))
    record_publish(public_case_id=case.pk, public_summary="", closed_on="2024-09-01",
                   incident_on="2024-05-30", allegations=[
                       PublishedAllegation(officer_id=officer.pk, category_code="discourtesy",
                                           finding="sustained", suspension_days=3,
                                           discipline_imposed="suspension",
                                           discipline_reason="Mitigating record.")])
    allegation = officer.allegations.get()
    assert (allegation.rank_at_incident, allegation.command_at_incident) == ("Detective", unit)
    assert allegation.suspension_days == 3 and allegation.discipline_reason == "Mitigating record."
    officer.refresh_from_db()
    assert (officer.allegation_total, officer.sustained_total) == (1, 1)


def test_counts_refresh_for_everyone_in_one_statement(officer, django_assert_num_queries):
    add_history(officer, 4)
    officer.__class__.objects.update(allegation_total=0, sustained_total=0)
    with django_assert_num_queries(1):
        officer_counts_refresh()
    officer.refresh_from_db()
    assert (officer.allegation_total, officer.sustained_total) == (4, 2)
    assert AllegationCategory.objects.exists()


def test_recount_command_repairs_stale_counts(officer):
    import io

    from django.core.management import call_command

    add_history(officer, 3)
    officer.__class__.objects.update(allegation_total=0)
    out = io.StringIO()
    call_command("public_record_recount", stdout=out)
    officer.refresh_from_db()
    assert officer.allegation_total == 3 and "officers recounted" in out.getvalue()
