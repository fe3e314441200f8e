"""Exports of what is stored: facts as JSON lines, events as CSV rows, events as GeoJSON features.

All three derive from the stored facts documents (the contract), so they agree with the API.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from crimegraph.store import Store

__all__ = ["export", "event_rows", "CSV_COLUMNS", "geojson_features", "events_at_or_above"]

PLACE_ROLES = ("location", "origin", "transit", "destination")

CSV_COLUMNS = [
    "document_id", "document_title", "document_source", "published", "language", "url",
    "event_id", "type", "modality", "polarity", "confidence", "trend",
    "time_start", "time_end", "time_granularity", "time_text",
    "quantity_value", "quantity_unit", "quantity_text",
    "attribution_source", "attribution_speaker", "analysis",
    "places", "place_countries", "actors", "commodities", "evidence_start", "evidence_end", "evidence",
]


def _names(facts: dict[str, Any], event: dict[str, Any], roles: tuple[str, ...] | None, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    entities = {e["id"]: e for e in facts["entities"]}
    out = []
    for role, ids in event["roles"].items():
        if (roles is not None and role not in roles) or role in exclude:
            continue
        for i in ids:
            if i in entities:
                out.append({**entities[i], "role": role})
    return out


def events_at_or_above(facts: dict[str, Any], min_confidence: float | None) -> list[dict[str, Any]]:
    """The facts' events whose confidence is at least ``min_confidence`` (all when None)."""
    if min_confidence is None:
        return facts["events"]
    return [ev for ev in facts["events"] if ev.get("confidence") is not None and ev["confidence"] >= min_confidence]


def event_rows(store: Store, min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    for facts in store.iter_facts():
        doc = facts["document"]
        for ev in events_at_or_above(facts, min_confidence):
            places = _names(facts, ev, PLACE_ROLES)
            actors = _names(facts, ev, None, exclude=PLACE_ROLES + ("commodity",))
            commodities = _names(facts, ev, ("commodity",))
            t = ev.get("time") or {}
            q = ev.get("quantity") or {}
            span = ev["evidence"][0]
            yield {
                "document_id": doc["id"], "document_title": doc["title"], "document_source": doc["source"],
                "published": doc["published"], "language": doc["language"], "url": doc["url"],
                "event_id": ev["id"], "type": ev["type"], "modality": ev["modality"], "polarity": ev["polarity"],
                "confidence": ev["confidence"], "trend": ev["trend"],
                "time_start": t.get("start"), "time_end": t.get("end"), "time_granularity": t.get("granularity"),
                "time_text": t.get("text"),
                "quantity_value": q.get("value"), "quantity_unit": q.get("unit"), "quantity_text": q.get("text"),
                "attribution_source": ev["attribution"]["source"], "attribution_speaker": ev["attribution"]["speaker"],
                "analysis": ev["attribution"]["analysis"],
                "places": "; ".join(f"{p['role']}:{p['name']}" for p in places),
                "place_countries": "; ".join(sorted({p["country"] for p in places if p.get("country")})),
                "actors": "; ".join(f"{a['role']}:{a['name']}" for a in actors),
                "commodities": "; ".join(c["name"] for c in commodities),
                "evidence_start": span["start"], "evidence_end": span["end"],
                "evidence": doc["text"][span["start"] : span["end"]],
            }


def geojson_features(store: Store, min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    """One Point feature per (event, place with coordinates)."""
    for facts in store.iter_facts():
        doc = facts["document"]
        for ev in events_at_or_above(facts, min_confidence):
            span = ev["evidence"][0]
            for place in _names(facts, ev, PLACE_ROLES):
                if place.get("lat") is None or place.get("lon") is None:
                    continue
                yield {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                    "properties": {
                        "document_id": doc["id"], "title": doc["title"], "source": doc["source"],
                        "published": doc["published"], "event_id": ev["id"], "event_type": ev["type"],
                        "place": place["name"], "place_role": place["role"], "place_kb_id": place.get("kb_id"),
                        "country": place.get("country"), "admin1": place.get("admin1"),
                        "precision": place.get("precision"),
                        "time_start": (ev.get("time") or {}).get("start"), "time_end": (ev.get("time") or {}).get("end"),
                        "modality": ev["modality"], "confidence": ev["confidence"],
                        "evidence": doc["text"][span["start"] : span["end"]],
                    },
                }


def export(store: Store, fmt: str, out: IO[str], min_confidence: float | None = None) -> int:
    """Write the store in ``fmt`` to ``out``; return the number of records or features written.

    With ``min_confidence`` only events whose confidence is at least that are written (in
    ``jsonl`` every document is still written, with its other events left out).
    """
    n = 0
    if fmt == "jsonl":
        for facts in store.iter_facts():
            if min_confidence is not None:
                facts = {**facts, "events": events_at_or_above(facts, min_confidence)}
            out.write(json.dumps(facts, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in event_rows(store, min_confidence):
            writer.writerow(row)
            n += 1
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [\n')
        for feature in geojson_features(store, min_confidence):
            out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    else:
        raise ValueError(f"unknown export format {fmt!r}; use jsonl, csv or geojson")
    return n
