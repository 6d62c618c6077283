from html import escape
from urllib.parse import quote

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from ..models import Command, District
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


def _count(value: int) -> str:
    """A count as intcomma writes it (a number under a thousand has no separator anywhere)."""
    return str(value) if -1000 < value < 1000 else intcomma(value)


@register.simple_tag
def officer_rows(officers) -> str:
    """The rows of an officer list (views.officers.LIST_COLUMNS), written in one pass: fifty
    rows through the template engine (a link reversed, labels translated, numbers formatted on
    each) cost more than the rest of the page. Every text is escaped as the engine would."""
    marker = "officer-public-id"
    before, after = (escape(part) for part in
                     reverse("records:officer_detail", args=[marker]).split(marker))
    gone = f' <span class="usa-tag portal-tag--muted">{escape(gettext("No longer serving"))}</span>'
    rows = []
    for o in officers:
        name = f"{o.last_name}, {o.first_name}" if o.first_name else o.last_name
        rows.append(
            f'<tr><th scope="row"><a class="usa-link" href="{before}'
            f'{escape(quote(o.public_id, safe=URL_SAFE))}{after}">{escape(name)}</a>'
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
