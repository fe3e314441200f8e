"""Hand-built facts for tests of the store, the API and exports (no models loaded)."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from crimegraph.geo.types import Toponym
from crimegraph.ingest.normalize import content_id, normalize_text
from crimegraph.model import Attribution, Document, Entity, Event, Facts, Mention, Quantity, Span, TimeSpan, Topic


def make_facts(text: str, *, title: str = "Lab destroyed near Oruro", published: str = "2013-10-08",
               language: str = "en", source: str = "Test Wire", confidence: float = 0.8) -> Facts:
    """Facts for ``text`` with an agency, a place and a drug_lab event on the sentence naming them.

    The text must contain "FELCN", "Oruro" and "laboratory"; they become the mentions and the trigger.
    """
    text = normalize_text(text)
    doc = Document(id=content_id(text), text=text, title=title, published=dt.date.fromisoformat(published),
                   language=language, source=source, url="https://example.org/story")

    def mention(word: str) -> Mention:
        i = text.index(word)
        return Mention(i, i + len(word), word)

    felcn = Entity("e1", "state_agency", "FELCN", [mention("FELCN")], kb_id="crimegraph:agency/felcn", country="BO")
    oruro = Entity("e2", "place", "Oruro", [mention("Oruro")], kb_id="geonames:3909234", country="BO",
                   admin1="BO-O", lat=-17.98, lon=-67.15, precision="point")
    start = text.index("laboratory")
    sent_start = text.rfind(".", 0, start) + 1
    sent_start += len(text[sent_start:]) - len(text[sent_start:].lstrip())
    sent_end = text.find(".", start) + 1 or len(text)
    event = Event(
        "v1", "drug_lab", {"agent": ["e1"], "location": ["e2"]}, [Span(sent_start, sent_end)],
        quantity=Quantity(1, "labs", "a laboratory"),
        time=TimeSpan(dt.date(2013, 7, 1), dt.date(2013, 7, 31), "month", "in July"),
        attribution=Attribution(source="La Razón", speaker=None, analysis=False),
        modality="fact", confidence=confidence, trigger=Span(start, start + len("laboratory")),
    )
    return Facts(doc, [felcn, oruro], [event], [Topic("drug_trafficking", 0.9)])


def spans(text: str, *names: str) -> list[Toponym]:
    """Gold-style toponym spans of ``names`` in ``text``, each searched after the previous one."""
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Toponym(start, start + len(name), name, "name"))
        pos = start + len(name)
    return out


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "web server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)
