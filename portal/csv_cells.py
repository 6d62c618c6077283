"""Every CSV file the portal writes goes through here, so no cell can run as a formula.

A spreadsheet treats a cell starting with =, +, -, @ (or a tab or carriage return before one)
as a formula. Such text cells get a leading apostrophe, which spreadsheets show as text;
numbers stay numbers.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """The value, made inert if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV from a generator."""

    def write(self, value):
        return value


class CsvLines:
    """`writerow(row)` returns the CSV line for `row`, its cells made inert."""

    def __init__(self, handle=None):
        self._writer = csv.writer(handle if handle is not None else _Echo())

    def writerow(self, row) -> str:
        return self._writer.writerow([csv_cell(value) for value in row])
