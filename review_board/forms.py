import copy

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Channel
from complaints.services import IdentityCheck
from misconduct_records.models import (
    Agency,
    AllegationCategory,
    DecertificationReferral,
    District,
    Officer,
)
from misconduct_records.vocabulary import Discipline, Finding, ForceLevel
from portal.forms import AccessibleFormMixin
from portal.roles import Role

from .models import EvidenceKind, IntervieweeRole

DATE = forms.DateInput(attrs={"type": "date"})


def _set_choices(form, **querysets) -> None:
    """Give choice fields their querysets before the form validates (call before super().__init__)."""
    form.base_fields = copy.deepcopy(type(form).base_fields)
    for name, queryset in querysets.items():
        form.base_fields[name].queryset = queryset


def _users_with(*roles):
    return (get_user_model().objects.filter(groups__name__in=roles, is_active=True).distinct()
            .order_by("last_name", "username"))


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


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


# Nothing is chosen until a person chooses: the first option of every finding list is empty.
NO_FINDING = [("", _("Choose a finding"))]
VOTE_NEEDS_DISCIPLINE = _("You voted “Sustained”: choose the discipline you recommend.")
VOTE_DISCIPLINE_ONLY_SUSTAINED = _("Discipline is recommended only with a “Sustained” finding: "
                                   "choose “None” or change the finding.")
VOTE_NEEDS_DAYS = _("You recommend a suspension: give the number of days.")
VOTE_DAYS_ONLY_SUSPENSION = _("Suspension days go only with a suspension: leave the days empty.")


class VoteForm(AccessibleFormMixin, forms.Form):
    finding = forms.ChoiceField(label=_("Finding"), choices=[*NO_FINDING, *Finding.choices],
                                error_messages={"required": _("Choose a finding.")})
    discipline = forms.ChoiceField(
        label=_("Discipline recommended"), choices=[("", _("None")), *Discipline.choices],
        required=False, help_text=_("Required with a sustained finding; only with one."))
    suspension_days = forms.IntegerField(label=_("Suspension days"), min_value=1, max_value=365,
                                         required=False, help_text=_("Only for a suspension."))

    def clean(self):
        data = super().clean()
        finding, discipline = data.get("finding"), data.get("discipline", "")
        if finding == Finding.SUSTAINED and not discipline:
            self.add_error("discipline", VOTE_NEEDS_DISCIPLINE)
        elif finding and finding != Finding.SUSTAINED and discipline:
            self.add_error("discipline", VOTE_DISCIPLINE_ONLY_SUSTAINED)
        if discipline == Discipline.SUSPENSION and not data.get("suspension_days"):
            self.add_error("suspension_days", VOTE_NEEDS_DAYS)
        elif discipline != Discipline.SUSPENSION and data.get("suspension_days"):
            self.add_error("suspension_days", VOTE_DAYS_ONLY_SUSPENSION)
        return data


class RecommendationForm(AccessibleFormMixin, forms.Form):
    finding = forms.ChoiceField(label=_("Investigator's recommended finding"),
                                choices=[*NO_FINDING, *Finding.choices],
                                error_messages={"required": _("Choose a finding to recommend.")})
    reasoning = forms.CharField(
        label=_("Reasoning for this finding"), max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The facts that support the finding and why. The panel reads this before it "
                    "votes."),
        error_messages={"required": _("Give the reasoning for the finding you recommend.")})


class ConflictForm(AccessibleFormMixin, forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest in this case?"), widget=forms.RadioSelect,
        choices=[("no", _("No, I have no conflict")), ("yes", _("Yes: I recuse from this case"))],
        coerce=lambda v: v == "yes")
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class PanelForm(AccessibleFormMixin, forms.Form):
    members = StaffMultipleChoiceField(label=_("Members"), queryset=get_user_model().objects.none())

    def __init__(self, *args, roles=(Role.BOARD_MEMBER, Role.BOARD_CHAIR), **kwargs):
        _set_choices(self, members=_users_with(*roles))
        super().__init__(*args, **kwargs)


class SeatForm(AccessibleFormMixin, forms.Form):
    member = StaffChoiceField(label=_("Replacement member"), queryset=get_user_model().objects.none())

    def __init__(self, *args, roles=(Role.BOARD_MEMBER, Role.BOARD_CHAIR), **kwargs):
        _set_choices(self, member=_users_with(*roles))
        super().__init__(*args, **kwargs)


