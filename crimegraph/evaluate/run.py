"""`crimegraph eval events`: run the full extractor over the annotated sets and score them.

Gold sources:

- the JSONL gold files shipped with the package (offsets and labels only; the texts are joined
  from the shared evaluation data at run time): ``insightcrime-dev-a``, ``insightcrime-dev-b``,
  ``news-es-pt``;
- ``samples``: the project's own sample reports with the facts in ``samples/expected.yaml``
  (converted by ``crimegraph.evaluate.samples_gold``).

Scores are reported per gold set (``by_set``) and for two fixed parts (``tuning`` and
``held_out``). Tuning = ``insightcrime-dev-a`` + the English samples + the even positions of the
Spanish/Portuguese samples sorted by file; held-out = ``insightcrime-dev-b`` + ``news-es-pt`` + the
odd positions. Rules are developed on the tuning part only. Every facts document produced is also
checked against the facts@1 schema, and the number of invalid ones is part of the result.

``python -m crimegraph.evaluate.run --calibrate`` fits the confidence weights of
``crimegraph.extract.attribution`` on the cue events of the development documents (the tuning
part plus the training annotations; a predicted event is correct when the scorer's loose rule
matches it to a gold event) and prints them with the calibration of the current and the new
weights on the held-out part.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from crimegraph.errors import ResourceMissing

__all__ = [
    "gold_files",
    "SAMPLES",
    "TUNING_FILES",
    "HELD_OUT_FILES",
    "load_sets",
    "split_parts",
    "default_extractor",
    "evaluate_extraction",
    "format_extraction_report",
    "predict",
    "label_predictions",
    "calibration",
    "fit_confidence",
    "strict_threshold_table",
    "main",
]

log = logging.getLogger(__name__)

SAMPLES = "samples"
TUNING_FILES = ("insightcrime-dev-a",)
HELD_OUT_FILES = ("insightcrime-dev-b", "news-es-pt")
# Stages used for evaluation: everything the events need (topics are scored elsewhere).
EVENT_STAGES = ("nlp", "actors", "places", "times", "quantities", "entities", "events")


def gold_files() -> list[Path]:
    folder = resources.files("crimegraph.evaluate") / "gold"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))


def default_extractor() -> Any:
    from crimegraph.extract.pipeline import Extractor

    return Extractor(stages=list(EVENT_STAGES))


def predict(gold: list[Any], extractor: Any = None) -> list[dict[str, Any]]:
    extractor = extractor or default_extractor()
    return [f.to_dict() for f in extractor.extract_many([g.document for g in gold])]


def _set_name(path: Path) -> str:
    return path.name[: -len(".jsonl")] if path.name.endswith(".jsonl") else path.stem


def load_sets(data_dir: Path | None, gold: list[str] | None = None, limit: int | None = None) -> dict[str, list[Any]]:
    """Gold documents by set name. ``gold`` lists JSONL paths and/or ``"samples"``; default: all.

    The JSONL sets need the shared evaluation data in ``data_dir``; ``limit`` keeps the first N
    documents of each set.
    """
    from crimegraph.evaluate.events import load_gold
    from crimegraph.evaluate.samples_gold import samples_gold

    entries: list[str | Path] = list(gold) if gold else [*gold_files(), SAMPLES]
    sets: dict[str, list[Any]] = {}
    for entry in entries:
        if str(entry) == SAMPLES:
            sets[SAMPLES] = samples_gold()
        else:
            if data_dir is None or not Path(data_dir).is_dir():
                raise ResourceMissing(f"shared evaluation data not found at {data_dir} (use --data)")
            path = Path(entry)
            sets[_set_name(path)] = load_gold([path], Path(data_dir))
        if limit:
            sets[list(sets)[-1]] = sets[list(sets)[-1]][:limit]
    return sets


def split_parts(sets: dict[str, list[Any]]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(tuning, held_out) as (set name, index in the set) pairs; see the module docstring."""
    from crimegraph.evaluate.samples_gold import split_samples

    tuning: list[tuple[str, int]] = []
    held_out: list[tuple[str, int]] = []
    for name, docs in sets.items():
        if name == SAMPLES:
            tune_docs, _ = split_samples(docs)
            tune_ids = {id(d) for d in tune_docs}
            for i, d in enumerate(docs):
                (tuning if id(d) in tune_ids else held_out).append((name, i))
        elif name in TUNING_FILES:
            tuning += [(name, i) for i in range(len(docs))]
        else:  # the held-out files, and any other file given on the command line
            held_out += [(name, i) for i in range(len(docs))]
    return tuning, held_out


