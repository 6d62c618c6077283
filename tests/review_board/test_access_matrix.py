"""Every staff page and action against every role, built from the whole URL configuration.

The matrix walks the site's URL configuration: every view that declares an access rule (the
board's cases, the policy work, report management and moderation, record corrections, and any
added later) is tried by every role, so the matrix grows with every new staff URL. A view under
/board/ without a declared rule fails here. Allowed roles never get 404; everyone else gets 404
(the page does not admit it exists).
"""

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from complaints.evidence import private_storage
from complaints.models import Evidence
from portal.access import ANYONE, SIGNED_IN
from portal.roles import Role
from reports.models import Feedback, Report
from review_board.models import (
    CaseState,
    CertificationReferral,
    EvidenceItem,
    EvidenceKind,
    Panel,
    PanelSeat,
    ReferralStatus,
)
from tests.factories import OfficerFactory, UserFactory
from tests.policy.world import policy_records

pytestmark = pytest.mark.django_db

def _walk(resolver, prefix="", namespace=None):
    """(route, namespace, pattern) for every view of the site, Django's own admin aside."""
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":
                yield from _walk(entry, route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield route, namespace, entry


def _rule(pattern):
    view = pattern.callback
    return getattr(view, "allowed_roles", None) or getattr(view, "access_rule", None)


SITE = list(_walk(get_resolver()))
NAMESPACE = {pattern: namespace for _, namespace, pattern in SITE}
# Public pages that say so (open_to_anyone) are the crawl's business, except the board's own.
PATTERNS = [pattern for route, _, pattern in SITE
            if _rule(pattern) and (_rule(pattern) != ANYONE or "board/" in route)]


def _id(pattern) -> str:
    return f"{NAMESPACE[pattern]}:{pattern.name}"


def test_every_board_view_declares_who_may_use_it():
    undeclared = [p.name for route, _, p in SITE if "board/" in route and not _rule(p)]
    assert not undeclared, f"views without an access rule: {undeclared}"


def test_the_matrix_covers_the_staff_pages_outside_the_board():
    names = {_id(p) for p in PATTERNS}
    assert {"reports:report_manage", "reports:feedback_moderation", "records:correction_new",
            "board:dashboard"} <= names


@pytest.fixture
def world(decided, intake_officer):
    """A decided case with a file of evidence, and a panel on which the panel personas sit."""
    item = EvidenceItem.objects.create(
        case=decided, kind=EvidenceKind.UPLOAD, title="Scene photo", added_by=intake_officer,
        added_at=timezone.now(), file=ContentFile(b"jpeg", name="scene.jpg"))
    stored = private_storage().save("matrix-note.txt", ContentFile(b"note"))
    attached = Evidence.objects.create(
        complaint=decided.complaint, stored_name=stored, original_name="note.txt",
        kind="document", content_type="text/plain", size=4, sha256="0" * 64,
        uploaded_at=timezone.now(), has_clean_copy=True)  # as every received file has
    allegation = decided.allegations.get()
    referral = CertificationReferral.objects.create(
        case=decided, allegation=allegation, officer=allegation.officer, rule="deadly-force",
        reason="Sustained finding of unwarranted deadly force", certifying_body="POST Commission",
        status=ReferralStatus.SENT, sent_on=timezone.localdate(), created_at=timezone.now())
    report = Report.objects.create(slug="2026-q3", kind="quarterly", period_start="2026-07-01",
                                   period_end="2026-09-30", status="published")
    feedback = Feedback.objects.create(report=report, body="The chart of findings is unclear.")
    officer = OfficerFactory(agency=decided.public_case.agency)
    return {"case": decided, "item": item, "evidence": attached, "referral": referral,
            "policy": policy_records(decided.public_case.agency),
            "records": {"feedback_id": feedback.pk, "table": "officer", "pk": officer.pk}}


def _persona(role, case):
    user = UserFactory(username=f"matrix-{role}", roles=[role])
    if role in (Role.BOARD_MEMBER, Role.PANEL_MEMBER):  # set-up only: seat them directly
        panel = Panel.objects.get(case=case, is_active=True)
        PanelSeat.objects.create(panel=panel, member=user, seated_at=timezone.now(),
                                 conflict_declared_at=timezone.now())
    return user


def _url(pattern, world):
    case = world["case"]
    values = {"number": case.number, "tracking_number": case.complaint.tracking_number,
              "allegation_id": case.allegations.get().pk, "item_id": world["item"].pk,
              "evidence_id": world["evidence"].pk,
              "milestone": "acknowledged", "referral_id": world["referral"].pk, "step": "acknowledged",
              **world["policy"], **world["records"]}
    return reverse(f"{NAMESPACE[pattern]}:{pattern.name}",
                   kwargs={k: values[k] for k in pattern.pattern.regex.groupindex})


def _method(client, url):
    return "post" if client.get(url).status_code == 405 else "get"


@pytest.mark.parametrize("pattern", PATTERNS, ids=_id)
def test_role_matrix(pattern, world):
    url = _url(pattern, world)
    anonymous = Client()
    method = _method(anonymous, url)
    rule = _rule(pattern)
    response = getattr(anonymous, method)(url)
    if rule == ANYONE:
        assert response.status_code in (200, 302, 400)
        return
    assert response.status_code == 302 and "/board/login/" in response["Location"], "anonymous"
    for role in Role:
        client = Client()
        client.force_login(_persona(role, world["case"]))
        status = getattr(client, method)(url).status_code
        if rule == SIGNED_IN or role in rule:
            assert status not in (403, 404, 500), f"{role} should reach {pattern.name}: {status}"
        else:
            assert status == 404, f"{role} must get 404 from {pattern.name}, got {status}"


@override_settings(PORTAL_REQUIRE_2FA=True)
@pytest.mark.parametrize("pattern", [p for p in PATTERNS if not isinstance(_rule(p), str)],
                         ids=_id)
def test_allowed_staff_without_second_factor_are_sent_to_set_it_up(pattern, world):
    url = _url(pattern, world)
    method = _method(Client(), url)
    client = Client()
    client.force_login(_persona(sorted(_rule(pattern))[0], world["case"]))
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("board:two_factor_setup"))


