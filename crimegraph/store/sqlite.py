"""SQLite backend: one file, WAL journal, FTS5 full-text search, schema migrations by user_version."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from crimegraph.errors import StoreError
from crimegraph.model import Document, Facts
from crimegraph.store.base import DocumentQuery, DocumentRow, EventQuery, Page, Store

__all__ = ["SQLiteStore", "migrations"]

log = logging.getLogger(__name__)


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped with the package, in order."""
    folder = resources.files("crimegraph.store") / "migrations"
    out = []
    for entry in folder.iterdir():
        m = re.match(r"(\d{4})_.*\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(out)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _conditions(*pairs: tuple[str, Any]) -> tuple[list[str], list[Any]]:
    """The SQL conditions whose value is set, with their parameters (a clause may use its value twice)."""
    where: list[str] = []
    params: list[Any] = []
    for clause, value in pairs:
        if value is None or value == "":
            continue
        where.append(clause)
        params.extend([value] * clause.count("?"))
    return where, params


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(q: str) -> str | None:
    """A user's words as a safe FTS5 query: every word must occur (prefix match on the last one).

    Quoted phrases are kept as phrases. FTS5 syntax characters typed by the user can never
    produce a query error.
    """
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', q):
        if phrase:
            tokens = _FTS_TOKEN.findall(phrase)
            if tokens:
                parts.append('"' + " ".join(tokens) + '"')
        else:
            parts.extend(f'"{t}"' for t in _FTS_TOKEN.findall(word))
    if not parts:
        return None
    if parts[-1].startswith('"') and " " not in parts[-1]:
        parts[-1] = parts[-1] + "*"
    return " AND ".join(parts)


class SQLiteStore(Store):
    """The embedded default backend.

    ``path`` may be ``":memory:"`` for tests. A single connection is shared under a lock, so
    the web app's worker threads can use one store.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
            else:
                self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._db.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self.migrate()

    # -- schema ------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Apply every migration newer than the database, each in its own transaction."""
        with self._lock:
            current = self.version
            for version, sql in migrations():
                if version <= current:
                    continue
                log.info("migrating %s to version %d", self.path, version)
                try:
                    self._db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
                except sqlite3.Error as exc:
                    self._db.rollback()
                    raise StoreError(f"migration {version} failed on {self.path}: {exc}") from exc
            return self.version

    # -- writes ------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM documents WHERE id = ? UNION ALL SELECT 1 FROM duplicates WHERE id = ? LIMIT 1",
                (doc_id, doc_id),
            ).fetchone()
        return row is not None

    def put_facts(self, facts: Facts, signature: bytes | None = None) -> bool:
        data = facts.to_dict()
        doc = facts.document
        with self._lock:
            if self.has_document(doc.id):
                return False
            try:
                with self._db:  # one transaction: the document and all its facts, or nothing
                    self._insert(doc, data, signature)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot store document {doc.id} ({doc.origin or doc.title}): {exc}") from exc
        return True

    def _insert(self, doc: Document, data: dict[str, Any], signature: bytes | None) -> None:
        db = self._db
        db.execute(
            "INSERT INTO documents (id, title, url, source, published, language, text, origin, ingested_at,"
            " signature, facts) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.title,
                doc.url,
                doc.source,
                doc.published.isoformat() if doc.published else None,
                doc.language,
                doc.text,
                doc.origin,
                _now(),
                signature,
                json.dumps(data, ensure_ascii=False),
            ),
        )
        db.executemany(
            "INSERT INTO entities (doc_id, local_id, type, name, kb_id, country, admin1, admin2, lat, lon,"
            " precision, generic, role) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    doc.id,
                    e["id"],
                    e["type"],
                    e["name"],
                    e.get("kb_id"),
                    e.get("country"),
                    e.get("admin1"),
                    e.get("admin2"),
                    e.get("lat"),
                    e.get("lon"),
                    e.get("precision"),
                    int(bool(e.get("generic"))),
                    e.get("role"),
                )
                for e in data["entities"]
            ],
        )
        db.executemany(
            "INSERT INTO mentions (doc_id, entity_id, start, end, text) VALUES (?,?,?,?,?)",
            [(doc.id, e["id"], m["start"], m["end"], m["text"]) for e in data["entities"] for m in e["mentions"]],
        )
        for ev in data["events"]:
            time = ev.get("time") or {}
            qty = ev.get("quantity") or {}
            att = ev["attribution"]
            evidence = ev["evidence"][0] if ev["evidence"] else {"start": 0, "end": 0}
            db.execute(
                "INSERT INTO events (doc_id, local_id, type, modality, polarity, confidence, trend, time_start,"
                " time_end, granularity, time_text, quantity_value, quantity_unit, quantity_text, source, speaker,"
                " analysis, evidence_start, evidence_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    ev["id"],
                    ev["type"],
                    ev["modality"],
                    ev["polarity"],
                    ev["confidence"],
                    ev.get("trend"),
                    time.get("start"),
                    time.get("end"),
                    time.get("granularity"),
                    time.get("text"),
                    qty.get("value"),
                    qty.get("unit"),
                    qty.get("text"),
                    att.get("source"),
                    att.get("speaker"),
                    int(bool(att.get("analysis"))),
                    evidence["start"],
                    evidence["end"],
                ),
            )
            db.executemany(
                "INSERT INTO event_roles (doc_id, event_id, role, entity_id) VALUES (?,?,?,?)",
                [(doc.id, ev["id"], role, ent) for role, ents in ev["roles"].items() for ent in ents],
            )
        db.executemany(
            "INSERT INTO topics (doc_id, label, score) VALUES (?,?,?)",
            [(doc.id, t["label"], t["score"]) for t in data["topics"]],
        )

    def put_duplicate(self, doc: Document, duplicate_of: str) -> bool:
        with self._lock:
            if self.has_document(doc.id):
                return False
            try:
                with self._db:
                    self._db.execute(
                        "INSERT INTO duplicates (id, duplicate_of, title, url, source, published, origin,"
                        " ingested_at) VALUES (?,?,?,?,?,?,?,?)",
                        (
                            doc.id,
                            duplicate_of,
                            doc.title,
                            doc.url,
                            doc.source,
                            doc.published.isoformat() if doc.published else None,
                            doc.origin,
                            _now(),
                        ),
                    )
            except sqlite3.Error as exc:
                raise StoreError(f"cannot record duplicate {doc.id} of {duplicate_of}: {exc}") from exc
        return True

    # -- reads -------------------------------------------------------------------------------

    def _all(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        rows = self._all("SELECT id, signature FROM documents WHERE signature IS NOT NULL ORDER BY rowid")
        for row in rows:
            yield row["id"], bytes(row["signature"])

    def get_facts(self, doc_id: str) -> dict[str, Any] | None:
        rows = self._all("SELECT facts FROM documents WHERE id = ?", (doc_id,))
        return json.loads(rows[0]["facts"]) if rows else None

    def duplicates_of(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT id, title, url, source, published, origin FROM duplicates WHERE duplicate_of = ? ORDER BY published",
            (doc_id,),
        )
        return [dict(r) for r in rows]

    def _document_filters(self, query: DocumentQuery) -> tuple[list[str], list[Any]]:
        return _conditions(
            ("d.language = ?", query.language),
            ("d.source = ?", query.source),
            ("d.published >= ?", _iso(query.date_from)),
            ("d.published <= ?", _iso(query.date_to)),
            ("EXISTS (SELECT 1 FROM events v WHERE v.doc_id = d.id AND v.type = ?)", query.event_type),
            ("EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = d.id AND e.type = 'place' AND e.country = ?)",
             query.country.upper() if query.country else None),
        )

    def list_documents(self, query: DocumentQuery) -> Page:
        where, params = self._document_filters(query)
        match = fts_query(query.q) if query.q else None
        if query.q and not match:
            return Page([], 0, query.limit, query.offset)
        if match:
            base = "FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
            where.insert(0, "documents_fts MATCH ?")
            params.insert(0, match)
            snippet = "snippet(documents_fts, 1, '[[', ']]', ' … ', 24)"
            order = "ORDER BY bm25(documents_fts, 5.0, 1.0)"
        else:
            base = "FROM documents d"
            snippet = "substr(d.text, 1, 240)"
            order = "ORDER BY d.published DESC, d.rowid DESC"
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = self._all(f"SELECT count(*) {base}{clause}", params)[0][0]
        rows = self._all(
            f"SELECT d.id, d.title, d.source, d.published, d.language, d.url, {snippet} AS snippet,"
            " (SELECT count(*) FROM events v WHERE v.doc_id = d.id) AS n_events,"
            " (SELECT group_concat(DISTINCT type) FROM events v WHERE v.doc_id = d.id) AS types"
            f" {base}{clause} {order} LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )
        items = [
            DocumentRow(
                id=r["id"],
                title=r["title"],
                source=r["source"],
                published=r["published"],
                language=r["language"],
                url=r["url"],
                n_events=r["n_events"],
                snippet=r["snippet"],
                event_types=tuple(sorted((r["types"] or "").split(","))) if r["types"] else (),
            )
            for r in rows
        ]
        return Page(items, total, query.limit, query.offset)

    def list_events(self, query: EventQuery) -> Page:
        role_entity = ("EXISTS (SELECT 1 FROM event_roles r JOIN entities e ON e.doc_id = r.doc_id"
                       " AND e.local_id = r.entity_id WHERE r.doc_id = v.doc_id AND r.event_id = v.local_id AND ")
        where, params = _conditions(
            ("v.type = ?", query.type),
            ("v.doc_id = ?", query.doc_id),
            ("v.confidence >= ?", query.min_confidence),
            ("coalesce(v.time_end, d.published) >= ?", _iso(query.date_from)),
            ("coalesce(v.time_start, d.published) <= ?", _iso(query.date_to)),
            (role_entity + "e.type = 'place' AND e.country = ?)", query.country.upper() if query.country else None),
            (role_entity + "e.type != 'place' AND (e.kb_id = ? OR lower(e.name) = lower(?)))", query.actor),
        )
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM events v JOIN documents d ON d.id = v.doc_id{clause}"
        total = self._all(f"SELECT count(*) {base}", params)[0][0]
        rows = self._all(
            f"SELECT v.doc_id, v.local_id {base} ORDER BY coalesce(v.time_start, d.published) DESC, d.rowid, v.rowid"
            " LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )
        return Page(event_views(self, rows), total, query.limit, query.offset)

    def iter_facts(self) -> Iterator[dict[str, Any]]:
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM documents ORDER BY published, rowid")]
        for doc_id in ids:
            facts = self.get_facts(doc_id)
            if facts is not None:
                yield facts

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        def pairs(sql: str) -> list[tuple[str, int]]:
            return [(r[0], r[1]) for r in self._all(sql) if r[0]]

        return {
            "language": pairs("SELECT language, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
            "source": pairs("SELECT source, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
            "event_type": pairs("SELECT type, count(DISTINCT doc_id) FROM events GROUP BY 1 ORDER BY 2 DESC"),
            "country": pairs(
                "SELECT country, count(DISTINCT doc_id) FROM entities WHERE type = 'place' GROUP BY 1 ORDER BY 2 DESC"
            ),
        }

    def stats(self) -> dict[str, int]:
        one = lambda sql: int(self._all(sql)[0][0])  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "duplicates": one("SELECT count(*) FROM duplicates"),
            "entities": one("SELECT count(*) FROM entities"),
            "events": one("SELECT count(*) FROM events"),
        }

    def close(self) -> None:
        with self._lock:
            self._db.close()


def event_views(store: "SQLiteStore", rows: Any) -> list[dict[str, Any]]:
    """``event_view`` of each (doc_id, local_id) row, reading each document's facts once; rows
    whose document is gone are left out."""
    items: list[dict[str, Any]] = []
    cache: dict[str, dict[str, Any]] = {}
    for r in rows:
        facts = cache.get(r["doc_id"]) or store.get_facts(r["doc_id"])
        if facts is None:
            continue
        cache[r["doc_id"]] = facts
        items.append(event_view(facts, r["local_id"]))
    return items


def event_view(facts: dict[str, Any], event_id: str) -> dict[str, Any]:
    """One event of a facts document, with its entities resolved and its document summarised."""
    doc = facts["document"]
    entities = {e["id"]: e for e in facts["entities"]}
    event = next(v for v in facts["events"] if v["id"] == event_id)
    text = doc["text"]
    evidence = event["evidence"][0] if event["evidence"] else None
    return {
        **event,
        "document": {k: doc[k] for k in ("id", "title", "source", "published", "language", "url")},
        "sentence": text[evidence["start"] : evidence["end"]] if evidence else None,
        "entities": {
            eid: {k: v for k, v in entities[eid].items() if k != "mentions"}
            for ids in event["roles"].values()
            for eid in ids
            if eid in entities
        },
    }
