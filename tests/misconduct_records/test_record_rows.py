"""The rows of the allegations list, an officer's history, a case's allegations and the cases
list are written in one pass (templatetags.public_record): byte for byte what the templates'
loops wrote, in English and in Spanish, for rows with every optional part present or missing and
with text that needs escaping."""

import datetime
import itertools
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from misconduct_records import selectors
from misconduct_records.models import Command, PublicAllegation, PublicCase, Source
from misconduct_records.services import source_this_board
from misconduct_records.vocabulary import CaseStatus, DatePrecision, Discipline, Finding, ForceLevel
from tests.factories import DistrictFactory, OfficerFactory, category

pytestmark = pytest.mark.django_db

BEFORE = Path(__file__).parent / "data" / "rows_before"


def _before(name: str) -> Template:
    """A template's loop as it was before its rows were written in one pass."""
    return Template((BEFORE / name).read_text())


ALLEGATION_LIST_LOOP = _before("allegation_list.html")
ALLEGATION_LIST_ROWS = Template("{% load public_record %}<tbody>\n  {% allegation_rows page %}\n  </tbody>")

HISTORY_LOOP = _before("officer_history.html")
HISTORY_ROWS = Template(
    "{% load public_record %}<tbody>\n    {% history_rows page several_sources=record.several_sources %}\n    </tbody>")

CASE_LOOP = _before("case_allegations.html")
CASE_ROWS = Template("{% load public_record %}<tbody>\n    {% case_allegation_rows page %}\n    </tbody>")

CASE_LIST_LOOP = _before("case_list.html")
CASE_LIST_ROWS = Template("""{% load public_record i18n %}<tbody>
  {% if page %}{% case_rows page %}{% else %}
    <tr><td colspan="5">{% translate "No case matches these filters." %}</td></tr>
  {% endif %}
  </tbody>""")

AWKWARD = "O'Brien & <Sons> \"Jr\""
DATES = [(datetime.date(2012, 5, 7), ""), (datetime.date(2012, 5, 1), DatePrecision.MONTH),
         (datetime.date(2012, 1, 1), DatePrecision.YEAR), (None, ""), (datetime.date(2019, 12, 31), DatePrecision.DAY)]


@pytest.fixture
def varied(agency):
    """Allegations with every optional part present and missing, and text to escape."""
    odd_source = Source.objects.create(name="Open <Data> & Co's", slug="odd")
    districts = [None, DistrictFactory(agency=agency, code="B-2", name="Roxbury"),
                 DistrictFactory(agency=agency, code="X&1", name="<Harbor> 'Q'")]
    commands = [None, Command.objects.create(agency=agency, code="YVSF", name="Youth Violence & Strike"),
                Command.objects.create(agency=agency, code="C<7>", name="")]
    officers = [None, OfficerFactory(agency=agency, first_name="", last_name=AWKWARD),
                OfficerFactory(agency=agency, first_name="Ana", last_name="Núñez")]
    categories = [category("physical-force"), category("discourtesy")]
    findings = ["", *Finding.values]
    disciplines = ["", *Discipline.values]
    raws = ["", "SUSTAINED", "Sust. <b> & 'more'", "30 days & more"]
    for n in range(48):
        received_on, precision = DATES[n % len(DATES)]
        incident_on, incident_precision = DATES[(n + 2) % len(DATES)]
        case = PublicCase.objects.create(
            agency=agency, district=districts[n % 3], received_on=received_on,
            received_on_precision=precision, incident_on=incident_on,
            incident_on_precision=incident_precision, status=CaseStatus.values[n % len(CaseStatus.values)],
            source=odd_source if n % 4 == 1 else source_this_board())
        PublicAllegation.objects.create(
            case=case, officer=officers[n % 3], category=categories[n % 2],
            force_level=[None, *ForceLevel.values][n % 7], prohibited_restraint=n % 5 == 0,
            recommended_finding=findings[(n + 3) % len(findings)], finding=findings[n % len(findings)],
            discipline_recommended=disciplines[(n + 1) % len(disciplines)],
            discipline_imposed=disciplines[n % len(disciplines)],
            suspension_days=[None, 1, 30][n % 3], discipline_reason=["", "Because <x> & 'y'"][n % 2],
            rank_at_incident=["", "Sergeant", AWKWARD][n % 3], command_at_incident=commands[n % 3],
            recommended_finding_raw=raws[n % 4], finding_raw=raws[(n + 1) % 4],
            discipline_raw=raws[(n + 2) % 4], discipline_recommended_raw=raws[(n + 3) % 4],
            source=[None, odd_source, source_this_board()][n % 3], case_received_on=received_on,
            case_incident_on=incident_on, case_district_id=case.district_id)
    return officers


