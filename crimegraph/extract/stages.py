"""The built-in stages, registered in pipeline order. Each one has a single job."""

from __future__ import annotations

import re

from crimegraph.extract.entities import MentionIndex, assemble_entities
from crimegraph.extract.events import Sentence
from crimegraph.extract.pipeline import Analysis, Extractor, stage

__all__: list[str] = []

# Pieces whose publisher is the analyst: their statements are the publisher's own analysis.
_OPINION = re.compile(r"^\s*(?:opinion|opinión|opinião|analysis|análisis|análise|editorial|column|columna|coluna)\b", re.I)


@stage("nlp", assigns=["doc"], batched=True)
def _nlp(ex: Extractor, batch: list[Analysis]) -> None:
    """Tokens, sentences and statistical entities: spaCy's nlp.pipe once per language of the batch."""
    by_lang: dict[str, list[Analysis]] = {}
    for a in batch:
        by_lang.setdefault(a.lang, []).append(a)
    for lang, group in by_lang.items():
        for a, doc in zip(group, ex.nlp(lang).pipe(a.document.text for a in group)):
            a.doc = doc


@stage("actors", requires=["doc"], assigns=["actors"])
def _actors(ex: Extractor, a: Analysis) -> None:
    from crimegraph.extract.actors import find_actors

    a.actors = find_actors(a.doc, ex.kb, a.lang, published=a.document.published)


@stage("places", requires=["doc", "actors"], assigns=["toponyms", "places"])
def _places(ex: Extractor, a: Analysis) -> None:
    from crimegraph.extract.actors import yields_to_place

    hard = [(m.start, m.end) for m in a.actors if not yields_to_place(m)]
    soft = [(m.start, m.end) for m in a.actors if yields_to_place(m)]
    a.toponyms = ex.geocoder.recognize(a.doc, a.lang, exclude=hard, soft=soft)
    a.places = ex.geocoder.resolve(a.document.text, a.toponyms, a.lang)


@stage("times", assigns=["times"])
def _times(ex: Extractor, a: Analysis) -> None:
    from crimegraph.extract.timex import find_times

    a.times = find_times(a.document.text, a.lang, a.document.published, kb=ex.kb)


@stage("quantities", requires=["times"], assigns=["quantities"])
def _quantities(ex: Extractor, a: Analysis) -> None:
    from crimegraph.extract.quantities import find_quantities

    # numbers inside time expressions ("15 de julio de 2013") are never amounts
    a.quantities = find_quantities(a.document.text, a.lang, times=a.times)


@stage("entities", requires=["actors", "places"], assigns=["entities"])
def _entities(ex: Extractor, a: Analysis) -> None:
    from crimegraph.extract.actors import yields_to_place

    # a name the text frames as a place ("the city of Rosario") is the place, not the NER's guess
    spans = [(t.start, t.end) for t in a.toponyms]
    actors = [m for m in a.actors if not (yields_to_place(m) and any(m.start < e and s < m.end for s, e in spans))]
    a.entities = assemble_entities(a.document.text, actors, a.toponyms, a.places)
    kb = ex.kb
    for ent in a.entities:
        if ent.type != "place" and ent.kb_id:
            record = kb.get(ent.kb_id)
            if record is not None:
                ent.aliases = sorted({alias for names in record.aliases.values() for alias in names} | set(record.acronyms))


@stage("events", requires=["doc", "entities", "times", "quantities"], assigns=["events"])
def _events(ex: Extractor, a: Analysis) -> None:
    from crimegraph.extract.attribution import annotate_events
    from crimegraph.extract.events import detect_events, document_places, peso_currencies

    text = a.document.text
    sentences = [Sentence(s.start_char, s.end_char, s.text) for s in a.doc.sents]
    mentions = MentionIndex(a.entities)
    classifier = ex.event_classifier
    events = detect_events(text, sentences, a.lang, mentions, a.times, a.quantities, classifier=classifier,
                           published=a.document.published)
    opinion = bool(a.document.title and _OPINION.match(a.document.title))
    events = annotate_events(events, text, sentences, a.lang, mentions, analysis_document=opinion,
                             confidence_model=classifier.cue_confidence if classifier is not None else None)
    events = document_places(events, text, mentions)  # after confidence, which reads the sentence's own places
    events = peso_currencies(events, mentions)
    for i, ev in enumerate(events, 1):
        ev.id = f"v{i}"
    a.events = events


@stage("topics", assigns=["topics"], batched=True)
def _topics(ex: Extractor, batch: list[Analysis]) -> None:
    """Article topics, predicted for the whole batch at once (the embedding model runs batched)."""
    texts = [f"{a.document.title}. {a.document.text}" if a.document.title else a.document.text for a in batch]
    for a, topics in zip(batch, ex.topic_model.predict(texts, [a.lang for a in batch])):
        a.topics = list(topics)
