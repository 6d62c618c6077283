"""One FilterSet per public list, shared by the HTML pages, the JSON API and the downloads."""

import functools

import django_filters as filters
from django import forms
from django.db.models import Exists, OrderBy, OuterRef, Q
from django.db.models.functions import Coalesce
from django.forms import NullBooleanSelect, Widget
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from .models import (
    CASE_DATE_COPIES,
    Agency,
    AllegationCategory,
    Command,
    District,
    Officer,
    PublicAllegation,
    PublicCase,
    Settlement,
    Source,
)
from .page_cache import version_cache_get_many, version_cached
from .selectors import OFFICER_SORTS, officer_search
from .vocabulary import CaseStatus, Discipline, Family, Finding, ForceLevel

MAX_TEXT_LENGTH = 200  # any typed filter value longer than this is refused, not searched
YEAR_MIN, YEAR_MAX = 1900, 2100
ERROR_YEAR = _("Enter a year between 1900 and 2100, such as 2024.")


class YearFilter(filters.NumberFilter):
    """A four-digit year: anything else is a form error (a 400 on the API), never a query."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.update(min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages={
            "invalid": ERROR_YEAR, "min_value": ERROR_YEAR, "max_value": ERROR_YEAR})
        super().__init__(*args, **kwargs)


def _options_html(choices) -> str:
    return format_html_join("", '<option value="{}">{}</option>', choices)


class PlainSelect(Widget):
    """A <select> whose options are written once per record version, not through a template each.

    It stands in for a form's select widget, which still reads the submitted value. `options`
    returns the options' HTML (cached per record version by the filter lists); the chosen values
    are marked in that text, so drawing a select of hundreds of options costs a string search.
    """

    input_type = "select"

    def __init__(self, *, original, options):
        super().__init__(attrs={**original.attrs, "class": "usa-select"})
        self.original, self.options = original, options

    def value_from_datadict(self, data, files, name):
        return self.original.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return self.original.value_omitted_from_data(data, files, name)

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.original.format_value(value)
        html = self.options()
        for choice in (chosen if isinstance(chosen, list | tuple) else [chosen]):
            option = format_html('<option value="{}">', choice)
            html = html.replace(option, option[:-1] + " selected>", 1)
        return format_html('<select name="{}"{}>{}</select>', name,
                           flatatt(self.build_attrs(self.attrs, attrs)), mark_safe(html))  # noqa: S308  # nosec B308 B703  # options built by format_html_join


def _labelled_choices(field, name: str, *, boolean: bool) -> list[tuple[str, str]]:
    if boolean:
        return [("", str(_("Any"))), ("true", str(_("Yes"))), ("false", str(_("No")))]
    empty = _("Usual order") if name == "sort" else _("Any")
    return [("", str(empty)), *[(str(v), str(label)) for v, label in field.choices if str(v) != ""]]


def _options_html_of(field, name: str, *, boolean: bool) -> str:
    return _options_html(_labelled_choices(field, name, boolean=boolean))

def _on_or_after(label, field: str) -> filters.DateFilter:
    return filters.DateFilter(label=label, field_name=field, lookup_expr="gte")


def _on_or_before(label, field: str) -> filters.DateFilter:
    return filters.DateFilter(label=label, field_name=field, lookup_expr="lte")


class StableOrderingFilter(filters.OrderingFilter):
    """A sort that ends on the id, in the direction of its last field: rows that share a date
    keep one order, so pages neither repeat nor skip them, and an index on (date, id) serves it."""

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or () if param not in EMPTY_VALUES]
        if not ordering:
            return qs
        return qs.order_by(*ordering, "-id" if ordering[-1].startswith("-") else "id")


def _unindexed(term):
    """An ordering term by a date as an expression no index serves (the same order)."""
    if not isinstance(term, str) or term.lstrip("-") not in CASE_DATE_COPIES.values():
        return term
    name = term.lstrip("-")
    return OrderBy(Coalesce(name, name), descending=term.startswith("-"))


class PublicFilterSet(filters.FilterSet):
    """A FilterSet whose form wears the design system's classes (the API ignores them).

    Its selects list their options from a cache kept per record version and language, so drawing
    a list page neither queries the choices nor renders a template per option.
    """

    def get_form_class(self):
        """The form class, built once per FilterSet class: its fields hold lazy labels and
        unevaluated querysets, which every form copies for itself."""
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class

    @property
    def form(self):
        return plain_selects(super().form, key=type(self).__name__)


def plain_selects(form, *, key: str):
    """Give every select of `form` options written once per record version (and language),
    read from the cache together when the first is drawn."""
    if hasattr(form, "select_options"):
        return form
    form.select_options = options = _SelectOptions()
    for name, field in form.fields.items():
        widget = field.widget
        if widget.input_type != "select" or isinstance(widget, PlainSelect):
            widget.attrs.setdefault("class", "usa-input")
            continue
        option_key = f"filter-options:{key}:{name}"
        options.computes[option_key] = functools.partial(
            _options_html_of, field, name, boolean=isinstance(widget, NullBooleanSelect))
        field.widget = PlainSelect(original=widget, options=functools.partial(options.html, option_key))
    return form


class _SelectOptions:
    """The options of a form's selects, read from the cache all at once when the first is drawn
    (a form that is only validated, as the API's, reads none); those not stored yet are computed
    when drawn, and stored."""

    def __init__(self):
        self.computes: dict = {}
        self._stored: dict | None = None

    def html(self, key: str) -> str:
        if self._stored is None:
            self._stored = version_cache_get_many(self.computes)
        if key not in self._stored:
            self._stored[key] = version_cached(key, self.computes[key])
        return self._stored[key]


def _officer_ranks():
    return [(rank, rank) for rank in
            Officer.objects.order_by("rank").values_list("rank", flat=True).distinct() if rank]


class TieBrokenOrdering(filters.OrderingFilter):
    """A `sort` whose each choice is a whole order, tie-breakers included (`orders`)."""

    def __init__(self, *args, orders: dict[str, tuple[str, ...]], **kwargs):
        super().__init__(*args, **kwargs)
        self.orders = orders

    def filter(self, qs, value):
        if value and len(value) == 1 and value[0] in self.orders:
            return qs.order_by(*self.orders[value[0]])
        return super().filter(qs, value)


class OfficerFilter(PublicFilterSet):
    q = filters.CharFilter(label=_("Name or badge number"), method="search",
                           max_length=MAX_TEXT_LENGTH)
    agency = filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.with_officers(),
                                       to_field_name="slug")
    district = filters.ModelChoiceFilter(label=_("District"),
                                         queryset=District.objects.select_related("agency").in_natural_order())
    command = filters.ModelChoiceFilter(label=_("Command or unit"),
                                        queryset=Command.objects.select_related("agency").in_natural_order())
    rank = filters.ChoiceFilter(label=_("Rank"), choices=_officer_ranks)
    active = filters.BooleanFilter(label=_("Still serving"), field_name="is_active")
    has_sustained = filters.BooleanFilter(label=_("Has sustained allegations"),
                                          method="filter_has_sustained")
    category = filters.ModelChoiceFilter(
        label=_("Has an allegation in category"), queryset=AllegationCategory.objects.all(),
        to_field_name="code", method="filter_category")
    sort = TieBrokenOrdering(
        label=_("Sort by"), orders=OFFICER_SORTS,
        fields=(("last_name", "name"), ("allegation_total", "allegations"),
                ("sustained_total", "sustained"), ("badge_number", "badge")),
        field_labels={"last_name": _("Name"), "allegation_total": _("Allegations"),
                      "sustained_total": _("Sustained allegations"),
                      "badge_number": _("Badge number")},
    )

    class Meta:
        model = Officer
        fields = ["q", "agency", "district", "command", "rank", "active", "has_sustained",
                  "category"]

    def search(self, queryset, name, value: str):
        return officer_search(queryset, query=value)

    def filter_has_sustained(self, queryset, name, value: bool):
        return queryset.filter(sustained_total__gt=0) if value else queryset.filter(sustained_total=0)

    def filter_category(self, queryset, name, value: str):
        return queryset.filter(Exists(PublicAllegation.objects.filter(
            officer=OuterRef("pk"), category=value)))


class AllegationFilter(PublicFilterSet):
    agency = filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.with_officers(),
                                       to_field_name="slug", field_name="case__agency")
    district = filters.ModelChoiceFilter(label=_("District"), field_name="case_district",
                                         queryset=District.objects.select_related("agency").in_natural_order())
    command = filters.ModelChoiceFilter(label=_("Command at the time"),
                                        field_name="command_at_incident",
                                        queryset=Command.objects.select_related("agency").in_natural_order())
    officer = filters.CharFilter(label=_("Officer id"), field_name="officer__public_id",
                                 max_length=MAX_TEXT_LENGTH)
    family = filters.ChoiceFilter(label=_("Family"), choices=Family.choices,
                                  field_name="category__family")
    category = filters.ModelChoiceFilter(label=_("Category"), to_field_name="code",
                                         queryset=AllegationCategory.objects.all())
    finding = filters.ChoiceFilter(label=_("Board finding"), choices=Finding.choices)
    recommended_finding = filters.ChoiceFilter(label=_("Investigator's recommended finding"),
                                               choices=Finding.choices)
    discipline_imposed = filters.ChoiceFilter(label=_("Discipline imposed"),
                                              choices=Discipline.choices)
    prohibited_restraint = filters.BooleanFilter(label=_("Prohibited restraint"))
    # The dates are the allegation's copies of its case's (an index of this table, no join).
    year = YearFilter(label=_("Year received"), field_name="case_received_on",
                                lookup_expr="year")
    source = filters.ModelChoiceFilter(label=_("Source"), queryset=Source.objects.all(),
                                       to_field_name="slug")
    force_level = filters.ChoiceFilter(label=_("Force level"), choices=ForceLevel.choices)
    discipline_recommended = filters.ChoiceFilter(label=_("Discipline recommended"),
                                                  choices=Discipline.choices)
    # Date ranges: the rows behind a figure of a report's period.
    received_from = _on_or_after(_("Received on or after"), "case_received_on")
    received_to = _on_or_before(_("Received on or before"), "case_received_on")
    closed_from = _on_or_after(_("Closed on or after"), "case_closed_on")
    closed_to = _on_or_before(_("Closed on or before"), "case_closed_on")
    sort = StableOrderingFilter(
        label=_("Sort by"),
        fields=(("case_received_on", "received"), ("case_incident_on", "incident"),
                ("category__name", "category")),
        field_labels={"case_received_on": _("Date received"),
                      "case_incident_on": _("Incident date"), "category__name": _("Category")},
    )

    class Meta:
        model = PublicAllegation
        fields = ["agency", "district", "command", "officer", "family", "category", "finding",
                  "recommended_finding", "discipline_imposed", "prohibited_restraint", "year",
                  "source"]

    def filter_queryset(self, queryset):
        """A closed range bounded above (a report's period) is read through its own index.

        Cases close after they are received, so the newest received rows all closed after such
        a range: walking the received index newest first would pass hundreds of thousands of
        them before the page's first row, and PostgreSQL, which assumes the dates independent,
        would choose that walk. Sorting by expressions no index serves (the same order) makes it
        read the range's rows from the closed index and sort those instead.
        """
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("closed_to") is None or not queryset.query.order_by:
            return queryset
        return queryset.order_by(*(_unindexed(term) for term in queryset.query.order_by))


class CaseFilter(PublicFilterSet):
    agency = filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.with_officers(),
                                       to_field_name="slug")
    district = filters.ModelChoiceFilter(label=_("District"),
                                         queryset=District.objects.select_related("agency").in_natural_order())
    status = filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    year = YearFilter(label=_("Year received"), field_name="received_on",
                                lookup_expr="year")
    source = filters.ModelChoiceFilter(label=_("Source"), queryset=Source.objects.all(),
                                       to_field_name="slug")
    received_from = _on_or_after(_("Received on or after"), "received_on")
    received_to = _on_or_before(_("Received on or before"), "received_on")
    closed_from = _on_or_after(_("Closed on or after"), "closed_on")
    closed_to = _on_or_before(_("Closed on or before"), "closed_on")
    open_on = filters.DateFilter(label=_("Open on"), method="filter_open_on")

    class Meta:
        model = PublicCase
        fields = ["agency", "district", "status", "year", "source"]

    def filter_open_on(self, queryset, name, value):
        """Cases received by that day and not closed by then."""
        return queryset.filter(Q(received_on__lte=value)).exclude(closed_on__lte=value)


class DistrictFilter(PublicFilterSet):
    agency = filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.with_officers(),
                                       to_field_name="slug")

    class Meta:
        model = District
        fields = ["agency"]


class SettlementFilter(PublicFilterSet):
    agency = filters.CharFilter(label=_("Agency"), field_name="agency__slug")
    year = filters.NumberFilter(label=_("Year"))
    officer = filters.CharFilter(label=_("Officer id"), field_name="officers_named__officer__public_id")

    class Meta:
        model = Settlement
        fields = ["agency", "year", "officer"]
