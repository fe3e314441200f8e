"""Train the sentence classifier of ``event_classifier.py`` on annotated documents.

    python -m crimegraph.extract.train_events [--data ../shared/data] [--out FILE] [--folds 5] [--no-teacher]

Training documents: the tuning part of the evaluation set (``crimegraph.evaluate.run.split_parts``)
plus every file in ``crimegraph/evaluate/gold/train/``. The held-out part's annotations are never
read; its texts are read only to leave out a training annotation that copies one (``evaluate.overlap``). A
sentence is labelled with the types of the gold events whose trigger lies in it. The
regularisation strength and the threshold for adding an event are chosen by document-grouped
cross-validation on the training documents: the best sentence-level F1, and among settings within
fold noise of it (0.005) the one whose additions are best calibrated out of fold. The report prints
the cross-validated figures. Needs scikit-learn (installed with the project) and the shared data folder.

The words-only model also learns from a teacher (``unlabeled_documents``, ``teacher_rows``): the shipped
``event_embeddings`` model, which reads each sentence's embedding, labels the sentences of about a
thousand reports nobody annotated (the InSight Crime articles of train.tsv without a training annotation
and La Jornada Zacatecas posts outside crime.jsonl that name crime), and those sentences join the
annotated ones. The embedding model is too slow for the default path; this hands some of what it reads
to the fast model. ``--no-teacher`` trains on the annotations alone.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crimegraph.extract.entities import MentionIndex
from crimegraph.extract.event_classifier import (EMBEDDING_MODEL_FILE, MODEL_FILE, SentenceClassifier,
                                                 SentenceEmbedder, add_time_features, logit, platt, sentence_features)
from crimegraph.extract.events import Sentence, rule_events, sentence_views
from crimegraph.model import EVENT_TYPES

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
TRAIN_GOLD_DIR = PACKAGE_DIR.parent / "evaluate" / "gold" / "train"
DEFAULT_OUT = PACKAGE_DIR / "models" / MODEL_FILE
EMBEDDING_OUT = PACKAGE_DIR / "models" / EMBEDDING_MODEL_FILE
# The factor on the (unit-length) sentence embedding beside the 0/1 word features: chosen by the same
# document-grouped cross-validation among 1, 3 and 10 (sentence-level F1 0.529, 0.538, 0.544 at
# C = 0.3 on the 1,005 training documents; words alone 0.536).
DENSE_SCALE = 10.0
PRE_EVENT_STAGES = ["nlp", "actors", "places", "times", "quantities", "entities"]
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = [round(0.05 * i, 2) for i in range(4, 19)]
MIN_FEATURE_COUNT = 2
MIN_TYPE_POSITIVES = 80  # labelled sentences a type needs for a threshold of its own
MIN_WEIGHT = 0.01  # smaller weights are left out of the shipped model (size; they move no decision)
F1_TIE = 0.005  # cross-validated F1 differences smaller than this are fold noise


@dataclass
class Row:
    """One sentence of a training document."""

    group: str  # the document, for grouped cross-validation
    features: list[str]
    found: frozenset[str]  # types the cue lexicon built an event for
    labels: frozenset[str]  # gold types whose trigger is in the sentence
    span: tuple[str, int, int] = ("", 0, 0)  # document id, sentence start and end


@dataclass
class CueExample:
    """A cue event of a training document, for fitting the cue events' confidence."""

    group: str  # the document, for grouped cross-validation
    document_id: str
    type: str
    start: int  # where its sentence starts
    features: dict[str, float]  # attribution.event_features
    right: bool  # the scorer's loose rule pairs it with a gold event


def training_documents(data_dir: Path) -> list[Any]:
    """Gold documents: the evaluation set's tuning part plus the training annotations."""
    return development_split(data_dir)[0]