def test_recused_member_cannot_open_the_case(decided, members, client_for):
    from review_board.services import seat_declare_conflict

    bea = members[0]
    url = reverse("board:case_detail", args=[decided.number])
    assert client_for(bea).get(url).status_code == 200
    panel = decided.panels.get(is_active=True)
    panel.seats.filter(member=bea).update(conflict_declared_at=None)
    seat_declare_conflict(panel=panel, actor=bea, has_conflict=True, note="My cousin.")
    assert client_for(bea).get(url).status_code == 404
    assert client_for(bea).get(reverse("board:letter_html", args=[decided.number])).status_code == 404


def test_board_member_sees_only_cases_on_their_panels(case, members, client_for):
    assert case.state == CaseState.INTAKE
    response = client_for(members[0]).get(reverse("board:case_detail", args=[case.number]))
    assert response.status_code == 404


IDENTITY_PAGES = {"complaint_detail", "letter_html", "letter_pdf"}


def test_pages_that_show_who_complained_are_marked():
    marked = {p.name for p in PATTERNS if getattr(p.callback, "shows_identity", False)}
    assert IDENTITY_PAGES <= marked


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if getattr(p.callback, "shows_identity", False)],
                         ids=_id)
def test_pages_that_show_who_complained_admit_only_roles_that_write_to_them(pattern):
    from review_board.selectors import IDENTITY_ROLES

    assert _rule(pattern) <= set(IDENTITY_ROLES), pattern.name


@pytest.mark.parametrize("name", ["letter_html", "letter_pdf", "letter_send"])
def test_records_editor_cannot_read_the_complainants_name_in_the_closing_letter(name, world, records_editor,
                                                                                 client_for):
    url = reverse(f"board:{name}", args=[world["case"].number])
    client = client_for(records_editor)
    response = client.post(url) if name == "letter_send" else client.get(url)
    assert response.status_code == 404
    assert world["case"].complaint.contact_name not in response.content.decode(errors="ignore")
