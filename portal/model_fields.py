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
