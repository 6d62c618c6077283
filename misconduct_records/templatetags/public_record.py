from django import template

from ..vocabulary import FINDING_DEFINITIONS

register = template.Library()


@register.filter
def finding_definition(value: str) -> str:
    """The plain-language meaning of a finding, shown next to it."""
    return FINDING_DEFINITIONS.get(value, "")
