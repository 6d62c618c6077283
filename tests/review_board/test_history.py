"""The case page shows the case's own history; Sofia (supervisor) searches the audit trail.

Ines works intake, Bea sits on the panel, Eli edits the public record: none of them may search.
"""

import pytest
from django.urls import reverse

from portal.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_state_changes_votes_and_identity_views(decided, supervisor,
                                                                     client_for):
    client = client_for(supervisor)
    client.get(reverse("board:complaint_detail", args=[decided.complaint.tracking_number]))
    page = client.get(reverse("board:case_detail", args=[decided.number]))
    history = [(e.label, e.detail) for e in page.context["history"]]
    labels = {label for label, _ in history}
    assert {"Case opened", "State changed", "Allegation added", "Panel formed", "Vote cast",
            "Identity viewed", "Investigator's report saved", "Finding recommended"} <= labels
    assert ("State changed", "Board review → Decided") in history
    assert ("Identity viewed", "complaint page") in history
    assert 'data-testid="case-history"' in page.content.decode()


@pytest.mark.parametrize("query", ["case", "tracking_number"])
def test_a_supervisor_finds_a_cases_trail_by_case_or_tracking_number(decided, supervisor,
                                                                     client_for, query):
    value = decided.number if query == "case" else decided.complaint.tracking_number.lower()
    response = client_for(supervisor).get(reverse("board:audit_search"), {query: value})
    assert response.status_code == 200
    actions = {e.action for e in response.context["entries"]}
    assert {"case.open", "case.transition", "panel.vote"} <= actions


def test_an_unknown_number_is_said_plainly(supervisor, client_for, db):
    response = client_for(supervisor).get(reverse("board:audit_search"), {"case": "1999-0001"})
    assert response.status_code == 400
    assert "No case has that number." in response.content.decode()


def test_a_complaint_without_a_case_has_its_own_trail(filed, supervisor, intake_officer, client_for):
    client_for(intake_officer).get(
        reverse("board:complaint_detail", args=[filed.complaint.tracking_number]))
    response = client_for(supervisor).get(reverse("board:audit_search"),
                                          {"tracking_number": filed.complaint.tracking_number})
    assert [e.action for e in response.context["entries"]] == ["complaint.view_identity"]


@pytest.mark.parametrize("role", [Role.INTAKE, Role.BOARD_MEMBER, Role.RECORDS_EDITOR,
                                  Role.INVESTIGATOR])
def test_only_supervisors_and_administrators_search_the_trail(role, client_for, db):
    user = UserFactory(username=f"u-{role}", roles=[role])
    assert client_for(user).get(reverse("board:audit_search")).status_code == 404


@pytest.mark.parametrize("role", list(Role))
def test_staff_who_are_not_administrators_get_404_from_the_admin_not_a_loop(role, client_for, db):
    user = UserFactory(username=f"a-{role}", roles=[role])
    response = client_for(user).get("/admin/", follow=True)
    assert response.status_code == 404
    assert len(response.redirect_chain) <= 1  # /admin/ -> /admin/login/ -> 404, no loop


def test_an_administrator_still_reaches_the_admin(client_for, db):
    admin = UserFactory(username="root", roles=[Role.ADMINISTRATOR], is_staff=True,
                        is_superuser=True)
    assert client_for(admin).get("/admin/").status_code == 200
