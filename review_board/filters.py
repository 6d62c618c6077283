"""One filter for the open-case list, used by the dashboard and by its CSV export."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.forms import AccessibleFormMixin
from portal.roles import Role

from .models import Case, CaseOrigin, CaseState, Priority


class CaseFilterForm(AccessibleFormMixin, forms.Form):
    pass


def _investigators(request):
    return (get_user_model().objects.filter(groups__name__in=[Role.INVESTIGATOR, Role.SUPERVISOR])
            .distinct().order_by("username"))


class CaseFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=CaseState.choices,
                                        empty_label=_("Any state"))
    origin = django_filters.ChoiceFilter(label=_("Origin"), choices=CaseOrigin.choices,
                                         empty_label=_("Any origin"))
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Priority.choices,
                                           empty_label=_("Any priority"))
    assigned_to = django_filters.ModelChoiceFilter(label=_("Assigned to"), queryset=_investigators,
                                                   empty_label=_("Anyone"))

    class Meta:
        model = Case
        fields = ["state", "origin", "priority", "assigned_to"]
        form = CaseFilterForm
