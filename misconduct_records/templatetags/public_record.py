from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format
from django.utils.translation import gettext

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
