import functools
import hashlib
from html import escape
from urllib.parse import quote

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from ..models import Command, District
from ..page_cache import version_cached
from ..vocabulary import FINDING_DEFINITIONS, DatePrecision

register = template.Library()
URL_SAFE = "!$&'()*+,;=/~:@"  # what django.urls.reverse leaves unquoted in a path argument


@register.filter
def finding_definition(value: str) -> str:
    """The plain-language meaning of a finding, shown next to it."""
    return FINDING_DEFINITIONS.get(value, "")


@register.simple_tag
def partial_date(value, precision: str = "") -> str:
    """A date as much as its source published it: 'May 7, 2012', 'May 2012' or '2012'; or that
    the source did not publish it."""
    if value is None:
        return gettext("not published by the source")
    return _date_as_published(value, precision, get_language())


@functools.lru_cache(maxsize=20000)
def _date_as_published(value, precision: str, language: str) -> str:
    """Kept per date, precision and language: a list page formats fifty dates, each formatting
    translating a month name, and the same dates come back on every page."""
    formats = {DatePrecision.MONTH: "YEAR_MONTH_FORMAT", DatePrecision.YEAR: "Y"}
    return date_format(value, formats.get(precision, "DATE_FORMAT"))


@register.filter
def dollars(cents) -> str:
    """Whole cents as dollars: 16000000 -> '$160,000', 197004 -> '$1,970.04'; '—' when unknown."""
    if cents is None or cents == "":
        return "—"
    whole, part = divmod(abs(int(cents)), 100)
    text = f"${intcomma(whole)}" + (f".{part:02d}" if part else "")
    return f"-{text}" if int(cents) < 0 else text


@register.simple_tag
def filter_fields(fields) -> str:
    """A public list's filter fields (_filter_fields.html), drawn once per record version,
    language, form and submitted values, and shared by every worker: a dozen fields through the
    form renderer cost more than a page of rows. Their choices are the record's own
    (filters.PublicFilterSet), so the record's version covers them."""
    fields = list(fields)
    form = fields[0].form if fields else None
    names = [field.name for field in fields]
    values = None
    if form is not None and form.is_bound:  # what the fields show: their values and errors
        data = form.data
        listed = data.lists() if hasattr(data, "lists") else data.items()
        values = sorted((key, repr(value)) for key, value in listed
                        if any(key == name or key.startswith(f"{name}_") for name in names))
    shape = repr((type(form).__name__, form and form.prefix, names, values))
    return mark_safe(version_cached(  # noqa: S308  # nosec B308 B703  # drawn by the template engine
        "filter-fields:" + hashlib.sha256(shape.encode()).hexdigest(),
        lambda: render_to_string("misconduct_records/_filter_fields.html", {"fields": fields})))


def _count(value: int) -> str:
    """A count as intcomma writes it (a number under a thousand has no separator anywhere)."""
    return str(value) if -1000 < value < 1000 else intcomma(value)


def _path_writer(name: str, marker: str = "url-argument"):
    """A function writing the escaped path of the URL `name` for one argument, as `{% url %}`
    would, from one reversal (`marker`: an argument the URL's converter accepts, found nowhere
    else in the path)."""
    before, after = (escape(part) for part in reverse(name, args=[marker]).split(marker))
    return lambda argument: f"{before}{escape(quote(str(argument), safe=URL_SAFE))}{after}"


@register.simple_tag
def officer_rows(officers) -> str:
    """The rows of an officer list (views.officers.LIST_COLUMNS), written in one pass: fifty
    rows through the template engine (a link reversed, labels translated, numbers formatted on
    each) cost more than the rest of the page. Every text is escaped as the engine would."""
    officer_path = _path_writer("records:officer_detail")
    gone = f' <span class="usa-tag portal-tag--muted">{escape(gettext("No longer serving"))}</span>'
    rows = []
    for o in officers:
        name = f"{o.last_name}, {o.first_name}" if o.first_name else o.last_name
        rows.append(
            f'<tr><th scope="row"><a class="usa-link" href="{officer_path(o.public_id)}">{escape(name)}</a>'
            f'{gone if o.is_active is False else ""}</th>'
            f"<td>{escape(o.badge_number or '—')}</td><td>{escape(o.rank or '—')}</td>"
            f"<td>{escape(o.agency__name)}</td><td>{escape(_place(o))}</td>"
            f'<td class="portal-num">{_count(o.allegation_total)}</td>'
            f'<td class="portal-num">{_count(o.sustained_total)}</td></tr>\n')
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703  # every value escaped above


def _place(o) -> str:
    if o.district__code is not None:
        return District.label(o.district__code, o.district__name)
    if o.command__code is not None:
        return Command.label(o.command__code, o.command__name)
    return "—"


