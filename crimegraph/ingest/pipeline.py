"""iter_documents: every input, every reader, every check; Documents and Rejections in order."""

from __future__ import annotations

import gzip
import io
import json
import logging
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from crimegraph.errors import InputError
from crimegraph.ingest.decoding import HEAD_BYTES, binary_reason, decode
from crimegraph.ingest.dedup import NearDuplicateIndex
from crimegraph.ingest.feeds import read_feed
from crimegraph.ingest.html import read_html
from crimegraph.ingest.jsonl import read_json, read_jsonl
from crimegraph.ingest.options import IngestOptions, Rejection
from crimegraph.ingest.record import RawRecord, build_document
from crimegraph.ingest.sources import Input, iter_inputs, open_input, sniff_format
from crimegraph.ingest.tabular import read_table
from crimegraph.ingest.text import read_text
from crimegraph.model import Document

__all__ = ["iter_documents", "count_items", "WHOLE_FILE_LIMIT"]

logger = logging.getLogger(__name__)

DEFAULT_OPTIONS = IngestOptions()
WHOLE_FILE_LIMIT = 64 * 1024 * 1024  # bytes read at most for one text/HTML/feed file
_LINE_FORMATS = ("jsonl", "csv", "tsv")


def _read_all(stream: BinaryIO, item: str, limit: int | None) -> bytes:
    if limit is None:
        return stream.read()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(item, f"file too large (over {limit // (1024 * 1024)} MB)")
    return data


def _records(source: Input, stream: BinaryIO, options: IngestOptions) -> Iterator[RawRecord | Rejection]:
    item = source.name
    head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    if not head.strip():
        if not stream.read(HEAD_BYTES * 8).strip():
            raise InputError(item, "empty file")
        raise InputError(item, "file starts with a long run of blank space; not a report")
    reason = binary_reason(head, options.encoding)
    if reason:
        raise InputError(item, reason)
    kind = options.format or source.format or sniff_format(head)
    if kind in _LINE_FORMATS:
        if kind == "jsonl":
            yield from read_jsonl(stream, item, options)
        else:
            yield from read_table(stream, item, options, options.delimiter or ("\t" if kind == "tsv" else None))
        return
    limit = max(WHOLE_FILE_LIMIT, 8 * options.max_chars)
    data = _read_all(stream, item, None if kind == "json" else limit)
    if kind == "text":
        yield read_text(decode(data, item, options.encoding), item)
    elif kind == "html":
        yield read_html(data, item, options.encoding)
    elif kind == "rss":
        yield from read_feed(data, item)
    elif kind == "json":
        try:
            yield from read_json(data, item, options)
        except InputError as exc:
            if "Extra data" not in exc.reason:
                raise
            logger.info("%s: more than one JSON value; reading it as JSON Lines", item)
            yield from read_jsonl(io.BufferedReader(io.BytesIO(data)), item, options)


def _read_input(source: Input, options: IngestOptions) -> Iterator[RawRecord | Rejection]:
    try:
        stream = open_input(source)
    except OSError as exc:
        yield Rejection(source.name, f"cannot open: {exc.strerror or exc}")
        return
    try:
        yield from _records(source, stream, options)
    except InputError as exc:
        yield Rejection(exc.item, exc.reason)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield Rejection(source.name, f"corrupt gzip data: {exc}")
    except OSError as exc:
        yield Rejection(source.name, f"cannot read: {exc.strerror or exc}")
    finally:
        if source.name != "<stdin>":
            stream.close()


def _link_duplicate(document: Document, index: NearDuplicateIndex) -> Document:
    sig = index.signature(document.text)
    earlier = index.find_signature(sig, exclude=document.id)
    index.add_signature(document.id, sig)
    return replace(document, duplicate_of=earlier) if earlier else document


def iter_documents(
    paths: Iterable[str | Path] | str | Path,
    options: IngestOptions = DEFAULT_OPTIONS,
    stdin: BinaryIO | None = None,
    *,
    dedup: NearDuplicateIndex | None = None,
) -> Iterator[Document | Rejection]:
    """Read every input lazily, yielding a Document or a Rejection for each item.

    ``paths`` are files, folders (read recursively) or "-" for ``stdin`` (a binary stream,
    by default ``sys.stdin.buffer``). With ``dedup``, each document's ``duplicate_of`` is
    set to the id of the earliest near-duplicate in the index, and the document is added.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for source in iter_inputs(paths, options, stdin):
        if isinstance(source, Rejection):
            yield source
            continue
        for record in _read_input(source, options):
            if isinstance(record, Rejection):
                logger.debug("rejected %s", record)
                yield record
                continue
            result = build_document(record, options)
            if isinstance(result, Document) and dedup is not None:
                result = _link_duplicate(result, dedup)
            yield result


def _count_lines(stream: BinaryIO) -> int:
    lines, last = 0, b"\n"
    while chunk := stream.read(1 << 20):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
    return lines + (last != b"\n")


def _count_json(stream: BinaryIO) -> int | None:
    data = stream.read(4 * 1024 * 1024 + 1)
    if len(data) > 4 * 1024 * 1024:
        return None
    try:
        value = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return max(1, data.count(b"\n{"))
    return len(value) if isinstance(value, list) else 1


def count_items(paths: Iterable[str | Path] | str | Path, options: IngestOptions = DEFAULT_OPTIONS) -> int | None:
    """A cheap estimate of how many items ``iter_documents`` will yield (for a progress bar),
    or None when it cannot tell without reading everything (stdin, a large JSON array)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if any(str(p) == "-" for p in paths):
        return None
    total = 0
    for source in iter_inputs(paths, options, None):
        if isinstance(source, Rejection):
            total += 1
            continue
        try:
            with open_input(source) as stream:
                kind = options.format or source.format or sniff_format(stream.peek(HEAD_BYTES)[:HEAD_BYTES])
                if kind in _LINE_FORMATS:
                    has_header = kind != "jsonl" and not (options.text_column or "").strip().isdigit()
                    total += _count_lines(stream) - has_header
                elif kind == "rss":
                    data = stream.read(WHOLE_FILE_LIMIT)
                    total += max(1, data.count(b"<item") + data.count(b"<entry"))
                elif kind == "json":
                    count = _count_json(stream)
                    if count is None:
                        return None
                    total += count
                else:
                    total += 1
        except (OSError, EOFError, zlib.error):
            total += 1
    return max(total, 0)
