import hashlib

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import selectors
from ..charts import bar_chart
from ..filters import AllegationFilter, CaseFilter, DistrictFilter
from ..models import Command, Correction, District, Officer, PublicAllegation, PublicCase, Source
from ..page_cache import version_cached
from ..vocabulary import FINDING_DEFINITIONS, Finding
from ._paging import page_of

TOP_OFFICERS = 10


def allegation_list(request):
    filterset = AllegationFilter(request.GET or None, queryset=selectors.allegations_listed())
    return render(request, "misconduct_records/allegation_list.html", {
        "filter": filterset, "page": page_of(filterset.qs, request, rows=selectors.allegations_public,
                                          finish=selectors.allegations_named),
        "finding_definitions": FINDING_DEFINITIONS,
    })


def case_list(request):
    filterset = CaseFilter(request.GET or None,
                           queryset=PublicCase.objects.select_related("agency", "district"))
    return render(request, "misconduct_records/case_list.html", {
        "filter": filterset, "page": page_of(filterset.qs, request),
    })


def case_detail(request, public_id: str):
    case = get_object_or_404(PublicCase.objects.select_related("agency", "district", "source"),
                             public_id=public_id)
    allegations = (PublicAllegation.objects.filter(case=case)
                   .select_related("officer", "category", "command_at_incident").order_by("id"))
    return render(request, "misconduct_records/case_detail.html", {
        "case": case,
        "events": list(case.events.all()),
        "page": page_of(allegations, request),
        "corrections": [(c, selectors.correction_lines(c))
                        for c in selectors.corrections_for(case=case)],
        "sources": [case.source],
        "current_through": selectors.data_current_through([case.source]),
        "finding_definitions": FINDING_DEFINITIONS,
    })


def district_list(request):
    filterset = DistrictFilter(request.GET or None, queryset=District.objects.select_related("agency")
                               .annotate(case_count=Count("cases")).in_natural_order())

    def draw() -> str:  # counts over every case, officer and complaint received: once per version
        received = selectors.complaints_received_recent()
        districts = list(filterset.qs)
        for district in districts:
            district.received_recently = received["by_district"].get(district.pk, 0)
        return render_to_string("misconduct_records/_district_tables.html", {
            "districts": districts, "received_by_month": received["by_month"],
            "received_months": selectors.RECEIVED_MONTHS,
            "commands": list(Command.objects.select_related("agency").annotate(
                officer_count=Count("officers")).in_natural_order())})

    key = "district-tables:" + hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    return render(request, "misconduct_records/district_list.html", {
        "filter": filterset,
        "tables": mark_safe(version_cached(key, draw, intake=True)),  # noqa: S308  # nosec B308 B703  # drawn by the template engine
    })


def _area_aggregates(allegations, officers) -> dict:
    yearly = selectors.yearly_counts(allegations)
    return {
        "sources": list(Source.objects.filter(pk__in=allegations.values("source_id")).order_by("name")),
        "totals": allegations.aggregate(total=Count("id"), cases=Count("case", distinct=True),
                                        sustained=Count("id", filter=Q(finding=Finding.SUSTAINED))),
        "yearly": yearly,
        "findings": selectors.finding_counts(allegations),
        "officers": list(officers.order_by("-allegation_total", "last_name")[:TOP_OFFICERS]),
    }


def _area_page(request, *, title, area, allegations, officers, template_context):
    """A district's or command's totals, chart and tables: computed and drawn once per record
    version, area and language (a chart and tables of every year cost more than the rest of the
    page), shared by every worker."""
    def compute() -> dict:
        aggregates = _area_aggregates(allegations, officers)
        return {**aggregates, "body": render_to_string("misconduct_records/_area_body.html", {
            **aggregates, "current_through": selectors.data_current_through(aggregates["sources"]),
            "title": title, "area": area,
            "chart": bar_chart(aggregates["yearly"], label="year", value="total", highlight="sustained"),
            **template_context,
        })}
    page = version_cached(f"area-page:{template_context['kind']}:{area.pk}", compute)
    return render(request, "misconduct_records/area_detail.html", {
        **page, "title": title, "area": area,
        "body": mark_safe(page["body"]),  # noqa: S308  # nosec B308 B703  # drawn by the template engine
    })


def district_detail(request, pk: int):
    district = get_object_or_404(District.objects.select_related("agency"), pk=pk)
    return _area_page(
        request, title=str(district), area=district,
        allegations=PublicAllegation.objects.filter(case_district=district),
        officers=Officer.objects.filter(district=district),
        template_context={"kind": "district",
                          "allegations_url_query": f"district={district.pk}"})


def command_detail(request, pk: int):
    command = get_object_or_404(Command.objects.select_related("agency"), pk=pk)
    return _area_page(
        request, title=str(command), area=command,
        allegations=PublicAllegation.objects.filter(command_at_incident=command),
        officers=Officer.objects.filter(command=command),
        template_context={"kind": "command", "allegations_url_query": f"command={command.pk}"})


def source_list(request):
    sources = Source.objects.order_by("-is_this_board", "name")
    counts = dict(PublicAllegation.objects.values_list("source").annotate(n=Count("id")).order_by())
    return render(request, "misconduct_records/source_list.html", {
        "sources": [(source, counts.get(source.pk, 0)) for source in sources],
    })


def correction_list(request):
    corrections = Correction.objects.select_related("content_type", "officer", "case")
    page = page_of(corrections, request)
    return render(request, "misconduct_records/correction_list.html", {
        "page": page,
        "rows": [(c, selectors.correction_lines(c)) for c in page],
    })