def _source_wording(raw, label) -> str:
    """The source's own wording, when it says more than the label."""
    if not raw or str(raw).lower() == str(label or "").lower():
        return ""
    return format_html('<span class="portal-muted portal-raw">{} “{}”</span>', mark_safe(gettext("Source:")), raw)  # noqa: S308  # nosec B308 B703  # our own catalogue


@register.simple_tag
def finding_cell(value, label, raw) -> str:
    """A finding with its plain-language meaning and the source's wording (a table cell's
    content, written in one pass: lists draw four of these per row)."""
    if value:
        html = format_html('<details class="portal-definition"><summary>{}</summary><span>{}</span></details>',
                           label, FINDING_DEFINITIONS.get(value, ""))
    elif not raw:
        html = format_html('<span class="portal-muted">{}</span>', mark_safe(gettext("None recorded")))  # noqa: S308  # nosec B308 B703  # our own catalogue
    else:
        html = ""
    return mark_safe(html + _source_wording(raw, label))  # noqa: S308  # nosec B308 B703  # format_html above


@register.simple_tag
def discipline_cell(label, raw, days=None, reason="") -> str:
    """Discipline as labelled, with its days, the source's wording and the department's reason."""
    if label:
        html = conditional_escape(label)
        if days:
            html += " (" + conditional_escape(ngettext("%(days)s day", "%(days)s days", days) % {"days": days}) + ")"
    elif not raw:
        html = "—"
    else:
        html = ""
    wording = _source_wording(raw, label)
    if wording:
        html += ("<br>" if label else "") + wording
    if reason:
        said = mark_safe(gettext("Department's reason:"))  # noqa: S308  # nosec B308 B703  # our own catalogue
        html += format_html('<br><span class="portal-muted">{} {}</span>', said, reason)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703  # every value escaped above


def _labels(*texts: str) -> list[str]:
    """Column names for the stacked tables' data-label attributes, as `{% translate %}` writes
    them (our own catalogue: not escaped)."""
    return [gettext(text) for text in texts]


@register.simple_tag
def allegation_rows(page) -> str:
    """The rows of the allegations list, written in one pass like officer_rows (the rows come
    from selectors.allegations_public). Every text is escaped as the engine would."""
    case_path, officer_path = _path_writer("records:case_detail"), _path_writer("records:officer_detail")
    l_case, l_received, l_officer, l_category, l_district, l_finding, l_discipline = _labels(
        "Case", "Received", "Officer", "Category", "District", "Board finding", "Discipline imposed")
    not_identified, language = gettext("Not identified"), get_language()
    rows = []
    for a in page:
        case, officer = a.case, a.officer
        source = f'<br><span class="portal-muted">{escape(a.source.name)}</span>' if a.source else ""
        named = (f'<a class="usa-link" href="{officer_path(officer.public_id)}">{escape(officer.full_name)}</a>'
                 if officer else not_identified)
        received = escape(partial_date(case.received_on, case.received_on_precision))
        finding = _finding_cell_of(a.finding, a.get_finding_display(), "", language)
        rows.append(
            f'\n    <tr>\n      <th scope="row" data-label="{l_case}"><a class="usa-link" '
            f'href="{case_path(case.public_id)}">{escape(case.public_id)}</a>{source}</th>\n'
            f'      <td data-label="{l_received}">{received}</td>\n'
            f'      <td data-label="{l_officer}">{named}</td>\n'
            f'      <td data-label="{l_category}">{escape(a.category.name)}</td>\n'
            f'      <td data-label="{l_district}">{escape(str(case.district)) if case.district else "—"}</td>\n'
            f'      <td data-label="{l_finding}">{finding}</td>\n'
            f'      <td data-label="{l_discipline}">{escape(a.get_discipline_imposed_display() or "—")}</td>\n'
            f"    </tr>\n  ")
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703  # every value escaped above


# The cells of the rows' plain-text values (a row's fields, never marked safe), kept per value
# and language: the same few findings and disciplines fill every page.
@functools.lru_cache(maxsize=20000)
def _finding_cell_of(value: str, label: str, raw: str, language: str) -> str:
    return finding_cell(value, label, raw)


@functools.lru_cache(maxsize=20000)
def _discipline_cell_of(label: str, raw: str, days: int | None, reason: str, language: str) -> str:
    return discipline_cell(label, raw, days=days, reason=reason)


def _finding_cells(a, language: str) -> tuple[str, str, str, str]:
    """The recommended finding, finding, recommended and imposed discipline cells of a row."""
    return (_finding_cell_of(a.recommended_finding, a.get_recommended_finding_display(),
                             a.recommended_finding_raw, language),
            _finding_cell_of(a.finding, a.get_finding_display(), a.finding_raw, language),
            _discipline_cell_of(a.get_discipline_recommended_display(), a.discipline_recommended_raw, None, "",
                                language),
            _discipline_cell_of(a.get_discipline_imposed_display(), a.discipline_raw, a.suspension_days,
                                a.discipline_reason, language))


