from django import forms
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import PublicCase
from portal.forms import AccessibleFormMixin

from .models import ImplementationUpdate, Meeting, MeetingVote, PolicyStanding, Recommendation
from .vocabulary import ResponseState

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _url_field(label, *, required: bool = False) -> forms.URLField:
    return forms.URLField(label=label, required=required, assume_scheme="https")


class DesignSystemForm(AccessibleFormMixin, forms.Form):
    pass


class DesignSystemModelForm(AccessibleFormMixin, forms.ModelForm):
    pass


class RecommendationForm(DesignSystemModelForm):
    related_case_ids = forms.CharField(
        label=_("Related public cases"), required=False,
        help_text=_("Public case numbers, separated by spaces or commas."))

    class Meta:
        model = Recommendation
        fields = ["title", "area", "problem", "evidence", "recommendation"]

    def clean_related_case_ids(self) -> list[PublicCase]:
        ids = [i for i in self.cleaned_data["related_case_ids"].replace(",", " ").split() if i]
        cases = list(PublicCase.objects.filter(public_id__in=ids))
        missing = sorted(set(ids) - {c.public_id for c in cases})
        if missing:
            raise forms.ValidationError(_("No public case has the number %(ids)s.") % {
                "ids": ", ".join(missing)})
        return cases


class AdoptionForm(DesignSystemForm):
    votes_for = forms.IntegerField(label=_("Members in favour"), min_value=0)
    votes_against = forms.IntegerField(label=_("Members against"), min_value=0)
    votes_abstaining = forms.IntegerField(label=_("Members abstaining"), min_value=0, initial=0)


class ReasonForm(DesignSystemForm):
    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ResponseForm(DesignSystemForm):
    to = forms.ChoiceField(label=_("The department's answer"), choices=[
        (s.value, s.label) for s in (ResponseState.UNDER_REVIEW, ResponseState.ACCEPTED,
                                     ResponseState.PARTIALLY_ACCEPTED, ResponseState.REJECTED)])
    responded_on = forms.DateField(label=_("Date of the response"), widget=DATE)
    summary = forms.CharField(label=_("What the department said"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("The department's stated reason (required for a rejection)"),
                             required=False, widget=forms.Textarea(attrs={"rows": 3}))
    document_url = _url_field(_("Link to the response"))


class ImplementationForm(DesignSystemModelForm):
    evidence_url = _url_field(_("Link to the evidence"))
    class Meta:
        model = ImplementationUpdate
        fields = ["status", "on", "evidence", "evidence_url"]
        widgets = {"on": DATE, "evidence": forms.Textarea(attrs={"rows": 3})}


class StandingForm(DesignSystemModelForm):
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Related recommendations"), required=False,
        queryset=Recommendation.objects.public(), widget=forms.CheckboxSelectMultiple)
    policy_url = _url_field(_("Link to the policy"))
    note = forms.CharField(label=_("What changed (shown in the history)"), required=False,
                           max_length=300)

    class Meta:
        model = PolicyStanding
        fields = ["adoption", "policy_text", "policy_url", "as_of", "continuum_levels"]
        widgets = {"as_of": DATE, "policy_text": forms.Textarea(attrs={"rows": 4})}


class MeetingForm(DesignSystemModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "agenda", "minutes"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class MeetingVoteForm(DesignSystemModelForm):
    class Meta:
        model = MeetingVote
        fields = ["motion", "votes_for", "votes_against", "votes_abstaining", "recommendation"]


class MeetingDocumentForm(DesignSystemForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = _url_field(_("Link"), required=True)


class CommentForm(DesignSystemForm):
    body = forms.CharField(
        label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A moderator reads it before it is published with the meeting. Do not "
                    "include your name, address or anyone else's personal details."))