def development_split(data_dir: Path) -> tuple[list[Any], list[Any]]:
    """(training documents, held-out documents), the gold sets read once: the evaluation set's tuning
    part plus the training annotations that copy no held-out text; and the held-out part."""
    from crimegraph.evaluate.events import load_gold
    from crimegraph.evaluate.overlap import overlapping
    from crimegraph.evaluate.run import load_sets, split_parts

    sets = load_sets(data_dir)
    tuning, held_out_keys = split_parts(sets)
    docs = [sets[name][i] for name, i in tuning]
    held_out = [sets[name][i] for name, i in held_out_keys]
    extra = sorted(TRAIN_GOLD_DIR.glob("*.jsonl"))
    if extra:
        annotated = load_gold(extra, data_dir)
        copies = overlapping(annotated, held_out)
        for doc, other, share in copies:
            log.warning("training annotation %s left out: %.0f%% of its text is in held-out document %s",
                        doc.item, 100 * share, other.item)
        dropped = {id(doc) for doc, _, _ in copies}
        docs += [d for d in annotated if id(d) not in dropped]
    return docs, held_out


# A La Jornada Zacatecas post that names crime at least ``_CRIME_HITS`` times is worth the teacher's reading.
_CRIME_WORDS = re.compile(
    r"narco|c[áa]rtel|secuestr|homicid|asesin|decomis|detenid|extorsi|crimen organizado|balacera|ejecutad|"
    r"levantad|fosa|sicari|plaza|mariguana|coca[íi]na|metanfetamina|lavado de dinero|autodefensa", re.IGNORECASE)
_CRIME_HITS = 3
TEACHER_SPANISH_POSTS = 700  # the first posts of ljz/all.jsonl.gz, in file order, that pass the filter


