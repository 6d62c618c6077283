"""A quarter of public record for the reports' tests: Boston's own cases in three districts,
with findings, discipline, a deviation and a referral; a few small numbers on purpose."""

import datetime

import pytest
from django.core.cache import cache

from misconduct_records.models import (
    ComplaintsReceived,
    DecertificationReferral,
    PublicAllegation,
    PublicCase,
    PublicCaseEvent,
)
from misconduct_records.services import source_this_board
from misconduct_records.vocabulary import CaseStatus, Discipline, Finding
from tests.factories import DistrictFactory, OfficerFactory, category

Q3 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.PUBLIC_DATA_ROOT = tmp_path / "public-data"
    settings.REPORTS = {**settings.REPORTS, "ROOT": tmp_path / "reports"}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "reports-tests"}}
    cache.clear()
    yield
    cache.clear()


def _case(agency, district, received, closed=None, status=CaseStatus.CLOSED):
    return PublicCase.objects.create(agency=agency, district=district, received_on=received,
                                     closed_on=closed, status=status, source=source_this_board())


# (district, category, finding, recommended, imposed, reason): one case each
ROWS = (
    [("A-1", "physical-force", Finding.SUSTAINED, Discipline.SUSPENSION, Discipline.SUSPENSION, "")] * 6
    + [("A-1", "discourtesy", Finding.NOT_SUSTAINED, "", "", "")] * 9
    + [("B-2", "discourtesy", Finding.EXONERATED, "", "", "")] * 7
    + [("B-2", "physical-force", Finding.SUSTAINED, Discipline.SUSPENSION,
        Discipline.WRITTEN_REPRIMAND, "Arbitration")] * 2
    + [("C-11", "discourtesy", Finding.UNFOUNDED, "", "", "")] * 1
    + [("C-11", "physical-force", Finding.NOT_SUSTAINED, "", "", "")] * 8
)


@pytest.fixture
def quarter(agency):
    return build_quarter(agency)


def build_quarter(agency):
    """33 cases received and closed in 2026 Q3 (one allegation each), 6 still open, 1 referral."""
    districts = {code: DistrictFactory(agency=agency, code=code, name=f"District {code}")
                 for code in ("A-1", "B-2", "C-11")}
    officer = OfficerFactory(agency=agency, last_name="Reyes")
    day = Q3[0]
    for i, (code, cat, finding, recommended, imposed, reason) in enumerate(ROWS):
        received = day + datetime.timedelta(days=i)
        case = _case(agency, districts[code], received, received + datetime.timedelta(days=10 + i))
        PublicAllegation.objects.create(
            case=case, officer=officer, category=category(cat), finding=finding,
            force_level=4 if cat == "physical-force" else None,
            prohibited_restraint=(i == 0), discipline_recommended=recommended,
            discipline_imposed=imposed, discipline_reason=reason, source=case.source,
            case_received_on=case.received_on, case_closed_on=case.closed_on,
            case_district_id=case.district_id)
    for i in range(6):
        case = _case(agency, districts["A-1"], Q3[1] - datetime.timedelta(days=100 * i), None,
                     CaseStatus.UNDER_INVESTIGATION)
        PublicCaseEvent.objects.create(case=case, status=CaseStatus.UNDER_INVESTIGATION,
                                       happened_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC))
    DecertificationReferral.objects.create(officer=officer, case=case, referred_on=Q3[0],
                                           reason="Unwarranted deadly force")
    for month, code, count in [(7, "A-1", 12), (8, "B-2", 3), (9, None, 7), (6, "A-1", 9)]:
        ComplaintsReceived.objects.create(month=datetime.date(2026, month, 1), agency=agency,
                                          district=districts.get(code), count=count)
    # The quarter before: 4 cases received.
    for i in range(4):
        _case(agency, districts["B-2"], datetime.date(2026, 4, 2 + i), datetime.date(2026, 5, 2 + i))
    return districts
