"""The board dashboard: my cases, the queue, ages, deadlines, caseload, early intervention, export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from review_board.deadlines import case_deadlines_store
from review_board.models import Case
from review_board.services import allegation_add, case_assign, case_open_from_complaint
from review_board.workflow import case_transition
from tests.factories import category
from tests.slice import RITA, assert_no_private_values

pytestmark = pytest.mark.django_db


def test_dashboard_shows_my_cases_queue_ages_and_deadlines(case, intake_officer, investigator,
                                                           supervisor, client_for):
    case_assign(case=case, actor=intake_officer, investigator=investigator, supervisor=supervisor)
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - datetime.timedelta(days=200))
    case_deadlines_store(Case.objects.get(pk=case.pk))  # set-up went round the services
    page = client_for(investigator).get(reverse("board:dashboard"))
    context = page.context
    assert [c.number for c in context["my_cases"]] == [case.number]
    assert context["by_state"][0]["counts"][-1] == 1  # in the 180+ days bucket
    assert any(item.kind == "overdue_notice" for item in context["due"])
    assert context["caseload"][0]["open_cases"] == 1
    assert context["flags"] is None  # early intervention is for supervisors
    assert_no_private_values(page.content.decode())


def test_unassigned_cases_wait_in_the_queue(case, client_for, intake_officer):
    page = client_for(intake_officer).get(reverse("board:dashboard"))
    assert [c.number for c in page.context["unassigned"]] == [case.number]


def test_early_intervention_flags_are_shown_to_supervisors(filed, officer, district, intake_officer,
                                                           supervisor, client_for):
    from complaints.services import complaint_submit

    for n in range(3):
        complaint = filed.complaint if n == 0 else complaint_submit(
            narrative="Again.", filer_role="witness", language="en",
            agency_id=district.agency_id, district=district).complaint
        case = case_open_from_complaint(complaint=complaint, actor=intake_officer)
        allegation_add(case=case, actor=intake_officer, officer=officer,
                       category=category("discourtesy"))
    flags = client_for(supervisor).get(reverse("board:dashboard")).context["flags"]
    assert [(f["officer"], f["recent_cases"], f["sustained_force"]) for f in flags] == [(officer, 3, False)]


def test_a_sustained_force_allegation_flags_the_officer(decided, supervisor, client_for, officer):
    flags = client_for(supervisor).get(reverse("board:dashboard")).context["flags"]
    assert flags[0]["officer"] == officer and flags[0]["sustained_force"]
    assert flags[0]["recent_cases"] == 1


def test_csv_export_is_streamed_audited_and_holds_no_identity(case, intake_officer, client_for):
    response = client_for(intake_officer).get(reverse("board:case_export"))
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["case"] == case.number and rows[0]["allegations"] == "1"
    assert rows[0]["next_due"] in {"first_contact", "acknowledgement"}
    assert RITA["contact_name"] not in body and RITA["contact_email"] not in body
    assert AuditEvent.objects.filter(action="case.export").get().data == {"rows": 1}


def test_finished_cases_leave_the_list(case, intake_officer, client_for):
    case_transition(case=case, to="withdrawn", actor=intake_officer, reason="Complainant asked.")
    body = b"".join(client_for(intake_officer).get(reverse("board:case_export")).streaming_content)
    assert case.number.encode() not in body


def test_the_list_and_its_export_share_one_filter(case, filed, intake_officer, client_for, district):
    from review_board.services import case_open_own_motion

    own = case_open_own_motion(actor=intake_officer, agency_id=district.agency_id, district_id=None,
                               incident_on=None, origin_details="News report.")
    client = client_for(intake_officer)
    listed = client.get(reverse("board:dashboard"), {"origin": "own_motion"}).context["cases"]
    assert [c.number for c in listed] == [own.number]
    body = b"".join(client.get(reverse("board:case_export"), {"origin": "complaint"}).streaming_content)
    assert case.number.encode() in body and own.number.encode() not in body


def test_a_residents_withdrawal_request_waits_on_the_dashboard_until_staff_record_it(
        case, intake_officer, client_for):
    from complaints.models import WithdrawalRequest
    from complaints.services import complaint_request_withdrawal

    complaint_request_withdrawal(complaint=case.complaint, reason="We settled it.")
    ines = client_for(intake_officer)
    page = ines.get(reverse("board:dashboard")).content.decode()
    assert "Residents asking to withdraw" in page and case.complaint.tracking_number in page

    ines.post(reverse("board:case_move", args=[case.number]),
              {"to": "withdrawn", "reason": "The resident asked to withdraw."})
    case.refresh_from_db()
    assert case.state == "withdrawn"
    assert WithdrawalRequest.objects.get(complaint=case.complaint).handled_at is not None
    assert AuditEvent.objects.filter(action="complaint.withdrawal_handled").count() == 1
    assert "Residents asking to withdraw" not in ines.get(reverse("board:dashboard")).content.decode()
