"""The bundled sample corpus: reports written by the project, and the facts they state.

The corpus (``corpus/<lang>/<slug>.json``) feeds the demo and the project's own tests; the
expected facts (``expected.yaml``) are the Spanish/Portuguese evaluation set and a
regression fixture. Nothing here is loaded at import time.

    >>> from crimegraph.samples import load_expected, load_reports
    >>> docs = load_expected()          # every report, with its expected events and topics
    >>> reports = load_reports("es")    # just the Spanish reports
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from crimegraph.errors import ConfigError
from crimegraph.model import (
    EVENT_TYPES,
    GRANULARITIES,
    MODALITIES,
    PRECISIONS,
    TOPICS,
    TRENDS,
    Attribution,
    Quantity,
    Span,
    TimeSpan,
)

__all__ = [
    "REPORT_FIELDS",
    "SampleReport",
    "ExpectedPlace",
    "ExpectedEvent",
    "ExpectedDoc",
    "corpus_dir",
    "expected_path",
    "report_paths",
    "load_report",
    "load_reports",
    "load_expected",
]

log = logging.getLogger(__name__)

REPORT_FIELDS = ("title", "text", "published", "url", "source", "language")
_HERE = Path(__file__).resolve().parent


def corpus_dir() -> Path:
    """Folder holding the sample reports, one ``<lang>/<slug>.json`` file each."""
    return _HERE / "corpus"


def expected_path() -> Path:
    """The expected-facts file (``expected.yaml``) beside the corpus."""
    return _HERE / "expected.yaml"


@dataclass(frozen=True)
class SampleReport:
    """One sample report as stored; ``file`` is its path relative to :func:`corpus_dir`."""

    file: str
    title: str
    text: str
    published: dt.date
    url: str | None
    source: str
    language: str


@dataclass(frozen=True)
class ExpectedPlace:
    """A place an event happens in, named as in the text."""

    name: str
    country: str | None
    admin1: str | None = None  # ISO 3166-2 code of the department/state, when known
    precision: str = "point"  # point | admin2 | admin1 | country | region
    role: str = "location"  # location | origin | transit | destination


@dataclass(frozen=True)
class ExpectedEvent:
    """An event an analyst reads out of a sample report."""

    type: str
    evidence: str  # an exact substring of the report text, unique in it
    evidence_span: Span
    places: tuple[ExpectedPlace, ...] = ()
    actors: tuple[str, ...] = ()
    commodities: tuple[str, ...] = ()
    time: TimeSpan | None = None
    quantity: Quantity | None = None
    modality: str = "fact"
    polarity: str = "positive"
    attribution: Attribution = field(default_factory=Attribution)
    trend: str | None = None


@dataclass(frozen=True)
class ExpectedDoc:
    """A sample report with the events and article topics it should yield."""

    report: SampleReport
    topics: tuple[str, ...]
    events: tuple[ExpectedEvent, ...]
    near_duplicate_of: str | None = None  # file of the report this one republishes

    @property
    def file(self) -> str:
        return self.report.file

    @property
    def text(self) -> str:
        return self.report.text

    @property
    def language(self) -> str:
        return self.report.language

    @property
    def published(self) -> dt.date:
        return self.report.published


def report_paths(language: str | None = None) -> list[Path]:
    """Paths of the sample reports, sorted; only one language's when ``language`` is given."""
    pattern = f"{language}/*.json" if language else "*/*.json"
    return sorted(corpus_dir().glob(pattern))


def load_report(path: Path) -> SampleReport:
    """Read one report file, checking its fields; raises ConfigError naming the file."""
    name = _relative(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"sample report {name}: cannot be read as JSON ({exc})") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"sample report {name}: expected a JSON object, got {type(raw).__name__}")
    missing = [key for key in REPORT_FIELDS if key not in raw]
    if missing:
        raise ConfigError(f"sample report {name}: missing field(s) {', '.join(missing)}")
    for key in ("title", "text", "source", "language"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ConfigError(f"sample report {name}: field {key!r} must be a non-empty string")
    try:
        published = dt.date.fromisoformat(raw["published"])
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"sample report {name}: 'published' is not an ISO date: {raw['published']!r}") from exc
    return SampleReport(
        file=name,
        title=raw["title"],
        text=raw["text"],
        published=published,
        url=raw["url"],
        source=raw["source"],
        language=raw["language"],
    )


def load_reports(language: str | None = None) -> list[SampleReport]:
    """Every sample report (or one language's), sorted by file name."""
    return [load_report(path) for path in report_paths(language)]


def load_expected(path: Path | None = None) -> list[ExpectedDoc]:
    """Read ``expected.yaml`` and join it with the reports it describes.

    Every evidence quote, place name, actor, time and quantity text must occur in its
    report, and every label must be one of the ontology's; otherwise ConfigError names the
    file and the event.
    """
    path = path or expected_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path.name}: cannot be read as YAML ({exc})") from exc
    entries = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path.name}: expected a mapping with a 'documents' list")
    docs = [_expected_doc(entry, path.name) for entry in entries]
    files = [doc.file for doc in docs]
    repeated = sorted({f for f in files if files.count(f) > 1})
    if repeated:
        raise ConfigError(f"{path.name}: report(s) described twice: {', '.join(repeated)}")
    for doc in docs:
        if doc.near_duplicate_of and doc.near_duplicate_of not in files:
            raise ConfigError(f"{path.name}: {doc.file}: near_duplicate_of names unknown report {doc.near_duplicate_of}")
    log.debug("loaded %d expected documents from %s", len(docs), path)
    return docs


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(corpus_dir().resolve()).as_posix()
    except ValueError:
        return str(path)


