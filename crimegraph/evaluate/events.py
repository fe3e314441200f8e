"""Score extracted events against the annotated evaluation set (docs/annotation.md).

The gold files hold offsets and labels only; ``load_gold`` joins them to the shared
evaluation data and checks that each text still hashes to what the annotator saw.
``score_events`` compares facts@1 dicts (FACTS.md) with the gold events:

- Matching is one-to-one per document, greedy: candidate pairs are ranked by the number
  of characters their evidence spans share (then by the distance between evidence starts),
  and each gold and each predicted event is used once. Pairs whose evidence does not
  overlap may still match (an event restated elsewhere in the article).
- Loose match: same type and a place match. If the gold event has places, at least one
  place entity in the predicted event's location/origin/transit/destination roles must
  match one gold place: a mention overlapping the gold span, the same geonameid, the same
  normalized name and country, or coordinates within 25 km. A gold event without places
  matches any predicted event of its type (with or without places).
- Strict match: a loose match that also has, where the gold time is set, the predicted
  time's start and end equal to the gold ones. Strict pairs are matched separately (greedy
  again under the strict rule), so strict counts never exceed loose counts.
- Attribute accuracies are computed over the loose pairs: time (pairs whose gold event has
  a time), place (pairs whose gold event has places: every gold place matched by a
  predicted place in the same role), quantity (pairs with a gold quantity: value within 1%
  and same unit), attribution (source, speaker and analysis flag all right), modality,
  polarity (all pairs).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crimegraph.errors import InputError
from crimegraph.ingest.normalize import content_id, normalize_text
from crimegraph.model import Document

__all__ = [
    "GoldPlace",
    "GoldTime",
    "GoldQuantity",
    "GoldAttribution",
    "GoldEvent",
    "GoldDoc",
    "load_gold",
    "score_events",
    "format_events_report",
    "place_matches",
    "PLACE_ROLES",
    "COORD_TOLERANCE_KM",
]

log = logging.getLogger(__name__)

PLACE_ROLES = ("location", "origin", "transit", "destination")
COORD_TOLERANCE_KM = 25.0
QUANTITY_TOLERANCE = 0.01
SPEAKER_TOKEN_OVERLAP = 0.5
ATTRIBUTES = ("time", "place", "quantity", "attribution", "modality", "polarity")
INSIGHTCRIME_SOURCE = "InSight Crime"


@dataclass(frozen=True)
class GoldPlace:
    role: str
    span: tuple[int, int]
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


@dataclass(frozen=True)
class GoldTime:
    start: str
    end: str
    granularity: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class GoldQuantity:
    value: float
    unit: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class GoldAttribution:
    source: str | None = None
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    analysis: bool = False


@dataclass(frozen=True)
class GoldEvent:
    type: str
    trigger: tuple[int, int]
    evidence: tuple[int, int]
    places: tuple[GoldPlace, ...] = ()
    time: GoldTime | None = None
    quantity: GoldQuantity | None = None
    roles: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    attribution: GoldAttribution = field(default_factory=GoldAttribution)
    modality: str = "fact"
    polarity: str = "positive"
    trend: str | None = None


@dataclass(frozen=True)
class GoldDoc:
    document: Document
    events: tuple[GoldEvent, ...]
    item: str  # "insightcrime/dev.tsv:17", for messages
    published_estimated: bool = False


# ---------------------------------------------------------------- loading


def _span(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return int(value["start"]), int(value["end"])
    start, end = value
    return int(start), int(end)


def _gold_event(raw: dict[str, Any]) -> GoldEvent:
    places = tuple(
        GoldPlace(
            role=p["role"],
            span=_span(p["span"]),
            name=p.get("name"),
            country=p.get("country"),
            admin1=p.get("admin1"),
            geonameid=p.get("geonameid"),
            lat=p.get("lat"),
            lon=p.get("lon"),
            precision=p.get("precision"),
        )
        for p in raw.get("places") or []
    )
    t = raw.get("time")
    q = raw.get("quantity")
    a = raw.get("attribution") or {}
    return GoldEvent(
        type=raw["type"],
        trigger=_span(raw["trigger"]),
        evidence=_span(raw["evidence"]),
        places=places,
        time=GoldTime(t["start"], t["end"], t.get("granularity", ""), _span(t.get("span"))) if t else None,
        quantity=GoldQuantity(float(q["value"]), q["unit"], _span(q.get("span"))) if q else None,
        roles={k: [_span(s) for s in v] for k, v in (raw.get("roles") or {}).items()},
        attribution=GoldAttribution(
            a.get("source"), a.get("speaker"), _span(a.get("speaker_span")), bool(a.get("analysis", False))
        ),
        modality=raw.get("modality", "fact"),
        polarity=raw.get("polarity", "positive"),
        trend=raw.get("trend"),
    )


class _Corpora:
    """Reads the shared evaluation data on demand, each TSV file once."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self._tsv: dict[str, list[list[str]]] = {}
        self._jsonl: dict[str, dict[str, dict[str, Any]]] = {}

    def text_of(self, doc: dict[str, Any], item: str) -> tuple[str, str | None]:
        corpus = doc.get("corpus", "")
        if corpus.endswith(".tsv"):
            if corpus not in self._tsv:
                path = self.data_dir / corpus
                if not path.is_file():
                    raise InputError(item, f"shared data file {path} not found; is the data folder set right?")
                with path.open(encoding="utf-8", newline="") as f:
                    self._tsv[corpus] = list(csv.reader(f, delimiter="\t"))
            rows = self._tsv[corpus]
            row = doc.get("row")
            if not isinstance(row, int) or not 0 <= row < len(rows):
                raise InputError(item, f"row {row!r} is not in {corpus} ({len(rows)} rows)")
            source = INSIGHTCRIME_SOURCE if corpus.startswith("insightcrime/") else None
            return normalize_text(rows[row][0]), source
        if corpus.startswith("news-es-pt"):
            doc_id = doc.get("id") or Path(corpus).stem
            path = self.data_dir / "news-es-pt" / f"{doc_id}.json"
            if not path.is_file():
                raise InputError(item, f"shared data file {path} not found")
            record = json.loads(path.read_text(encoding="utf-8"))
            return normalize_text(record["text"]), record.get("outlet")
        if corpus.startswith("ljz/"):
            records = self._jsonl.get(corpus)
            if records is None:
                path = self.data_dir / corpus
                if not path.is_file():
                    raise InputError(item, f"shared data file {path} not found")
                with path.open(encoding="utf-8") as f:
                    records = {r["id"]: r for r in map(json.loads, filter(str.strip, f))}
                self._jsonl[corpus] = records
            record = records.get(doc.get("id"))
            if record is None:
                raise InputError(item, f"id {doc.get('id')!r} is not in {corpus}")
            return normalize_text(record["text"]), record.get("outlet")
        raise InputError(item, f"unknown corpus {corpus!r}; expected a .tsv file, news-es-pt or ljz/*.jsonl")