def unlabeled_documents(data_dir: Path, annotated: list[Any], held_out: list[Any],
                        spanish_posts: int = TEACHER_SPANISH_POSTS) -> list[Any]:
    """Reports nobody annotated, as gold documents without events: the InSight Crime articles of
    train.tsv that no training annotation covers, and the La Jornada Zacatecas posts of all.jsonl.gz outside
    crime.jsonl (whose posts the annotations draw from) that name crime at least three times and hold 400
    characters, up to ``spanish_posts``; none that copies a held-out text (``evaluate.overlap``)."""
    import datetime as dt

    from crimegraph.evaluate.events import GoldDoc
    from crimegraph.evaluate.overlap import overlapping
    from crimegraph.ingest.normalize import content_id, normalize_text
    from crimegraph.model import Document

    rows_taken = {int(d.item.rsplit(":", 1)[1]) for d in annotated if d.item.startswith("insightcrime/train.tsv:")}
    posts_taken = {d.item.split(":", 1)[1] for d in annotated if d.item.startswith("ljz/")}
    out: list[Any] = []
    csv.field_size_limit(sys.maxsize)
    with open(data_dir / "insightcrime" / "train.tsv", encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f, delimiter="\t")):
            if row and i not in rows_taken:
                text = normalize_text(row[0])
                out.append(GoldDoc(Document(id=content_id(text), text=text, language="en", source="InSight Crime"),
                                   (), f"insightcrime/train.tsv:{i}"))
    with open(data_dir / "ljz" / "crime.jsonl", encoding="utf-8") as f:
        crime_ids = {json.loads(line)["id"] for line in f if line.strip()}
    picked = 0
    with gzip.open(data_dir / "ljz" / "all.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if picked >= spanish_posts:
                break
            post = json.loads(line)
            if post["id"] in posts_taken or post["id"] in crime_ids:
                continue
            text = normalize_text(post.get("text") or "")
            if len(text) < 400 or len(_CRIME_WORDS.findall(text)) < _CRIME_HITS:
                continue
            published = dt.date.fromisoformat(post["published"][:10]) if post.get("published") else None
            out.append(GoldDoc(Document(id=content_id(text), text=text, language="es", published=published,
                                        source=post.get("outlet")), (), f"ljz/all.jsonl.gz:{post['id']}"))
            picked += 1
    copies = {id(doc) for doc, _, _ in overlapping(out, held_out)}
    return [d for d in out if id(d) not in copies]


def teacher_labels(probs: dict[str, float], teacher: Any) -> frozenset[str]:
    """The types the teacher decides a sentence states: those whose probability reaches its threshold for
    the type (cue events included: the teacher's probability, not the cue, labels the sentence)."""
    return frozenset(t for t, p in probs.items() if p >= teacher.threshold(t))


def teacher_rows(docs: list[Any], teacher: Any) -> list[Row]:
    """``sentence_rows`` of unannotated documents, labelled by ``teacher`` (a ``SentenceClassifier`` that
    reads sentence embeddings) from each sentence's words and embedding."""
    rows = sentence_rows(docs)
    vectors = row_vectors(rows, docs, teacher.embedder)
    return [Row(r.group, r.features, r.found, teacher_labels(teacher.probabilities(r.features, v), teacher), r.span)
            for r, v in zip(rows, vectors)]


def sentence_rows(gold_docs: list[Any], extractor: Any = None) -> list[Row]:
    """Features and labels of every sentence of the gold documents (headlines left out, as in detection)."""
    from crimegraph.extract.pipeline import Extractor

    extractor = extractor or Extractor(PRE_EVENT_STAGES)
    rows: list[Row] = []
    by_id = {g.document.id: g for g in gold_docs}
    for a in extractor.analyze_many([g.document for g in gold_docs]):
        gold = by_id[a.document.id]
        text = a.document.text
        sentences = [Sentence(s.start_char, s.end_char, s.text) for s in a.doc.sents]
        mentions = MentionIndex(a.entities)
        for view in sentence_views(text, sentences, mentions, a.times, a.quantities):
            if view.headline:
                continue
            found, levels = rule_events(text, view, a.lang, a.times)
            feats = add_time_features(sentence_features(view, a.lang, levels), view, a.times)
            labels = frozenset(ev.type for ev in gold.events
                               if ev.trigger and view.sent.start <= ev.trigger[0] < view.sent.end)
            rows.append(Row(gold.item, feats, frozenset(found), labels, (a.document.id, view.sent.start, view.sent.end)))
    return rows


def row_vectors(rows: list[Row], gold_docs: list[Any], embedder: Any = None) -> Any:
    """The ``SentenceEmbedder`` embedding of each row's sentence."""
    texts = {g.document.id: g.document.text for g in gold_docs}
    embedder = embedder or SentenceEmbedder()
    return embedder.embed([texts[doc][a:b] for doc, a, b in (r.span for r in rows)])


def cue_examples(gold_docs: list[Any]) -> list[CueExample]:
    """Every cue event of the gold documents (classifier off, none dropped), labelled by the scorer."""
    from crimegraph.evaluate.run import cue_predictions, label_predictions

    predicted = cue_predictions(gold_docs)
    out = []
    for gold, facts in zip(gold_docs, predicted):
        for ev, feats, right in label_predictions([gold], [facts]):
            out.append(CueExample(gold.item, gold.document.id, ev["type"], ev["evidence"][0]["start"], feats, right))
    return out


def _with_support(examples: list[CueExample], rows: list[Row], probs: list[dict[str, float]]) -> list[dict[str, float]]:
    """Each example's features plus ``type_logit``: the logit of its sentence's probability for its type."""
    by_doc: dict[str, list[tuple[int, int, dict[str, float]]]] = {}
    for r, p in zip(rows, probs):
        by_doc.setdefault(r.span[0], []).append((r.span[1], r.span[2], p))
    out = []
    for ex in examples:
        prob = next((p.get(ex.type, 0.0) for a, b, p in by_doc.get(ex.document_id, ()) if a <= ex.start < b), None)
        if prob is None:
            raise ValueError(f"{ex.group}: no sentence starts at or holds offset {ex.start}")
        out.append({**ex.features, "type_logit": logit(prob)})
    return out


CONFIDENCE_FLOORS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def _grouped_fit_quality(features: list[dict[str, float]], examples: list[CueExample], folds: int) -> dict[str, Any]:
    """Log loss and ROC AUC of the confidence model, out of fold (folds grouped by document), and the
    events kept at each confidence floor: how many, and the share of them that are right."""
    from sklearn.metrics import log_loss, roc_auc_score
    from sklearn.model_selection import GroupKFold

    from crimegraph.evaluate.run import fit_confidence
    from crimegraph.extract.attribution import confidence_from

    pred = [0.0] * len(examples)
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(examples, groups=[e.group for e in examples]):
        weights, prior = fit_confidence([features[i] for i in train_idx], [examples[i].type for i in train_idx],
                                        [examples[i].right for i in train_idx])
        for i in test_idx:
            pred[i] = confidence_from(features[i], examples[i].type, weights, prior)
    labels = [int(e.right) for e in examples]
    kept = {}
    for floor in CONFIDENCE_FLOORS:
        above = [y for p, y in zip(pred, labels) if p >= floor]
        kept[str(floor)] = {"events": len(above), "right": sum(above),
                            "precision": round(sum(above) / len(above), 4) if above else None}
    return {"log_loss": round(float(log_loss(labels, pred)), 4), "roc_auc": round(float(roc_auc_score(labels, pred)), 4),
            "kept_at": kept}


def fit_cue_confidence(examples: list[CueExample], rows: list[Row], probs: list[dict[str, float]],
                       folds: int = 5) -> tuple[dict[str, Any], dict[str, Any]]:
    """The cue events' confidence model for use with the classifier: attribution's features plus
    ``type_logit`` from the classifier's out-of-fold ``probs``, so that the fit never sees a
    probability from a model trained on the event's own document. Returns ({"weights", "prior"},
    a report comparing it with the features alone, out of fold)."""
    from crimegraph.evaluate.run import fit_confidence

    from crimegraph.extract.attribution import MIN_CONFIDENCE

    stacked = _with_support(examples, rows, probs)
    weights, prior = fit_confidence(stacked, [e.type for e in examples], [e.right for e in examples])
    alone = _grouped_fit_quality([e.features for e in examples], examples, folds)
    both = _grouped_fit_quality(stacked, examples, folds)
    floor = stacked_floor(alone["kept_at"], both["kept_at"], MIN_CONFIDENCE)
    report = {"events": len(examples), "right": sum(e.right for e in examples),
              "cue_features_alone": alone, "with_type_logit": both, "min_confidence": floor}
    return {"weights": weights, "prior": prior, "min_confidence": floor}, report


def stacked_floor(alone: dict[str, dict[str, Any]], both: dict[str, dict[str, Any]], cue_floor: float) -> float:
    """The confidence floor of the stacked model: the lowest floor whose events are, out of fold, at
    least as precise as the cue-only model's at its own floor ``cue_floor`` and no more numerous, so
    that the better ranking buys precision, not volume; ``cue_floor`` when there is none."""
    target = alone.get(str(cue_floor), {})
    if target.get("precision") is None:
        return cue_floor
    for floor in CONFIDENCE_FLOORS:
        kept = both[str(floor)]
        if (kept["precision"] is not None and kept["precision"] >= target["precision"]
                and kept.get("events", 0) <= target.get("events", 0)):
            return floor
    return cue_floor


def _matrix(rows: list[Row], vocab: dict[str, int], dense: Any = None) -> Any:
    """The 0/1 word features of ``rows``; with ``dense`` (one scaled embedding per row), those beside."""
    from scipy.sparse import csr_matrix, hstack

    indptr, indices = [0], []
    for r in rows:
        indices.extend(sorted({vocab[f] for f in r.features if f in vocab}))
        indptr.append(len(indices))
    words = csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), len(vocab)))
    return words if dense is None else hstack([words, csr_matrix(dense)]).tocsr()


