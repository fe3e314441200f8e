"""Who says so, and how sure: attribution (source, speaker, analysis), modality, polarity and trend.

All cues come from ``lexicon/cues.yaml``. The speaker is the subject of a verb of saying in the
event's sentence ("Interior Minister Carlos Romero said", "según la FELCN", "according to police");
the source is a cited outlet ("reported La Razón", "según EFE"), in the sentence or, failing that,
the outlet cited for the report as a whole. Statements in an analysis section, or in a document
that is an analysis or opinion piece, carry ``analysis: true``.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from crimegraph.extract.entities import MentionIndex
from crimegraph.model import Attribution, Event

__all__ = ["annotate_events", "Cues", "cues"]


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)", re.IGNORECASE)


class Cues:
    def __init__(self, lang: str, data: dict[str, Any]):
        self.modality = {m: _compile(v[lang]) for m, v in data["modality"].items()}
        self.negation = _compile(data["negation"][lang])
        self.trend = {t: _compile(v[lang]) for t, v in data["trend"].items()}
        self.say = _compile(data["say_verbs"][lang])
        self.headings = re.compile(
            r"(?:^|\n)\s*(?:" + "|".join(re.escape(h) for h in data["analysis_headings"]) + r")\s*(?:\n|$)"
        )


@lru_cache(maxsize=None)
def cues(lang: str) -> Cues:
    text = (resources.files("crimegraph.extract") / "lexicon" / "cues.yaml").read_text(encoding="utf-8")
    return Cues(lang, yaml.safe_load(text))


MODALITY_ORDER = ("denied", "planned", "hedged", "estimate", "claim")
TREND_EVENTS = {"production", "cultivation", "group_presence", "trafficking_route"}

# A speaker is a short phrase before or after a verb of saying. These capture it without a parser
# so that Portuguese (blank pipeline) works the same way.
_SPEAKER_AFTER = {
    "en": re.compile(
        r"(?:according to|said|says|told [\w ]{1,30}?|reported|stated|testified)\s+"
        r"((?:an?|the)?\s*(?:[\w'’.-]+\s+){0,7}?[\w'’.-]+?)(?=\s*(?:[,.;:]|$| in | on | to | that | who | during | last ))",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"(?:según|de acuerdo con|dijo|afirmó|informó|señaló|indicó|aseguró|explicó|declaró|precisó|detalló|reveló)\s+"
        r"((?:el|la|los|las|un|una)?\s*(?:[\w'’.-]+\s+){0,7}?[\w'’.-]+?)(?=\s*(?:[,.;:]|$| en | a | que | quien | durante ))",
        re.IGNORECASE,
    ),
    "pt": re.compile(
        r"(?:segundo|de acordo com|conforme|disse|afirmou|informou|declarou|explicou|revelou)\s+"
        r"((?:o|a|os|as|um|uma)?\s*(?:[\w'’.-]+\s+){0,7}?[\w'’.-]+?)(?=\s*(?:[,.;:]|$| em | a | que | durante ))",
        re.IGNORECASE,
    ),
}
_SPEAKER_BEFORE = {
    "en": re.compile(
        r"((?:[A-Z][\w'’.-]*|an?|the|US|U\.S\.)(?:\s+[\w'’.-]+){0,7}?)\s+(?:has |have |had )?(?:said|says|told|stated|claimed|estimated|warned|reported|announced|confirmed|testified)\b"
    ),
    "es": re.compile(
        r"((?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|el|la|los|las)(?:\s+[\w'’.-]+){0,7}?)\s+(?:dijo|afirmó|aseguró|señaló|indicó|explicó|informó|declaró|estimó|advirtió|denunció|reveló|confirmó)\b"
    ),
    "pt": re.compile(
        r"((?:[A-ZÁÉÍÓÚÂÊÔÃÕÇ][\w'’.-]*|o|a|os|as)(?:\s+[\w'’.-]+){0,7}?)\s+(?:disse|afirmou|declarou|informou|explicou|estimou|alertou|revelou|confirmou)\b"
    ),
}
_PRONOUNS = {"he", "she", "they", "it", "él", "ella", "ellos", "ele", "ela", "eles", "this", "which", "who"}


def _speaker(sentence: str, lang: str) -> str | None:
    for pattern in (_SPEAKER_BEFORE[lang], _SPEAKER_AFTER[lang]):
        for m in pattern.finditer(sentence):
            phrase = m.group(1).strip(" ,;:")
            phrase = re.sub(r"^(?:and|but|y|pero|e|mas|also)\s+", "", phrase, flags=re.I)
            # keep the part after a clause break: "..., Interior Minister Carlos Romero said"
            phrase = re.split(r"[,;:\"“”]\s*", phrase)[-1].strip()
            if not phrase or phrase.lower() in _PRONOUNS or len(phrase) < 3:
                continue
            if len(phrase.split()) > 9:
                continue
            return phrase
    return None


def _cited_source(sentence: str, start: int, mentions: MentionIndex, lang: str, say: re.Pattern[str]) -> str | None:
    for _s, _e, ent in mentions.within(start, start + len(sentence)):
        if ent.type == "media" and say.search(sentence):
            return ent.name
    return None


def _document_source(text: str, sentences: list[Any], mentions: MentionIndex, say: re.Pattern[str]) -> str | None:
    """The outlet a brief cites for its whole story, stated in its first two sentences."""
    for sent in sentences[:2]:
        for _s, _e, ent in mentions.within(sent.start, sent.end):
            if ent.type == "media" and say.search(sent.text):
                return ent.name
    return None


def _analysis_start(text: str, c: Cues) -> int | None:
    m = c.headings.search(text)
    return m.start() if m else None


def annotate_events(
    events: list[Event],
    text: str,
    sentences: list[Any],
    lang: str,
    mentions: MentionIndex,
    analysis_document: bool = False,
) -> list[Event]:
    """Fill attribution, modality, polarity, trend and confidence of each event."""
    c = cues(lang)
    doc_source = _document_source(text, sentences, mentions, c.say)
    analysis_from = _analysis_start(text, c)
    by_start = {s.start: s for s in sentences}
    out = []
    for ev in events:
        sent = by_start.get(ev.evidence[0].start)
        sentence = sent.text if sent else text[ev.evidence[0].start : ev.evidence[0].end]
        source = _cited_source(sentence, ev.evidence[0].start, mentions, lang, c.say) or doc_source
        speaker = _speaker(sentence, lang)
        analysis = analysis_document or (analysis_from is not None and ev.evidence[0].start >= analysis_from)
        modality = "fact"
        for name in MODALITY_ORDER:
            if c.modality[name].search(sentence):
                modality = name
                break
        if modality == "fact" and ev.quantity is not None and ev.quantity.approximate:
            modality = "estimate"
        polarity = "positive"
        if modality != "denied" and _negated(sentence, ev, c):
            polarity = "negative"
        trend = None
        if ev.type in TREND_EVENTS:
            for name in ("new", "increasing", "decreasing", "stable"):
                if c.trend[name].search(sentence):
                    trend = name
                    break
        ev = replace(
            ev,
            attribution=Attribution(source=source, speaker=speaker, analysis=analysis),
            modality=modality,
            polarity=polarity,
            trend=trend,
        )
        ev.confidence = confidence(ev)
        out.append(ev)
    return out


def _negated(sentence: str, ev: Event, c: Cues) -> bool:
    """Explicit negation close before the trigger ("no evidence of labs", "não há laboratórios")."""
    if ev.trigger is None:
        return False
    rel = ev.trigger.start - ev.evidence[0].start
    window = sentence[max(0, rel - 30) : rel]
    return bool(c.negation.search(window))


# Confidence: a logistic model over a few features of the event. The weights are fitted on the
# project's annotated evaluation set (`crimegraph eval events --calibrate` prints new ones).
CONFIDENCE_WEIGHTS = {
    "bias": -0.2,
    "has_place": 0.9,
    "has_actor": 0.4,
    "has_commodity": 0.3,
    "has_quantity": 0.4,
    "has_time": 0.3,
    "not_fact": -0.4,
    "long_sentence": -0.3,
}
TYPE_PRIOR: dict[str, float] = {}


def event_features(ev: Event | dict[str, Any]) -> dict[str, float]:
    """Features of an event (an ``Event`` or its facts@1 dict) for the confidence model."""
    if isinstance(ev, Event):
        ev = {
            "roles": ev.roles,
            "quantity": ev.quantity,
            "time": ev.time,
            "modality": ev.modality,
            "evidence": [{"start": ev.evidence[0].start, "end": ev.evidence[0].end}],
        }
    roles = ev.get("roles") or {}
    span = (ev.get("evidence") or [{"start": 0, "end": 0}])[0]
    length = span["end"] - span["start"]
    return {
        "bias": 1.0,
        "has_place": float(any(roles.get(r) for r in PLACE_ROLES)),
        "has_actor": float(any(v for r, v in roles.items() if r not in PLACE_ROLES and r != "commodity")),
        "has_commodity": float(bool(roles.get("commodity"))),
        "has_quantity": float(ev.get("quantity") is not None),
        "has_time": float(ev.get("time") is not None),
        "not_fact": float(ev.get("modality", "fact") != "fact"),
        "long_sentence": float(length > 300),
    }


PLACE_ROLES = ("location", "origin", "destination", "transit")


def confidence_of(ev: Event | dict[str, Any], weights: dict[str, float] | None = None,
                  prior: dict[str, float] | None = None) -> float:
    """Probability that the event is right, from a logistic model over ``event_features``."""
    weights = CONFIDENCE_WEIGHTS if weights is None else weights
    prior = TYPE_PRIOR if prior is None else prior
    etype = ev.type if isinstance(ev, Event) else ev.get("type")
    z = prior.get(etype, 0.0) + sum(weights.get(k, 0.0) * v for k, v in event_features(ev).items())
    return 1.0 / (1.0 + math.exp(-z))


def confidence(ev: Event) -> float:
    return confidence_of(ev)
