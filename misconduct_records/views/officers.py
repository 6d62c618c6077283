from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..filters import AllegationFilter, OfficerFilter
from ..page_cache import version_cached
from ..vocabulary import FINDING_DEFINITIONS
from ._paging import page_of

HISTORY_PAGE_SIZE = 50
HISTORY_FILTER_FIELDS = ("family", "finding", "year")


def officer_list(request):
    filterset = OfficerFilter(request.GET or None, queryset=selectors.officers_public())
    return render(request, "misconduct_records/officer_list.html", {
        "filter": filterset, "page": page_of(filterset.qs, request),
    })


def _officer_aggregates(officer) -> dict:
    """The profile's counts and comparisons: computed once per record version and officer."""
    def compute():
        return {"summary": selectors.officer_summary(officer=officer),
                "by_family": selectors.officer_by_family(officer=officer),
                "comparison": selectors.officer_comparison(officer=officer),
                "co_accused": selectors.officer_co_accused(officer=officer)}
    return version_cached(f"officer-aggregates:{officer.pk}", compute)


def officer_detail(request, public_id: str):
    officer = get_object_or_404(selectors.officers_public().select_related("source"),
                                public_id=public_id)
    history = AllegationFilter(request.GET or None, queryset=selectors.officer_history(officer=officer))
    page = page_of(history.qs, request, HISTORY_PAGE_SIZE, rows=selectors.officer_history_rows)
    settlements = selectors.officer_settlements(officer=officer)
    sources = version_cached(f"officer-sources:{officer.pk}",  # reads every allegation's source
                             lambda: selectors.officer_sources(officer=officer))
    sources += [s for s in {n.settlement.source for n in settlements} if s not in sources]
    corrections = selectors.corrections_for(officer=officer)
    return render(request, "misconduct_records/officer_detail.html", {
        "officer": officer,
        "history_filter": history,
        "history_fields": [history.form[name] for name in HISTORY_FILTER_FIELDS],
        "page": page,
        **_officer_aggregates(officer),
        "assignments": selectors.officer_assignments(officer=officer),
        "identifiers": list(officer.identifiers.all()),
        "aliases": list(officer.aliases.all()),
        "referrals": selectors.officer_referrals(officer=officer),
        "settlements": settlements,
        "settlement_sources": sorted({n.settlement.source for n in settlements}, key=lambda s: s.name),
        "sources": sources,
        "current_through": selectors.data_current_through(sources),
        "corrections": [(c, selectors.correction_lines(c)) for c in corrections],
        "finding_definitions": FINDING_DEFINITIONS,
    })
