"""One FilterSet for the recommendations list: the page and the API share it."""

import django_filters as filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misconduct_records.filters import PublicFilterSet

from .models import Recommendation
from .vocabulary import PolicyArea, ResponseState

FIRST_YEAR = 2000


def _years():
    return [(y, str(y)) for y in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class RecommendationFilter(PublicFilterSet):
    area = filters.ChoiceFilter(label=_("Policy area"), choices=PolicyArea.choices)
    status = filters.ChoiceFilter(label=_("Department's response"), choices=ResponseState.choices,
                                  field_name="response__state")
    year = filters.TypedChoiceFilter(label=_("Year published"), choices=_years, coerce=int,
                                     field_name="published_on__year")

    class Meta:
        model = Recommendation
        fields = ["area", "status", "year"]
