"""The audit chain after a whole case, the command that checks it, and an admin that cannot edit it."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.models import AuditEvent
from portal.services.audit import audit_verify_chain
from review_board.models import CaseState
from review_board.services import case_set_public_summary
from review_board.workflow import case_transition
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(decided, intake_officer):
    case_set_public_summary(case=decided, actor=intake_officer, public_summary="Force at a stop.")
    return case_transition(case=decided, to=CaseState.CLOSED, actor=intake_officer)


def test_a_full_case_leaves_an_intact_chain(closed, capsys):
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"case.open", "allegation.add", "case.transition", "panel.form", "panel.seat",
            "panel.no_conflict", "panel.vote", "case.public_summary"} <= actions
    assert audit_verify_chain() is None
    call_command("verify_audit_chain")
    assert "intact" in capsys.readouterr().out


def test_the_command_names_the_first_tampered_event(closed):
    vote = AuditEvent.objects.filter(action="panel.vote").order_by("id")[1]
    AuditEvent.objects.filter(pk=vote.pk).update(data={**vote.data, "finding": "exonerated"})
    with pytest.raises(CommandError, match=f"event {vote.pk}"):
        call_command("verify_audit_chain")


def test_the_admin_shows_audit_events_but_cannot_change_or_delete_them(closed, client_for):
    admin_user = UserFactory(username="ada", is_staff=True, is_superuser=True)
    client = client_for(admin_user)
    event = AuditEvent.objects.first()
    assert client.get(reverse("admin:portal_auditevent_changelist")).status_code == 200
    page = client.get(reverse("admin:portal_auditevent_change", args=[event.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(reverse("admin:portal_auditevent_delete", args=[event.pk]),
                       {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:portal_auditevent_add")).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_case_state_cannot_be_changed_in_the_admin(closed, client_for):
    admin_user = UserFactory(username="ada", is_staff=True, is_superuser=True)
    client = client_for(admin_user)
    url = reverse("admin:review_board_case_change", args=[closed.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"state": "investigation"})
    closed.refresh_from_db()
    assert closed.state == CaseState.CLOSED
