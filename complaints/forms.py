from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import District
from portal.forms import AccessibleFormMixin

from .models import FilerRole


class ComplaintForm(AccessibleFormMixin, forms.Form):
    filer_role = forms.ChoiceField(
        label=_("Who is filing this complaint?"), choices=FilerRole.choices,
        initial=FilerRole.AFFECTED, widget=forms.RadioSelect,
    )
    narrative = forms.CharField(
        label=_("What happened?"), max_length=20000,
        help_text=_("Describe what the officer or officers did, in your own words."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    occurred_on = forms.DateField(
        label=_("When did it happen?"), required=False,
        help_text=_("Leave empty if you don't know. For example: 2026-03-14."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    location = forms.CharField(
        label=_("Where did it happen?"), max_length=300, required=False,
        help_text=_("An address, a corner or a description of the place."),
    )
    district = forms.ModelChoiceField(
        label=_("Police district"), queryset=District.objects.all(), required=False,
        empty_label=_("I don't know"),
    )
    officer_details = forms.CharField(
        label=_("Officers involved"), max_length=2000, required=False,
        help_text=_("Names, badge numbers, car numbers or descriptions — whatever you know."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Your email"), required=False,
        help_text=_("We send your receipt and updates here. Leave empty to stay anonymous."),
    )
    contact_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on and occurred_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return occurred_on
