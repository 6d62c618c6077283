"""The finding and discipline cells of the allegation tables, written in one pass."""

import pytest
from django.template import Context, Template
from django.utils import translation

FINDING = Template("{% load public_record %}{% finding_cell value label raw %}")
DISCIPLINE = Template("{% load public_record %}{% discipline_cell label raw days=days reason=reason %}")


def _finding(value, label, raw=""):
    return FINDING.render(Context({"value": value, "label": label, "raw": raw}))


def _discipline(label, raw="", days=None, reason=""):
    return DISCIPLINE.render(Context({"label": label, "raw": raw, "days": days, "reason": reason}))


def test_a_finding_shows_its_meaning_and_the_sources_own_wording_when_it_says_more():
    cell = _finding("sustained", "Sustained", "SUSTAINED")
    assert cell.startswith('<details class="portal-definition"><summary>Sustained</summary><span>')
    assert "Source:" not in cell  # the same words
    assert _finding("sustained", "Sustained", "Sust. <b>").endswith(
        '<span class="portal-muted portal-raw">Source: “Sust. &lt;b&gt;”</span>')
    assert _finding("", "") == '<span class="portal-muted">None recorded</span>'
    assert _finding("", "", "pending") == '<span class="portal-muted portal-raw">Source: “pending”</span>'


def test_discipline_with_days_wording_and_reason_escaped():
    assert _discipline("Suspension", days=1) == "Suspension (1 day)"
    assert _discipline("Suspension", days=30) == "Suspension (30 days)"
    assert _discipline("", "") == "—"
    assert _discipline("<b>", "30 days & more", reason="Because <x>") == (
        '&lt;b&gt;<br><span class="portal-muted portal-raw">Source: “30 days &amp; more”</span>'
        "<br><span class=\"portal-muted\">Department's reason: Because &lt;x&gt;</span>")


@pytest.mark.parametrize("days, text", [(1, "Suspensión (1 día)"), (3, "Suspensión (3 días)")])
def test_cells_speak_spanish(days, text):
    with translation.override("es"):
        assert _discipline("Suspensión", days=days) == text
        assert _finding("", "") == '<span class="portal-muted">Sin registrar</span>'
