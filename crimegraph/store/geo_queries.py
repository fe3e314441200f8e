"""Read-only queries behind the map, actor and place pages, over the SQLite store's normalized tables.

Actors and places are grouped across documents by a *key*: the knowledge-base id when the entity
is linked (``crimegraph:group/pcc``, ``geonames:3909234``), otherwise ``name:`` followed by the
name as written (``name:Chacalluta``), matched without regard to ASCII case. ``entity_key`` makes
the key of one entity of a facts document, so pages can link to the right page.

GeoJSON features reuse ``crimegraph.report.export.geojson_features`` (the export's feature
builder) on facts restricted to the events that match an ``EventQuery``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from crimegraph.errors import StoreError
from crimegraph.report.export import PLACE_ROLES, geojson_features
from crimegraph.store.base import EventQuery, Page, Store
from crimegraph.store.sqlite import SQLiteStore, event_views

__all__ = [
    "NAME_PREFIX",
    "entity_key",
    "ActorRow",
    "PlaceRow",
    "DocumentRef",
    "ActorSummary",
    "PlaceSummary",
    "event_feature_collection",
    "top_actors",
    "top_places",
    "actor_summary",
    "place_summary",
]

log = logging.getLogger(__name__)

NAME_PREFIX = "name:"
# SQL for the key of the entity row aliased ``e`` (keys of unlinked entities compare ASCII-case-blind).
_GROUP_KEY = "coalesce(e.kb_id, 'name:' || lower(e.name))"
_PLACE_ROLES_SQL = "(" + ", ".join(f"'{r}'" for r in PLACE_ROLES) + ")"


def entity_key(entity: dict[str, Any]) -> str:
    """The page key of a facts@1 entity: its kb_id, or ``name:`` + its name."""
    return entity.get("kb_id") or NAME_PREFIX + entity["name"]


@dataclass(frozen=True)
class ActorRow:
    key: str
    name: str
    type: str
    country: str | None
    mentions: int = 0
    documents: int = 0
    events: int = 0


@dataclass(frozen=True)
class PlaceRow:
    key: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    mentions: int = 0
    documents: int = 0
    events: int = 0


@dataclass(frozen=True)
class DocumentRef:
    id: str
    title: str | None
    published: str | None
    source: str | None
    mentions: int


@dataclass
class ActorSummary:
    actor: ActorRow
    names: list[tuple[str, int]]  # surface forms in the reports, most frequent first
    event_types: list[tuple[str, int]]
    places: list[PlaceRow]  # where its events happen; ``events`` counts its events there
    documents: list[DocumentRef]
    events: Page  # event_view dicts, newest first


@dataclass
class PlaceSummary:
    place: PlaceRow
    names: list[tuple[str, int]]
    event_types: list[tuple[str, int]]
    months: list[tuple[str, int]]  # ("2013-07", n): events by month of their time (or publication)
    actors: list[ActorRow]  # in its events; ``events`` counts the shared events
    commodities: list[ActorRow]
    documents: list[DocumentRef]
    events: Page


def _sqlite(store: Store) -> SQLiteStore:
    if not isinstance(store, SQLiteStore):
        raise StoreError(f"map, actor and place queries need the SQLite backend, not {type(store).__name__}")
    return store


def _key_clause(key: str) -> tuple[str, list[Any]]:
    """SQL condition (on entity alias ``e``) selecting the entities of one key."""
    if key.startswith(NAME_PREFIX):
        return "e.kb_id IS NULL AND lower(e.name) = lower(?)", [key[len(NAME_PREFIX) :]]
    return "e.kb_id = ?", [key]


# -- GeoJSON -------------------------------------------------------------------------------------


class _MatchedFacts:
    """Facts documents holding only the events of one query: what ``geojson_features`` iterates."""

    def __init__(self, facts: list[dict[str, Any]]):
        self._facts = facts

    def iter_facts(self) -> Iterator[dict[str, Any]]:
        return iter(self._facts)


def event_feature_collection(store: Store, query: EventQuery) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per (matching event, place of it with coordinates).

    With a country filter only the event's places in that country become features. Foreign
    members: ``total`` (matching events), ``events`` (events considered, at most ``query.limit``,
    newest first), ``timeline`` (those events per month of their time, or of publication when
    undated, as ``{"month", "events"}``).
    """
    page = store.list_events(query)
    wanted: dict[str, set[str]] = {}
    order: list[str] = []
    months: dict[str, int] = {}
    for item in page.items:
        doc_id = item["document"]["id"]
        if doc_id not in wanted:
            wanted[doc_id] = set()
            order.append(doc_id)
        wanted[doc_id].add(item["id"])
        when = (item.get("time") or {}).get("start") or item["document"].get("published")
        if when:
            months[when[:7]] = months.get(when[:7], 0) + 1
    matched: list[dict[str, Any]] = []
    for doc_id in order:
        facts = store.get_facts(doc_id)
        if facts is None:
            continue
        matched.append({**facts, "events": [v for v in facts["events"] if v["id"] in wanted[doc_id]]})
    country = query.country.upper() if query.country else None
    features = [
        f for f in geojson_features(_MatchedFacts(matched))  # type: ignore[arg-type]
        if country is None or f["properties"].get("country") == country
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "total": page.total,
        "events": len(page.items),
        "timeline": [{"month": m, "events": n} for m, n in sorted(months.items())],
    }