def evaluate_extraction(data_dir: Path | None, gold: list[str] | None = None, limit: int | None = None,
                        extractor: Any = None) -> dict[str, Any]:
    """Extract every gold document once and score per set, tuning part and held-out part."""
    from crimegraph.evaluate.events import score_events
    from crimegraph.schema.validate import validate_facts

    sets = load_sets(Path(data_dir) if data_dir is not None else None, gold, limit)
    started = time.perf_counter()
    predicted = {name: predict(docs, extractor or _shared_extractor()) for name, docs in sets.items()}
    seconds = time.perf_counter() - started
    tuning, held_out = split_parts(sets)

    def block(keys: list[tuple[str, int]]) -> dict[str, Any]:
        gold_docs, facts = [sets[n][i] for n, i in keys], [predicted[n][i] for n, i in keys]
        return {**score_events(gold_docs, facts), "by_confidence": confidence_floors(gold_docs, facts)}

    invalid = [f["document"]["id"] for preds in predicted.values() for f in preds if validate_facts(f)]
    return {
        "documents": sum(len(d) for d in sets.values()),
        "gold_files": list(sets),
        "schema_invalid": len(invalid),
        "seconds": round(seconds, 2),
        "tuning": block(tuning),
        "held_out": block(held_out),
        "by_set": {name: score_events(docs, predicted[name]) for name, docs in sets.items()},
    }


CONFIDENCE_FLOORS = (0.5, 0.6, 0.7, 0.8, 0.9)


def confidence_floors(gold_docs: list[Any], predicted: list[dict[str, Any]],
                      floors: tuple[float, ...] = CONFIDENCE_FLOORS) -> list[dict[str, Any]]:
    """Strict precision, recall and F1 when only events whose shipped confidence is at least each
    floor are kept: what an analyst who filters by confidence (web app, API, export) can expect."""
    from crimegraph.evaluate.events import score_events
    from crimegraph.report.export import events_at_or_above

    rows = []
    for floor in floors:
        kept = [{**d, "events": events_at_or_above(d, floor)} for d in predicted]
        m = score_events(gold_docs, kept)["strict"]["overall"]
        rows.append({"min_confidence": floor, "events": int(m["predicted"]),
                     **{k: round(float(m[k]), 3) for k in ("precision", "recall", "f1")}})
    return rows


_EXTRACTOR: list[Any] = []


def _shared_extractor() -> Any:
    if not _EXTRACTOR:
        _EXTRACTOR.append(default_extractor())
    return _EXTRACTOR[0]


# ---------------------------------------------------------------- report


def _prf(m: dict[str, Any]) -> str:
    return f"{m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} {m['tp']:>5} {m['gold']:>5} {m['predicted']:>5}"