def _expected_doc(entry: Any, where: str) -> ExpectedDoc:
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        raise ConfigError(f"{where}: every document needs a 'file' (got {entry!r:.80})")
    name = entry["file"]
    report_path = corpus_dir() / name
    if not report_path.is_file():
        raise ConfigError(f"{where}: {name}: no such sample report under {corpus_dir()}")
    report = load_report(report_path)
    topics = tuple(entry.get("topics") or ())
    bad = [t for t in topics if t not in TOPICS]
    if bad:
        raise ConfigError(f"{where}: {name}: unknown topic(s) {bad}; use one of {', '.join(TOPICS)}")
    events = tuple(
        _expected_event(item, report, f"{where}: {name}: event {i}") for i, item in enumerate(entry.get("events") or (), 1)
    )
    return ExpectedDoc(report=report, topics=topics, events=events, near_duplicate_of=entry.get("near_duplicate_of"))


def _choice(value: Any, allowed: tuple[str, ...], what: str, where: str) -> Any:
    if value not in allowed:
        raise ConfigError(f"{where}: {what} {value!r} is not one of {', '.join(map(str, allowed))}")
    return value


def _in_text(value: str, text: str, what: str, where: str) -> str:
    if not isinstance(value, str) or value not in text:
        raise ConfigError(f"{where}: {what} {value!r} does not occur in the report text")
    return value


def _expected_event(item: Any, report: SampleReport, where: str) -> ExpectedEvent:
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping, got {item!r:.80}")
    kind = _choice(item.get("type"), EVENT_TYPES, "event type", where)
    where = f"{where} ({kind})"
    text = report.text
    evidence = item.get("evidence")
    _in_text(evidence, text, "evidence quote", where)
    start = text.find(evidence)
    if text.find(evidence, start + 1) != -1:
        raise ConfigError(f"{where}: evidence quote {evidence!r} occurs more than once; quote more of the sentence")
    places = tuple(_place(p, text, where) for p in item.get("places") or ())
    actors = tuple(_in_text(a, text, "actor", where) for a in item.get("actors") or ())
    commodities = tuple(_in_text(c, text, "commodity", where) for c in item.get("commodities") or ())
    attribution = item.get("attribution") or {}
    return ExpectedEvent(
        type=kind,
        evidence=evidence,
        evidence_span=Span(start, start + len(evidence)),
        places=places,
        actors=actors,
        commodities=commodities,
        time=_time(item.get("time"), text, where),
        quantity=_quantity(item.get("quantity"), text, where),
        modality=_choice(item.get("modality", "fact"), MODALITIES, "modality", where),
        polarity=_choice(item.get("polarity", "positive"), ("positive", "negative"), "polarity", where),
        attribution=Attribution(
            source=attribution.get("source"),
            speaker=attribution.get("speaker"),
            analysis=bool(attribution.get("analysis", False)),
        ),
        trend=_choice(item.get("trend"), (None, *TRENDS), "trend", where),
    )


def _place(raw: Any, text: str, where: str) -> ExpectedPlace:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a place must be a mapping, got {raw!r:.80}")
    name = _in_text(raw.get("name"), text, "place name", where)
    country = raw.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 2 or not country.isupper()):
        raise ConfigError(f"{where}: place {name!r}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    admin1 = raw.get("admin1")
    if admin1 is not None and (country is None or not str(admin1).startswith(country + "-")):
        raise ConfigError(f"{where}: place {name!r}: admin1 {admin1!r} does not belong to country {country!r}")
    return ExpectedPlace(
        name=name,
        country=country,
        admin1=admin1,
        precision=_choice(raw.get("precision", "point"), PRECISIONS, f"place {name!r} precision", where),
        role=_choice(raw.get("role", "location"), ("location", "origin", "transit", "destination"), "place role", where),
    )


def _time(raw: Any, text: str, where: str) -> TimeSpan | None:
    if raw is None:
        return None
    try:
        start, end = _date(raw["start"]), _date(raw["end"])
        granularity = _choice(raw["granularity"], GRANULARITIES, "time granularity", where)
        said = _in_text(raw["text"], text, "time text", where)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: time needs start, end (ISO dates), granularity and text ({exc})") from exc
    if end < start:
        raise ConfigError(f"{where}: time ends ({end}) before it starts ({start})")
    return TimeSpan(start=start, end=end, granularity=granularity, text=said)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _quantity(raw: Any, text: str, where: str) -> Quantity | None:
    if raw is None:
        return None
    try:
        value = float(raw["value"])
        unit = str(raw["unit"])
        said = _in_text(raw["text"], text, "quantity text", where)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: quantity needs a numeric value, a unit and its text ({exc})") from exc
    return Quantity(value=value, unit=unit, text=said, approximate=bool(raw.get("approximate", False)))
