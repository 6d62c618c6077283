"""Demo data for a Boston installation: districts, officers, staff in every role, a few cases.

Idempotent: running it again changes nothing. Officers are generated deterministically.
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from complaints.services import complaint_submit
from misconduct_records.models import Agency, AllegationCategory, District, Officer
from misconduct_records.names import officer_search_name
from misconduct_records.vocabulary import Discipline, Finding
from portal.roles import Role

from .models import CaseState
from .services import (
    allegation_add,
    allegation_recommend_finding,
    case_assign,
    case_open_from_complaint,
    case_open_own_motion,
    case_set_public_summary,
    panel_form,
    report_write,
    seat_declare_conflict,
    vote_cast,
)
from .workflow import case_transition

DEMO_FACTS = ("Body-worn camera footage from two officers and interviews with the complainant "
              "and one witness establish the sequence of the stop.")


def _write_demo_report(case, investigator, finding: str = Finding.NOT_SUSTAINED) -> None:
    """What the investigator writes before a demo case may go to the board."""
    report_write(case=case, actor=investigator, facts=DEMO_FACTS)
    for allegation in case.allegations.all():
        allegation_recommend_finding(allegation=allegation, actor=investigator, finding=finding,
                                     reasoning="The footage does not settle what was said.")

BOSTON_DISTRICTS = [
    ("A-1", "Downtown"), ("A-7", "East Boston"), ("B-2", "Roxbury"), ("B-3", "Mattapan"),
    ("C-6", "South Boston"), ("C-11", "Dorchester"), ("D-4", "South End"),
    ("D-14", "Brighton"), ("E-5", "West Roxbury"), ("E-13", "Jamaica Plain"),
    ("E-18", "Hyde Park"),
]
FIRST_NAMES = ["James", "Maria", "Michael", "Linda", "Robert", "Patricia", "John", "Jennifer",
               "David", "Elizabeth", "Kevin", "Susan", "Brian", "Karen", "Sean", "Nancy",
               "Luis", "Ana", "Thomas", "Keisha", "Daniel", "Mei", "Patrick", "Fatima"]
LAST_NAMES = ["Sullivan", "Murphy", "O'Brien", "Walsh", "Nguyen", "Rodriguez", "Johnson",
              "Williams", "Brown", "Kelly", "Santos", "Pereira", "Clark", "Lewis", "Ryan",
              "McCarthy", "Garcia", "Lee", "Doherty", "Fitzgerald", "Baptiste", "Chen",
              "Flaherty", "Alvarez", "Coleman", "Driscoll", "Jean-Louis", "Costa"]
RANKS = ["Police Officer"] * 8 + ["Sergeant", "Sergeant Detective", "Lieutenant", "Detective"]

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105  # nosec B105  # printed for the demo, never used in production
STAFF = [
    ("intake", Role.INTAKE, "Ines", "Intake"),
    ("investigator", Role.INVESTIGATOR, "Ivan", "Investigator"),
    ("supervisor", Role.SUPERVISOR, "Sofia", "Supervisor"),
    ("member1", Role.BOARD_MEMBER, "Bea", "Member"),
    ("member2", Role.BOARD_MEMBER, "Bo", "Member"),
    ("member3", Role.BOARD_MEMBER, "Bianca", "Member"),
    ("member4", Role.BOARD_MEMBER, "Basil", "Member"),
    ("panel1", Role.PANEL_MEMBER, "Pia", "Panel"),
    ("panel2", Role.PANEL_MEMBER, "Paulo", "Panel"),
    ("panel3", Role.PANEL_MEMBER, "Priya", "Panel"),
    ("chair", Role.BOARD_CHAIR, "Carmen", "Chair"),
    ("editor", Role.RECORDS_EDITOR, "Eli", "Editor"),
    ("admin", Role.ADMINISTRATOR, "Ada", "Admin"),
]

OFFICER_COUNT = 300


@transaction.atomic
def seed_demo(*, officers: int = OFFICER_COUNT, cases: bool = True) -> dict:
    agency, _ = Agency.objects.get_or_create(
        slug="boston-pd",
        defaults={"name": "Boston Police Department", "city": "Boston", "state": "MA"})
    districts = [
        District.objects.get_or_create(agency=agency, code=code, defaults={"name": name})[0]
        for code, name in BOSTON_DISTRICTS
    ]
    rng = random.Random(2026)  # noqa: S311  # nosec B311  # demo names, not secrets
    existing = set(Officer.objects.filter(agency=agency).values_list("badge_number", flat=True))
    new_officers = []
    for i in range(officers):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rank, district = rng.choice(RANKS), rng.choice(districts)
        badge = str(10000 + i)
        if badge not in existing:
            new_officers.append(Officer(agency=agency, first_name=first, last_name=last,
                                        badge_number=badge, rank=rank, district=district,
                                        search_name=officer_search_name(first_name=first,
                                                                        last_name=last)))
    Officer.objects.bulk_create(new_officers)

    users = {}
    for username, role, first, last in STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last,
                                         "email": f"{username}@example.org",
                                         "is_staff": role == Role.ADMINISTRATOR,
                                         "is_superuser": role == Role.ADMINISTRATOR})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        users.setdefault(role, user)
        users[username] = user

    if cases and not Officer.objects.filter(allegations__isnull=False).exists():
        _seed_cases(users=users, agency=agency, districts=districts, rng=rng)
        _seed_open_cases(users=users, agency=agency, districts=districts)
    return {"officers_created": len(new_officers), "staff": [s[0] for s in STAFF]}


def demo_sign_in_table() -> str:
    """The demo staff sign-ins as a short table: role, user name, password."""
    rows = [("Role", "User name", "Password")] + [
        (str(role.label), username, DEMO_PASSWORD) for username, role, _first, _last in STAFF]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _seed_cases(*, users, agency, districts, rng) -> None:
    officers = list(Officer.objects.filter(agency=agency).order_by("badge_number")[:12])
    categories = list(AllegationCategory.objects.order_by("code"))
    findings = [Finding.SUSTAINED, Finding.NOT_SUSTAINED, Finding.EXONERATED, Finding.UNFOUNDED]
    for n in range(6):
        filed = complaint_submit(
            narrative="Demo complaint: an officer stopped me without a reason and was rude.",
            filer_role="affected", language="en", agency_id=agency.pk,
            district=districts[n % len(districts)], location="Demo street",
        )
        case = case_open_from_complaint(complaint=filed.complaint, actor=users[Role.INTAKE])
        for officer in rng.sample(officers, 2):
            allegation_add(case=case, actor=users[Role.INTAKE], officer=officer,
                           category=rng.choice(categories))
        case_assign(case=case, actor=users[Role.INTAKE], investigator=users[Role.INVESTIGATOR],
                    supervisor=users[Role.SUPERVISOR])
        for to, role in [(CaseState.PRELIMINARY_REVIEW, Role.INTAKE),
                         (CaseState.INVESTIGATION, Role.INTAKE),
                         (CaseState.BOARD_REVIEW, Role.INVESTIGATOR)]:
            if to == CaseState.BOARD_REVIEW:
                _write_demo_report(case, users[Role.INVESTIGATOR])
            case = case_transition(case=case, to=to, actor=users[role])
        members = [users["member1"], users["member2"], users["member3"]]
        panel = panel_form(case=case, actor=users[Role.BOARD_CHAIR], members=members)
        for member in members:
            seat_declare_conflict(panel=panel, actor=member, has_conflict=False)
        for allegation in case.allegations.all():
            finding = rng.choice(findings)
            for member in members:
                vote_cast(panel=panel, actor=member, allegation=allegation, finding=finding,
                          discipline=Discipline.WRITTEN_REPRIMAND
                          if finding == Finding.SUSTAINED else "")
        case = case_transition(case=case, to=CaseState.DECIDED, actor=users[Role.BOARD_CHAIR])
        case_set_public_summary(case=case, actor=users[Role.INTAKE], public_summary=(
            "A resident reported being stopped without cause. The board reviewed body-worn "
            "camera footage and interviewed the officers."))
        case_transition(case=case, to=CaseState.CLOSED, actor=users[Role.INTAKE])


def _seed_open_cases(*, users, agency, districts) -> None:
    """A few cases still in progress, so the dashboard has a queue, deadlines and a panel."""
    officers = list(Officer.objects.filter(agency=agency).order_by("badge_number")[12:16])
    intake, chair = users[Role.INTAKE], users[Role.BOARD_CHAIR]
    for n, last_state in enumerate([CaseState.INTAKE, CaseState.INVESTIGATION,
                                    CaseState.BOARD_REVIEW]):
        filed = complaint_submit(
            narrative="Demo complaint: an officer pushed me during a traffic stop.",
            filer_role="affected", language=["en", "es", "en"][n], agency_id=agency.pk,
            district=districts[n], location="Demo avenue", contact_name="Demo Resident",
            contact_email=f"resident{n}@example.org")
        case = case_open_from_complaint(complaint=filed.complaint, actor=intake)
        allegation_add(case=case, actor=intake, officer=officers[n],
                       category=AllegationCategory.objects.get(code="physical-force"), force_level=3)
        if last_state == CaseState.INTAKE:
            continue
        case_assign(case=case, actor=intake, investigator=users[Role.INVESTIGATOR],
                    supervisor=users[Role.SUPERVISOR])
        for to, actor in [(CaseState.PRELIMINARY_REVIEW, intake), (CaseState.INVESTIGATION, intake),
                          (CaseState.BOARD_REVIEW, users[Role.INVESTIGATOR])]:
            if to == CaseState.BOARD_REVIEW:
                _write_demo_report(case, users[Role.INVESTIGATOR])
            case = case_transition(case=case, to=to, actor=actor)
            if to == last_state:
                break
        if last_state == CaseState.BOARD_REVIEW:
            panel_form(case=case, actor=chair,
                       members=[users["member1"], users["member2"], users["member3"]])
    case_open_own_motion(actor=intake, agency_id=agency.pk, district_id=districts[3].pk,
                         incident_on=None, origin_details="Body-worn camera review of a demo arrest.")