def _block_lines(title: str, score: dict[str, Any]) -> list[str]:
    head = f"{'':<24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'gold':>5} {'pred':>5}"
    strict, loose = score["strict"], score["loose"]
    lines = [f"== {title}: {score['documents']} documents, {score['gold_events']} gold events, "
             f"{score['predicted_events']} predicted", head,
             f"{'strict overall':<24} {_prf(strict['overall'])}",
             f"{'loose overall':<24} {_prf(loose['overall'])}"]
    lines += [f"{'strict lang=' + lang:<24} {_prf(m)}" for lang, m in strict["by_language"].items()]
    lines += [f"{'strict ' + t:<24} {_prf(m)}" for t, m in strict["by_type"].items()]
    attrs = "  ".join(
        f"{name} {a['accuracy']:.3f} ({a['correct']}/{a['total']})" if a["accuracy"] is not None else f"{name} -"
        for name, a in score["attributes"].items()
    )
    lines.append(f"attributes on loose pairs: {attrs}")
    if score.get("attribution_parts"):
        parts = "  ".join(f"{name} {a['accuracy']:.3f}" for name, a in score["attribution_parts"].items()
                          if a["accuracy"] is not None)
        lines.append(f"attribution parts: {parts}")
    if score.get("by_confidence"):
        floors = "  ".join(f">={r['min_confidence']}: P {r['precision']:.3f} R {r['recall']:.3f} ({r['events']})"
                           for r in score["by_confidence"])
        lines.append(f"strict, events kept by confidence: {floors}")
    return lines


def format_extraction_report(result: dict[str, Any]) -> str:
    """Compact tables: tuning part, held-out part, then each gold set."""
    lines = [f"{result['documents']} documents from {', '.join(result['gold_files'])}; "
             f"{result['schema_invalid']} facts documents failed the schema; {result['seconds']} s"]
    for key, title in (("tuning", "TUNING"), ("held_out", "HELD-OUT")):
        lines += [""] + _block_lines(title, result[key])
    for name, score in result["by_set"].items():
        lines += [""] + _block_lines(f"set {name}", score)
    return "\n".join(lines)


# ---------------------------------------------------------------- confidence calibration


def label_predictions(gold_docs: list[Any], predicted: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, float], bool]]:
    """Each predicted event with its confidence features and whether the scorer's loose rule pairs
    it with a gold event."""
    from crimegraph.evaluate.events import _loose, _match, _prepare  # the scorer's own matching
    from crimegraph.extract.attribution import facts_features

    out = []
    for gdoc, facts in zip(gold_docs, predicted):
        preds = _prepare(facts)
        matched = {pi for _, pi in _match(gdoc.events, preds, _loose)}
        feats = facts_features(facts)
        out += [(p.raw, feats[i], i in matched) for i, p in enumerate(preds)]
    return out


def calibration(probs: list[float], labels: list[bool], bins: int = 10) -> dict[str, Any]:
    """Expected calibration error and reliability bins (equal-width on the predicted probability)."""
    rows = []
    ece = 0.0
    n = len(probs)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not idx:
            continue
        mean_p = sum(probs[i] for i in idx) / len(idx)
        acc = sum(labels[i] for i in idx) / len(idx)
        ece += len(idx) / n * abs(mean_p - acc)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(idx), "mean_confidence": round(mean_p, 3),
                     "accuracy": round(acc, 3)})
    brier = sum((p - float(y)) ** 2 for p, y in zip(probs, labels)) / n if n else None
    return {"events": n, "ece": round(ece, 4) if n else None, "brier": round(brier, 4) if n else None, "bins": rows}


