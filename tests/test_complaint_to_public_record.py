"""One complaint from Rita's browser to the public record, through Django's test client."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from complaints.models import Complaint
from misconduct_records.models import PublicAllegation
from portal.models import AuditEvent, OutboxMessage
from portal.roles import Role
from portal.services.audit import audit_verify_chain
from review_board.models import Case
from tests.complaints.filing import file_complaint
from tests.factories import UserFactory
from tests.slice import RITA, TRACKING_RE, assert_no_private_values

pytestmark = pytest.mark.django_db


def _status(client, path):
    return client.get(path).content.decode()


def test_complaint_travels_to_the_officers_public_page(
    journalist, client_for, district, officer, intake_officer, investigator, board_chair,
    django_capture_on_commit_callbacks,
):
    resident = journalist  # Rita has no account either
    with django_capture_on_commit_callbacks(execute=True):
        response = file_complaint(resident, {**RITA, "district": district.pk})
    page = response.content.decode()
    assert response.status_code == 200
    tracking_number = TRACKING_RE.search(page).group(0)
    complaint = Complaint.objects.get(tracking_number=tracking_number)
    code = response.context["status_code"]

    # The receipt went through the outbox and the (eager) task.
    receipt = OutboxMessage.objects.get(kind="complaint_receipt")
    assert receipt.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1 and tracking_number in mail.outbox[0].subject
    link = re.search(r"http://testserver(/complaints/status/link/\S+/)", mail.outbox[0].body).group(1)
    assert code not in mail.outbox[0].body and code not in link
    opened = resident.get(link)  # single use: exchanged for a session, then an address without secrets
    assert opened.status_code == 302 and opened["Location"] == reverse("complaints:status")
    status_path = reverse("complaints:status")
    assert "Received" in _status(resident, status_path)

    ines = client_for(intake_officer)
    assert tracking_number in ines.get(reverse("board:dashboard")).content.decode()
    detail = ines.get(reverse("board:complaint_detail", args=[tracking_number]))
    assert RITA["contact_name"] in detail.content.decode()
    assert AuditEvent.objects.filter(action="complaint.view_identity").count() == 1

    response = ines.post(reverse("board:case_open", args=[tracking_number]))
    case = Case.objects.get(complaint=complaint)
    assert response.url == reverse("board:case_detail", args=[case.number])
    assert "Under review" in _status(resident, status_path)

    ines.post(reverse("board:allegation_create", args=[case.number]), {
        "category": _category_pk("physical-force"), "badge_number": officer.badge_number,
        "force_level": "3",
    })
    allegation = case.allegations.get()
    assert allegation.officer == officer

    def move(client, to):
        client.post(reverse("board:case_move", args=[case.number]), {"to": to})
        case.refresh_from_db()
        assert case.state == to

    move(ines, "preliminary_review")
    move(ines, "investigation")
    assert "Under investigation" in _status(resident, status_path)
    ivan = client_for(investigator)
    ivan.post(reverse("board:report_update", args=[case.number]),
              {"facts": "The footage shows the push against the car."})
    ivan.post(reverse("board:allegation_recommendation", args=[case.number, allegation.pk]),
              {f"r{allegation.pk}-finding": "sustained",
               f"r{allegation.pk}-reasoning": "The footage matches the complaint."})
    move(ivan, "board_review")
    assert "At the board" in _status(resident, status_path)

    carmen = client_for(board_chair)
    members = [UserFactory(username=name, roles=[Role.BOARD_MEMBER]) for name in ("bea", "bo", "bix")]
    carmen.post(reverse("board:panel_create", args=[case.number]),
                {"members": [m.pk for m in members]})
    for member in members:
        seat = client_for(member)
        seat.post(reverse("board:panel_conflict", args=[case.number]), {"conflict-has_conflict": "no"})
        seat.post(reverse("board:panel_vote", args=[case.number, allegation.pk]), {
            f"v{allegation.pk}-finding": "sustained", f"v{allegation.pk}-discipline": "suspension",
            f"v{allegation.pk}-suspension_days": "3"})
    assert AuditEvent.objects.filter(action="panel.vote").count() == 3
    move(carmen, "decided")
    assert "Decided" in _status(resident, status_path)

    ines.post(reverse("board:case_summary", args=[case.number]),
              {"public_summary": "An officer used force during a stop on Warren Street."})
    move(ines, "closed")
    status_page = _status(resident, status_path)
    assert "Closed" in status_page and "Warren Street" in status_page

    public = journalist.get(reverse("records:officer_detail", args=[officer.public_id]))
    html = public.content.decode()
    assert "Physical force" in html and "Sustained" in html and "Suspension" in html
    assert "Oct. 2, 2026" in html
    assert_no_private_values(html)
    assert tracking_number not in html
    assert PublicAllegation.objects.get().finding == "sustained"

    # Rita was told of each change of public status, the last one with the outcome.
    updates = OutboxMessage.objects.filter(kind="complaint_status").order_by("id")
    assert [m.subject.split(": ")[-1] for m in updates] == [
        "Under review", "Under investigation", "At the board", "Decided", "Closed"]
    assert "Warren Street" in updates.last().body

    assert audit_verify_chain() is None
    assert AuditEvent.objects.filter(action="case.transition").count() == 5


def _category_pk(code):
    from misconduct_records.models import AllegationCategory

    return AllegationCategory.objects.get(code=code).pk
