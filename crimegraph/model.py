"""Plain data passed between stages: frozen dataclasses, and their facts@1 JSON form.

Every stage of the pipeline (ingest -> extract -> store -> serve) speaks these types.
``Facts.to_dict()`` produces the public contract described in docs/facts.md and checked
by ``crimegraph/schema/facts-1.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "SCHEMA_ID",
    "ENTITY_TYPES",
    "EVENT_TYPES",
    "MODALITIES",
    "TRENDS",
    "TOPICS",
    "Document",
    "Mention",
    "Entity",
    "TimeSpan",
    "Quantity",
    "Attribution",
    "Span",
    "Event",
    "Topic",
    "Facts",
]

SCHEMA_ID = "crimegraph/facts@1"

ENTITY_TYPES = (
    "criminal_group",
    "state_agency",
    "government",
    "international_org",
    "person",
    "media",
    "organization",
    "place",
    "commodity",
)

EVENT_TYPES = (
    "drug_lab",
    "seizure",
    "arrest",
    "extradition",
    "violence",
    "cultivation",
    "production",
    "trafficking_route",
    "group_presence",
    "cooperation",
    "policy",
    "corruption",
    "extortion_kidnapping",
    "money_laundering",
    "illicit_market",
)

MODALITIES = ("fact", "claim", "estimate", "hedged", "denied", "planned")
TRENDS = ("increasing", "decreasing", "new", "stable")
GRANULARITIES = ("day", "week", "month", "year", "range")
PRECISIONS = ("point", "admin2", "admin1", "country", "region")
TOPICS = (
    "drug_trafficking",
    "corruption",
    "security_policy",
    "violence",
    "extortion_and_financial_crime",
    "environmental_crime",
    "other_illicit_markets",
)


@dataclass(frozen=True)
class Document:
    """A normalized report. ``text`` is what every offset in its facts refers to."""

    id: str  # "sha256:<hex>" of the normalized text
    text: str
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from: "path/to/file.jsonl:12"
    duplicate_of: str | None = None  # id of the near-duplicate already seen, if any

    def header(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "text": self.text,
        }


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    generic: bool = False
    nationality: str | None = None
    role: str | None = None  # for people: "Colombian Foreign Minister"
    # places only
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name, "kb_id": self.kb_id}
        if self.type == "place":
            out.update(
                country=self.country,
                admin1=self.admin1,
                admin2=self.admin2,
                lat=self.lat,
                lon=self.lon,
                precision=self.precision,
            )
            if self.confidence is not None:
                out["confidence"] = round(self.confidence, 3)
        else:
            out.update(aliases=list(self.aliases), country=self.country, generic=self.generic)
            if self.nationality:
                out["nationality"] = self.nationality
            if self.role:
                out["role"] = self.role
        out["mentions"] = [asdict(m) for m in self.mentions]
        return out


@dataclass(frozen=True)
class TimeSpan:
    start: dt.date
    end: dt.date
    granularity: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "granularity": self.granularity,
            "text": self.text,
        }


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    text: str
    approximate: bool = False  # "up to", "some", "an estimated"

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() and self.unit != "share" else self.value
        return {"value": value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class Attribution:
    source: str | None = None
    speaker: str | None = None
    analysis: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "speaker": self.speaker, "analysis": self.analysis}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str
    roles: dict[str, list[str]]
    evidence: list[Span]
    quantity: Quantity | None = None
    trend: str | None = None
    time: TimeSpan | None = None
    attribution: Attribution = field(default_factory=Attribution)
    modality: str = "fact"
    polarity: str = "positive"
    confidence: float = 0.5
    trigger: Span | None = None
    # Which detector proposed the event: "cue" (the lexicon) or "classifier" (the learned sentence
    # classifier). Internal: not part of the facts contract, not serialized.
    detector: str = field(default="cue", compare=False, repr=False)
    # The sentence classifier's probability that the event's sentence states an event of its type
    # (set on cue events when a classifier ran; an input of their confidence). Internal, not serialized.
    support: float | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "type": self.type,
            "roles": {k: list(v) for k, v in self.roles.items() if v},
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "trend": self.trend,
            "time": self.time.to_dict() if self.time else None,
            "attribution": self.attribution.to_dict(),
            "modality": self.modality,
            "polarity": self.polarity,
            "confidence": round(float(self.confidence), 3),
            "evidence": [{"start": s.start, "end": s.end} for s in self.evidence],
        }
        if self.trigger is not None:
            out["trigger"] = {"start": self.trigger.start, "end": self.trigger.end}
        return out


@dataclass(frozen=True)
class Topic:
    label: str
    score: float


@dataclass
class Facts:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "document": self.document.header(),
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "topics": [{"label": t.label, "score": round(float(t.score), 3)} for t in self.topics],
        }
