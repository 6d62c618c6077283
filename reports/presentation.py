"""How published figures read: labels, table rows (HTML and CSV), links to the rows behind each
figure, and charts. Works on the stored `figures` alone, so a report reads the same forever."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from misconduct_records.charts import bar_chart
from misconduct_records.models import DecertificationReferral
from misconduct_records.services import THIS_BOARD_SOURCE_SLUG
from misconduct_records.vocabulary import CaseStatus, Discipline, Family, Finding, ForceLevel

from .figures import MONEY, NONE, PREVIOUS, cell, cell_parts
from .periods import Period
from .tables import COUNT, TITLES, TOTAL

SUPPRESSED = "suppressed"  # the marker of a hidden cell in every CSV file
CHARTS = ["allegations-by-family", "complaints-received-by-district", "cases-received-by-district",
          "decision-time"]
CHOICES = {"family": Family, "finding": Finding, "recommended": Discipline, "imposed": Discipline,
           "state": CaseStatus, "status": DecertificationReferral.Status}


def _measure_label(measure: str) -> str:
    return {"complaints_received": _("Complaints received"), "cases_received": _("Cases opened"),
            "cases_closed": _("Cases closed"),
            "allegations_received": _("Allegations received"),
            "sustained": _("Sustained allegations (cases closed)"),
            "deviations": _("Discipline imposed differed from the recommendation"),
            "settlements": _("Settlements"),
            MONEY: _("Paid (US dollars)")}[measure]


def _none_label(dim: str | None) -> str:
    return {"district": _("No district recorded"), "finding": _("No finding yet"),
            "reason": _("No reason given")}.get(dim or "", _("None recorded"))


def label(dim: str | None, value: str, figures: dict) -> str:
    if value == TOTAL:
        return _("Total")
    if value == NONE:
        return _none_label(dim)
    if dim in CHOICES:
        return str(dict(CHOICES[dim].choices).get(value, value))
    if dim == "force_level":
        return str(dict(ForceLevel.choices).get(int(value), value))
    if dim == "district":
        return figures["labels"]["district"].get(value, [value])[0]
    if dim in ("category", "family/category"):
        return figures["labels"]["category"].get(value.split("/")[-1], value)
    if dim in ("age", "band"):
        return _("%(days)s days") % {"days": value.replace("-", "–")}
    if dim == "measure":
        return _measure_label(value)
    return value


def _period(figures: dict, previous: bool = False) -> Period:
    raw = figures["period"]
    period = Period(raw["kind"], datetime.date.fromisoformat(raw["start"]),
                    datetime.date.fromisoformat(raw["end"]))
    return period.previous() if previous else period


def _column_label(table: dict, value: str, figures: dict) -> str:
    if value == COUNT:
        return _("Number")
    if value == "current":
        return _period(figures).label
    if value == "previous":
        return _period(figures, previous=True).label
    if value == "prohibited_restraint":
        return _("Of which: prohibited restraints")
    return label(table["col_dim"], value, figures)


def _row_label(table: dict, value: str, figures: dict) -> str:
    if value == "prohibited_restraint":
        return _("Of which: prohibited restraints")
    return label(table["row_dim"], value, figures)


def table_view(figures: dict, table: dict, *, links: bool = True) -> dict:
    """Header and rows of one table; each cell: value (None when hidden) and its link."""
    rows = []
    for value, keys in zip(table["rows"], table["keys"], strict=True):
        cells = [{"value": figures["cells"].get(k), "link": cell_link(figures, k) if links else "",
                  "money": cell_parts(k)[0] == MONEY} for k in keys]
        rows.append({"label": _row_label(table, value, figures), "is_total": value == TOTAL,
                     "cells": cells})
    header = [_row_heading(table)] + [_column_label(table, c, figures) for c in table["cols"]]
    if table["cols"] == ["current", "previous"]:
        header.append(_("Change"))
        for row in rows:
            now, before = (c["value"] for c in row["cells"])
            change = None if now is None or before is None else now - before
            row["cells"].append({"value": change, "link": "", "signed": True,
                                 "money": row["cells"][0]["money"]})
    return {"slug": table["slug"], "title": str(TITLES[table["slug"]]), "header": header,
            "rows": rows}


def _row_heading(table: dict) -> str:
    return {"district": _("District"), "state": _("State"), "family": _("Family"),
            "family/category": _("Category"), "force_level": _("Level of force"),
            "category": _("Category"), "recommended": _("Recommended"), "reason": _("Reason"),
            "band": _("Days"), "status": _("Status"), "measure": _("Figure")}[table["row_dim"]]


def table_rows(report, table: dict, *, for_csv: bool = True) -> list[list]:
    """The table as CSV rows: a hidden cell reads "suppressed"."""
    view = table_view(report.figures, table, links=False)
    lines = [view["header"]]
    for row in view["rows"]:
        lines.append([row["label"], *(_csv_value(c) for c in row["cells"])])
    return lines


def _csv_value(c: dict):
    if c["value"] is None:
        return SUPPRESSED
    return str(Decimal(c["value"]).scaleb(-2)) if c["money"] else c["value"]


def cell_link(figures: dict, key: str) -> str:
    """The allegation or case browser filtered to the rows behind a figure ('' if it cannot)."""
    measure, dims = cell_parts(key)
    period = _period(figures, previous=dims.pop("period", "") == PREVIOUS)
    scope = figures["scope"]
    params = {"agency": scope["agency"]} if scope["agency"] else {}
    if scope["own"]:
        params["source"] = THIS_BOARD_SOURCE_SLUG
    filters = figures.get("filters") or {}  # the statistics page's own filters
    params["district"] = filters.get("district", "")
    if "district" in dims:
        if dims["district"] == NONE:
            return ""
        params["district"] = figures["labels"]["district"].get(dims["district"], ["", ""])[1]
    if filters.get("category"):
        if not measure.startswith(("allegations", "findings", "discipline")):
            return ""  # the case browser has no category filter
        dims.setdefault("category", filters["category"])
    return _browser_link(measure, dims, period, params)


def _browser_link(measure: str, dims: dict, period: Period, params: dict) -> str:
    received = {"received_from": period.start, "received_to": period.end}
    closed = {"closed_from": period.start, "closed_to": period.end}
    if measure == "cases_received":
        return _url("records:case_list", params, received)
    if measure == "cases_closed" or (measure == "decision_days" and not dims):
        return _url("records:case_list", params, closed)
    if measure == "open_cases" and not dims:
        return _url("records:case_list", params, {"open_on": period.end})
    if measure == "allegations_received":
        filters = {k: v for k, v in dims.items() if k in ("family", "category", "force_level")
                   and v != "any"}
        if "prohibited_restraint" in dims:
            filters["prohibited_restraint"] = "true"
        return _url("records:allegation_list", params, received, filters)
    if measure == "findings" and NONE not in dims.values():
        return _url("records:allegation_list", params, closed, dims)
    if measure == "discipline" and NONE not in dims.values():
        filters = {"finding": Finding.SUSTAINED.value}
        filters.update({f"discipline_{k}": v for k, v in dims.items()})
        return _url("records:allegation_list", params, closed, filters)
    return ""


def _url(name: str, *parts: dict) -> str:
    query = {}
    for part in parts:
        query.update({k: str(v) for k, v in part.items() if v not in ("", None)})
    return f"{reverse(name)}?{urlencode(sorted(query.items()))}"


def chart_for(view: dict) -> dict:
    """A bar chart of a one-column table (totals and hidden cells left out of the bars)."""
    rows = [{"label": row["label"], "value": row["cells"][0]["value"] or 0}
            for row in view["rows"] if not row["is_total"]]
    return bar_chart(rows, label="label", value="value")


def table_views(figures: dict, *, links: bool = True) -> list[dict]:
    """Every table of the figures, with a chart beside those that have one."""
    views = [table_view(figures, t, links=links) for t in figures["tables"]]
    for view in views:
        if view["slug"] in CHARTS and len(view["rows"]) > 1:
            view["chart"] = chart_for(view)
    return views


def report_context(report, *, for_pdf: bool = False) -> dict:
    figures = report.figures
    views = table_views(figures, links=not for_pdf)
    return {"report": report, "figures": figures, "tables": views, "for_pdf": for_pdf,
            "period_label": _period(figures).label,
            "previous_label": _period(figures, previous=True).label,
            "median_days": figures["stats"].get(cell("decision_days_median")),
            "p90_days": figures["stats"].get(cell("decision_days_p90")),
            "scope_label": scope_label(report),
            "has_settlements": any(t["slug"] == "settlements" for t in figures["tables"])}


def scope_label(report) -> str:
    if report.own_cases:
        return _("This board's own cases")
    return report.agency.name if report.agency else _("All agencies")
