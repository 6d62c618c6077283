"""Keyset pages for the API: a cursor holds the values of the ordering at the edge of a page.

A page is then the next rows of an index range, as cheap on the thousandth page as on the first,
and rows that share the first sort value (thousands of officers with no allegation, hundreds
named Smith) are paged through like any others. The ordering must end in a unique field.
"""

import base64
import binascii
import json
import math
import operator
from functools import reduce

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework.exceptions import ParseError
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import replace_query_param

MAX_TEXT = 300
MAX_INT = 2 ** 63 - 1


def _reversed(ordering: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name[1:] if name.startswith("-") else f"-{name}" for name in ordering)


def rows_after(ordering: tuple[str, ...], position: list | tuple) -> Q:
    """Rows after `position` in `ordering`: (a, b, c) > (x, y, z) spelled out per direction."""
    names = [name.lstrip("-") for name in ordering]
    later = [f"{name}__{'lt' if order.startswith('-') else 'gt'}" for name, order in zip(names, ordering, strict=True)]
    branches = [Q(**{names[i]: position[i] for i in range(k)}, **{later[k]: position[k]})
                for k in range(len(ordering))]
    # the first column's own bound lets the database start the index scan at the position
    first = f"{names[0]}__{'lte' if ordering[0].startswith('-') else 'gte'}"
    return Q(**{first: position[0]}) & reduce(operator.or_, branches)


class KeysetPagination(CursorPagination):
    """Cursor pages by key, for a view that names its ordering (`keyset_ordering(request, qs)`).

    The cursor is base64 of {"p": [the ordering's values at the page's edge], "r": 1 when it
    points backwards}; anything else is a 400, as is a position of another ordering.
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = tuple(view.keyset_ordering(request, queryset))
        position, backwards = self.decode_cursor(request, queryset)
        order = _reversed(self.ordering) if backwards else self.ordering
        rows = queryset.order_by(*order)
        try:
            if position is not None:
                rows = rows.filter(rows_after(order, position))
            rows = list(rows[:self.page_size + 1])
        except (DjangoValidationError, ValueError, TypeError) as exc:
            raise ParseError(self.invalid_cursor_message) from exc
        self.page, more = rows[:self.page_size], len(rows) > self.page_size
        if backwards:
            self.page.reverse()
        first, last = (self._key(self.page[0]), self._key(self.page[-1])) if self.page else (None, None)
        self.next_key = last if (position is not None if backwards else more) else None
        self.previous_key = first if (more if backwards else position is not None) else None
        return self.page

    def _key(self, row) -> list:
        names = [name.lstrip("-") for name in self.ordering]
        return [row[n] if isinstance(row, dict) else getattr(row, n) for n in names]

    def get_next_link(self):
        return self._link(self.next_key, backwards=False)

    def get_previous_link(self):
        return self._link(self.previous_key, backwards=True)

    def _link(self, key, *, backwards: bool):
        if key is None:
            return None
        cursor = {"p": key, **({"r": 1} if backwards else {})}
        encoded = base64.urlsafe_b64encode(json.dumps(cursor, separators=(",", ":")).encode())
        return replace_query_param(self.base_url, self.cursor_query_param, encoded.decode("ascii"))

    def decode_cursor(self, request, queryset=None):
        """(position or None, backwards); a cursor this API did not write is a 400."""
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None, False
        try:
            cursor = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")).decode("utf-8"))
        except (binascii.Error, UnicodeError, ValueError) as exc:
            raise ParseError(self.invalid_cursor_message) from exc
        if not isinstance(cursor, dict) or set(cursor) - {"p", "r"} or cursor.get("r", 0) not in (0, 1) \
                or not isinstance(cursor.get("p"), list) or len(cursor["p"]) != len(self.ordering):
            raise ParseError(self.invalid_cursor_message)
        for name, value in zip(self.ordering, cursor["p"], strict=True):
            if not _fits(queryset.model, name.lstrip("-"), value):
                raise ParseError(self.invalid_cursor_message)
        return cursor["p"], bool(cursor.get("r"))


def _fits(model, name: str, value) -> bool:
    """Whether `value` can stand for the column `name` in a query (strings for text, whole
    numbers in range for integers, finite numbers for a computed score)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        kind = "FloatField"  # an annotation: the search's relevance score
    else:
        kind = field.get_internal_type()
    if kind.endswith("CharField") or kind == "TextField":
        return isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value
    if isinstance(value, bool):
        return False
    if kind == "FloatField":
        return isinstance(value, int | float) and math.isfinite(value)
    return isinstance(value, int) and -MAX_INT <= value <= MAX_INT
