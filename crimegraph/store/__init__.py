"""Storage behind one interface: ``open_store`` picks the backend from a path or URL."""

from __future__ import annotations

from pathlib import Path

from crimegraph.errors import StoreError
from crimegraph.store.base import DocumentQuery, DocumentRow, EventQuery, Page, Store

__all__ = ["open_store", "Store", "DocumentQuery", "DocumentRow", "EventQuery", "Page"]


def open_store(target: str | Path, *, readonly: bool = False) -> Store:
    """Open the store at ``target``: a file path, ``sqlite:///path``, or ``:memory:``.

    PostgreSQL URLs are recognised and refused with a clear message until that backend lands.
    """
    text = str(target)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not available yet; use an SQLite path (--db FILE)")
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    from crimegraph.store.sqlite import SQLiteStore

    if readonly and text != ":memory:" and not Path(text).exists():
        raise StoreError(f"no database at {text}: run `crimegraph ingest PATH --db {text}` first")
    return SQLiteStore(text, readonly=readonly)
