from urllib.parse import quote

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from ..models import Command, District
from ..vocabulary import FINDING_DEFINITIONS, DatePrecision

register = template.Library()


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


OFFICER_ROW = ('<tr><th scope="row"><a class="usa-link" href="{}">{}</a>{}</th><td>{}</td>'
               '<td>{}</td><td>{}</td><td>{}</td><td class="portal-num">{}</td>'
               '<td class="portal-num">{}</td></tr>\n')


@register.simple_tag
def officer_rows(officers) -> str:
    """The rows of an officer list (views.officers.LIST_COLUMNS), written in one pass: fifty
    rows through the template engine (a link reversed, labels translated, numbers formatted on
    each) cost more than the rest of the page."""
    marker = "officer-public-id"
    before, after = reverse("records:officer_detail", args=[marker]).split(marker)
    gone = format_html(' <span class="usa-tag portal-tag--muted">{}</span>', gettext("No longer serving"))
    return format_html_join("", OFFICER_ROW, (
        (before + quote(o.public_id, safe="!$&'()*+,;=/~:@") + after,
         f"{o.last_name}, {o.first_name}" if o.first_name else o.last_name,
         gone if o.is_active is False else "",
         o.badge_number or "—", o.rank or "—", o.agency__name, _place(o),
         _count(o.allegation_total), _count(o.sustained_total))
        for o in officers))


def _place(o) -> str:
    if o.district__code is not None:
        return District.label(o.district__code, o.district__name)
    if o.command__code is not None:
        return Command.label(o.command__code, o.command__name)
    return "—"
