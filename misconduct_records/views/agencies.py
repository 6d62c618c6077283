from django.db.models import F
from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..models import Agency, Settlement
from ._paging import page_of


def agency_detail(request, slug: str):
    """An agency: its codes, its officers on the record, and the settlements it paid by year."""
    agency = get_object_or_404(Agency, slug=slug)
    years = list(selectors.settlement_totals(agency=agency))
    sources = selectors.settlement_sources(agency=agency)
    settlements = (Settlement.objects.filter(agency=agency).prefetch_related("officers_named__officer")
                   .order_by(F("closed_on").desc(nulls_last=True), "id"))
    return render(request, "misconduct_records/agency_detail.html", {
        "agency": agency,
        "officer_count": agency.officers.count(),
        "years": years,
        "page": page_of(settlements, request),
        "sources": sources,
        "current_through": selectors.data_current_through(sources),
    })