class AssignForm(AccessibleFormMixin, forms.Form):
    investigator = StaffChoiceField(label=_("Investigator"), queryset=get_user_model().objects.none())
    supervisor = StaffChoiceField(label=_("Supervisor"), required=False,
                                  queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        _set_choices(self, investigator=_users_with(Role.INVESTIGATOR),
                     supervisor=_users_with(Role.SUPERVISOR))
        super().__init__(*args, **kwargs)


class ImposedDisciplineForm(AccessibleFormMixin, forms.Form):
    discipline = forms.ChoiceField(label=_("Discipline imposed"), choices=Discipline.choices)
    suspension_days = forms.IntegerField(label=_("Suspension days"), min_value=1, max_value=365,
                                         required=False)
    imposed_on = forms.DateField(label=_("Imposed on"), widget=DATE)
    reason = forms.CharField(label=_("Department's reason, where it differs"), max_length=2000,
                             required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PublicSummaryForm(AccessibleFormMixin, forms.Form):
    public_summary = forms.CharField(
        label=_("Public summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published with the case. Never include names or details of civilians."),
    )


class TransitionForm(AccessibleFormMixin, forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)


class OwnMotionForm(AccessibleFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all())
    district = forms.ModelChoiceField(label=_("Police district"), queryset=District.objects.all(),
                                      required=False)
    incident_on = forms.DateField(label=_("Date of the incident"), required=False, widget=DATE)
    origin_details = forms.CharField(
        label=_("What prompted this case"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: body-worn camera review, a news report, an unreported incident."))


class IAReviewForm(OwnMotionForm):
    ia_reference = forms.CharField(label=_("Internal-affairs case reference"), max_length=60)
    ia_finding = forms.ChoiceField(label=_("Internal-affairs finding"), choices=Finding.choices)
    complaint_tracking_number = forms.CharField(
        label=_("Complaint tracking number (for a complainant's appeal)"), max_length=20,
        required=False)
    origin_details = forms.CharField(label=_("Notes"), max_length=2000, required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    footage_reference = forms.CharField(label=_("Footage reference"), max_length=120, required=False)
    requested_on = forms.DateField(label=_("Requested on"), required=False, widget=DATE)
    received_on = forms.DateField(label=_("Received on"), required=False, widget=DATE)


class ReceiptForm(AccessibleFormMixin, forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class InterviewForm(AccessibleFormMixin, forms.Form):
    interviewee_role = forms.ChoiceField(label=_("Who was interviewed"), choices=IntervieweeRole.choices)
    interviewee = forms.CharField(label=_("Name"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(AccessibleFormMixin, forms.Form):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Staff only. Never published or sent to the complainant."))


class ReportForm(AccessibleFormMixin, forms.Form):
    facts = forms.CharField(
        label=_("Facts found"), max_length=50000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the investigation established, and from which evidence and interviews. "
                    "Give the reasoning for each finding with its recommendation."))


class PlanForm(AccessibleFormMixin, forms.Form):
    plan = forms.CharField(label=_("Investigation plan"), required=False,
                           widget=forms.Textarea(attrs={"rows": 5}))


class ReferralStepForm(AccessibleFormMixin, forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)
    body_reference = forms.CharField(label=_("The certification body's reference"), max_length=60,
                                     required=False)
    decision = forms.ChoiceField(
        label=_("Decision"), required=False,
        choices=[("", _("Choose the decision")),
                 *[c for c in DecertificationReferral.Status.choices
                   if c[0] != DecertificationReferral.Status.REFERRED]])


class IntakeChannelForm(AccessibleFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("How did the complaint reach us?"), widget=forms.RadioSelect,
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
        error_messages={"required": _("Choose how the complaint reached us.")})
    received_on = forms.DateField(label=_("Date received"), widget=DATE, initial=timezone.localdate,
                                  help_text=_("The acknowledgement clock starts on this date."))
    language = forms.ChoiceField(label=_("Language for the receipt and letters"),
                                 choices=settings.LANGUAGES, initial="en")

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        return received_on


class AuditSearchForm(AccessibleFormMixin, forms.Form):
    case = forms.CharField(label=_("Case number"), max_length=20, required=False,
                           help_text=_("For example: 2026-0042"))
    tracking_number = forms.CharField(label=_("Complaint tracking number"), max_length=20,
                                      required=False, help_text=_("For example: CR-2026-000142"))

    def clean(self):
        data = super().clean()
        data["case"] = data.get("case", "").strip()
        data["tracking_number"] = data.get("tracking_number", "").strip().upper()
        if not data["case"] and not data["tracking_number"]:
            raise forms.ValidationError(_("Give a case number or a complaint tracking number."))
        return data


class TokenForm(AccessibleFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"), max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class EnrolForm(TokenForm):
    token = forms.CharField(
        label=_("The 6-digit code your authenticator app shows"), max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class NewStatusCodeForm(AccessibleFormMixin, forms.Form):
    """Staff confirm how they checked the complainant's identity before a new code is sent."""

    identity_check = forms.ChoiceField(
        label=_("How did you check that the person asking is the complainant?"),
        choices=IdentityCheck.choices, widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}))
