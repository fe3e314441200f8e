"""The bundled sample reports as a gold set for the event scorer.

``expected.yaml`` (crimegraph/samples) names places and speakers as written and picks each event
by a short quote; the scorer (crimegraph/evaluate/events.py) wants offsets. This module turns each
``ExpectedDoc`` into a ``GoldDoc``:

- evidence and trigger: the span of the quote (the scorer ranks pairs by evidence overlap, and a
  quote lies inside its sentence);
- places: name, country and admin1 as annotated (the scorer matches a predicted place by its
  normalized name and country), plus the span of the mention of that name nearest the quote
  (inside it when it is there, else the nearest earlier one, else the nearest later one), so an
  overlapping predicted mention matches too;
- time, quantity, attribution, modality, polarity and trend copied over; the speaker is matched
  by words (no span).
"""

from __future__ import annotations

import logging
from typing import Iterable

from crimegraph.evaluate.events import GoldAttribution, GoldDoc, GoldEvent, GoldPlace, GoldQuantity, GoldTime
from crimegraph.ingest.normalize import content_id
from crimegraph.model import Document

__all__ = ["expected_to_gold", "samples_gold", "split_samples"]

log = logging.getLogger(__name__)


def _occurrences(text: str, name: str) -> list[int]:
    out, i = [], text.find(name)
    while i != -1:
        out.append(i)
        i = text.find(name, i + 1)
    return out


def _place_span(text: str, name: str, evidence: tuple[int, int]) -> tuple[int, int]:
    """The mention of ``name`` inside the evidence, else the nearest before it, else the nearest after."""
    starts = _occurrences(text, name)
    if not starts:  # load_expected checks that names occur; keep a harmless empty span otherwise
        return (0, 0)
    s, e = evidence
    inside = [i for i in starts if s <= i and i + len(name) <= e]
    before = [i for i in starts if i < s]
    if inside:
        best = inside[0]
    elif before:
        best = before[-1]
    else:
        best = min(starts, key=lambda i: abs(i - e))
    return (best, best + len(name))


def expected_to_gold(doc) -> GoldDoc:  # doc: crimegraph.samples.ExpectedDoc
    """One sample report and its expected events as the scorer's ``GoldDoc``."""
    report = doc.report
    text = report.text
    events = []
    for ev in doc.events:
        evidence = (ev.evidence_span.start, ev.evidence_span.end)
        places = tuple(
            GoldPlace(
                role=p.role,
                span=_place_span(text, p.name, evidence),
                name=p.name,
                country=p.country,
                admin1=p.admin1,
                precision=p.precision,
            )
            for p in ev.places
        )
        time = None
        if ev.time is not None:
            time = GoldTime(ev.time.start.isoformat(), ev.time.end.isoformat(), ev.time.granularity)
        quantity = GoldQuantity(float(ev.quantity.value), ev.quantity.unit) if ev.quantity is not None else None
        events.append(
            GoldEvent(
                type=ev.type,
                trigger=evidence,
                evidence=evidence,
                places=places,
                time=time,
                quantity=quantity,
                attribution=GoldAttribution(
                    source=ev.attribution.source,
                    speaker=ev.attribution.speaker,
                    analysis=bool(ev.attribution.analysis),
                ),
                modality=ev.modality,
                polarity=ev.polarity,
                trend=ev.trend,
            )
        )
    document = Document(
        id=content_id(text),
        text=text,
        title=report.title,
        published=report.published,
        language=report.language,
        url=report.url,
        source=report.source,
        origin=f"samples/{report.file}",
    )
    return GoldDoc(document, tuple(events), f"samples/{report.file}", False)


def samples_gold(expected: Iterable | None = None) -> list[GoldDoc]:
    """Every sample report as a ``GoldDoc``, sorted by file name."""
    if expected is None:
        from crimegraph.samples import load_expected

        expected = load_expected()
    docs = sorted(expected, key=lambda d: d.file)
    return [expected_to_gold(d) for d in docs]


def split_samples(golds: list[GoldDoc]) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """(tuning, held-out): every English report is tuning; the Spanish and Portuguese reports,
    sorted by file name, alternate: even positions tuning, odd positions held out."""
    tuning = [g for g in golds if g.document.language == "en"]
    others = sorted((g for g in golds if g.document.language != "en"), key=lambda g: g.item)
    tuning += others[0::2]
    held_out = others[1::2]
    return tuning, held_out
