"""Entity assembly: actor and place mentions become one ``Entity`` per real-world referent.

Mentions that share a knowledge-base id (or, lacking one, a type and a normalized name) are one
entity; "PCC" and "Primeiro Comando da Capital" in the same report are listed once with both mentions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from crimegraph.kb.fold import fold_key
from crimegraph.model import Entity, Mention

__all__ = ["assemble_entities", "MentionIndex"]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    entity: str


class MentionIndex:
    """Which entity a character span belongs to; sorted by start offset for range queries."""

    def __init__(self, entities: list[Entity]):
        spans = [_Span(m.start, m.end, e.id) for e in entities for m in e.mentions]
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self._spans]
        self._by_id = {e.id: e for e in entities}
        # per country code: the first country-level place entity, and how often its places are mentioned
        self._country_places: dict[str, Entity] = {}
        self._country_mentions: dict[str, int] = {}
        for e in entities:
            if e.type == "place" and e.country:
                self._country_mentions[e.country] = self._country_mentions.get(e.country, 0) + len(e.mentions)
                if e.precision == "country":
                    self._country_places.setdefault(e.country, e)

    def entity(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def home_country(self) -> Entity | None:
        """The country place entity of the country the document's places lie in most often (by mentions)."""
        code = self.home_country_code()
        return None if code is None else self.country_place(code)

    def home_country_code(self) -> str | None:
        """The ISO code of the country the document's places lie in most often (by mentions), named or not."""
        if not self._country_mentions:
            return None
        return max(self._country_mentions, key=self._country_mentions.__getitem__)

    def country_place(self, code: str) -> Entity | None:
        """The document's place entity for the country with ISO code ``code``, if it names it."""
        return self._country_places.get(code)

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of every mention inside [start, end), in text order."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self._spans) and self._spans[i].start < end:
            s = self._spans[i]
            if s.end <= end:
                out.append((s.start, s.end, self._by_id[s.entity]))
            i += 1
        return out


def _place_key(place: Any, surface: str) -> tuple[str, str]:
    if place is not None and place.geonameid:
        return ("place", f"geonames:{place.geonameid}")
    if place is not None:
        return ("place", f"{place.precision}:{fold_key(place.name)}:{place.country}")
    return ("place", fold_key(surface))


def assemble_entities(text: str, actors: list[Any], toponyms: list[Any], places: list[Any]) -> list[Entity]:
    """Entities in order of first mention, ids e1, e2, ..."""
    found: dict[tuple[str, str], Entity] = {}
    items: list[tuple[int, int, tuple[str, str], Any]] = []
    for a in actors:
        key = (a.type, a.kb_id) if a.kb_id else (a.type, fold_key(a.name))
        items.append((a.start, a.end, key, a))
    for t, p in zip(toponyms, places):
        items.append((t.start, t.end, _place_key(p, t.text), (t, p)))
    items.sort(key=lambda x: (x[0], x[1]))
    claimed: list[tuple[int, int]] = []
    for start, end, key, item in items:
        if any(start < e and s < end for s, e in claimed):
            continue  # overlapping mentions: the earlier, longer one already holds this text
        claimed.append((start, end))
        mention = Mention(start, end, text[start:end])
        ent = found.get(key)
        if ent is None:
            ent = found[key] = _new_entity(item)
        ent.mentions.append(mention)
        if not isinstance(item, tuple) and item.role and not ent.role:
            ent.role = item.role
    ordered = sorted(found.values(), key=lambda e: e.mentions[0].start)
    for i, ent in enumerate(ordered, 1):
        ent.id = f"e{i}"
    return ordered


def _new_entity(item: Any) -> Entity:
    if isinstance(item, tuple):  # (toponym, place)
        from crimegraph.geo import place_kb_id

        toponym, place = item
        if place is None:
            return Entity(id="", type="place", name=toponym.text, precision=None)
        return Entity(
            id="",
            type="place",
            name=place.name,
            kb_id=place_kb_id(place),
            country=place.country,
            admin1=place.admin1,
            admin2=place.admin2,
            lat=round(place.lat, 5) if place.lat is not None else None,
            lon=round(place.lon, 5) if place.lon is not None else None,
            precision=place.precision,
            confidence=place.confidence,
        )
    a = item
    return Entity(
        id="",
        type=a.type,
        name=a.name,
        kb_id=a.kb_id,
        country=a.country,
        generic=a.generic,
        nationality=a.nationality,
        role=a.role,
    )
