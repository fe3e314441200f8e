"""CSV and TSV: one report a row.

Columns are found by header name (see ``record.FIELD_NAMES``: text/body/content,
title/headline, published/date/pubdate, url/link, source/outlet, language/lang) or named by
the ``*_column`` options, either as a header name or as a 1-based column number. A number
for ``text_column`` means the file has no header row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from crimegraph.errors import ConfigError, InputError
from crimegraph.ingest.jsonl import iter_lines
from crimegraph.ingest.options import IngestOptions, Rejection
from crimegraph.ingest.record import FIELD_NAMES, RawRecord

__all__ = ["read_table", "sniff_delimiter"]

_COLUMN_OPTIONS = {
    "text": "text_column", "title": "title_column", "published": "date_column",
    "url": "url_column", "source": "source_column", "language": "language_column",
}
_CANDIDATES = (",", ";", "\t", "|")


def sniff_delimiter(first_line: str) -> str:
    """The most frequent of , ; tab | outside quotes in the header line (comma if none)."""
    outside, quoted = [], False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    counts = {d: outside.count(d) for d in _CANDIDATES}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _is_number(value: str | None) -> bool:
    return value is not None and value.strip().isdigit()


def _columns_by_position(options: IngestOptions, item: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for field, option in _COLUMN_OPTIONS.items():
        value = getattr(options, option)
        if value is None:
            continue
        if not _is_number(value) or int(value) < 1:
            raise ConfigError(f"{item}: {option}={value!r}: with a numbered text column every column option must be a number from 1")
        columns[field] = int(value) - 1
    return columns


def _columns_by_header(header: list[str], options: IngestOptions, item: str) -> dict[str, int]:
    folded = {name.strip().casefold(): i for i, name in reversed(list(enumerate(header)))}
    columns: dict[str, int] = {}
    for field, option in _COLUMN_OPTIONS.items():
        value = getattr(options, option)
        if value is None:
            index = next((folded[n] for n in FIELD_NAMES[field] if n in folded), None)
        elif _is_number(value):
            index = int(value) - 1
        else:
            index = folded.get(value.strip().casefold())
            if index is None:
                raise InputError(item, f"no column {value!r} in the header (columns: {', '.join(header)})")
        if index is not None:
            columns[field] = index
    if "text" not in columns:
        raise InputError(
            item,
            f"no text column in the header (columns: {', '.join(header)}); set text_column to a name or a number",
        )
    return columns


def read_table(stream: BinaryIO, item: str, options: IngestOptions, delimiter: str | None) -> Iterator[RawRecord | Rejection]:
    """Rows of a CSV/TSV stream, read lazily; the origin is the row's first line."""
    csv.field_size_limit(max(csv.field_size_limit(), 4 * options.max_chars + 1))
    problems: dict[int, str] = {}

    def lines() -> Iterator[str]:
        for number, text, problem in iter_lines(stream, item, options.encoding):
            if problem:
                problems[number] = problem
            yield text

    source = lines()
    first = next(source, None)
    if first is None:
        raise InputError(item, "empty file")
    delimiter = delimiter or sniff_delimiter(first)

    def chained() -> Iterator[str]:
        yield first
        yield from source

    reader = csv.reader(chained(), delimiter=delimiter, strict=True)
    by_position = _is_number(options.text_column)
    columns: dict[str, int] | None = _columns_by_position(options, item) if by_position else None
    width: int | None = None
    previous_end = 0
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            previous_end = reader.line_num
            message = str(exc)
            if "field larger than field limit" in message:
                message = f"document too long (a field is over {4 * options.max_chars:,} characters; limit {options.max_chars:,})"
            else:
                message = f"malformed CSV row: {message}"
            yield Rejection(f"{item}:{start}", message)
            continue
        previous_end = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        origin = f"{item}:{start}"
        problem = next((problems[n] for n in range(start, previous_end + 1) if n in problems), None)
        if columns is None:  # this row is the header
            if problem:
                raise InputError(origin, problem)
            columns = _columns_by_header(row, options, item)
            width = len(row)
            continue
        if problem:
            yield Rejection(origin, problem)
            continue
        if width is not None and len(row) != width:
            yield Rejection(origin, f"malformed CSV row: expected {width} fields, found {len(row)}")
            continue
        if columns["text"] >= len(row):
            yield Rejection(origin, f"malformed CSV row: no column {columns['text'] + 1} (row has {len(row)} fields)")
            continue
        values = {field: row[index] if index < len(row) else None for field, index in columns.items()}
        yield RawRecord(
            origin=origin,
            text=values["text"],
            title=values.get("title") or None,
            published=values.get("published") or None,
            url=values.get("url") or None,
            source=values.get("source") or None,
            language=values.get("language") or None,
            missing_text="empty text",
        )