def _both(old: Template, new: Template, context: dict) -> tuple[str, str]:
    return old.render(Context(context)), new.render(Context(context))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_allegations_list_rows_are_the_loops_rows(varied, language):
    page = selectors.allegations_named(selectors.allegations_public().order_by("id"))
    with translation.override(language):
        old, new = _both(ALLEGATION_LIST_LOOP, ALLEGATION_LIST_ROWS, {"page": page})
    assert new == old
    assert "O&#x27;Brien &amp; &lt;Sons&gt;" in new and "Open &lt;Data&gt;" in new
    assert ('data-label="Caso"' in new) == (language == "es")


@pytest.mark.parametrize("language, several_sources", list(itertools.product(["en", "es"], [True, False])))
def test_an_officers_history_rows_are_the_loops_rows(varied, language, several_sources):
    page = selectors.allegations_named(selectors.officer_history_rows().order_by("id"))
    with translation.override(language):
        old, new = _both(HISTORY_LOOP, HISTORY_ROWS, {"page": page, "record": {"several_sources": several_sources}})
    assert new == old
    assert "/commands/" in new and "Sust. &lt;b&gt;" in new


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_cases_allegation_rows_are_the_loops_rows(varied, language):
    page = list(PublicAllegation.objects.select_related("officer", "category", "command_at_incident").order_by("id"))
    with translation.override(language):
        old, new = _both(CASE_LOOP, CASE_ROWS, {"page": page})
    assert new == old


@pytest.mark.parametrize("language, empty", list(itertools.product(["en", "es"], [True, False])))
def test_the_cases_list_rows_are_the_loops_rows(varied, language, empty):
    page = [] if empty else list(PublicCase.objects.select_related("agency", "district").order_by("id"))
    with translation.override(language):
        old, new = _both(CASE_LIST_LOOP, CASE_LIST_ROWS, {"page": page})
    assert new == old


def test_a_date_is_written_in_the_language_of_each_page():
    from misconduct_records.templatetags.public_record import partial_date

    may = datetime.date(2012, 5, 7)
    for _ in range(2):  # the second time from the dates already written
        assert partial_date(may) == "May 7, 2012"
        assert partial_date(may, DatePrecision.MONTH) == "May 2012"
        with translation.override("es"):
            assert partial_date(may) == "7 de mayo de 2012"
            assert partial_date(may, DatePrecision.YEAR) == "2012"
        assert partial_date(None) == "not published by the source"


FIELDS_INCLUDED = Template('{% include "misconduct_records/_filter_fields.html" with fields=fields %}')
FIELDS_DRAWN = Template("{% load public_record %}{% filter_fields fields %}")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("data", [None, {}, {"page": "3"}, {"finding": "sustained", "year": "2015"},
                                  {"year": "20x", "finding": "nope", "received_from": "yesterday"},
                                  {"prohibited_restraint": "true", "sort": "-incident", "officer": "<b>"}])
def test_the_filter_fields_are_the_included_templates(varied, settings, language, data):
    from misconduct_records.filters import AllegationFilter

    settings.PUBLIC_FRAGMENT_CACHE = True
    with translation.override(language):
        for _ in range(2):  # drawn, then from the cache
            fields = AllegationFilter(data, queryset=selectors.allegations_listed()).form.visible_fields()
            old, new = _both(FIELDS_INCLUDED, FIELDS_DRAWN, {"fields": fields})
            assert new == old


def test_the_apis_allegation_rows_are_the_serializers(varied):
    from misconduct_records.serializers import AllegationSerializer, allegation_row

    rows = selectors.allegations_named(selectors.allegations_public().order_by("id"))
    assert [allegation_row(a) for a in rows] == AllegationSerializer(rows, many=True).data
    assert list(allegation_row(rows[0])) == list(AllegationSerializer(rows[0]).data)  # the same order
    assert {type(allegation_row(a)["force_level"]) for a in rows} == {int, type(None)}


def test_the_apis_case_rows_are_the_serializers(varied):
    from misconduct_records.serializers import CaseSerializer, case_row

    PublicCase.objects.filter(pk__in=PublicCase.objects.order_by("id").values("pk")[:5]).update(
        published_at=datetime.datetime(2024, 9, 2, 1, 30, tzinfo=datetime.UTC),  # Sept 1st in Boston
        public_summary="A stop <near> the park & more.")
    cases = list(PublicCase.objects.select_related("agency", "district", "source").order_by("id"))
    assert [case_row(c) for c in cases] == CaseSerializer(cases, many=True).data
    assert list(case_row(cases[0])) == list(CaseSerializer(cases[0]).data)
