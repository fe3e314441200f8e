"""The analyst's map, actor pages and place pages, plus the events GeoJSON they draw from.

    app.include_router(views.router(store, templates))

Handlers stay thin: they validate parameters, ask ``crimegraph.store.geo_queries`` and render.
Front-end libraries (Leaflet, topojson-client, the world-atlas basemap) are served from
``static/vendor/``, which ``scripts/build-assets`` fills from npm; without it the map page says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from crimegraph.errors import ConfigError
from crimegraph.model import ENTITY_TYPES, EVENT_TYPES
from crimegraph.store import EventQuery, Store
from crimegraph.store.base import parse_confidence
from crimegraph.store import geo_queries as gq

__all__ = ["router", "EVENT_COLORS", "entity_href", "vendor_ready"]

log = logging.getLogger(__name__)

# One colour per event type (markers, legend, popups, timelines); readable on white and on the basemap.
EVENT_COLORS: dict[str, str] = {
    "drug_lab": "#d92d20",
    "seizure": "#1570ef",
    "arrest": "#6941c6",
    "extradition": "#9e77ed",
    "violence": "#000000",
    "cultivation": "#099250",
    "production": "#66c61c",
    "trafficking_route": "#dc6803",
    "group_presence": "#c11574",
    "cooperation": "#0e9384",
    "policy": "#475467",
    "corruption": "#b54708",
    "extortion_kidnapping": "#f63d68",
    "money_laundering": "#ca8504",
    "illicit_market": "#7a5af8",
}
ACTOR_TYPES = tuple(t for t in ENTITY_TYPES if t != "place")
VENDOR_FILES = ("leaflet/leaflet.js", "leaflet/leaflet.css", "topojson-client/topojson-client.min.js",
                "world-atlas/countries-50m.json")
MAP_LIMIT = 5000
PAGE_EVENTS = 100


def vendor_ready() -> bool:
    """True when scripts/build-assets has copied the map libraries into static/vendor/."""
    vendor = resources.files("crimegraph.web") / "static" / "vendor"
    return all((vendor / name).is_file() for name in VENDOR_FILES)


@functools.lru_cache(maxsize=1)
def _knowledge_base() -> Any:
    from crimegraph.kb.actors import KnowledgeBase

    try:
        return KnowledgeBase.load()
    except ConfigError as exc:
        log.warning("actor pages without knowledge-base details: %s", exc)
        return None


def _kb_details(key: str) -> dict[str, Any] | None:
    """Name, type, country, description and aliases of a knowledge-base actor or commodity."""
    kb = _knowledge_base()
    if kb is None or key.startswith(gq.NAME_PREFIX):
        return None
    record = kb.get(key)
    if record is not None:
        return {"name": record.name, "type": record.type, "country": record.country,
                "description": record.description, "acronyms": list(record.acronyms),
                "aliases": {lang: list(forms) for lang, forms in record.aliases.items() if forms}}
    commodity = kb.get_commodity(key)
    if commodity is not None:
        return {"name": commodity.name, "type": "commodity", "country": None, "description": None, "acronyms": [],
                "aliases": {lang: list(forms) for lang, forms in commodity.aliases.items() if forms}}
    return None


def _kb_names(rows: list[Any]) -> list[Any]:
    """Rows of linked actors under their knowledge-base name (reports spell them many ways)."""
    out = []
    for row in rows:
        details = _kb_details(row.key)
        out.append(dataclasses.replace(row, name=details["name"]) if details else row)
    return out


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


MIN_CONFIDENCE_HELP = ("only events whose confidence is at least this (0-1); `crimegraph eval events` "
                       "reports the precision each floor gives on the project's annotated set")
CONFIDENCE_LEVELS = ("0.5", "0.6", "0.7", "0.8", "0.9")  # offered by the pages' filter forms


def confidence_floor(value: str | None) -> float | None:
    """The ``min_confidence`` of a page's filter form: empty for none, else a number in [0, 1]."""
    if value is None or value.strip() == "":
        return None
    try:
        return parse_confidence(value)
    except ValueError:
        raise HTTPException(422, f"min_confidence must be a number from 0 to 1, not {value!r}") from None