def _vocab(rows: list[Row]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        for f in r.features:
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    return {f: i for i, f in enumerate(kept)}


def _fit(X: Any, y: list[int], C: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    if sum(y) == 0:
        return None
    model = LogisticRegression(C=C, solver="liblinear", max_iter=1000)
    model.fit(X, y)
    return model


def out_of_fold(rows: list[Row], types: list[str], C: float, folds: int, dense: Any = None) -> list[dict[str, float]]:
    """Each sentence's probabilities from a model that did not see its document (``dense``: the rows'
    scaled sentence embeddings, or None for words alone)."""
    from sklearn.model_selection import GroupKFold

    groups = [r.group for r in rows]
    probs: list[dict[str, float]] = [{} for _ in rows]
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(rows, groups=groups):
        train_rows = [rows[i] for i in train_idx]
        vocab = _vocab(train_rows)
        X_train = _matrix(train_rows, vocab, None if dense is None else dense[train_idx])
        X_test = _matrix([rows[i] for i in test_idx], vocab, None if dense is None else dense[test_idx])
        for etype in types:
            model = _fit(X_train, [int(etype in r.labels) for r in train_rows], C)
            p = model.predict_proba(X_test)[:, 1] if model is not None else [0.0] * len(test_idx)
            for i, pi in zip(test_idx, p):
                probs[i][etype] = float(pi)
    return probs


def decision_scores(rows: list[Row], probs: list[dict[str, float]], add: float) -> dict[str, float]:
    """Sentence-type precision, recall and F1 of cue events plus the classifier's additions at ``add``."""
    tp = n_pred = n_gold = 0
    for r, p in zip(rows, probs):
        pred = set(r.found) | {t for t, pt in p.items() if pt >= add}
        tp += len(pred & r.labels)
        n_pred += len(pred)
        n_gold += len(r.labels)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "tp": tp,
            "predicted": n_pred, "gold": n_gold}


def best_threshold(rows: list[Row], probs: list[dict[str, float]]) -> tuple[float, dict[str, float]]:
    """The ``add`` threshold with the best F1; among near-ties (within 0.005) the higher precision."""
    best: tuple[float, dict[str, float]] | None = None
    for add in THRESHOLDS:
        s = decision_scores(rows, probs, add)
        if (best is None or s["f1"] > best[1]["f1"] + 0.005
                or (s["f1"] >= best[1]["f1"] - 0.005 and s["precision"] > best[1]["precision"])):
            best = (add, s)
    assert best is not None
    return best


def type_thresholds(rows: list[Row], probs: list[dict[str, float]], add: float,
                    min_positive: int = MIN_TYPE_POSITIVES) -> dict[str, float]:
    """Per-type ``add`` thresholds for the types with at least ``min_positive`` labelled sentences:
    for each, the threshold that maximises its own sentence-level F1 (cue events included), kept
    only where it beats the global threshold by more than 0.01."""
    out: dict[str, float] = {}
    for etype in sorted({t for r in rows for t in r.labels}):
        if sum(etype in r.labels for r in rows) < min_positive:
            continue
        sub = [{etype: p.get(etype, 0.0)} for p in probs]
        typed = [Row(r.group, r.features, r.found & {etype}, r.labels & {etype}) for r in rows]
        base = decision_scores(typed, sub, add)["f1"]
        best, best_f1 = add, base
        for t in THRESHOLDS:
            f1 = decision_scores(typed, sub, t)["f1"]
            if f1 > best_f1 + 1e-9:
                best, best_f1 = t, f1
        if best != add and best_f1 > base + 0.01:
            out[etype] = best
    return out


def _additions(rows: list[Row], probs: list[dict[str, float]], add: float,
               by_type: dict[str, float]) -> list[tuple[float, bool]]:
    """(probability, right) of each event the classifier would add."""
    return [(p[t], t in r.labels) for r, p in zip(rows, probs) for t in p
            if t not in r.found and p[t] >= by_type.get(t, add)]


def fit_calibration(rows: list[Row], probs: list[dict[str, float]], add: float,
                    by_type: dict[str, float]) -> tuple[float, float]:
    """Platt scaling of the additions' out-of-fold probabilities: (a, b) with confidence =
    sigmoid(a * logit(p) + b)."""
    from sklearn.linear_model import LogisticRegression

    pairs = _additions(rows, probs, add, by_type)
    if len({y for _, y in pairs}) < 2:
        return 1.0, 0.0
    x = [[logit(p)] for p, _ in pairs]
    model = LogisticRegression(C=1e6, max_iter=1000).fit(x, [int(y) for _, y in pairs])
    return round(float(model.coef_[0][0]), 4), round(float(model.intercept_[0]), 4)


def additions_ece(rows: list[Row], probs: list[dict[str, float]], add: float, by_type: dict[str, float],
                  calibration: tuple[float, float] = (1.0, 0.0), bins: int = 5) -> float:
    """Expected calibration error of the events the classifier would add (their confidence,
    after ``calibration``, against whether the sentence holds a gold event of that type), on
    equal-width bins."""
    from crimegraph.evaluate.run import calibration as reliability

    pairs = [(platt(p, calibration), y) for p, y in _additions(rows, probs, add, by_type)]
    return reliability([p for p, _ in pairs], [y for _, y in pairs], bins)["ece"] or 0.0


def _scores_by_type(rows: list[Row], probs: list[dict[str, float]], add: float,
                    by_type: dict[str, float]) -> dict[str, float]:
    shifted = [{t: p.get(t, 0.0) - by_type.get(t, add) + add for t in p} for p in probs]
    return decision_scores(rows, shifted, add)


def train(rows: list[Row], folds: int = 5, c_grid: tuple[float, ...] = C_GRID, per_type: bool = True,
          examples: list[CueExample] | None = None, vectors: Any = None) -> tuple[SentenceClassifier, dict[str, Any]]:
    """Choose, fit and report the sentence classifier; with ``examples`` (``cue_examples``) also fit
    the cue events' confidence model that goes with it (``fit_cue_confidence``); with ``vectors``
    (``SentenceEmbedder`` embeddings, one per row) a model that reads them beside the words."""
    dense = None if vectors is None else vectors * DENSE_SCALE
    embedding = None if vectors is None else SentenceEmbedder.name
    types = sorted(EVENT_TYPES)
    cue_only = decision_scores(rows, [{} for _ in rows], 1.0)
    report: dict[str, Any] = {"sentences": len(rows), "documents": len({r.group for r in rows}),
                              "positive_sentences": sum(1 for r in rows if r.labels), "cue_rules_alone": cue_only,
                              "grid": []}
    candidates: list[tuple[Any, ...]] = []
    for C in c_grid:
        probs = out_of_fold(rows, types, C, folds, dense)
        add, scores = best_threshold(rows, probs)
        by_type = type_thresholds(rows, probs, add) if per_type else {}
        if by_type:
            # the per-type thresholds are chosen on the same folds: an optimistic figure, printed apart
            report_scores = _scores_by_type(rows, probs, add, by_type)
        else:
            report_scores = scores
        ece = round(additions_ece(rows, probs, add, by_type), 4)
        report["grid"].append({"C": C, "add": add, **scores, "add_by_type": by_type,
                               "with_type_thresholds": report_scores, "additions_ece": ece})
        log.info("C=%s add=%s %s by type %s ECE %s", C, add, scores, by_type, ece)
        candidates.append((C, add, scores, by_type, ece, probs))
    # the best F1; among those within F1_TIE of it (fold noise), the best-calibrated additions
    best_f1 = max(c[2]["f1"] for c in candidates)
    C, add, scores, by_type, _ece, probs = min((c for c in candidates if c[2]["f1"] >= best_f1 - F1_TIE),
                                               key=lambda c: c[4])
    calibration = fit_calibration(rows, probs, add, by_type)
    report["calibration"] = {"a": calibration[0], "b": calibration[1],
                             "additions_ece_before": round(additions_ece(rows, probs, add, by_type), 4),
                             "additions_ece_after": round(additions_ece(rows, probs, add, by_type, calibration), 4)}
    report["chosen"] = {"C": C, "add": add, "add_by_type": by_type, "cross_validated": scores}
    vocab = _vocab(rows)
    X = _matrix(rows, vocab, dense)
    names = sorted(vocab, key=vocab.get)
    weights: dict[str, dict[str, float]] = {}
    intercepts: dict[str, float] = {}
    dense_weights: dict[str, list[float]] = {}
    for etype in types:
        model = _fit(X, [int(etype in r.labels) for r in rows], C)
        if model is None:
            weights[etype], intercepts[etype] = {}, -30.0
            continue
        coef = model.coef_[0]
        weights[etype] = {names[j]: round(float(coef[j]), 3) for j in range(len(names)) if abs(coef[j]) >= MIN_WEIGHT}
        intercepts[etype] = round(float(model.intercept_[0]), 4)
        if dense is not None:
            dense_weights[etype] = [round(float(w), 4) for w in coef[len(names):]]
    meta = {"trained_on": report["documents"], "sentences": len(rows), "C": C,
            "cross_validated": scores, "cue_rules_alone": cue_only}
    if embedding is not None:
        meta["embedding"] = {"name": embedding, "scale": DENSE_SCALE}
    cue_confidence: dict[str, Any] = {}
    if examples:
        cue_confidence, report["cue_confidence"] = fit_cue_confidence(examples, rows, probs, folds)
        meta["cue_confidence"] = report["cue_confidence"]
    return SentenceClassifier(types, weights, intercepts, add, meta, by_type, calibration, cue_confidence,
                              embedding, dense_weights, DENSE_SCALE if embedding is not None else 1.0), report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crimegraph.extract.train_events", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=PACKAGE_DIR.parent.parent.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--embeddings", action="store_true",
                        help=f"also read each sentence's embedding (the event_embeddings model; default --out {EMBEDDING_OUT.name})")
    parser.add_argument("--no-teacher", action="store_true",
                        help="train the words-only model on the annotations alone, without the sentences of "
                             "unannotated reports labelled by the shipped event_embeddings model")
    args = parser.parse_args(argv)
    if args.embeddings and args.out == DEFAULT_OUT:
        args.out = EMBEDDING_OUT
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.data.is_dir():
        print(f"error: shared data folder {args.data} not found; pass --data", file=sys.stderr)
        return 3
    t0 = time.time()
    docs, held_out = development_split(args.data)
    rows = sentence_rows(docs)
    vectors = row_vectors(rows, docs) if args.embeddings else None
    taught: list[Row] = []
    if not args.embeddings and not args.no_teacher:
        teacher = SentenceClassifier.load(filename=EMBEDDING_MODEL_FILE)
        unlabeled = unlabeled_documents(args.data, docs, held_out)
        taught = teacher_rows(unlabeled, teacher)
        log.info("teacher: %d sentences of %d unannotated reports, %d with a type", len(taught), len(unlabeled),
                 sum(1 for r in taught if r.labels))
    model, report = train(rows + taught, folds=args.folds, examples=cue_examples(docs), vectors=vectors)
    if taught:
        report["teacher"] = {"model": EMBEDDING_MODEL_FILE, "sentences": len(taught),
                             "documents": len({r.group for r in taught}),
                             "sentences_with_a_type": sum(1 for r in taught if r.labels)}
        model.meta["teacher"] = report["teacher"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(model.to_bytes())
    report["seconds"] = round(time.time() - t0, 1)
    report["model"] = str(args.out)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
