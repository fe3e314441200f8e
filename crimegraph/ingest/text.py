"""Plain-text reports: the first line is the headline, the rest the body.

An optional YAML front-matter block (between two ``---`` lines) may give title, date,
url, source and language; then the headline line is only taken from the body when the
block has no title.
"""

from __future__ import annotations

import re

import yaml

from crimegraph.errors import InputError
from crimegraph.ingest.record import RawRecord, field_value

__all__ = ["read_text", "MAX_HEADLINE_CHARS"]

MAX_HEADLINE_CHARS = 300
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def _front_matter(text: str, item: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match[1])
    except yaml.YAMLError as exc:
        raise InputError(item, f"malformed front matter: {str(exc).splitlines()[0]}") from exc
    if not isinstance(meta, dict):
        raise InputError(item, "malformed front matter: expected 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}, text[match.end() :]


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, body): the first non-blank line is the headline when a body follows it
    and it is short enough to be one; otherwise no headline and the whole text is the body."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    if rest.strip() and len(first.strip()) <= MAX_HEADLINE_CHARS:
        return first.strip(), rest
    return None, stripped


def read_text(text: str, item: str) -> RawRecord:
    """One report from a decoded text file named ``item``."""
    meta, body = _front_matter(text, item)
    title = field_value(meta, "title")
    if title is None:
        title, body = split_headline(body)
    return RawRecord(
        origin=f"{item}:1",
        text=body,
        title=title,
        published=field_value(meta, "published"),
        url=field_value(meta, "url"),
        source=field_value(meta, "source"),
        language=field_value(meta, "language"),
    )