def _item_name(doc: dict[str, Any], path: Path, line_no: int) -> str:
    corpus = doc.get("corpus", "?")
    key = doc.get("row", doc.get("id"))
    return f"{corpus}:{key}" if key is not None else f"{path}:{line_no}"


def load_gold(paths: list[Path], data_dir: Path) -> list[GoldDoc]:
    """Read gold JSONL files and join each line to its text in ``data_dir`` (the shared data folder).

    Raises InputError naming the row when a text is missing or no longer hashes to the
    annotated ``sha256`` (offsets would then point at the wrong characters).
    """
    corpora = _Corpora(Path(data_dir))
    out: list[GoldDoc] = []
    for path in paths:
        path = Path(path)
        with path.open(encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{line_no}", f"not valid JSON ({exc})") from exc
                doc = raw["doc"]
                item = _item_name(doc, path, line_no)
                text, source = corpora.text_of(doc, item)
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                if doc.get("sha256") and digest != doc["sha256"]:
                    raise InputError(
                        item,
                        f"text hash {digest[:12]}… differs from the annotated {doc['sha256'][:12]}…; "
                        "the shared data changed, re-check the annotation offsets",
                    )
                published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
                events = []
                for raw_event in raw.get("events") or []:
                    event = _gold_event(raw_event)
                    s, e = event.evidence
                    if not 0 <= s < e <= len(text):
                        raise InputError(item, f"evidence span {s}:{e} is outside the text ({len(text)} chars)")
                    events.append(event)
                document = Document(
                    id=content_id(text),
                    text=text,
                    title=None,
                    published=published,
                    language=doc.get("language"),
                    source=source,
                    origin=item,
                )
                out.append(GoldDoc(document, tuple(events), item, bool(doc.get("published_estimated", False))))
    log.info("loaded %s gold documents, %s events", len(out), sum(len(d.events) for d in out))
    return out


# ---------------------------------------------------------------- matching helpers


def _norm(text: str | None) -> str:
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", stripped))


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _geonameid(entity: dict[str, Any]) -> int | None:
    if entity.get("geonameid") is not None:
        return int(entity["geonameid"])
    kb = entity.get("kb_id") or ""
    if kb.startswith("geonames:") and kb[9:].isdigit():
        return int(kb[9:])
    return None


def place_matches(gold: GoldPlace, entity: dict[str, Any]) -> bool:
    """A predicted place entity refers to the gold place (any one rule suffices)."""
    for m in entity.get("mentions") or []:
        if _overlaps(gold.span, (m["start"], m["end"])) > 0:
            return True
    gid = _geonameid(entity)
    if gold.geonameid is not None and gid is not None and int(gold.geonameid) == gid:
        return True
    if gold.name and _norm(gold.name) == _norm(entity.get("name")) and gold.country == entity.get("country"):
        return True
    lat, lon = entity.get("lat"), entity.get("lon")
    if None not in (gold.lat, gold.lon, lat, lon):
        return _km(gold.lat, gold.lon, float(lat), float(lon)) <= COORD_TOLERANCE_KM
    return False


@dataclass
class _Pred:
    """One predicted event with its place entities resolved."""

    raw: dict[str, Any]
    evidence: list[tuple[int, int]]
    places: list[tuple[str, dict[str, Any]]]  # (role, entity)
    # (role, mention span) of every other role's entities: actors and commodities
    actors: list[tuple[str, tuple[int, int]]] = field(default_factory=list)


def _prepare(facts: dict[str, Any]) -> list[_Pred]:
    entities = {e["id"]: e for e in facts.get("entities") or []}
    out = []
    for ev in facts.get("events") or []:
        places, actors = [], []
        for role, ids in (ev.get("roles") or {}).items():
            for ent_id in ids or []:
                if ent_id not in entities:
                    continue
                if role in PLACE_ROLES:
                    places.append((role, entities[ent_id]))
                else:
                    actors += [(role, (m["start"], m["end"])) for m in entities[ent_id].get("mentions") or []
                               if m.get("start") is not None and m.get("end") is not None]
        places.sort(key=lambda rp: PLACE_ROLES.index(rp[0]))
        out.append(_Pred(ev, [_span(s) for s in ev.get("evidence") or []], places, actors))
    return out


def _loose(g: GoldEvent, p: _Pred) -> bool:
    if g.type != p.raw.get("type"):
        return False
    if not g.places:
        return True
    return any(place_matches(gp, ent) for gp in g.places for _, ent in p.places)


def _time_right(g: GoldEvent, p: _Pred) -> bool:
    t = p.raw.get("time")
    return bool(t) and g.time is not None and t.get("start") == g.time.start and t.get("end") == g.time.end


def _strict(g: GoldEvent, p: _Pred) -> bool:
    return _loose(g, p) and (g.time is None or _time_right(g, p))


def _match(gold: tuple[GoldEvent, ...], preds: list[_Pred], rule) -> list[tuple[int, int]]:
    """Greedy one-to-one matching; pairs ranked by evidence overlap, then closeness."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if not rule(g, p):
                continue
            overlap = sum(_overlaps(g.evidence, e) for e in p.evidence)
            distance = min((abs(g.evidence[0] - e[0]) for e in p.evidence), default=10**9)
            pairs.append((-overlap, distance, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


# ---------------------------------------------------------------- attributes


def _quantity_right(g: GoldQuantity, pred: dict[str, Any] | None) -> bool:
    if not pred or pred.get("unit") != g.unit or pred.get("value") is None:
        return False
    value = float(pred["value"])
    if g.value == 0:
        return value == 0
    return abs(value - g.value) <= QUANTITY_TOLERANCE * abs(g.value)


def _speaker_right(g: GoldAttribution, pred: dict[str, Any], text: str) -> bool:
    speaker = pred.get("speaker")
    if not g.speaker and not speaker:
        return True
    if not g.speaker or not speaker:
        return False
    pred_span = _span(pred.get("speaker_span")) if pred.get("speaker_span") is not None else None
    if pred_span is not None and g.speaker_span is not None:
        if _overlaps(pred_span, g.speaker_span) > 0:
            return True
    elif g.speaker_span is not None:
        for m in re.finditer(re.escape(speaker), text):
            if _overlaps((m.start(), m.end()), g.speaker_span) > 0:
                return True
    gold_tokens, pred_tokens = set(_norm(g.speaker).split()), set(_norm(speaker).split())
    if not gold_tokens or not pred_tokens:
        return False
    dice = 2 * len(gold_tokens & pred_tokens) / (len(gold_tokens) + len(pred_tokens))
    return dice >= SPEAKER_TOKEN_OVERLAP


def _outlet(name: str | None) -> str:
    """An outlet's name for comparison: "the Guardian" and "Guardian" are one outlet (the gold
    files write both; the guideline's "as written" keeps whichever article the text has)."""
    return re.sub(r"^the ", "", _norm(name))


def _attribution_right(g: GoldAttribution, pred: dict[str, Any] | None, text: str) -> bool:
    pred = pred or {}
    if _outlet(g.source) != _outlet(pred.get("source")):
        return False
    if bool(g.analysis) != bool(pred.get("analysis", False)):
        return False
    return _speaker_right(g, pred, text)


def _places_right(g: GoldEvent, p: _Pred) -> bool:
    return all(any(role == gp.role and place_matches(gp, ent) for role, ent in p.places) for gp in g.places)


# ---------------------------------------------------------------- scoring


def _prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float | int]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "gold": n_gold, "predicted": n_pred, "precision": precision, "recall": recall, "f1": f1}


