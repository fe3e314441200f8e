"""RSS 2.0, RSS 1.0 and Atom files: each entry a report (parsed by feedparser from the bytes).

Text: the longest ``content`` of the entry, else its ``summary``/``description``, HTML
turned into text. Date: the entry's published (else updated) string as written; the feed
title is the source. Entries are numbered from 1 in the origin ("feed.xml:3").
"""

from __future__ import annotations

from collections.abc import Iterator

from crimegraph.errors import InputError
from crimegraph.ingest.dates import parse_date
from crimegraph.ingest.html import fragment_to_text
from crimegraph.ingest.options import Rejection
from crimegraph.ingest.record import RawRecord

__all__ = ["read_feed"]


def _entry_text(entry: dict) -> str | None:
    parts = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if parts:
        best = max(parts, key=lambda c: len(c.get("value") or ""))
        value, kind = best.get("value"), best.get("type") or ""
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary"), detail.get("type") or "text/html"
    if not value or not value.strip():
        return None
    return fragment_to_text(value) if "html" in kind else value


def _entry_date(entry: dict) -> object:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw and parse_date(raw) is not None:
            return raw
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            return entry[key]
    return entry.get("published") or entry.get("updated")


def read_feed(data: bytes, item: str) -> Iterator[RawRecord | Rejection]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise InputError(item, f"malformed feed: {parsed.get('bozo_exception')}")
        raise InputError(item, "feed has no entries")
    source = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        origin = f"{item}:{number}"
        text = _entry_text(entry)
        if text is None:
            yield Rejection(origin, "feed entry has no content or summary")
            continue
        yield RawRecord(
            origin=origin,
            text=text,
            title=entry.get("title"),
            published=_entry_date(entry),
            url=entry.get("link"),
            source=source,
        )
