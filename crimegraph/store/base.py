"""The storage interface. SQLite implements it today; a PostgreSQL backend implements the same methods."""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crimegraph.model import Document, Facts

__all__ = ["Store", "DocumentQuery", "EventQuery", "DocumentRow", "Page", "parse_confidence"]


def parse_confidence(value: str) -> float:
    """A confidence floor written as text (a form field, a command-line option): a number from 0 to 1.
    Raises ValueError otherwise."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{value!r} is not a number from 0 to 1")
    return number


@dataclass(frozen=True)
class DocumentQuery:
    """Filters of the document list. Every field is optional; they combine with AND."""

    q: str | None = None  # full-text query
    language: str | None = None
    source: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 of a place mentioned in an event
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class EventQuery:
    type: str | None = None
    country: str | None = None
    actor: str | None = None  # a knowledge-base id, or a name (case-insensitive)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    doc_id: str | None = None
    min_confidence: float | None = None  # events whose confidence is at least this
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class DocumentRow:
    id: str
    title: str | None
    source: str | None
    published: str | None
    language: str | None
    url: str | None
    n_events: int = 0
    snippet: str | None = None  # with FTS matches marked by [[ ]] (the web layer escapes, then highlights)
    event_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    limit: int
    offset: int
    extra: dict[str, Any] = field(default_factory=dict)


class Store(abc.ABC):
    """Documents, their facts, and near-duplicate links. Writes are idempotent by document id."""

    @abc.abstractmethod
    def has_document(self, doc_id: str) -> bool:
        """True when the id is stored, as a report or as a near-duplicate of one."""

    @abc.abstractmethod
    def put_facts(self, facts: Facts, signature: bytes | None = None) -> bool:
        """Store a document and all its facts in one transaction; False if it was already there."""

    @abc.abstractmethod
    def put_duplicate(self, doc: Document, duplicate_of: str) -> bool:
        """Record ``doc`` as a near-duplicate of a stored report; False if already recorded."""

    @abc.abstractmethod
    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(document id, near-duplicate signature) of every stored report."""

    @abc.abstractmethod
    def get_facts(self, doc_id: str) -> dict[str, Any] | None:
        """The facts@1 document of a stored report, or None."""

    @abc.abstractmethod
    def duplicates_of(self, doc_id: str) -> list[dict[str, Any]]:
        """Near-duplicates linked to a report."""

    @abc.abstractmethod
    def list_documents(self, query: DocumentQuery) -> Page:
        """A page of DocumentRow, newest first (or by relevance when ``q`` is set)."""

    @abc.abstractmethod
    def list_events(self, query: EventQuery) -> Page:
        """A page of events (facts@1 event dicts with ``document`` and resolved ``entities``)."""

    @abc.abstractmethod
    def iter_facts(self) -> Iterator[dict[str, Any]]:
        """Every stored facts document, oldest publication first."""

    @abc.abstractmethod
    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Values and counts for the list filters: languages, sources, event types, countries."""

    @abc.abstractmethod
    def stats(self) -> dict[str, int]:
        """Counts of documents, duplicates, entities, events."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
