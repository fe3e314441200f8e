"""What the caller asks of the ingest layer, and what it hands back for a bad item."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass

from crimegraph.errors import ConfigError

__all__ = ["FORMATS", "SUPPORTED_LANGUAGES", "IngestOptions", "Rejection"]

FORMATS = ("text", "html", "json", "jsonl", "csv", "tsv", "rss")
SUPPORTED_LANGUAGES = ("en", "es", "pt")

_LANG_CODE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class IngestOptions:
    """How to read inputs.

    ``published``, ``language`` and ``source``, when set, override what the input says.
    The ``*_column`` options name a header (case-insensitive) or a 1-based column number;
    a number means the file has no header row. ``day_first`` makes ambiguous numeric
    dates ("08/10/2013") readable: True for day/month/year, False for month/day/year;
    left at None they are not guessed.
    """

    format: str | None = None
    published: dt.date | None = None
    language: str | None = None
    source: str | None = None
    text_column: str | None = None
    title_column: str | None = None
    date_column: str | None = None
    url_column: str | None = None
    source_column: str | None = None
    language_column: str | None = None
    delimiter: str | None = None
    max_chars: int = 200_000
    min_chars: int = 20
    encoding: str | None = None
    day_first: bool | None = None

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise ConfigError(f"unknown input format {self.format!r}; use one of {', '.join(FORMATS)}")
        if self.language is not None and not _LANG_CODE.match(self.language):
            raise ConfigError(f"language {self.language!r} is not an ISO 639-1 code such as 'en', 'es' or 'pt'")
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise ConfigError(f"delimiter {self.delimiter!r} must be a single character (use '\\t' for tab)")
        if self.min_chars < 0 or self.max_chars < 1 or self.min_chars > self.max_chars:
            raise ConfigError(f"invalid length limits: min_chars={self.min_chars}, max_chars={self.max_chars}")
        if self.published is not None and not isinstance(self.published, dt.date):
            raise ConfigError(f"published must be a date, not {type(self.published).__name__}")
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError as exc:
                raise ConfigError(f"unknown text encoding {self.encoding!r}") from exc


@dataclass(frozen=True)
class Rejection:
    """One input item that did not become a document: ``item`` is "file" or "file:line"."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"
