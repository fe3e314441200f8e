-- crimegraph store, version 1. Every table is keyed by the document's content id, so writes are idempotent.
CREATE TABLE documents (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,          -- "sha256:..." of the normalized text
    title        TEXT,
    url          TEXT,
    source       TEXT,
    published    TEXT,                          -- ISO date or NULL
    language     TEXT,
    text         TEXT NOT NULL,
    origin       TEXT,                          -- where it was read from ("file:line")
    ingested_at  TEXT NOT NULL,
    signature    BLOB,                          -- near-duplicate signature (MinHash)
    facts        TEXT NOT NULL                  -- the facts@1 document as JSON
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_language ON documents(language);
CREATE INDEX documents_source ON documents(source);

-- Near-duplicates (the same wire story in another outlet): linked to the first copy, not stored as reports.
CREATE TABLE duplicates (
    id            TEXT PRIMARY KEY,
    duplicate_of  TEXT NOT NULL REFERENCES documents(id),
    title         TEXT,
    url           TEXT,
    source        TEXT,
    published     TEXT,
    origin        TEXT,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX duplicates_of ON duplicates(duplicate_of);

CREATE TABLE entities (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_id   TEXT NOT NULL,                   -- "e1" within the document
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    kb_id      TEXT,
    country    TEXT,
    admin1     TEXT,
    admin2     TEXT,
    lat        REAL,
    lon        REAL,
    precision  TEXT,
    generic    INTEGER NOT NULL DEFAULT 0,
    role       TEXT,
    PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX entities_kb ON entities(kb_id);
CREATE INDEX entities_type_name ON entities(type, name);
CREATE INDEX entities_country ON entities(country);

CREATE TABLE mentions (
    doc_id     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    FOREIGN KEY (doc_id, entity_id) REFERENCES entities(doc_id, local_id) ON DELETE CASCADE
);
CREATE INDEX mentions_doc ON mentions(doc_id);

CREATE TABLE events (
    doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    modality        TEXT NOT NULL,
    polarity        TEXT NOT NULL,
    confidence      REAL NOT NULL,
    trend           TEXT,
    time_start      TEXT,
    time_end        TEXT,
    granularity     TEXT,
    time_text       TEXT,
    quantity_value  REAL,
    quantity_unit   TEXT,
    quantity_text   TEXT,
    source          TEXT,
    speaker         TEXT,
    analysis        INTEGER NOT NULL DEFAULT 0,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_time ON events(time_start);

CREATE TABLE event_roles (
    doc_id     TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    role       TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    FOREIGN KEY (doc_id, event_id) REFERENCES events(doc_id, local_id) ON DELETE CASCADE
);
CREATE INDEX event_roles_event ON event_roles(doc_id, event_id);
CREATE INDEX event_roles_entity ON event_roles(doc_id, entity_id);

CREATE TABLE topics (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label   TEXT NOT NULL,
    score   REAL NOT NULL,
    PRIMARY KEY (doc_id, label)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
