from django import forms
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import AllegationCategory, Officer
from misconduct_records.vocabulary import Discipline, Finding, ForceLevel
from portal.forms import AccessibleFormMixin


class AllegationForm(AccessibleFormMixin, forms.Form):
    category = forms.ModelChoiceField(label=_("Category"),
                                      queryset=AllegationCategory.objects.all())
    badge_number = forms.CharField(
        label=_("Officer badge number"), max_length=30, required=False,
        help_text=_("Leave empty and describe the officer below if not yet identified."),
    )
    unidentified_description = forms.CharField(
        label=_("Description of an unidentified officer"), max_length=300, required=False,
    )
    force_level = forms.TypedChoiceField(
        label=_("Force level"), choices=[("", _("Not a force allegation")), *ForceLevel.choices],
        coerce=int, empty_value=None, required=False,
    )

    def clean(self):
        data = super().clean()
        badge = data.get("badge_number", "").strip()
        data["officer"] = None
        if badge:
            data["officer"] = Officer.objects.filter(badge_number=badge).first()
            if data["officer"] is None:
                self.add_error("badge_number", _("No officer has badge number %(badge)s.")
                               % {"badge": badge})
        elif not data.get("unidentified_description"):
            raise forms.ValidationError(
                _("Give the officer's badge number or describe the unidentified officer."))
        return data


class FindingForm(AccessibleFormMixin, forms.Form):
    finding = forms.ChoiceField(label=_("Finding"), choices=Finding.choices)
    discipline_recommended = forms.ChoiceField(
        label=_("Discipline recommended"), choices=[("", _("None")), *Discipline.choices],
        required=False,
    )


class PublicSummaryForm(AccessibleFormMixin, forms.Form):
    public_summary = forms.CharField(
        label=_("Public summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published with the case. Never include names or details of civilians."),
    )


class TransitionForm(AccessibleFormMixin, forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason (optional)"), max_length=1000, required=False)
