"""A record as a reader found it, and the checks that turn it into a Document."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from crimegraph.ingest.dates import parse_date
from crimegraph.ingest.language import identify_language, normalize_language_code
from crimegraph.ingest.normalize import content_id, normalize_text
from crimegraph.ingest.options import SUPPORTED_LANGUAGES, IngestOptions, Rejection
from crimegraph.model import Document

__all__ = ["RawRecord", "FIELD_NAMES", "build_document", "clean_line"]

logger = logging.getLogger(__name__)

# Field names accepted in JSON records and as CSV headers, in order of preference.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "body", "content", "article", "full_text", "fulltext", "story", "maintext",
        "texto", "cuerpo", "contenido", "conteudo", "conteúdo", "corpo",
    ),
    "title": ("title", "headline", "heading", "titulo", "título"),
    "published": (
        "published", "date", "pubdate", "pub_date", "publication_date", "published_at",
        "date_published", "datepublished", "published_date", "publish_date", "created_at", "time",
        "fecha", "data", "fecha_publicacion", "data_publicacao",
    ),
    "url": ("url", "link", "href", "canonical_url", "permalink", "enlace"),
    "source": ("source", "outlet", "publisher", "site", "site_name", "source_name", "media", "fuente", "fonte", "medio"),
    "language": ("language", "lang", "locale", "language_code", "idioma", "lingua", "língua"),
}

_SPACES = re.compile(r"\s+")


def clean_line(value: object) -> str | None:
    """A one-line metadata value (title, url, source): whitespace collapsed, None if empty."""
    if value is None:
        return None
    text = _SPACES.sub(" ", normalize_text(str(value))).strip()
    return text or None


@dataclass(frozen=True)
class RawRecord:
    """What a reader extracted, before checks. ``published`` is the raw metadata value."""

    origin: str
    text: str | None
    title: str | None = None
    published: object = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    missing_text: str = "no text"


def _language(record: RawRecord, text: str, options: IngestOptions) -> tuple[str | None, str | None]:
    """(language code, rejection reason)."""
    if options.language:
        return options.language, None
    if record.language is not None:
        given = normalize_language_code(record.language)
        if given in SUPPORTED_LANGUAGES:
            return given, None
        logger.info("%s: language field %r is not en/es/pt; detecting instead", record.origin, record.language)
    guess = identify_language(text)
    if guess.code is None:
        return None, f"unknown language (detected: {guess.detected})"
    return guess.code, None


def _published(record: RawRecord, options: IngestOptions) -> dt.date | None:
    if options.published is not None:
        return parse_date(options.published)
    if record.published is None or record.published == "":
        return None
    date = parse_date(record.published, day_first=options.day_first)
    if date is None:
        logger.warning("%s: unreadable publication date %r; keeping the document undated", record.origin, record.published)
    return date


def build_document(record: RawRecord, options: IngestOptions) -> Document | Rejection:
    """Normalize, check length and language, read the date, key by content hash."""
    if record.text is None:
        return Rejection(record.origin, record.missing_text)
    if len(record.text) > 4 * options.max_chars:  # no need to normalize a huge string first
        return Rejection(record.origin, f"document too long ({len(record.text):,} characters; limit {options.max_chars:,})")
    text = normalize_text(record.text)
    if not text:
        return Rejection(record.origin, "empty text")
    if len(text) > options.max_chars:
        return Rejection(record.origin, f"document too long ({len(text):,} characters; limit {options.max_chars:,})")
    if len(text) < options.min_chars:
        return Rejection(record.origin, f"text too short ({len(text)} characters; minimum {options.min_chars})")
    language, reason = _language(record, text, options)
    if reason:
        return Rejection(record.origin, reason)
    return Document(
        id=content_id(text),
        text=text,
        title=clean_line(record.title),
        published=_published(record, options),
        language=language,
        url=clean_line(record.url),
        source=options.source or clean_line(record.source),
        origin=record.origin,
    )


def _scalar(value: object) -> object:
    """Unwrap {"name": ...} / {"value": ...} objects and join lists of strings."""
    if isinstance(value, dict):
        for key in ("name", "value", "title", "href", "url", "@value"):
            if key in value:
                return _scalar(value[key])
        return None
    if isinstance(value, list):
        parts = [str(_scalar(v)) for v in value if _scalar(v) not in (None, "")]
        return "\n\n".join(parts) if parts else None
    return value


def field_value(record: dict, field: str) -> object:
    """The first non-empty value among ``field``'s accepted names (keys compared case-folded)."""
    if not record:
        return None
    keys = {str(k).casefold(): k for k in record}
    for name in FIELD_NAMES[field]:
        if name in keys:
            value = _scalar(record[keys[name]])
            if value not in (None, ""):
                return value
    return None
