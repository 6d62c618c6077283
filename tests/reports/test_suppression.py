"""Mallory tries to recover a suppressed number from a report's published figures by
subtraction: from totals, and across tables (a family and its categories, the deviations and
the discipline table). She must fail; without complementary suppression she succeeds."""

import datetime

import pytest

from reports import suppression
from reports.models import Report
from reports.periods import Period
from reports.services.generation import report_request

pytestmark = pytest.mark.django_db


def subtraction_attack(cells: dict, relations: list) -> dict:
    """Solve every relation with one unknown member, again and again (chains across tables)."""
    known = {k: v for k, v in cells.items() if v is not None}
    recovered = {}
    progress = True
    while progress:
        progress = False
        for total, parts in relations:
            unknown = [m for m in [total, *parts] if m not in known]
            if len(unknown) != 1:
                continue
            missing = unknown[0]
            value = (sum(known[p] for p in parts if p != missing) if missing == total
                     else known[total] - sum(known[p] for p in parts if p != missing))
            known[missing] = recovered[missing] = value
            progress = True
    return recovered


def _generate(quarter, capture, **kwargs):
    with capture(execute=True):
        report_request(period=Period("quarterly", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
                       own=True, agency=None)
    return Report.objects.get()


def test_no_suppressed_number_can_be_recovered(quarter, django_capture_on_commit_callbacks):
    report = _generate(quarter, django_capture_on_commit_callbacks)
    cells, relations = report.figures["cells"], report.figures["relations"]
    hidden = {k for k, v in cells.items() if v is None}
    assert len(hidden) >= 5
    assert subtraction_attack(cells, relations) == {}
    # Nor by any linear combination of the published figures (exact elimination).
    assert suppression.determined_cells({k: 0 for k in cells}, relations, hidden) == set()


def test_without_complementary_suppression_the_attack_succeeds(quarter, monkeypatch,
                                                                django_capture_on_commit_callbacks):
    primary_only = suppression.suppress

    def weak(values, relations, *, threshold, complementary=True):
        return primary_only(values, relations, threshold=threshold, complementary=False)

    monkeypatch.setattr("reports.services.generation.suppress", weak)
    report = _generate(quarter, django_capture_on_commit_callbacks)
    recovered = subtraction_attack(report.figures["cells"], report.figures["relations"])
    assert recovered and all(0 < v < 5 for v in recovered.values())


def test_every_small_count_is_hidden_everywhere(quarter, django_capture_on_commit_callbacks):
    report = _generate(quarter, django_capture_on_commit_callbacks)
    for table in report.figures["tables"]:
        for row in table["keys"]:
            for key in row:
                value = report.figures["cells"][key]
                assert value is None or value == 0 or value >= 5, (table["slug"], key, value)


@pytest.mark.parametrize("grid", [[[1, 8, 9], [7, 6, 12], [10, 11, 2]], [[3, 0], [0, 40]],
                                  [[1, 1, 1], [1, 1, 1]]])
def test_two_way_tables_resist_the_attack(grid):
    values, relations = {}, []
    for i, row in enumerate(grid):
        values.update({f"c{i}{j}": v for j, v in enumerate(row)})
        values[f"r{i}"] = sum(row)
        relations.append((f"r{i}", [f"c{i}{j}" for j in range(len(row))]))
    for j in range(len(grid[0])):
        values[f"k{j}"] = sum(row[j] for row in grid)
        relations.append((f"k{j}", [f"c{i}{j}" for i in range(len(grid))]))
    values["g"] = sum(map(sum, grid))
    relations += [("g", [f"r{i}" for i in range(len(grid))]), ("g", [f"k{j}" for j in range(len(grid[0]))])]
    hidden = suppression.suppress(values, relations, threshold=5)
    cells = {k: (None if k in hidden else v) for k, v in values.items()}
    assert {k for k, v in values.items() if 0 < v < 5} <= hidden
    assert subtraction_attack(cells, relations) == {}
    assert suppression.determined_cells(values, relations, hidden) == set()
