from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import AccessibleFormMixin

from .forms import MultipleFileField


class AddInformationForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What would you like to add?"), max_length=5000, required=False,
        help_text=_("Anything you remembered, new witnesses, or details of the evidence."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("Add files"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and not cleaned.get("files"):
            raise forms.ValidationError(_("Write something or choose a file to add."))
        return cleaned


class WithdrawForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I want to withdraw my complaint"), required=True,
        widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
        error_messages={"required": _("Tick the box to confirm you want to withdraw.")},
    )
    reason = forms.CharField(
        label=_("Why? (optional)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
