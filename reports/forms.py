import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import Agency

from .models import FeedbackStatus
from .periods import Period, PeriodKind

DESIGN = {"class": "usa-input"}
SELECT = {"class": "usa-select"}


class FeedbackForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=2000,
                           widget=forms.Textarea(attrs={"class": "usa-textarea", "rows": 6}),
                           help_text=_("Staff read every comment before it is published. Do not "
                                       "write your name or anyone else's."))


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs=DESIGN))


class ModerationForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), widget=forms.Select(attrs=SELECT), choices=[
        (FeedbackStatus.PUBLISHED, _("Publish")), (FeedbackStatus.DECLINED, _("Decline"))])
    answer = forms.CharField(label=_("Answer (shown under the comment)"), required=False,
                             widget=forms.Textarea(attrs={"class": "usa-textarea", "rows": 3}))


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=[c for c in PeriodKind.choices
                                                         if c[0] != PeriodKind.CUSTOM],
                             widget=forms.Select(attrs=SELECT))
    day = forms.DateField(label=_("Any day in the period (YYYY-MM-DD)"),
                          widget=forms.DateInput(attrs=DESIGN))
    scope = forms.ChoiceField(label=_("Scope"), widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.with_officers().values_list("slug", "name")
        self.fields["scope"].choices = [("own", _("This board's own cases")), *agencies]
        self.fields["day"].initial = timezone.localdate() - datetime.timedelta(days=92)

    def period(self) -> Period:
        return Period.containing(self.cleaned_data["kind"], self.cleaned_data["day"])

    def agency(self) -> Agency | None:
        scope = self.cleaned_data["scope"]
        return None if scope == "own" else Agency.objects.get(slug=scope)
