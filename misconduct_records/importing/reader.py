"""Streaming the rows of a data file, with their line numbers and the columns of joined files.

Files are read as they stream (plain or gzip-compressed CSV); only the columns a join needs
from the other file are held in memory, keyed by the join key.
"""

import csv
import difflib
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from .mapping import FileSpec, Join
from .values import BadValue

csv.field_size_limit(1 << 24)


class MissingFile(FileNotFoundError):
    pass


def _existing(path: Path) -> Path:
    """The file, or its gzip-compressed (or uncompressed) twin: either way of storing it works."""
    twin = path.with_suffix("") if path.suffix == ".gz" else path.with_name(path.name + ".gz")
    for candidate in (path, twin):
        if candidate.exists():
            return candidate
    raise MissingFile(f"data file not found: {path}")


def open_text(path: Path, encoding: str) -> io.TextIOBase:
    path = _existing(path)
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding=encoding, newline="")
    return path.open(encoding=encoding, newline="")


def iter_csv(path: Path, spec: FileSpec) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number of the row's first line, row) for each data row; the header is line 1."""
    with open_text(path, spec.encoding) as handle:
        reader = csv.reader(handle, delimiter=spec.delimiter)
        header = [name.strip() for name in next(reader, [])]
        width = len(header)
        previous_end = reader.line_num
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not cells:
                continue
            if len(cells) != width:
                yield start, {"__error__": f"{len(cells)} cells where the header has {width}"}
                continue
            yield start, dict(zip(header, cells, strict=True))


def header(path: Path, spec: FileSpec) -> list[str]:
    with open_text(path, spec.encoding) as handle:
        return [name.strip() for name in next(csv.reader(handle, delimiter=spec.delimiter), [])]


def check_columns(files: dict[str, FileSpec], name: str, folder: Path, wanted: set[str], label: str) -> list[str]:
    """What a table names that its file (and the files joined to it) do not have: read from the
    headers alone, before any row, so that a misspelt column is named instead of rejecting
    every row."""
    spec = files[name]
    have = set(header(folder / spec.path, spec))
    problems = []
    for join in spec.joins:
        other = set(header(folder / files[join.file].path, files[join.file]))
        missing = sorted(({c for c in join.right.columns} | set(join.columns)) - other)
        missing_here = sorted(set(join.left.columns) - have)
        problems += [f"join of {name!r} names column {c!r}, which {join.file!r} does not have" for c in missing]
        problems += [f"join of {name!r} names column {c!r}, which {name!r} does not have" for c in missing_here]
        have |= {f"{join.file}.{column}" for column in join.columns}
    for column in sorted(wanted - have):
        near = difflib.get_close_matches(column, have, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        problems.append(f"table {label!r} names column {column!r}, which {spec.path} does not have{hint}")
    return problems


def load_join(path: Path, spec: FileSpec, join: Join) -> dict[str, tuple[str, ...]]:
    """The joined file's columns a mapping asks for, keyed by the join key."""
    table: dict[str, tuple[str, ...]] = {}
    for _, row in iter_csv(path, spec):
        if "__error__" in row:
            continue
        try:
            key = join.right.render(row)
            table[key] = tuple(row.get(column, "") for column in join.columns)
        except BadValue:
            continue
    return table


def joined_rows(files: dict[str, FileSpec], name: str, folder: Path) -> Iterator[tuple[int, dict]]:
    """Rows of one file with 'other_file.column' entries added from each join."""
    spec = files[name]
    tables = [(join, load_join(folder / files[join.file].path, files[join.file], join))
              for join in spec.joins]
    for line, row in iter_csv(folder / spec.path, spec):
        if "__error__" in row or not tables:
            yield line, row
            continue
        for join, table in tables:
            try:
                key = join.left.render(row)
            except BadValue as error:
                row = {"__error__": str(error)}
                break
            found = table.get(key)
            if found is None:
                if join.required:
                    row = {"__error__": f"no row in {join.file} with key {key!r}"}
                    break
                found = ("",) * len(join.columns)
            row.update({f"{join.file}.{column}": value for column, value in zip(join.columns, found, strict=True)})
        yield line, row
