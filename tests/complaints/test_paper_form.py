"""Rita prefers paper: she prints the complaint form, in English or Spanish, from the public site."""

import pytest
from django.urls import reverse
from django.utils import translation

from complaints.paper import paper_form_sections

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """A Spanish page leaves Spanish active in the test's thread; start each test in English."""
    with translation.override("en"):
        yield


def _text(pdf: bytes) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize(("prefix", "expected"), [("", "What happened?"), ("/es", "¿Qué pasó?")])
def test_the_paper_form_is_a_pdf_in_the_readers_language(journalist, prefix, expected):
    response = journalist.get(prefix + reverse("complaints:paper_form"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not response.cookies  # nobody is tracked for reading it
    assert expected in _text(response.content)


def test_the_paper_form_asks_the_web_forms_questions(district):
    sections = paper_form_sections()
    labels = {q.label for s in sections for q in s.questions}
    assert {"What happened?", "Police district", "Your email", "Witness name"} <= labels
    assert "Leave this empty" not in labels  # the honeypot is for robots, not paper
    titles = [s.title for s in sections]
    assert titles[0] == "What happened" and "Review and submit" not in titles


def test_the_home_page_links_the_paper_form(journalist):
    assert reverse("complaints:paper_form") in journalist.get("/").content.decode()
