"""Public pages, the JSON API and the open-data downloads of the record."""
import hashlib
from collections.abc import Callable
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet

from ..page_cache import version_cached

PAGE_SIZE = 50
NOT_COUNTED = {"page", "sort"}  # the parameters that do not change how many rows a list has


class CountedPaginator(Paginator):
    """A paginator whose total is counted once per record version and filter, not per page.

    With `rows`, a page is read by a deferred join: the page's ids are picked from the list's
    own query (filters and order, which an index can serve alone, without reading or joining the
    rows it skips), and only those rows are read with what the page shows of them, by
    `rows().filter(pk__in=…)` in the list's order. Both are one statement: page 4,000 of a
    million rows skips 200,000 index entries instead of joining 200,000 rows.
    """

    def __init__(self, object_list, per_page, *, count_key: str,
                 rows: Callable[[], QuerySet] | None = None):
        super().__init__(object_list, per_page)
        self.count_key = count_key
        self.rows = rows

    @cached_property
    def count(self) -> int:
        return version_cached(f"count:{self.count_key}", lambda: Paginator.count.func(self))

    def page(self, number):
        """The rows of the page, never cut short by a total counted a moment earlier."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self._rows(bottom, bottom + self.per_page), number, self)

    def _rows(self, bottom: int, top: int):
        if self.rows is None:
            return self.object_list[bottom:top]
        ids = self.object_list.values("pk")[bottom:top]
        rows = self.rows().filter(pk__in=ids)
        ordering = self.object_list.query.order_by
        return rows.order_by(*ordering) if ordering else rows  # else the model's, like the ids


def _count_key(request) -> str:
    filters = sorted((k, v) for k, values in request.GET.lists() if k not in NOT_COUNTED for v in values)
    return hashlib.sha256(f"{request.path}|{filters}".encode()).hexdigest()


def page_of(queryset, request, per_page: int = PAGE_SIZE, *, rows: Callable[[], QuerySet] | None = None):
    """One page of a list; a page number out of range gives the last page, never an error.

    `rows`: the rows as the page shows them (related rows joined or prefetched), for a list whose
    `queryset` only filters and orders; see CountedPaginator.
    """
    return CountedPaginator(queryset, per_page, count_key=_count_key(request), rows=rows).get_page(
        request.GET.get("page"))