@register.simple_tag
def history_rows(page, several_sources=False) -> str:
    """The rows of an officer's allegation history (selectors.officer_history_rows), written in
    one pass like allegation_rows; `several_sources`: each row names its source."""
    case_path = _path_writer("records:case_detail")
    command_path = _path_writer("records:command_detail", marker="987654321")
    (l_case, l_incident, l_category, l_rank, l_recommended, l_finding, l_discipline_recommended,
     l_discipline_imposed) = _labels("Case", "Incident date", "Category", "Rank and command then",
                                     "Investigator recommended", "Board finding", "Discipline recommended",
                                     "Discipline imposed")
    restraint = f' <span class="usa-tag">{gettext("Prohibited restraint")}</span>'
    rows, language = [], get_language()
    for a in page:
        case, command = a.case, a.command_at_incident
        source = (f'<br><span class="portal-muted">{escape(a.source.name)}</span>'
                  if several_sources and a.source else "")
        force = (f'<br><span class="portal-muted">{escape(a.get_force_level_display())}</span>'
                 if a.force_level else "")
        commanded = (f'<br><a class="usa-link" href="{command_path(a.command_at_incident_id)}">'
                     f'{escape(str(command))}</a>'
                     if command else "")
        recommended, finding, discipline_recommended, discipline_imposed = _finding_cells(a, language)
        rows.append(
            f'\n      <tr data-testid="allegation-row">\n'
            f'        <th scope="row" data-label="{l_case}"><a class="usa-link" '
            f'href="{case_path(case.public_id)}">{escape(case.public_id)}</a>{source}</th>\n'
            f'        <td data-label="{l_incident}">'
            f'{escape(partial_date(case.incident_on, case.incident_on_precision))}</td>\n'
            f'        <td data-label="{l_category}">{escape(a.category.name)}{force}'
            f'{restraint if a.prohibited_restraint else ""}</td>\n'
            f'        <td data-label="{l_rank}">{escape(a.rank_at_incident or "—")}{commanded}</td>\n'
            f'        <td data-label="{l_recommended}">{recommended}</td>\n'
            f'        <td data-label="{l_finding}">{finding}</td>\n'
            f'        <td data-label="{l_discipline_recommended}">{discipline_recommended}</td>\n'
            f'        <td data-label="{l_discipline_imposed}">{discipline_imposed}</td>\n'
            f"      </tr>\n    ")
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703  # every value escaped above


@register.simple_tag
def case_allegation_rows(page) -> str:
    """The rows of a case's allegations, written in one pass like allegation_rows."""
    officer_path = _path_writer("records:officer_detail")
    (l_officer, l_rank, l_category, l_recommended, l_finding, l_discipline_recommended,
     l_discipline_imposed) = _labels("Officer", "Rank and command then", "Category", "Investigator recommended",
                                     "Board finding", "Discipline recommended", "Discipline imposed")
    not_identified, language = gettext("Not identified"), get_language()
    rows = []
    for a in page:
        officer, command = a.officer, a.command_at_incident
        named = (f'<a class="usa-link" href="{officer_path(officer.public_id)}">{escape(officer.full_name)}</a>'
                 if officer else not_identified)
        force = f" ({escape(a.get_force_level_display())})" if a.force_level else ""
        recommended, finding, discipline_recommended, discipline_imposed = _finding_cells(a, language)
        rows.append(
            f'\n      <tr data-testid="case-allegation">\n'
            f'        <th scope="row" data-label="{l_officer}">{named}</th>\n'
            f'        <td data-label="{l_rank}">{escape(a.rank_at_incident or "—")}'
            f'{", " + escape(str(command)) if command else ""}</td>\n'
            f'        <td data-label="{l_category}">{escape(a.category.name)}{force}</td>\n'
            f'        <td data-label="{l_recommended}">{recommended}</td>\n'
            f'        <td data-label="{l_finding}">{finding}</td>\n'
            f'        <td data-label="{l_discipline_recommended}">{discipline_recommended}</td>\n'
            f'        <td data-label="{l_discipline_imposed}">{discipline_imposed}</td>\n'
            f"      </tr>\n    ")
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703  # every value escaped above


@register.simple_tag
def case_rows(page) -> str:
    """The rows of the cases list, written in one pass like allegation_rows."""
    case_path = _path_writer("records:case_detail")
    rows = []
    for case in page:
        received = escape(partial_date(case.received_on, case.received_on_precision))
        rows.append(
            f'\n    <tr><th scope="row"><a class="usa-link" href="{case_path(case.public_id)}">'
            f"{escape(case.public_id)}</a></th><td>{received}</td><td>{escape(case.agency.name)}</td>"
            f'<td>{escape(str(case.district)) if case.district else "—"}</td>'
            f"<td>{escape(case.get_status_display())}</td></tr>\n  ")
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703  # every value escaped above
