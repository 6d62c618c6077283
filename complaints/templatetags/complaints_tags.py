from django import template

from complaints.conduct import CONDUCT_GROUPS

register = template.Library()


@register.simple_tag
def conduct_groups(bound_field):
    """The conduct choices in their groups, each with whether it is ticked."""
    chosen = {str(v) for v in (bound_field.value() or [])}
    return [(title, [(code, label, code in chosen) for code, label in items])
            for title, items in CONDUCT_GROUPS]


@register.simple_tag
def acknowledgement_days():
    """The business days promised for an acknowledgement (the same setting as the staff clock)."""
    from complaints.services import acknowledgement_days as days

    return days()