class _Tally:
    def __init__(self) -> None:
        self.tp: dict[str, int] = {}
        self.gold: dict[str, int] = {}
        self.pred: dict[str, int] = {}

    def add(self, table: dict[str, int], key: str, n: int = 1) -> None:
        table[key] = table.get(key, 0) + n

    def result(self) -> dict[str, Any]:
        keys = sorted(set(self.gold) | set(self.pred))
        return {k: _prf(self.tp.get(k, 0), self.gold.get(k, 0), self.pred.get(k, 0)) for k in keys}


def score_events(gold: list[GoldDoc], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare facts@1 dicts, one per gold document and in the same order, with the gold events."""
    if len(gold) != len(predicted):
        raise InputError("predicted facts", f"{len(predicted)} documents for {len(gold)} gold documents")
    tallies = {mode: {"type": _Tally(), "language": _Tally()} for mode in ("loose", "strict")}
    attrs = {name: [0, 0] for name in ATTRIBUTES}  # correct, total
    parts = {name: [0, 0] for name in ("source", "speaker", "analysis")}  # of attribution
    roles: dict[str, list[int]] = {}  # per role: gold role spans an entity of that role covers, gold role spans
    for gdoc, facts in zip(gold, predicted):
        pred_id = (facts.get("document") or {}).get("id")
        if pred_id and pred_id != gdoc.document.id:
            raise InputError(gdoc.item, f"predicted facts are for document {pred_id}, not {gdoc.document.id}")
        preds = _prepare(facts)
        lang = gdoc.document.language or "?"
        for mode, rule in (("loose", _loose), ("strict", _strict)):
            pairs = _match(gdoc.events, preds, rule)
            by_type, by_lang = tallies[mode]["type"], tallies[mode]["language"]
            for g in gdoc.events:
                by_type.add(by_type.gold, g.type)
            for p in preds:
                by_type.add(by_type.pred, p.raw.get("type", "?"))
            for gi, _ in pairs:
                by_type.add(by_type.tp, gdoc.events[gi].type)
            by_lang.add(by_lang.gold, lang, len(gdoc.events))
            by_lang.add(by_lang.pred, lang, len(preds))
            by_lang.add(by_lang.tp, lang, len(pairs))
            if mode != "loose":
                continue
            for gi, pi in pairs:
                g, p = gdoc.events[gi], preds[pi]
                checks = {
                    "time": _time_right(g, p) if g.time else None,
                    "place": _places_right(g, p) if g.places else None,
                    "quantity": _quantity_right(g.quantity, p.raw.get("quantity")) if g.quantity else None,
                    "attribution": _attribution_right(g.attribution, p.raw.get("attribution"), gdoc.document.text),
                    "modality": p.raw.get("modality", "fact") == g.modality,
                    "polarity": p.raw.get("polarity", "positive") == g.polarity,
                }
                for name, ok in checks.items():
                    if ok is None:
                        continue
                    attrs[name][1] += 1
                    attrs[name][0] += int(ok)
                pred_attr = p.raw.get("attribution") or {}
                for name, ok in (
                    ("source", _outlet(g.attribution.source) == _outlet(pred_attr.get("source"))),
                    ("speaker", _speaker_right(g.attribution, pred_attr, gdoc.document.text)),
                    ("analysis", bool(g.attribution.analysis) == bool(pred_attr.get("analysis", False))),
                ):
                    parts[name][1] += 1
                    parts[name][0] += int(ok)
                for role, spans in g.roles.items():
                    if role in PLACE_ROLES:
                        continue  # places are scored as "place"
                    tally = roles.setdefault(role, [0, 0])
                    for span in spans:
                        tally[1] += 1
                        tally[0] += int(any(r == role and _overlaps(span, m) > 0 for r, m in p.actors))
    result: dict[str, Any] = {
        "documents": len(gold),
        "gold_events": sum(len(d.events) for d in gold),
        "predicted_events": sum(len(f.get("events") or []) for f in predicted),
    }
    for mode in ("loose", "strict"):
        by_type = tallies[mode]["type"]
        total_tp, total_gold, total_pred = (sum(t.values()) for t in (by_type.tp, by_type.gold, by_type.pred))
        result[mode] = {
            "overall": _prf(total_tp, total_gold, total_pred),
            "by_type": by_type.result(),
            "by_language": tallies[mode]["language"].result(),
        }
    result["attributes"] = {
        name: {"correct": c, "total": n, "accuracy": (c / n if n else None)} for name, (c, n) in attrs.items()
    }
    # attribution is right when all three parts are; each part's accuracy on its own
    result["attribution_parts"] = {
        name: {"correct": c, "total": n, "accuracy": (c / n if n else None)} for name, (c, n) in parts.items()
    }
    # actors and commodities: the share of the gold role spans on matched events that a predicted entity in
    # the same role covers (a recall: gold roles that are no entity, "three police officers", count as missed)
    right, total = sum(c for c, _ in roles.values()), sum(n for _, n in roles.values())
    result["roles"] = {
        "overall": {"correct": right, "total": total, "accuracy": (right / total if total else None)},
        "by_role": {name: {"correct": c, "total": n, "accuracy": (c / n if n else None)}
                    for name, (c, n) in sorted(roles.items())},
    }
    return result


def _row(label: str, m: dict[str, Any]) -> str:
    return (
        f"{label:<22} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}"
        f" {m['tp']:>5} {m['gold']:>5} {m['predicted']:>5}"
    )


def format_events_report(result: dict[str, Any]) -> str:
    """Plain-text tables of ``score_events`` output, for the CLI."""
    lines = [
        f"documents {result['documents']}  gold events {result['gold_events']}"
        f"  predicted events {result['predicted_events']}",
    ]
    header = f"{'':<22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'gold':>5} {'pred':>5}"
    for mode, title in (("strict", "strict (type + place + time)"), ("loose", "loose (type + place)")):
        block = result[mode]
        lines += ["", title, header, _row("overall", block["overall"])]
        lines += [_row(t, m) for t, m in block["by_type"].items()]
        lines += [_row(f"lang={lang}", m) for lang, m in block["by_language"].items()]
    lines += ["", "on loosely matched events", f"{'attribute':<22} {'acc':>6} {'right':>5} {'of':>5}"]
    for name, a in result["attributes"].items():
        acc = f"{a['accuracy']:.3f}" if a["accuracy"] is not None else "-"
        lines.append(f"{name:<22} {acc:>6} {a['correct']:>5} {a['total']:>5}")
    roles = result.get("roles")
    if roles and roles["overall"]["total"]:
        lines += ["", "gold actor and commodity roles on loosely matched events, found in the same role",
                  f"{'role':<22} {'share':>6} {'found':>5} {'of':>5}"]
        for name, a in [("all roles", roles["overall"]), *roles["by_role"].items()]:
            acc = f"{a['accuracy']:.3f}" if a["accuracy"] is not None else "-"
            lines.append(f"{name:<22} {acc:>6} {a['correct']:>5} {a['total']:>5}")
    return "\n".join(lines)