# -- lists ---------------------------------------------------------------------------------------

_COUNTS = f"""
WITH e AS (
  SELECT {_GROUP_KEY} AS k, e.* FROM entities e WHERE {{where}}
),
m AS (SELECT doc_id, entity_id, count(*) AS n FROM mentions GROUP BY 1, 2),
r AS (SELECT doc_id, entity_id, count(DISTINCT event_id) AS n FROM event_roles GROUP BY 1, 2)
SELECT e.k AS k, {{pick}},
       sum(coalesce(m.n, 0)) AS mentions, count(DISTINCT e.doc_id) AS documents, sum(coalesce(r.n, 0)) AS events
FROM e LEFT JOIN m ON m.doc_id = e.doc_id AND m.entity_id = e.local_id
       LEFT JOIN r ON r.doc_id = e.doc_id AND r.entity_id = e.local_id
GROUP BY e.k {{having}} ORDER BY mentions DESC, documents DESC, e.k LIMIT ?
"""
_ACTOR_PICK = "e.name AS name, e.type AS type, e.country AS country, e.kb_id AS kb_id"
_PLACE_PICK = ("e.name AS name, e.country AS country, e.admin1 AS admin1, max(e.lat IS NOT NULL) AS located,"
               " e.lat AS lat, e.lon AS lon, e.precision AS precision, e.kb_id AS kb_id")


def _row_key(r: Any) -> str:
    return r["kb_id"] or NAME_PREFIX + r["name"]


def _actor_row(r: Any) -> ActorRow:
    return ActorRow(_row_key(r), r["name"], r["type"], r["country"], r["mentions"], r["documents"], r["events"])


def _place_row(r: Any) -> PlaceRow:
    return PlaceRow(_row_key(r), r["name"], r["country"], r["admin1"], r["lat"], r["lon"], r["precision"],
                    r["mentions"], r["documents"], r["events"])


def top_actors(store: Store, *, type: str | None = None, limit: int = 100,
               include_commodities: bool = False) -> list[ActorRow]:
    """The most-mentioned actors (every entity type but places), optionally of one type."""
    db = _sqlite(store)
    where, params = ["e.type != 'place'"], []
    if type:
        where.append("e.type = ?")
        params.append(type)
    elif not include_commodities:
        where.append("e.type != 'commodity'")
    sql = _COUNTS.format(where=" AND ".join(where), pick=_ACTOR_PICK, having="")
    return [_actor_row(r) for r in db._all(sql, [*params, limit])]


