"""The live statistics page: the report's figures over any period, agency, district and
category, with the same suppression; computed once per change of the data and cached."""

import datetime
import hashlib
import json
import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from misconduct_records.filters import plain_selects
from misconduct_records.models import Agency, AllegationCategory, District
from misconduct_records.page_cache import intake_version, version_cached
from misconduct_records.selectors import record_version
from portal.access import open_to_anyone

from .figures import Scope, compute_with_previous
from .periods import Period, PeriodKind
from .presentation import table_views
from .services.generation import figures_published

CACHE_SECONDS = 24 * 3600
logger = logging.getLogger(__name__)


class StatisticsForm(forms.Form):
    start = forms.DateField(label=_("From (YYYY-MM-DD)"), required=False,
                            widget=forms.DateInput(attrs={"class": "usa-input"}))
    end = forms.DateField(label=_("To (YYYY-MM-DD)"), required=False,
                          widget=forms.DateInput(attrs={"class": "usa-input"}))
    agency = forms.ModelChoiceField(label=_("Agency"), required=False, to_field_name="slug",
                                    queryset=Agency.objects.with_officers(), empty_label=_("Any"),
                                    widget=forms.Select(attrs={"class": "usa-select"}))
    district = forms.ModelChoiceField(label=_("District"), required=False, empty_label=_("Any"),
                                      queryset=District.objects.select_related("agency"),
                                      widget=forms.Select(attrs={"class": "usa-select"}))
    category = forms.ModelChoiceField(label=_("Category"), required=False, to_field_name="code",
                                      queryset=AllegationCategory.objects.all(), empty_label=_("Any"),
                                      widget=forms.Select(attrs={"class": "usa-select"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_selects(self, key="statistics")  # hundreds of districts: options drawn once

    def clean(self):
        data = super().clean()
        default = Period.last_complete(PeriodKind.QUARTERLY, timezone.localdate())
        start, end = data.get("start") or default.start, data.get("end") or default.end
        if start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        if (end - start).days > 366 * 30:
            start = end - datetime.timedelta(days=366 * 30)
        data["period"] = Period(PeriodKind.CUSTOM, start, end)
        return data


def statistics_figures(*, period: Period, agency: Agency | None, district: District | None,
                       category: AllegationCategory | None) -> dict:
    """The published figures for the filters, from the cache while the data is unchanged."""
    scope = Scope(agency=agency.slug if agency else (district.agency.slug if district else ""),
                  district=district.code if district else "", category=category.code if category else "")
    params = json.dumps([period.as_dict(), scope.agency, scope.district, scope.category])
    version = f"{record_version()}+{intake_version() or 'unversioned'}"  # complaints received are counted
    key = f"reports:statistics:{version}:{hashlib.sha256(params.encode()).hexdigest()}"
    figures = _cached(key)
    if figures is None:
        bounds = list(settings.REPORTS["DAY_BOUNDS"])
        counts, stats = compute_with_previous(scope=scope, period=period, bounds=bounds)
        figures = figures_published(counts, stats, bounds=bounds, scope=scope, period=period,
                                    snapshot=None)
        figures["filters"] = {"district": district.pk if district else "",
                              "category": scope.category}
        _cache_set(key, figures)
    return figures


def _cached(key: str):
    try:
        return cache.get(key)
    except Exception:  # the cache (Redis) is down: compute, the page still works
        logger.warning("Statistics cache unreachable")
        return None


def _cache_set(key: str, figures: dict) -> None:
    try:
        cache.set(key, figures, CACHE_SECONDS)
    except Exception:
        logger.warning("Statistics cache unreachable")


@open_to_anyone
def statistics_page(request):
    form = StatisticsForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/statistics.html", {"form": form}, status=400)
    data = form.cleaned_data
    figures = statistics_figures(period=data["period"], agency=data.get("agency"),
                                 district=data.get("district"), category=data.get("category"))
    digest = hashlib.sha256(json.dumps(figures["filters"] | {
        "period": data["period"].as_dict(), "scope": figures["scope"]}, default=str).encode()).hexdigest()

    def draw_tables() -> str:
        return render_to_string("reports/_tables.html", {
            "figures": figures, "tables": table_views(figures), "for_pdf": False})

    return render(request, "reports/statistics.html", {
        "form": form, "figures": figures, "period": data["period"],
        # the tables with their links and charts: drawn once per record version (and version of the
        # complaints-received counts) and language
        "tables_html": mark_safe(version_cached(f"statistics-tables-html:{digest}", draw_tables, intake=True))})  # noqa: S308  # nosec B308 B703  # drawn by the template engine
