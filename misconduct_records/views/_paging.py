"""Public pages, the JSON API and the open-data downloads of the record."""
import hashlib
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Window

from ..page_cache import version_cache_get, version_cache_set, version_cached

PAGE_SIZE = 50
NOT_COUNTED = {"page", "sort"}  # the parameters that do not change how many rows a list has


class CountedPaginator(Paginator):
    """A paginator whose total is counted once per record version and filter, not per page.

    `by_key`: a page's rows are found by their keys first (a scan of the ordering's index that
    reads no row), then read with their joins; the deep pages of a long list then cost as little
    as the first. `counted_with_rows`: the rows of a page carry the total (a window over the
    same query), for lists that read every matching row anyway, such as a ranked name search,
    so that the matching runs once, not once for the page and once for the count.
    """

    def __init__(self, object_list, per_page, *, count_key: str, by_key: bool = False,
                 counted_with_rows: bool = False):
        super().__init__(object_list, per_page)
        self.count_key = count_key
        self.by_key, self.counted_with_rows = by_key, counted_with_rows

    @cached_property
    def count(self) -> int:
        return version_cached(self._count_name, lambda: Paginator.count.func(self))

    @property
    def _count_name(self) -> str:
        return f"count:{self.count_key}"

    def get_page(self, number):
        if self.counted_with_rows and "count" not in self.__dict__:
            page = self._page_with_its_count(number)
            if page is not None:
                return page
        return super().get_page(number)

    def _page_with_its_count(self, number):
        """The page and the total in one query, unless the total is known (then None)."""
        counted = version_cache_get(self._count_name)
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
        rows = list(self.object_list.annotate(rows_in_list=Window(Count("pk")))[
            bottom:bottom + self.per_page])
        if not rows:  # past the end, or nothing at all: counted the usual way
            return None
        self.__dict__["count"] = rows[0].rows_in_list
        version_cache_set(self._count_name, self.count)
        return self._get_page(rows, number, self)

    def page(self, number):
        """The rows of the page, never cut short by a total counted a moment earlier."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        if self.by_key:
            rows = rows.filter(pk__in=rows.values("pk")[bottom:bottom + self.per_page])
        else:
            rows = rows[bottom:bottom + self.per_page]
        return self._get_page(rows, number, self)


def _count_key(request) -> str:
    filters = sorted((k, v) for k, values in request.GET.lists() if k not in NOT_COUNTED for v in values)
    return hashlib.sha256(f"{request.path}|{filters}".encode()).hexdigest()


def page_of(queryset, request, per_page: int = PAGE_SIZE, *, by_key: bool = False,
            counted_with_rows: bool = False):
    """One page of a list; a page number out of range gives the last page, never an error.

    `by_key` and `counted_with_rows`: see CountedPaginator.
    """
    return CountedPaginator(queryset, per_page, count_key=_count_key(request), by_key=by_key,
                            counted_with_rows=counted_with_rows).get_page(request.GET.get("page"))
