"""The tables of a report, laid out over the cells of figures.py, and the relations between them.

A table is rows × columns of cell keys; its totals are cells too. The relations (a total and
the parts that add up to it) cover each table's rows and columns and the links between tables
(a family and its categories, the deviations and the discipline table), so that suppression and
the attack on it see the whole report at once.
"""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from misconduct_records.vocabulary import CaseStatus, Discipline, Family, Finding, ForceLevel

from .figures import (
    ANY,
    HEADLINE,
    NONE,
    SETTLEMENTS,
    SETTLEMENTS_IN_RECORD,
    age_bands,
    cell,
    cell_parts,
    headline_key,
)

TOTAL = "_total"
COUNT = "count"

TITLES = {
    "summary": _("Summary, against the previous period"),
    "complaints-received-by-district": _("Complaints received, by district"),
    "cases-received-by-district": _("Cases opened, by district (dated by the complaint's receipt)"),
    "open-cases": _("Open cases at the end of the period, by state and age in days"),
    "allegations-by-family": _("Allegations received, by family"),
    "allegations-by-category": _("Allegations received, by category"),
    "allegations-by-district": _("Allegations received, by district"),
    "force-levels": _("Force allegations received, by level of force"),
    "findings-by-category": _("Findings of allegations in cases closed, by category"),
    "discipline": _("Sustained allegations: discipline recommended (rows) and imposed (columns)"),
    "deviation-reasons": _("Discipline imposed differed from the recommendation: the department's reasons"),
    "decision-time": _("Cases closed, by days from receipt to decision"),
    "referrals": _("Decertification referrals, by status"),
    "settlements": _("Settlements paid, against the previous period"),
}
ORDER = {
    "family": [f.value for f in Family],
    "finding": [f.value for f in Finding] + [NONE],
    "recommended": [d.value for d in Discipline] + [NONE],
    "imposed": [d.value for d in Discipline] + [NONE],
    "state": [s.value for s in CaseStatus],
    "force_level": [str(level.value) for level in ForceLevel],
}


def _values(counts: Counter, measure: str, dim: str, *, within: dict | None = None) -> list[str]:
    """The values of `dim` with a count, in their natural order."""
    found = set()
    for key in counts:
        name, dims = cell_parts(key)
        if name == measure and dim in dims and set(dims) == {dim, *(within or {})} and all(
                dims.get(k) == v for k, v in (within or {}).items()):
            found.add(dims[dim])
    found.discard(ANY)
    order = ORDER.get(dim)
    if order:
        return [v for v in order if v in found] + sorted(found - set(order))
    return sorted(found - {NONE}) + ([NONE] if NONE in found else [])


def _one_way(slug: str, measure: str, dim: str, values: list[str], *, total: str | None = None,
             **fixed) -> tuple[dict, list]:
    keys = [[cell(measure, **fixed, **{dim: v})] for v in values]
    total_key = total or cell(measure, **fixed)
    table = {"slug": slug, "row_dim": dim, "col_dim": None, "rows": [*values, TOTAL],
             "cols": [COUNT], "keys": [*keys, [total_key]]}
    return table, [(total_key, [k[0] for k in keys])]


def _two_way(slug: str, measure: str, row_dim: str, rows: list[str], col_dim: str,
             cols: list[str]) -> tuple[dict, list]:
    keys = [[cell(measure, **{row_dim: r, col_dim: c}) for c in cols] + [cell(measure, **{row_dim: r})]
            for r in rows]
    totals = [cell(measure, **{col_dim: c}) for c in cols] + [cell(measure)]
    relations = [(row[-1], row[:-1]) for row in keys]
    relations += [(totals[j], [row[j] for row in keys]) for j in range(len(cols))]
    relations += [(totals[-1], totals[:-1]), (totals[-1], [row[-1] for row in keys])]
    table = {"slug": slug, "row_dim": row_dim, "col_dim": col_dim, "rows": [*rows, TOTAL],
             "cols": [*cols, TOTAL], "keys": [*keys, totals]}
    return table, relations


def layout(counts: Counter, bounds: list[int]) -> tuple[list[dict], list]:
    """(tables, relations) for a report's counts."""
    tables, relations = [], []

    def add(built):
        tables.append(built[0])
        relations.extend(built[1])

    tables.append(_against_previous("summary", HEADLINE))
    add(_one_way("complaints-received-by-district", "complaints_received", "district",
                 _values(counts, "complaints_received", "district")))
    add(_one_way("cases-received-by-district", "cases_received", "district",
                 _values(counts, "cases_received", "district")))
    add(_two_way("open-cases", "open_cases", "state", _values(counts, "open_cases", "state"),
                 "age", age_bands(bounds)))
    families = _values(counts, "allegations_received", "family")
    add(_one_way("allegations-by-family", "allegations_received", "family", families))
    category_rows, category_keys = [], []
    for family in families:
        categories = _values(counts, "allegations_received", "category", within={"family": family})
        parts = [cell("allegations_received", family=family, category=c) for c in categories]
        relations.append((cell("allegations_received", family=family), parts))
        category_rows += [f"{family}/{c}" for c in categories]
        category_keys += [[k] for k in parts]
    tables.append({"slug": "allegations-by-category", "row_dim": "family/category", "col_dim": None,
                   "rows": [*category_rows, TOTAL], "cols": [COUNT],
                   "keys": [*category_keys, [cell("allegations_received")]]})
    add(_one_way("allegations-by-district", "allegations_received", "district",
                 _values(counts, "allegations_received", "district")))
    add(_one_way("force-levels", "allegations_received", "force_level",
                 _values(counts, "allegations_received", "force_level"),
                 total=cell("allegations_received", force_level=ANY)))
    tables[-1]["rows"].append("prohibited_restraint")
    tables[-1]["keys"].append([cell("allegations_received", prohibited_restraint="true")])
    add(_two_way("findings-by-category", "findings", "category", _values(counts, "findings", "category"),
                 "finding", _values(counts, "findings", "finding")))
    add(_two_way("discipline", "discipline", "recommended", _values(counts, "discipline", "recommended"),
                 "imposed", _values(counts, "discipline", "imposed")))
    relations.append((headline_key("sustained"), [cell("discipline")]))
    add(_one_way("deviation-reasons", "deviations", "reason", _values(counts, "deviations", "reason")))
    relations.append((cell("deviations"), [k for row in tables[-2]["keys"][:-1] for k in row[:-1]
                                           if _deviates(k)]))
    add(_one_way("decision-time", "decision_days", "band", age_bands(bounds)))
    add(_one_way("referrals", "referrals", "status", _values(counts, "referrals", "status")))
    if counts.get(SETTLEMENTS_IN_RECORD):
        tables.append(_against_previous("settlements", SETTLEMENTS))
    return tables, relations


def _against_previous(slug: str, measures: list[str]) -> dict:
    return {"slug": slug, "row_dim": "measure", "col_dim": "period", "rows": measures,
            "cols": ["current", "previous"],
            "keys": [[headline_key(m), headline_key(m, previous=True)] for m in measures]}


def _deviates(key: str) -> bool:
    _measure, dims = cell_parts(key)
    return NONE not in (dims["recommended"], dims["imposed"]) and dims["recommended"] != dims["imposed"]


def all_keys(tables: list[dict]) -> set[str]:
    return {key for table in tables for row in table["keys"] for key in row}

