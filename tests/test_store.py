"""The SQLite store: migrations, idempotent writes, duplicates, search and filters."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from crimegraph.errors import StoreError
from crimegraph.store import DocumentQuery, EventQuery, open_store
from crimegraph.store.sqlite import SQLiteStore, fts_query, migrations
from factories import make_facts

TEXT_A = "The FELCN destroyed a cocaine laboratory near Oruro in July. Officials said it was large."
TEXT_B = "Police said the FELCN found a laboratory in Oruro department. It processed coca paste."


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite")
    yield s
    s.close()


def test_migrations_bring_a_new_database_to_the_latest_version(tmp_path):
    s = SQLiteStore(tmp_path / "new.sqlite")
    assert s.version == migrations()[-1][0] >= 1
    tables = {r[0] for r in s._db.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"documents", "entities", "mentions", "events", "event_roles", "topics", "duplicates", "documents_fts"} <= tables
    s.close()
    # reopening applies nothing twice
    assert SQLiteStore(tmp_path / "new.sqlite").migrate() == migrations()[-1][0]


def test_put_facts_is_idempotent_and_round_trips(store):
    facts = make_facts(TEXT_A)
    assert store.put_facts(facts) is True
    assert store.put_facts(facts) is False
    assert store.stats()["documents"] == 1
    assert store.get_facts(facts.document.id) == facts.to_dict()
    assert store.has_document(facts.document.id)


def test_failed_write_leaves_nothing_half_written(store, monkeypatch):
    facts = make_facts(TEXT_A)
    facts.events[0].roles = {"location": ["e2"], "agent": ["e1"]}
    real_insert = store._insert

    def broken(doc, data, sig):
        real_insert(doc, data, sig)
        raise sqlite3.OperationalError("disk full (simulated)")

    monkeypatch.setattr(store, "_insert", broken)
    with pytest.raises(StoreError, match="cannot store document"):
        store.put_facts(facts)
    assert store.stats() == {"documents": 0, "duplicates": 0, "entities": 0, "events": 0}
    assert store._db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_duplicates_are_linked_not_stored_as_reports(store):
    original = make_facts(TEXT_A)
    copy = make_facts(TEXT_B, source="Other Outlet").document
    store.put_facts(original)
    assert store.put_duplicate(copy, original.document.id) is True
    assert store.put_duplicate(copy, original.document.id) is False
    assert store.stats()["documents"] == 1 and store.stats()["duplicates"] == 1
    assert store.has_document(copy.id)
    assert [d["source"] for d in store.duplicates_of(original.document.id)] == ["Other Outlet"]


def test_full_text_search_and_filters(store):
    store.put_facts(make_facts(TEXT_A, published="2013-07-20"))
    store.put_facts(make_facts(TEXT_B, title="Otro", published="2014-01-05", language="es", source="El Deber"))
    hits = store.list_documents(DocumentQuery(q="cocaine"))
    assert hits.total == 1 and "[[cocaine]]" in hits.items[0].snippet
    assert store.list_documents(DocumentQuery(q="labor")).total == 2  # prefix match on the last word
    assert store.list_documents(DocumentQuery(q='"coca paste"')).total == 1
    assert store.list_documents(DocumentQuery(q="AND OR ( * \"")).total == 0  # syntax never errors
    assert store.list_documents(DocumentQuery(language="es")).total == 1
    assert store.list_documents(DocumentQuery(source="El Deber")).total == 1
    assert store.list_documents(DocumentQuery(date_from=dt.date(2014, 1, 1))).total == 1
    assert store.list_documents(DocumentQuery(date_to=dt.date(2013, 12, 31))).total == 1
    assert store.list_documents(DocumentQuery(event_type="drug_lab")).total == 2
    assert store.list_documents(DocumentQuery(event_type="seizure")).total == 0
    assert store.list_documents(DocumentQuery(country="bo")).total == 2
    assert store.list_documents(DocumentQuery(country="PE")).total == 0
    newest_first = [r.published for r in store.list_documents(DocumentQuery()).items]
    assert newest_first == ["2014-01-05", "2013-07-20"]


def test_event_filters(store):
    store.put_facts(make_facts(TEXT_A))
    page = store.list_events(EventQuery(type="drug_lab", country="BO", actor="crimegraph:agency/felcn"))
    assert page.total == 1
    event = page.items[0]
    assert event["sentence"].startswith("The FELCN destroyed")
    assert event["entities"]["e2"]["name"] == "Oruro"
    assert store.list_events(EventQuery(actor="felcn")).total == 1  # by name, case-insensitive
    assert store.list_events(EventQuery(type="arrest")).total == 0
    assert store.list_events(EventQuery(country="CL")).total == 0
    assert store.list_events(EventQuery(date_from=dt.date(2013, 8, 1))).total == 0
    assert store.list_events(EventQuery(date_from=dt.date(2013, 7, 15), date_to=dt.date(2013, 7, 16))).total == 1


def test_event_confidence_floor(store):
    store.put_facts(make_facts(TEXT_A, confidence=0.9))
    store.put_facts(make_facts(TEXT_B, published="2014-01-05", confidence=0.45))
    assert store.list_events(EventQuery()).total == 2
    assert [e["confidence"] for e in store.list_events(EventQuery(min_confidence=0.5)).items] == [0.9]
    assert store.list_events(EventQuery(min_confidence=0.45)).total == 2  # the floor itself is kept
    assert store.list_events(EventQuery(min_confidence=0.95)).total == 0


def test_fts_query_quotes_every_word():
    assert fts_query('coca "pasta base" Oruro') == '"coca" AND "pasta base" AND "Oruro"*'
    assert fts_query("*** ()") is None


def test_postgres_url_is_refused_clearly():
    with pytest.raises(StoreError, match="PostgreSQL backend is not available"):
        open_store("postgresql://localhost/crimegraph")


def test_readonly_open_of_missing_database_names_the_fix(tmp_path):
    with pytest.raises(StoreError, match="crimegraph ingest"):
        open_store(tmp_path / "absent.sqlite", readonly=True)
