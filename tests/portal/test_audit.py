import pytest

from portal.models import AuditEvent
from portal.services.audit import audit_record, audit_verify_chain

pytestmark = pytest.mark.django_db


def test_intact_chain_verifies(intake_officer):
    for n in range(5):
        audit_record(actor=intake_officer, action="test.step", target=intake_officer,
                     data={"n": n})
    assert audit_verify_chain() is None
    events = list(AuditEvent.objects.order_by("id"))
    assert all(b.previous_hash == a.hash for a, b in zip(events, events[1:], strict=False))


def test_tampering_with_one_event_names_that_event(intake_officer):
    events = [audit_record(actor=intake_officer, action="test.step", target=intake_officer,
                           data={"n": n}) for n in range(4)]
    AuditEvent.objects.filter(pk=events[2].pk).update(data={"n": 99})
    broken = audit_verify_chain()
    assert broken is not None and broken.event_id == events[2].pk


def test_deleting_an_event_breaks_the_next_link(intake_officer):
    events = [audit_record(actor=intake_officer, action="test.step", target=intake_officer)
              for _ in range(3)]
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert audit_verify_chain().event_id == events[2].pk
