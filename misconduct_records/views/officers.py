from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import selectors
from ..filters import AllegationFilter, OfficerFilter
from ..page_cache import version_cached
from ..vocabulary import FINDING_DEFINITIONS
from ._paging import page_of

HISTORY_PAGE_SIZE = 50
HISTORY_FILTER_FIELDS = ("family", "finding", "year")


# What a row of the officers page shows (templatetags.public_record.officer_rows), read as
# columns: fifty model instances and their three related rows would cost more than the query.
LIST_COLUMNS = ("public_id", "last_name", "first_name", "is_active", "badge_number", "rank",
                "agency__name", "district__code", "district__name", "command__code",
                "command__name", "allegation_total", "sustained_total")


def officer_list(request):
    filterset = OfficerFilter(request.GET or None, queryset=selectors.officers_public())
    # A name search ranks all its matches in one pass, which counts them too; the other lists'
    # pages are found on the index of their order.
    ranked = selectors.officer_search_ranks(filterset.qs)
    return render(request, "misconduct_records/officer_list.html", {
        "filter": filterset,
        "page": page_of(filterset.qs, request, columns=LIST_COLUMNS, by_key=not ranked,
                        counted_with_rows=ranked),
    })


def _officer_record(officer) -> dict:
    """The profile around its history (counts, comparisons, assignments, settlements, sources,
    corrections), drawn once per record version, officer and language and shared by every
    worker: only the history's page is computed for each request. The optional lists an officer
    does not have are not read (selectors.officer_parts)."""
    def compute():
        parts, kinds = selectors.officer_parts(officer=officer), selectors.officer_kinds(officer=officer)
        settlements = selectors.officer_settlements(officer=officer) if "settlements" in parts else []
        sources = selectors.officer_sources(officer=officer, kinds=kinds)
        sources += [s for s in {n.settlement.source for n in settlements} if s not in sources]
        context = {
            "officer": officer,
            "summary": selectors.officer_summary(officer=officer, kinds=kinds),
            "by_family": selectors.officer_by_family(officer=officer, kinds=kinds),
            "comparison": selectors.officer_comparison(officer=officer),
            "co_accused": selectors.officer_co_accused(officer=officer),
            "assignments": selectors.officer_assignments(officer=officer) if "assignments" in parts else [],
            "identifiers": list(officer.identifiers.all()) if "identifiers" in parts else [],
            "aliases": list(officer.aliases.all()) if "aliases" in parts else [],
            "referrals": selectors.officer_referrals(officer=officer) if "referrals" in parts else [],
            "settlements": settlements,
            "settlement_sources": sorted({n.settlement.source for n in settlements}, key=lambda s: s.name),
            "sources": sources,
            "current_through": selectors.data_current_through(sources),
            "corrections": [(c, selectors.correction_lines(c))
                            for c in selectors.corrections_for(officer=officer)] if "corrections" in parts else [],
            "finding_definitions": FINDING_DEFINITIONS,
        }
        return {"head": render_to_string("misconduct_records/_officer_record_head.html", context),
                "tail": render_to_string("misconduct_records/_officer_record_tail.html", context),
                "several_sources": len(sources) > 1}
    record = version_cached(f"officer-record:{officer.pk}", compute)
    return {**record, "head": mark_safe(record["head"]), "tail": mark_safe(record["tail"])}  # noqa: S308  # nosec B308 B703  # drawn by the template engine above


def officer_detail(request, public_id: str):
    officer = get_object_or_404(selectors.officers_public().select_related("source"),
                                public_id=public_id)
    history = AllegationFilter(request.GET or None, queryset=selectors.officer_history(officer=officer))
    return render(request, "misconduct_records/officer_detail.html", {
        "officer": officer,
        "record": _officer_record(officer),
        "history_filter": history,
        "history_fields": [history.form[name] for name in HISTORY_FILTER_FIELDS],
        "page": page_of(history.qs, request, HISTORY_PAGE_SIZE, rows=selectors.officer_history_rows,
                        finish=selectors.allegations_named),
    })