def _event_query(type: str | None, country: str | None, actor: str | None, date_from: dt.date | None,
                 date_to: dt.date | None, limit: int, min_confidence: float | None = None) -> EventQuery:
    if type and type not in EVENT_TYPES:
        raise HTTPException(422, f"unknown event type {type!r}; known: {', '.join(EVENT_TYPES)}")
    if country and not (len(country) == 2 and country.isalpha()):
        raise HTTPException(422, f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
    return EventQuery(type=type or None, country=country.upper() if country else None, actor=actor or None,
                      date_from=date_from, date_to=date_to, min_confidence=min_confidence, limit=limit)


def entity_href(item: Any) -> str:
    """The actor or place page of a facts@1 entity dict, an ActorRow or a PlaceRow."""
    if isinstance(item, dict):
        key, is_place = gq.entity_key(item), item.get("type") == "place"
    else:
        key, is_place = item.key, isinstance(item, gq.PlaceRow)
    return ("/places/" if is_place else "/actors/") + quote(key, safe="/:")


def _actor_filter(key: str) -> str:
    """The ``actor`` value of the events API that selects one actor page's events."""
    return key[len(gq.NAME_PREFIX):] if key.startswith(gq.NAME_PREFIX) else key


def _tiles(request: Request) -> dict[str, Any]:
    """An optional tile server set on the app (``app.state.tile_url``, ``app.state.tile_attribution``)."""
    return {"tile_url": getattr(request.app.state, "tile_url", None),
            "tile_attribution": getattr(request.app.state, "tile_attribution", None)}


def router(store: Store, templates: Jinja2Templates) -> APIRouter:
    """Routes of the map, actor and place pages and of /api/v1/events.geojson, over ``store``."""
    api = APIRouter()
    common = {"event_colors": EVENT_COLORS, "entity_href": entity_href}

    def page(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {**common, **context})

    @api.get("/api/v1/events.geojson", tags=["events"], summary="Events as GeoJSON points, one per event and place")
    def events_geojson(
        type: str | None = Query(None, description="event type"),
        country: str | None = Query(None, pattern="^[A-Za-z]{2}$",
                                    description="ISO country of one of its places; only places there become points"),
        actor: str | None = Query(None, description="knowledge-base id (crimegraph:group/pcc) or name of an actor"),
        date_from: dt.date | None = Query(None, description="event (or publication) on or after"),
        date_to: dt.date | None = Query(None, description="event (or publication) on or before"),
        min_confidence: float | None = Query(None, ge=0, le=1, description=MIN_CONFIDENCE_HELP),
        limit: int = Query(1000, ge=1, le=MAP_LIMIT, description="most recent events considered"),
    ) -> JSONResponse:
        query = _event_query(type, country, actor, date_from, date_to, limit, min_confidence)
        return JSONResponse(gq.event_feature_collection(store, query), media_type="application/geo+json")

    @api.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, type: str | None = None, country: str | None = None, actor: str | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 min_confidence: str | None = None) -> HTMLResponse:
        _event_query(type, country, actor, _date(date_from, "date_from"), _date(date_to, "date_to"), MAP_LIMIT,
                     confidence_floor(min_confidence))
        params = {k: v for k, v in dict(type=type, country=country, actor=actor, date_from=date_from,
                                        date_to=date_to, min_confidence=min_confidence).items() if v}
        return page(request, "map.html", {
            "confidence_levels": CONFIDENCE_LEVELS,
            "params": params, "facets": store.facets(), "vendor": vendor_ready(),
            "api_url": "/api/v1/events.geojson?" + urlencode({**params, "limit": MAP_LIMIT}),
            **_tiles(request),
            "actors": gq.top_actors(store, limit=200),
        })

    @api.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, type: str | None = None, limit: int = Query(100, ge=1, le=1000)) -> HTMLResponse:
        if type and type not in ACTOR_TYPES:
            raise HTTPException(422, f"unknown actor type {type!r}; known: {', '.join(ACTOR_TYPES)}")
        return page(request, "actors.html", {
            "rows": _kb_names(gq.top_actors(store, type=type or None, limit=limit)), "type": type or "",
            "actor_types": ACTOR_TYPES,
        })

    @api.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, key: str) -> HTMLResponse:
        summary = gq.actor_summary(store, key, events_limit=PAGE_EVENTS)
        if summary is None:
            raise HTTPException(404, f"no actor {key} in the stored reports")
        actor_filter = _actor_filter(key)
        return page(request, "actor.html", {
            "s": summary, "a": summary.actor, "kb": _kb_details(key), "vendor": vendor_ready(),
            **_tiles(request),
            "api_url": "/api/v1/events.geojson?" + urlencode({"actor": actor_filter, "limit": MAP_LIMIT}),
            "events_url": "/events?" + urlencode({"actor": actor_filter}),
        })

    @api.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def places_page(request: Request, country: str | None = None, limit: int = Query(100, ge=1, le=1000)) -> HTMLResponse:
        if country and not (len(country) == 2 and country.isalpha()):
            raise HTTPException(422, f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
        return page(request, "places.html", {
            "rows": gq.top_places(store, country=country or None, limit=limit), "country": (country or "").upper(),
            "facets": store.facets(),
        })

    @api.get("/places/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def place_page(request: Request, key: str) -> HTMLResponse:
        summary = gq.place_summary(store, key, events_limit=PAGE_EVENTS)
        if summary is None:
            raise HTTPException(404, f"no place {key} in the stored reports")
        summary.actors = _kb_names(summary.actors)
        return page(request, "place.html", {
            "s": summary, "p": summary.place, "vendor": vendor_ready(),
            **_tiles(request),
            "timeline": [{"month": m, "events": n} for m, n in summary.months],
        })

    return api
