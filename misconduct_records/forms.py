"""The records editors' correction of a public row: the field, the new value, the reason, the
evidence. The new value is typed as the field's own type (a category, command or district by
its code)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AllegationCategory, Command, District, Officer, PublicAllegation, PublicCase
from .services import CORRECTABLE_FIELDS

TABLES = {"officer": Officer, "case": PublicCase, "allegation": PublicAllegation}
ERROR_NO_CODE = _("No {thing} has the code {code!r}.")


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("Field to correct"))
    new_value = forms.CharField(label=_("New value"), required=False, max_length=1000,
                                help_text=_("Dates as YYYY-MM-DD; a category, command or district by its "
                                            "code; leave blank to clear the field."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             help_text=_("Shown on the public corrections log."))
    evidence = forms.CharField(label=_("Evidence"), max_length=300,
                               help_text=_("The document, letter or link that shows the new value."))

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        meta = type(instance)._meta
        self.fields["field"].choices = sorted(
            ((name, str(meta.get_field(name).verbose_name).capitalize())
             for name in CORRECTABLE_FIELDS[type(instance)]), key=lambda choice: choice[1])

    def clean(self):
        data = super().clean()
        if "field" in data and "new_value" in data:
            data["value"] = self._typed(data["field"], data["new_value"].strip())
        return data

    def _typed(self, name: str, text: str):
        field = type(self.instance)._meta.get_field(name)
        try:
            if field.is_relation:
                return self._related(field, text) if text else None
            if not text:
                return None if field.null else ""
            value = field.to_python(text)
            field.run_validators(value)
            field.validate(value, self.instance)
            return value
        except ValidationError as error:
            raise ValidationError({"new_value": error.messages}) from None

    def _related(self, field, code: str):
        model = field.related_model
        rows = model.objects.filter(code=code)
        if model in (Command, District):
            rows = rows.filter(agency=_agency_of(self.instance))
        found = rows.first() if model in (AllegationCategory, Command, District) else None
        if found is None:
            raise ValidationError(ERROR_NO_CODE.format(thing=model._meta.verbose_name, code=code))
        return found


def _agency_of(instance):
    if isinstance(instance, PublicAllegation):
        return instance.case.agency_id
    return instance.agency_id
