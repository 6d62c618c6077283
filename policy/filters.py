"""One FilterSet for the recommendations list: the page and the API share it."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from misconduct_records.filters import PublicFilterSet, YearFilter

from .models import Recommendation
from .vocabulary import PolicyArea, ResponseState


class RecommendationFilter(PublicFilterSet):
    area = filters.ChoiceFilter(label=_("Policy area"), choices=PolicyArea.choices)
    status = filters.ChoiceFilter(label=_("Department's response"), choices=ResponseState.choices,
                                  field_name="response__state")
    year = YearFilter(label=_("Year published"), field_name="published_on", lookup_expr="year")

    class Meta:
        model = Recommendation
        fields = ["area", "status", "year"]
