"""Where inputs come from: files, folders (recursive), gzip, stdin; and which format they are."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crimegraph.ingest.options import IngestOptions, Rejection
from crimegraph.ingest.record import FIELD_NAMES

__all__ = ["Input", "EXTENSIONS", "format_from_name", "sniff_format", "iter_inputs", "open_input", "peekable"]

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv", ".tab": "tsv",
    ".rss": "rss", ".atom": "rss", ".xml": "rss",
}
STDIN_NAME = "<stdin>"
_BUFFER = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_HEADER_NAMES = frozenset(name for names in FIELD_NAMES.values() for name in names)


@dataclass(frozen=True)
class Input:
    """One file or stream to read: ``open`` returns a fresh binary stream."""

    name: str
    open: Callable[[], BinaryIO]
    format: str | None  # from the file name, None when unknown


def format_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return EXTENSIONS.get(os.path.splitext(lower)[1])


def peekable(stream: BinaryIO) -> BinaryIO:
    """A buffered binary stream with ``peek``, transparently gunzipped when it is gzip data."""
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream, buffer_size=_BUFFER)  # type: ignore[arg-type]
    if stream.peek(2)[:2] == _GZIP_MAGIC:
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"), buffer_size=_BUFFER)  # type: ignore[arg-type]
    return stream


def open_input(source: Input) -> BinaryIO:
    return peekable(source.open())


def _first_line(head: bytes) -> str:
    return head.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip().lstrip("\ufeff")


def _looks_like_header(line: str, delimiter: str) -> bool:
    cells = [c.strip().strip('"').casefold() for c in line.split(delimiter)]
    return len(cells) > 1 and any(c in _HEADER_NAMES for c in cells)


def sniff_format(head: bytes) -> str:
    """Guess a format from the first bytes: markup, JSON, a CSV/TSV header, else text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = start[:2048].lower()
    if start.startswith(b"<"):
        return "rss" if any(m in lower for m in _FEED_MARKERS) else "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        line, sep, rest = start.partition(b"\n")
        if sep and rest.strip():
            try:
                json.loads(line)
            except json.JSONDecodeError:
                return "json"
            return "jsonl"
        return "json"
    line = _first_line(start)
    if _looks_like_header(line, "\t"):
        return "tsv"
    if re.search(r"<(html|body|p|div|article)\b", lower.decode("ascii", errors="ignore")):
        return "html"
    if any(_looks_like_header(line, d) for d in (",", ";", "|")):
        return "csv"
    return "text"


def _walk(root: Path, options: IngestOptions) -> Iterator[Path]:
    """Files under ``root`` in sorted order, hidden files and folders skipped, known extensions only
    (and files without an extension when a format is given)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if format_from_name(name) or (options.format and "." not in name):
                yield Path(folder) / name


def _file_input(path: Path) -> Input:
    return Input(str(path), lambda: open(path, "rb"), format_from_name(path.name))


def iter_inputs(paths: Iterable[str | Path], options: IngestOptions, stdin: BinaryIO | None) -> Iterator[Input | Rejection]:
    """Inputs in order; a missing path is a Rejection."""
    for raw in paths:
        if str(raw) == "-":
            import sys

            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Input(STDIN_NAME, lambda stream=stream: stream, None)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path, options):
                yield _file_input(file)
        elif path.is_file():
            yield _file_input(path)
        elif path.exists():
            yield Rejection(str(path), "not a regular file")
        else:
            yield Rejection(str(path), "no such file or directory")