def top_places(store: Store, *, country: str | None = None, limit: int = 100) -> list[PlaceRow]:
    """The most-mentioned places, optionally in one country (ISO alpha-2)."""
    db = _sqlite(store)
    where, params = ["e.type = 'place'"], []
    if country:
        where.append("e.country = ?")
        params.append(country.upper())
    sql = _COUNTS.format(where=" AND ".join(where), pick=_PLACE_PICK, having="")
    return [_place_row(r) for r in db._all(sql, [*params, limit])]


# -- one actor or place --------------------------------------------------------------------------


def _one(db: SQLiteStore, key: str, place: bool) -> Any:
    clause, params = _key_clause(key)
    type_clause = "e.type = 'place'" if place else "e.type != 'place'"
    sql = _COUNTS.format(where=f"{type_clause} AND {clause}", pick=_PLACE_PICK if place else _ACTOR_PICK, having="")
    rows = db._all(sql, [*params, 2])
    return rows[0] if rows else None


def _event_ids_cte(key: str, place: bool) -> tuple[str, list[Any]]:
    """A CTE ``ev(doc_id, event_id)``: the events one actor or place takes part in."""
    clause, params = _key_clause(key)
    type_clause = "e.type = 'place'" if place else "e.type != 'place'"
    cte = (
        "WITH ev AS (SELECT DISTINCT r.doc_id, r.event_id FROM entities e"
        " JOIN event_roles r ON r.doc_id = e.doc_id AND r.entity_id = e.local_id"
        f" WHERE {type_clause} AND {clause})"
    )
    return cte, params


def _pairs(rows: list[Any]) -> list[tuple[str, int]]:
    return [(r[0], int(r[1])) for r in rows if r[0] is not None]


def _names(db: SQLiteStore, key: str, place: bool) -> list[tuple[str, int]]:
    clause, params = _key_clause(key)
    type_clause = "e.type = 'place'" if place else "e.type != 'place'"
    return _pairs(db._all(
        "SELECT m.text, count(*) FROM entities e JOIN mentions m ON m.doc_id = e.doc_id AND m.entity_id = e.local_id"
        f" WHERE {type_clause} AND {clause} GROUP BY m.text ORDER BY 2 DESC, 1 LIMIT 30", params))


def _event_types(db: SQLiteStore, cte: str, params: list[Any]) -> list[tuple[str, int]]:
    return _pairs(db._all(
        f"{cte} SELECT v.type, count(*) FROM ev JOIN events v ON v.doc_id = ev.doc_id AND v.local_id = ev.event_id"
        " GROUP BY v.type ORDER BY 2 DESC, 1", params))


def _documents(db: SQLiteStore, key: str, place: bool, limit: int) -> list[DocumentRef]:
    clause, params = _key_clause(key)
    type_clause = "e.type = 'place'" if place else "e.type != 'place'"
    rows = db._all(
        "SELECT d.id, d.title, d.published, d.source, count(m.start) AS n FROM entities e"
        " JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN mentions m ON m.doc_id = e.doc_id AND m.entity_id = e.local_id"
        f" WHERE {type_clause} AND {clause} GROUP BY d.id ORDER BY d.published DESC, d.rowid DESC LIMIT ?",
        [*params, limit])
    return [DocumentRef(r["id"], r["title"], r["published"], r["source"], r["n"]) for r in rows]


def _events(db: SQLiteStore, cte: str, params: list[Any], limit: int) -> Page:
    total = db._all(f"{cte} SELECT count(*) FROM ev", params)[0][0]
    rows = db._all(
        f"{cte} SELECT v.doc_id, v.local_id FROM ev JOIN events v ON v.doc_id = ev.doc_id AND v.local_id = ev.event_id"
        " JOIN documents d ON d.id = v.doc_id"
        " ORDER BY coalesce(v.time_start, d.published) DESC, d.rowid, v.rowid LIMIT ?", [*params, limit])
    return Page(event_views(db, rows), int(total), limit, 0)


