"""One form per step of the complaint. Every answer but the story itself may be left empty."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import District
from portal.forms import AccessibleFormMixin

from .conduct import CONDUCT_CHOICES, FORCE_LEVEL_CHOICES
from .evidence import ALLOWED_EXTENSIONS
from .models import FilerRole

MAX_OFFICERS = 10
MAX_WITNESSES = 10
HONEYPOT_ERROR = _("This form could not be sent. If you are a person, leave the field "
                   "“Leave this empty” empty and try again.")
DONT_KNOW = _("Leave empty if you don't know.")


class HoneypotMixin(forms.Form):
    """A field people never see; automated senders fill it in."""

    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(HONEYPOT_ERROR, code="honeypot")
        return ""


class IncidentForm(AccessibleFormMixin, HoneypotMixin):
    filer_role = forms.ChoiceField(
        label=_("Who is filing this complaint?"), choices=FilerRole.choices,
        initial=FilerRole.AFFECTED, widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}),
    )
    narrative = forms.CharField(
        label=_("What happened?"), max_length=20000,
        help_text=_("Describe what the officer or officers did, in your own words."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    occurred_on = forms.DateField(
        label=_("When did it happen?"), required=False,
        help_text=DONT_KNOW,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_time = forms.TimeField(
        label=_("At what time?"), required=False,
        help_text=DONT_KNOW,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    occurred_approximately = forms.BooleanField(
        label=_("The date or time is approximate"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
    )
    location = forms.CharField(
        label=_("Where did it happen?"), max_length=300, required=False,
        help_text=_("An address, a corner or a description of the place. No map needed."),
    )
    district = forms.ModelChoiceField(
        label=_("Police district"), queryset=District.objects.all(), required=False,
        empty_label=_("I don't know"),
    )

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on and occurred_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return occurred_on


class OfficerForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False, help_text=DONT_KNOW)
    badge_number = forms.CharField(label=_("Badge number"), max_length=30, required=False,
                                   help_text=DONT_KNOW)
    rank = forms.CharField(label=_("Rank or role"), max_length=60, required=False,
                           help_text=_("For example: officer, sergeant, detective."))
    vehicle = forms.CharField(label=_("Car, bike or unit number"), max_length=60, required=False,
                              help_text=DONT_KNOW)
    description = forms.CharField(
        label=_("What did they look like?"), max_length=1000, required=False,
        help_text=_("Height, hair, uniform or plain clothes, anything you remember."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The officer's public id when the resident chose them from the roster.
    roster_id = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)


OfficerFormSet = forms.formset_factory(OfficerForm, extra=0, max_num=MAX_OFFICERS,
                                       validate_max=True, absolute_max=MAX_OFFICERS)


class ConductForm(AccessibleFormMixin, HoneypotMixin):
    conduct = forms.MultipleChoiceField(
        label=_("What did the officers do?"), choices=CONDUCT_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "usa-checkbox__input"}),
        help_text=_("Choose everything that applies. If you are not sure, describe it below."),
    )
    force_level = forms.ChoiceField(
        label=_("If force was used, what was the most serious?"), choices=FORCE_LEVEL_CHOICES,
        required=False, widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}),
    )
    conduct_other = forms.CharField(
        label=_("Something else, or not sure?"), max_length=1000, required=False,
        help_text=_("Describe it in your own words."), widget=forms.Textarea(attrs={"rows": 2}),
    )


class PeopleForm(AccessibleFormMixin, HoneypotMixin):
    affected_name = forms.CharField(
        label=_("Name of the person this happened to"), max_length=200, required=False,
        help_text=_("Only if you are filing for someone else. Kept private."),
    )
    affected_contact = forms.CharField(
        label=_("How can we reach them?"), max_length=300, required=False,
        help_text=_("Phone, email or address, if they agree. Kept private."),
    )
    affected_details = forms.CharField(
        label=_("Anything we should know about them?"), max_length=1000, required=False,
        help_text=_("For example: their age, a language they speak, an injury."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WitnessForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Witness name"), max_length=200, required=False,
                           help_text=DONT_KNOW)
    contact = forms.CharField(label=_("How to reach them"), max_length=300, required=False,
                              help_text=_("Phone, email or address. Kept private."))
    account = forms.CharField(label=_("What did they see?"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


WitnessFormSet = forms.formset_factory(WitnessForm, extra=0, max_num=MAX_WITNESSES,
                                       validate_max=True, absolute_max=MAX_WITNESSES)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "portal-file"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class EvidenceForm(AccessibleFormMixin, HoneypotMixin):
    files = MultipleFileField(label=_("Add files"), required=False)
    evidence_notes = forms.CharField(
        label=_("Evidence you cannot upload"), max_length=2000, required=False,
        help_text=_("For example: a neighbour's camera, a medical record, a ticket number."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = settings.COMPLAINT_LIMITS
        self.fields["files"].help_text = _(
            "Photos, videos, audio recordings or documents (%(types)s). Up to %(count)s files, "
            "each up to %(size)s MB."
        ) % {"types": ", ".join(ALLOWED_EXTENSIONS), "count": limits["MAX_FILES"],
             "size": limits["MAX_FILE_MB"]}


class ContactForm(AccessibleFormMixin, HoneypotMixin):
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Your email"), required=False, max_length=254,
        help_text=_("We send your receipt and updates here. Leave empty to stay anonymous."),
    )
    contact_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)


STEP_FORMS = {
    "incident": IncidentForm,
    "conduct": ConductForm,
    "people": PeopleForm,
    "evidence": EvidenceForm,
    "contact": ContactForm,
}
STEP_FORMSETS = {
    "officers": ("officers", OfficerFormSet),
    "people": ("witnesses", WitnessFormSet),
}
