"""Public pages, the JSON API and the open-data downloads of the record."""
import hashlib
from functools import cached_property

from django.core.paginator import Paginator

from ..page_cache import version_cached

PAGE_SIZE = 50
NOT_COUNTED = {"page", "sort"}  # the parameters that do not change how many rows a list has


class CountedPaginator(Paginator):
    """A paginator whose total is counted once per record version and filter, not per page."""

    def __init__(self, object_list, per_page, *, count_key: str):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return version_cached(f"count:{self.count_key}", lambda: Paginator.count.func(self))

    def page(self, number):
        """The rows of the page, never cut short by a total counted a moment earlier."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)


def _count_key(request) -> str:
    filters = sorted((k, v) for k, values in request.GET.lists() if k not in NOT_COUNTED for v in values)
    return hashlib.sha256(f"{request.path}|{filters}".encode()).hexdigest()


def page_of(queryset, request, per_page: int = PAGE_SIZE):
    """One page of a list; a page number out of range gives the last page, never an error."""
    return CountedPaginator(queryset, per_page, count_key=_count_key(request)).get_page(
        request.GET.get("page"))
