"""The web app: server-rendered pages for analysts and a versioned JSON API, over one store.

Handlers stay thin: they parse parameters, ask the store, and render. All document text reaches
the page through ``render_text`` (escaped segment by segment) or Jinja's autoescaping.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from crimegraph import __version__
from crimegraph.model import EVENT_TYPES
from crimegraph.store import DocumentQuery, EventQuery, Store, open_store
from crimegraph.web.render import render_text, snippet_html

__all__ = ["create_app"]

PAGE_SIZE = 25


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    """The one JSON error envelope of the API."""
    body: dict[str, Any] = {"error": {"status": status, "message": message}}
    if detail is not None:
        body["error"]["detail"] = detail
    return body


def create_app(db: str | Path | Store, *, tile_url: str | None = None) -> FastAPI:
    store = db if isinstance(db, Store) else open_store(db, readonly=True)
    app = FastAPI(
        title="crimegraph API",
        version=__version__,
        description="Evidence-linked, geocoded facts from organized-crime reporting. "
        "Facts documents follow the schema crimegraph/facts@1.",
        docs_url="/api/docs",
        openapi_url="/api/v1/openapi.json",
        redoc_url=None,
    )
    web_root = resources.files("crimegraph.web")
    templates = Jinja2Templates(directory=str(web_root / "templates"))
    templates.env.globals.update(version=__version__, event_types=EVENT_TYPES)
    app.mount("/static", StaticFiles(directory=str(web_root / "static")), name="static")
    app.state.store = store
    app.state.tile_url = tile_url
    from crimegraph.web import views

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # type: ignore[no-untyped-def]
        if request.url.path.startswith("/api/"):
            return JSONResponse(error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code)
        return templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "message": exc.detail}, status_code=exc.status_code
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        problems = [{"where": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        if request.url.path.startswith("/api/"):
            return JSONResponse(error_body(422, "invalid parameters", problems), status_code=422)
        message = "; ".join(f"{p['where']}: {p['message']}" for p in problems)
        return templates.TemplateResponse(request, "error.html", {"status": 422, "message": message}, status_code=422)

    # -- JSON API ----------------------------------------------------------------------------

    def doc_query(q, language, source, date_from, date_to, event_type, country, limit, offset) -> DocumentQuery:  # type: ignore[no-untyped-def]
        return DocumentQuery(q=q or None, language=language or None, source=source or None, date_from=date_from,
                             date_to=date_to, event_type=event_type or None, country=country or None,
                             limit=limit, offset=offset)

    @app.get("/api/v1/documents", tags=["documents"], summary="List and search documents")
    def api_documents(
        q: str | None = Query(None, description="full-text query (all words must occur; \"quoted phrases\")"),
        language: str | None = Query(None, pattern="^(en|es|pt)$"),
        source: str | None = None,
        date_from: dt.date | None = Query(None, description="published on or after (YYYY-MM-DD)"),
        date_to: dt.date | None = Query(None, description="published on or before (YYYY-MM-DD)"),
        event_type: str | None = Query(None, description="only documents with an event of this type"),
        country: str | None = Query(None, pattern="^[A-Za-z]{2}$", description="ISO country of a mentioned place"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        if event_type and event_type not in EVENT_TYPES:
            raise HTTPException(422, f"unknown event_type {event_type!r}")
        page = store.list_documents(doc_query(q, language, source, date_from, date_to, event_type, country, limit, offset))
        return {
            "total": page.total, "limit": page.limit, "offset": page.offset,
            "items": [
                {"id": r.id, "title": r.title, "source": r.source, "published": r.published, "language": r.language,
                 "url": r.url, "events": r.n_events, "event_types": list(r.event_types),
                 "snippet": (r.snippet or "").replace("[[", "").replace("]]", ""),
                 "links": {"facts": f"/api/v1/documents/{r.id}", "page": f"/documents/{r.id}"}}
                for r in page.items
            ],
        }

    @app.get("/api/v1/documents/{doc_id}", tags=["documents"], summary="The facts document (crimegraph/facts@1)")
    def api_document(doc_id: str) -> dict[str, Any]:
        facts = store.get_facts(doc_id)
        if facts is None:
            raise HTTPException(404, f"no document {doc_id}")
        return facts

    @app.get("/api/v1/documents/{doc_id}/duplicates", tags=["documents"], summary="Near-duplicates linked to it")
    def api_duplicates(doc_id: str) -> dict[str, Any]:
        if store.get_facts(doc_id) is None:
            raise HTTPException(404, f"no document {doc_id}")
        return {"items": store.duplicates_of(doc_id)}

    @app.get("/api/v1/events", tags=["events"], summary="Events filtered by type, country, actor and date")
    def api_events(
        type: str | None = Query(None, description="event type"),
        country: str | None = Query(None, pattern="^[A-Za-z]{2}$", description="ISO country of one of its places"),
        actor: str | None = Query(None, description="knowledge-base id (crimegraph:group/pcc) or name of an actor"),
        date_from: dt.date | None = Query(None, description="event (or publication) on or after"),
        date_to: dt.date | None = Query(None, description="event (or publication) on or before"),
        min_confidence: float | None = Query(None, ge=0, le=1, description=views.MIN_CONFIDENCE_HELP),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        if type and type not in EVENT_TYPES:
            raise HTTPException(422, f"unknown event type {type!r}; known: {', '.join(EVENT_TYPES)}")
        page = store.list_events(EventQuery(type=type, country=country, actor=actor, date_from=date_from,
                                            date_to=date_to, min_confidence=min_confidence, limit=limit,
                                            offset=offset))
        return {"total": page.total, "limit": page.limit, "offset": page.offset, "items": page.items}

    @app.get("/api/v1/facets", tags=["meta"], summary="Filter values with counts")
    def api_facets() -> dict[str, Any]:
        return {k: [{"value": v, "count": c} for v, c in pairs] for k, pairs in store.facets().items()}

    @app.get("/api/v1/stats", tags=["meta"], summary="Counts of what is stored")
    def api_stats() -> dict[str, int]:
        return store.stats()

    # -- pages -------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_documents(
        request: Request,
        q: str | None = None,
        language: str | None = None,
        source: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        event_type: str | None = None,
        country: str | None = None,
        page: int = Query(1, ge=1),
    ) -> HTMLResponse:
        try:
            d_from = dt.date.fromisoformat(date_from) if date_from else None
            d_to = dt.date.fromisoformat(date_to) if date_to else None
        except ValueError:
            raise HTTPException(422, "dates must be YYYY-MM-DD") from None
        query = doc_query(q, language, source, d_from, d_to, event_type, country, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        result = store.list_documents(query)
        rows = [{"row": r, "snippet": snippet_html(r.snippet or "")} for r in result.items]
        params = {k: v for k, v in dict(q=q, language=language, source=source, date_from=date_from, date_to=date_to,
                                        event_type=event_type, country=country).items() if v}
        return templates.TemplateResponse(request, "documents.html", {
            "rows": rows, "total": result.total, "page": page, "pages": max(1, -(-result.total // PAGE_SIZE)),
            "params": params, "facets": store.facets(), "stats": store.stats(),
        })

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_document(request: Request, doc_id: str) -> HTMLResponse:
        facts = store.get_facts(doc_id)
        if facts is None:
            raise HTTPException(404, f"no document {doc_id}")
        entities = {e["id"]: e for e in facts["entities"]}
        return templates.TemplateResponse(request, "document.html", {
            "facts": facts, "doc": facts["document"], "body": render_text(facts), "entities": entities,
            "duplicates": store.duplicates_of(doc_id),
        })

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def page_events(request: Request, type: str | None = None, country: str | None = None,
                    actor: str | None = None, min_confidence: str | None = None,
                    page: int = Query(1, ge=1)) -> HTMLResponse:
        result = store.list_events(EventQuery(type=type or None, country=country or None, actor=actor or None,
                                              min_confidence=views.confidence_floor(min_confidence),
                                              limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE))
        params = {k: v for k, v in dict(type=type, country=country, actor=actor,
                                        min_confidence=min_confidence).items() if v}
        return templates.TemplateResponse(request, "events.html", {
            "confidence_levels": views.CONFIDENCE_LEVELS,
            "event_colors": views.EVENT_COLORS, "entity_href": views.entity_href, "events": result.items, "total": result.total, "page": page,
            "pages": max(1, -(-result.total // PAGE_SIZE)), "params": params, "facets": store.facets(),
        })

    app.include_router(views.router(store, templates))
    return app
