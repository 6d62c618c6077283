"""Public pages, the JSON API and the open-data downloads of the record."""
import hashlib
from collections.abc import Callable
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from ..page_cache import version_cache_get, version_cache_set, version_cached, version_caching
from ._keyset import rows_after

PAGE_SIZE = 50
EDGE_EVERY = 2_000  # rows between two remembered positions of a long list's order
DEEP = 10_000  # a page starting this many rows in starts from the remembered position before it
NOT_COUNTED = {"page", "sort"}  # the parameters that do not change how many rows a list has
TOTAL = "rows_in_list"  # the total a page's rows carry (counted_with_rows)


class CountedPaginator(Paginator):
    """A paginator whose total is counted once per record version and filter, not per page.

    `columns`: the page's rows are read as named tuples of these columns, not as model
    instances. `by_key`: a page's rows are found by their keys first (a scan of the ordering's
    index that reads no other column and joins nothing), then read; the deep pages of a long
    list then cost little more than the first. `counted_with_rows`: the rows of a page carry
    the total (a window over the same query), for lists that read every matching row anyway,
    such as a ranked name search, so that the matching runs once, not once for the page and
    once for the count.

    With `rows`, a page is read by a deferred join: the page's ids are picked from the list's
    own query (filters and order, which an index can serve alone, without reading or joining the
    rows it skips), and only those rows are read with what the page shows of them, by
    `rows().filter(pk__in=…)` in the list's order. Both are one statement: page 4,000 of a
    million rows skips 200,000 index entries instead of joining 200,000 rows. `finish`: given the
    page's rows, returns them as the page shows them (e.g. selectors.allegations_named).

    Deep pages start from a remembered position: the sort values of every EDGE_EVERY-th row of
    the list (`edges`), found in one pass per record version, order and filter. Page 4,000 of a
    million rows then starts at the position of row 198,000 by the order's index and skips 1,999
    entries, not 199,999. Only for an order the positions can stand for: named columns ending in
    the id, and no column whose missing values sort after the others (a comparison would lose
    them); other orders skip from the first row.
    """

    def __init__(self, object_list, per_page, *, count_key: str, columns: tuple[str, ...] = (),
                 by_key: bool = False, counted_with_rows: bool = False,
                 rows: Callable[[], QuerySet] | None = None, finish: Callable[[QuerySet], list] | None = None):
        super().__init__(object_list, per_page)
        self.count_key, self.columns = count_key, columns
        self.by_key, self.counted_with_rows, self.rows, self.finish = by_key, counted_with_rows, rows, finish

    @cached_property
    def count(self) -> int:
        return version_cached(self._count_name, lambda: Paginator.count.func(self), language=False)

    @property
    def _count_name(self) -> str:
        return f"count:{self.count_key}"

    def _shaped(self, queryset, *, total: bool = False):
        if total:
            queryset = queryset.annotate(**{TOTAL: Window(Count("pk"))})
        if self.columns:
            queryset = queryset.values_list(*self.columns, *([TOTAL] if total else []), named=True)
        return queryset

    def get_page(self, number):
        if self.counted_with_rows and "count" not in self.__dict__:
            page = self._page_with_its_count(number)
            if page is not None:
                return page
        return super().get_page(number)

    def _page_with_its_count(self, number):
        """The page and the total in one query, unless the total is known (then None)."""
        counted = version_cache_get(self._count_name, language=False)
        if counted is not None:
            self.__dict__["count"] = counted
            return None
        try:
            number = int(number or 1)
        except (TypeError, ValueError):
            return None
        if number < 1:
            return None
        bottom = (number - 1) * self.per_page
        rows = list(self._shaped(self.object_list, total=True)[bottom:bottom + self.per_page])
        if not rows:  # past the end, or nothing at all: counted the usual way
            return None
        self.__dict__["count"] = getattr(rows[0], TOTAL)
        version_cache_set(self._count_name, self.count, language=False)
        return self._get_page(rows, number, self)

    def page(self, number):
        """The rows of the page, never cut short by a total counted a moment earlier."""
        number = self.validate_number(number)
        start, bottom = self._start((number - 1) * self.per_page)
        top = bottom + self.per_page
        if self.rows is not None:
            ids = start.values("pk")[bottom:top]
            rows = self.rows().filter(pk__in=ids)
            ordering = self.object_list.query.order_by
            rows = rows.order_by(*ordering) if ordering else rows  # else the model's, like the ids
        elif self.by_key:
            keys = start.values("pk")[bottom:top]
            rows = self._shaped(self.object_list.filter(pk__in=keys))
        else:
            rows = self._shaped(start)[bottom:top]
        if self.finish is not None:
            rows = self.finish(rows)
        return self._get_page(rows, number, self)

    def _start(self, bottom: int) -> tuple[QuerySet, int]:
        """The list from the last remembered position before row `bottom`, and how many of its
        rows to skip from there (the whole list and `bottom` for the first pages)."""
        ordering = tuple(self.object_list.query.order_by)
        if bottom < DEEP or not version_caching() or not _resumable(self.object_list, ordering):
            return self.object_list, bottom
        # Named by the list's own statement: parameters no filter reads, or given in another
        # order, name the same list and never make anyone find its positions again.
        sql, params = self.object_list.values("pk").query.sql_with_params()
        name = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        edges = version_cached(f"edges:{name}", lambda: self._edges(ordering), language=False)
        for k in range(min(bottom // EDGE_EVERY, len(edges)), 0, -1):
            if None not in edges[k - 1]:  # a missing value cannot be compared: an earlier edge
                return self.object_list.filter(rows_after(ordering, edges[k - 1])), bottom - k * EDGE_EVERY
        return self.object_list, bottom

    def _edges(self, ordering: tuple[str, ...]) -> list[tuple]:
        """The sort values of rows EDGE_EVERY, 2 × EDGE_EVERY, … of the list, in one pass."""
        names = [term.lstrip("-") for term in ordering]
        order = [F(name).desc() if term.startswith("-") else F(name).asc()
                 for name, term in zip(names, ordering, strict=True)]
        numbered = self.object_list.annotate(row_in_list=Window(RowNumber(), order_by=order))
        edges = numbered.annotate(edge=F("row_in_list") % EDGE_EVERY).filter(edge=0)
        return [tuple(values) for values in edges.values_list(*names)]


def _resumable(queryset: QuerySet, ordering: tuple[str, ...]) -> bool:
    """Whether a position in `ordering` finds the rows after it by comparison: every term a
    column (not an expression or a related row), the last the id, and a column that may be
    missing only where the database sorts missing values first (a comparison skips them)."""
    if not ordering or not all(isinstance(term, str) for term in ordering):
        return False
    if ordering[-1].lstrip("-") not in ("id", "pk"):
        return False
    missing_first = {True: connections[queryset.db].features.nulls_order_largest,
                     False: not connections[queryset.db].features.nulls_order_largest}
    for term in ordering:
        nullable = _nullable(queryset.model, term.lstrip("-"))
        if nullable is None or (nullable and not missing_first[term.startswith("-")]):
            return False
    return True


def _nullable(model, path: str) -> bool | None:
    """Whether the column `path` (e.g. "category__name") may be missing; None when it is not a
    plain column of the model or of a row it points to."""
    parts = path.split("__")
    for i, part in enumerate(parts):
        try:
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        last = i == len(parts) - 1
        if field.is_relation and (last or not (field.many_to_one or field.one_to_one) or field.auto_created):
            return None
        if field.null:
            return True
        if not last:
            model = field.related_model
    return False


def _count_key(request) -> str:
    """The list a request asks for: its view and arguments (the same in every language, whose
    paths differ) and its filters."""
    filters = sorted((k, v) for k, values in request.GET.lists() if k not in NOT_COUNTED for v in values)
    match = request.resolver_match
    where = request.path if match is None else f"{match.view_name}|{match.args}|{sorted(match.kwargs.items())}"
    return hashlib.sha256(f"{where}|{filters}".encode()).hexdigest()


def page_of(queryset, request, per_page: int | None = None, *, columns: tuple[str, ...] = (),
            by_key: bool = False, counted_with_rows: bool = False,
            rows: Callable[[], QuerySet] | None = None, finish: Callable[[QuerySet], list] | None = None):
    """One page of a list; a page number out of range gives the last page, never an error.

    `columns`, `by_key`, `counted_with_rows`, `rows` (the rows as the page shows them, related
    rows joined or prefetched, for a list whose `queryset` only filters and orders) and `finish`:
    see CountedPaginator.
    """
    return CountedPaginator(
        queryset, per_page or PAGE_SIZE, count_key=_count_key(request), columns=columns,
        by_key=by_key, counted_with_rows=counted_with_rows, rows=rows,
        finish=finish).get_page(request.GET.get("page"))
