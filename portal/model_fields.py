"""Looking up a model's fields by name when the name comes from data (mappings, corrections)."""

from django.db import models


def concrete_field(model: type[models.Model], name: str) -> models.Field:
    """The model's own field of that name (never a reverse relation)."""
    found = model._meta.get_field(name)
    assert isinstance(found, models.Field), f"{model.__name__}.{name} is not a concrete field"
    return found


def related_label(model: type[models.Model], name: str) -> str:
    """'app.Model' of the model a foreign key field points to."""
    related = concrete_field(model, name).related_model
    assert related is not None and not isinstance(related, str), f"{model.__name__}.{name} is no relation"
    return related._meta.label


class QuickChoiceLabels:
    """`get_FOO_display()` from a table of labels built once per field and language.

    Django's own builds a dictionary of every choice, hashing each lazily translated label, on
    every call: a public list of fifty rows with four labelled fields paid for a thousand
    translations per page.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return choice_labels(field).get(value, value)


_LABELS: dict[tuple[int, str], dict] = {}


def choice_labels(field: models.Field) -> dict:
    """{value: translated label} of a field with choices, in the active language."""
    from django.utils.translation import get_language

    key = (id(field), get_language() or "")
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {value: str(label) for value, label in field.flatchoices}
    return labels