def fit_confidence(features: list[dict[str, float]], types: list[str], labels: list[bool],
                   c: float = 1.0) -> tuple[dict[str, float], dict[str, float]]:
    """Logistic weights (CONFIDENCE_WEIGHTS form) and per-type offsets (TYPE_PRIOR), L2-regularized."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from crimegraph.model import EVENT_TYPES

    names = [k for k in features[0] if k != "bias"]
    x = np.array([[f[k] for k in names] + [float(t == u) for u in EVENT_TYPES] for f, t in zip(features, types)])
    y = np.array([int(v) for v in labels])
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    coef = model.coef_[0]
    weights = {"bias": round(float(model.intercept_[0]), 3)}
    weights.update({k: round(float(w), 3) for k, w in zip(names, coef[: len(names)])})
    prior = {t: round(float(w), 3) for t, w in zip(EVENT_TYPES, coef[len(names):])}
    return weights, prior


def best_threshold(probs: list[float], labels: list[bool], n_gold: int) -> tuple[float, float]:
    """(threshold, F1) maximising the loose F1 when events below the threshold are dropped."""
    best = (0.0, 0.0)
    for step in range(0, 90):
        t = step / 100
        kept = [y for p, y in zip(probs, labels) if p >= t]
        tp = sum(kept)
        if not kept or not tp:
            continue
        prec, rec = tp / len(kept), tp / n_gold
        f1 = 2 * prec * rec / (prec + rec)
        if f1 > best[1] + 1e-9:
            best = (t, f1)
    return best


def strict_threshold_table(gold_docs: list[Any], predicted: list[dict[str, Any]], weights: dict[str, float],
                           prior: dict[str, float],
                           thresholds: tuple[float, ...] = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)) -> list[dict[str, Any]]:
    """Strict precision, recall and F1 of the part when events whose confidence under (weights,
    prior) is below each threshold are dropped: the table the shipped threshold is chosen from
    (precision first)."""
    from crimegraph.evaluate.events import score_events
    from crimegraph.extract.attribution import confidence_from, facts_features

    probs = [[confidence_from(f, ev["type"], weights, prior) for f, ev in zip(facts_features(d), d.get("events") or [])]
             for d in predicted]
    rows = []
    for t in thresholds:
        kept = [{**d, "events": [ev for ev, p in zip(d.get("events") or [], ps) if p >= t]}
                for d, ps in zip(predicted, probs)]
        m = score_events(gold_docs, kept)["strict"]["overall"]
        rows.append({"threshold": t, **{k: round(float(m[k]), 3) for k in ("precision", "recall", "f1")}})
    return rows


def cue_predictions(gold_docs: list[Any], extractor: Any = None) -> list[dict[str, Any]]:
    """facts@1 dicts of the cue events alone (``event_classifier=None`` unless ``extractor`` is
    given), none dropped for low confidence: the events a confidence model is fitted on."""
    import crimegraph.extract.attribution as attribution
    from crimegraph.extract.pipeline import Extractor

    extractor = extractor or Extractor(stages=list(EVENT_STAGES), event_classifier=None)
    saved = attribution.MIN_CONFIDENCE
    attribution.MIN_CONFIDENCE = 0.0
    try:
        return predict(gold_docs, extractor)
    finally:
        attribution.MIN_CONFIDENCE = saved


def calibrate(data_dir: Path, extractor: Any = None) -> dict[str, Any]:
    """Fit the cue events' confidence weights on the development documents (the tuning part plus
    the training annotations, as for the sentence classifier; no events dropped while predicting)
    and report the calibration of the current and the new weights on the held-out part.

    The fit reads cue events only (``event_classifier=None``): the classifier's additions carry
    their own Platt-scaled confidence, and the classifier is trained on these same documents."""
    import crimegraph.extract.attribution as attribution
    from crimegraph.extract.train_events import training_documents

    sets = load_sets(Path(data_dir))
    development = training_documents(Path(data_dir))
    _, held_out = split_parts(sets)
    held = [sets[n][i] for n, i in held_out]
    dev_predicted = cue_predictions(development, extractor)
    held_predicted = cue_predictions(held, extractor)

    train = label_predictions(development, dev_predicted)
    test = label_predictions(held, held_predicted)
    weights, prior = fit_confidence([f for _, f, _ in train], [e["type"] for e, _, _ in train], [y for _, _, y in train])
    fitted = [attribution.confidence_from(f, e["type"], weights, prior) for e, f, _ in train]
    n_gold = sum(len(d.events) for d in development)
    threshold, f1 = best_threshold(fitted, [y for _, _, y in train], n_gold)
    test_labels = [y for _, _, y in test]
    table = strict_threshold_table(development, dev_predicted, weights, prior)
    return {
        "strict_by_threshold": table,
        "weights": weights,
        "type_prior": prior,
        "min_confidence": threshold,
        "tuning_loose_f1_at_threshold": round(f1, 4),
        "development_documents": len(development),
        "tuning_events": len(train),
        "tuning_correct": sum(y for _, _, y in train),
        "tuning_fitted": calibration(fitted, [y for _, _, y in train]),
        "held_out_current": calibration([attribution.confidence_from(f, e["type"]) for e, f, _ in test], test_labels),
        "held_out_fitted": calibration([attribution.confidence_from(f, e["type"], weights, prior) for e, f, _ in test],
                                       test_labels),
        **detector_calibration(held),
    }


def detector_calibration(gold_docs: list[Any], bins: int = 5) -> dict[str, Any]:
    """Calibration of the shipped extractor's confidences on ``gold_docs``, apart for the cue events
    (those the cue lexicon alone also finds) and the sentence classifier's additions."""
    from crimegraph.extract.pipeline import Extractor

    full = predict(gold_docs, Extractor(stages=list(EVENT_STAGES)))
    cues = predict(gold_docs, Extractor(stages=list(EVENT_STAGES), event_classifier=None))
    cue_keys = {(d["document"]["id"], e["type"], e["evidence"][0]["start"]) for d in cues for e in d["events"]}
    rows: dict[str, list[tuple[float, bool]]] = {"cue": [], "classifier": []}
    for (event, _features, ok), doc_id in zip(label_predictions(gold_docs, full),
                                              (d["document"]["id"] for d in full for _ in d["events"])):
        key = (doc_id, event["type"], event["evidence"][0]["start"])
        rows["cue" if key in cue_keys else "classifier"].append((float(event["confidence"]), ok))
    return {f"held_out_shipped_{name}": calibration([p for p, _ in r], [y for _, y in r], bins)
            for name, r in rows.items()}


