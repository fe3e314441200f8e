"""JSON documents (one record, an array, or an object wrapping an array) and JSON Lines."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from crimegraph.errors import InputError
from crimegraph.ingest.decoding import bom_encoding, decode, decode_line
from crimegraph.ingest.options import IngestOptions, Rejection
from crimegraph.ingest.record import FIELD_NAMES, RawRecord, field_value

__all__ = ["read_json", "read_jsonl", "record_from_mapping", "iter_lines"]

_WRAPPERS = ("items", "articles", "documents", "records", "data", "results", "entries", "posts", "docs")
_OVERRIDES = {
    "text": "text_column", "title": "title_column", "published": "date_column",
    "url": "url_column", "source": "source_column", "language": "language_column",
}


def _pick(record: dict, field: str, options: IngestOptions) -> object:
    key = getattr(options, _OVERRIDES[field])
    if key is None:
        return field_value(record, field)
    keys = {str(k).casefold(): k for k in record}
    value = record.get(keys.get(key.casefold(), key))
    return field_value({field: value}, field) if value is not None else None


def record_from_mapping(record: dict, origin: str, options: IngestOptions) -> RawRecord:
    """A RawRecord from a JSON object or CSV row, accepting the common field synonyms."""
    text = _pick(record, "text", options)
    looked = options.text_column or ", ".join(FIELD_NAMES["text"][:4])
    return RawRecord(
        origin=origin,
        text=None if text is None else str(text),
        title=_pick(record, "title", options),
        published=_pick(record, "published", options),
        url=_pick(record, "url", options),
        source=_pick(record, "source", options),
        language=_pick(record, "language", options),
        missing_text=f"record has no text (looked for: {looked})",
    )


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"


def read_json(data: bytes, item: str, options: IngestOptions) -> Iterator[RawRecord | Rejection]:
    """Records of a JSON file; records are numbered from 1 in the origin ("file.json:3")."""
    try:
        value = json.loads(decode(data, item, options.encoding))
    except json.JSONDecodeError as exc:
        raise InputError(item, _json_error(exc)) from exc
    if isinstance(value, dict):
        wrapped = next((value[k] for k in _WRAPPERS if isinstance(value.get(k), list)), None)
        if wrapped is not None and field_value(value, "text") is None:
            value = wrapped
    records = value if isinstance(value, list) else [value]
    if not records:
        raise InputError(item, "JSON file holds no records")
    for number, record in enumerate(records, start=1):
        origin = f"{item}:{number}"
        if isinstance(record, dict):
            yield record_from_mapping(record, origin, options)
        else:
            yield Rejection(origin, f"not a JSON object (found {type(record).__name__})")


def iter_lines(stream: BinaryIO, item: str, encoding: str | None) -> Iterator[tuple[int, str, str | None]]:
    """(line number, text, decoding problem) for each line; UTF-16/32 files decode as a whole."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    wide = encoding or bom_encoding(head)
    if wide and codecs.lookup(wide).name.startswith(("utf-16", "utf-32")):
        reader = io.TextIOWrapper(stream, encoding=wide, errors="strict", newline="")
        try:
            for number, line in enumerate(reader, start=1):
                yield number, line, None
        except UnicodeDecodeError as exc:
            raise InputError(item, f"cannot decode as {wide}") from exc
        return
    name = encoding or ("utf-8-sig" if bom_encoding(head) == "utf-8-sig" else "utf-8")
    for number, raw in enumerate(stream, start=1):
        if number == 1 and name == "utf-8-sig":
            raw = raw.removeprefix(codecs.BOM_UTF8)
            name = "utf-8"
        text, problem = decode_line(raw, name)
        yield number, text, problem


def read_jsonl(stream: BinaryIO, item: str, options: IngestOptions) -> Iterator[RawRecord | Rejection]:
    """One record a line, read lazily; blank lines are skipped, bad lines rejected alone."""
    for number, line, problem in iter_lines(stream, item, options.encoding):
        origin = f"{item}:{number}"
        if problem:
            yield Rejection(origin, problem)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        if isinstance(record, dict):
            yield record_from_mapping(record, origin, options)
        else:
            yield Rejection(origin, f"not a JSON object (found {type(record).__name__})")
