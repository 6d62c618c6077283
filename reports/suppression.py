"""Small-number suppression that cannot be undone by subtraction.

Every count of a report is one cell with a key; the same figure in two tables is the same key,
so it is shown or hidden everywhere at once. The report also lists its additive relations
(a total and the parts that add up to it, within a table and across tables: a family and its
categories, a grand total and its districts). Suppression then runs in three steps:

1. primary: every count from 1 to threshold - 1 is hidden (0 identifies nobody and is shown);
2. complementary: in every relation whose total is known, the hidden parts must be at least two
   and add up to at least the threshold, else the smallest shown non-zero part is hidden too;
   a relation with exactly one hidden member gets a second one; repeated until nothing changes;
3. a check by linear algebra: no hidden cell may be determined by the published figures and
   the relations together (the attack of the test suite); if one is, one more cell of a relation
   it is in is hidden, and the steps run again.
"""

from collections.abc import Iterable

Relation = tuple[str, list[str]]  # (total, parts)


def suppress(values: dict[str, int], relations: Iterable[Relation], *, threshold: int,
             complementary: bool = True) -> set[str]:
    """The keys to hide. `values` must hold every key the relations name."""
    relations = [(total, list(parts)) for total, parts in relations]
    hidden = {k for k, v in values.items() if 0 < v < threshold}
    if not complementary:
        return hidden
    while True:
        _complete(values, relations, hidden, threshold)
        exposed = determined_cells(values, relations, hidden)
        if not exposed:
            return hidden
        before = len(hidden)
        for key in sorted(exposed):
            relation = next(r for r in relations if key in _members(r))
            _hide_one_more(values, relation, hidden) or _hide_one_more(values, relation, hidden,
                                                                      zeros=True)
        if len(hidden) == before:  # every member of those relations is hidden already
            return hidden


def _members(relation: Relation) -> list[str]:
    return [relation[0], *relation[1]]


def _complete(values, relations, hidden: set[str], threshold: int) -> None:
    changed = True
    while changed:
        changed = False
        for relation in relations:
            total, parts = relation
            hidden_parts = [p for p in parts if p in hidden]
            members_hidden = len(hidden_parts) + (total in hidden)
            weak = (total not in hidden and hidden_parts
                    and (len(hidden_parts) < 2 or sum(values[p] for p in hidden_parts) < threshold))
            if members_hidden == 1 or weak:
                changed |= _hide_one_more(values, relation, hidden)


def _hide_one_more(values, relation: Relation, hidden: set[str], *, zeros: bool = False) -> bool:
    """Hide the smallest shown non-zero part (or else the total); False if nothing is left.

    With `zeros`, a shown zero part may be hidden too: the last resort when a hidden cell is
    still determined because every other member is hidden or zero.
    """
    total, parts = relation
    candidates = sorted((values[p], p) for p in parts
                        if p not in hidden and (values[p] > 0 or zeros))
    if candidates:
        hidden.add(candidates[0][1])
        return True
    if total not in hidden and (values[total] > 0 or zeros):
        hidden.add(total)
        return True
    return False


def determined_cells(values: dict[str, int], relations: Iterable[Relation],
                     hidden: set[str]) -> set[str]:
    """Hidden cells whose value follows from the shown ones through the relations.

    Each relation is a linear equation in the hidden cells; a hidden cell is determined exactly
    when its unit vector lies in the row space of the system. Sparse Gaussian elimination over
    the integers modulo a large prime: the coefficients are 0 and ±1, so the rank is the rank
    over the rationals (a prime dividing a minor of these small matrices would be astronomically
    large).
    """
    unknowns = sorted({m for r in relations for m in _members(r) if m in hidden})
    column = {key: i for i, key in enumerate(unknowns)}
    basis: dict[int, dict[int, int]] = {}
    for total, parts in relations:
        row: dict[int, int] = {}
        for key, sign in [(total, -1), *((p, 1) for p in parts)]:
            if key in column:
                row[column[key]] = (row.get(column[key], 0) + sign) % PRIME
        row = _reduce({c: v for c, v in row.items() if v}, basis)
        if row:
            pivot = min(row)
            inverse = pow(row[pivot], PRIME - 2, PRIME)
            basis[pivot] = {c: v * inverse % PRIME for c, v in row.items()}
    return {key for key in unknowns if not _reduce({column[key]: 1}, basis)}


PRIME = 2**61 - 1


def _reduce(row: dict[int, int], basis: dict[int, dict[int, int]]) -> dict[int, int]:
    """The row with every pivot of the basis eliminated (in increasing order of pivot)."""
    while True:
        pivots = [c for c in row if c in basis]
        if not pivots:
            return row
        pivot = min(pivots)
        factor = row[pivot]
        for c, v in basis[pivot].items():
            value = (row.get(c, 0) - factor * v) % PRIME
            if value:
                row[c] = value
            else:
                row.pop(c, None)