def format_calibration(result: dict[str, Any]) -> str:
    lines = [f"fitted on {result['tuning_events']} cue events of {result['development_documents']} development "
             f"documents ({result['tuning_correct']} loosely correct)",
             "CONFIDENCE_WEIGHTS = " + json.dumps(result["weights"], indent=4),
             "TYPE_PRIOR = " + json.dumps(result["type_prior"], indent=4),
             f"loose-F1 optimum on the development documents: {result['min_confidence']} "
             f"(loose F1 {result['tuning_loose_f1_at_threshold']}); MIN_CONFIDENCE is chosen from the strict table "
             "below, precision first"]
    lines += ["", "development documents, strict scores when events under the threshold are dropped (new weights):",
              f"{'threshold':<10} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{r['threshold']:<10} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}"
              for r in result["strict_by_threshold"]]
    for key in ("tuning_fitted", "held_out_current", "held_out_fitted", "held_out_shipped_cue",
                "held_out_shipped_classifier"):
        c = result[key]
        lines += ["", f"{key}: {c['events']} events, ECE {c['ece']}, Brier {c['brier']}",
                  f"{'bin':<10} {'n':>5} {'conf':>6} {'acc':>6}"]
        lines += [f"{r['bin']:<10} {r['n']:>5} {r['mean_confidence']:>6.3f} {r['accuracy']:>6.3f}" for r in c["bins"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crimegraph.evaluate.run", description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data"),
                        help="shared evaluation data folder")
    parser.add_argument("--gold", nargs="*", help="gold JSONL files and/or 'samples' (default: all)")
    parser.add_argument("--limit", type=int, help="first N documents of each set")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--calibrate", action="store_true", help="fit and print new confidence weights")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.calibrate:
        result = calibrate(Path(args.data))
        print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_calibration(result))
        return 0
    result = evaluate_extraction(Path(args.data), gold=args.gold, limit=args.limit)
    print(json.dumps(result, ensure_ascii=False) if args.json else format_extraction_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