def actor_summary(store: Store, key: str, *, events_limit: int = 100, documents_limit: int = 100) -> ActorSummary | None:
    """Counts, names, event types, places, documents and events of one actor; None when unknown."""
    db = _sqlite(store)
    row = _one(db, key, place=False)
    if row is None:
        return None
    cte, params = _event_ids_cte(key, place=False)
    places = db._all(
        f"{cte} SELECT {_GROUP_KEY.replace('e.', 'p.')} AS k, p.name AS name, p.country AS country,"
        " p.admin1 AS admin1, max(p.lat IS NOT NULL) AS located, p.lat AS lat, p.lon AS lon, p.precision AS precision,"
        " p.kb_id AS kb_id, 0 AS mentions, count(DISTINCT p.doc_id) AS documents,"
        " count(DISTINCT ev.doc_id || ' ' || ev.event_id) AS events"
        " FROM ev JOIN event_roles r ON r.doc_id = ev.doc_id AND r.event_id = ev.event_id"
        f" JOIN entities p ON p.doc_id = r.doc_id AND p.local_id = r.entity_id"
        f" WHERE p.type = 'place' AND r.role IN {_PLACE_ROLES_SQL}"
        " GROUP BY k ORDER BY events DESC, k LIMIT 200", params)
    return ActorSummary(
        actor=_actor_row(row),
        names=_names(db, key, place=False),
        event_types=_event_types(db, cte, params),
        places=[_place_row(p) for p in places],
        documents=_documents(db, key, place=False, limit=documents_limit),
        events=_events(db, cte, params, events_limit),
    )


def _co_entities(db: SQLiteStore, cte: str, params: list[Any], commodities: bool) -> list[ActorRow]:
    type_clause = "a.type = 'commodity'" if commodities else "a.type NOT IN ('place', 'commodity')"
    rows = db._all(
        f"{cte} SELECT {_GROUP_KEY.replace('e.', 'a.')} AS k, a.name AS name, a.type AS type, a.country AS country,"
        " a.kb_id AS kb_id, 0 AS mentions, count(DISTINCT a.doc_id) AS documents,"
        " count(DISTINCT ev.doc_id || ' ' || ev.event_id) AS events"
        " FROM ev JOIN event_roles r ON r.doc_id = ev.doc_id AND r.event_id = ev.event_id"
        " JOIN entities a ON a.doc_id = r.doc_id AND a.local_id = r.entity_id"
        f" WHERE {type_clause} GROUP BY k ORDER BY events DESC, k LIMIT 100", params)
    return [_actor_row(r) for r in rows]


def place_summary(store: Store, key: str, *, events_limit: int = 100, documents_limit: int = 100) -> PlaceSummary | None:
    """Counts, names, events by type and month, actors, documents and events of one place; None when unknown."""
    db = _sqlite(store)
    row = _one(db, key, place=True)
    if row is None:
        return None
    cte, params = _event_ids_cte(key, place=True)
    months = _pairs(db._all(
        f"{cte} SELECT substr(coalesce(v.time_start, d.published), 1, 7) AS month, count(*)"
        " FROM ev JOIN events v ON v.doc_id = ev.doc_id AND v.local_id = ev.event_id JOIN documents d ON d.id = v.doc_id"
        " GROUP BY month ORDER BY month", params))
    return PlaceSummary(
        place=_place_row(row),
        names=_names(db, key, place=True),
        event_types=_event_types(db, cte, params),
        months=months,
        actors=_co_entities(db, cte, params, commodities=False),
        commodities=_co_entities(db, cte, params, commodities=True),
        documents=_documents(db, key, place=True, limit=documents_limit),
        events=_events(db, cte, params, events_limit),
    )

