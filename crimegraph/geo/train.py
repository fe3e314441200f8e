"""Learn the ranking weights (pairwise logistic regression over candidate features).

Trained on the even-numbered articles of LGL only (articles 0, 2, 4, ...); the odd-numbered
half of LGL, GeoWebNews and GeoVirus stay unseen. Writes crimegraph/geo/data/ranker.json.

    python -m crimegraph.geo.train --corpus ../shared/data/geoparsing/lgl.xml
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from crimegraph.geo.features import FEATURES, Context, candidate_matrix, document_support, haversine_km
from crimegraph.geo.gazetteer import Gazetteer
from crimegraph.geo.goldsets import GoldDoc, read_geo_corpus
from crimegraph.geo.resolve import Resolver, load_weights, margin_of
from crimegraph.geo.types import Toponym

__all__ = ["training_split", "training_rows", "fit"]

RANKER_PATH = Path(__file__).parent / "data" / "ranker.json"


def training_split(docs: list[GoldDoc]) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """(train, held out): even- and odd-numbered articles."""
    return docs[0::2], docs[1::2]


def training_rows(resolver: Resolver, docs: list[GoldDoc]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for doc in docs:
        gold = [g for g in doc.toponyms if g.lat is not None]
        tops = [Toponym(g.start, g.end, g.text, "name") for g in gold]
        groups, _ = resolver.groups(doc.text, tops)
        ranked = resolver.rank(doc.text, groups, "en")
        named = resolver._named_countries(doc.text, "en")
        for g in groups:
            best = ranked[g.key].best
            if best.feature == "PCLI" and best.country:
                named[best.country] += len(g.mentions)
        priors = {g.key: resolver._score(g, None).probs for g in groups}
        ctx = Context(named, {k: r.best for k, r in ranked.items()}, document_support(groups, priors))
        for g in groups:
            ref = gold[g.mentions[0]]
            lat = np.array([c.lat for c in g.candidates])
            lon = np.array([c.lon for c in g.candidates])
            y = haversine_km(lat, lon, ref.lat, ref.lon) <= 161.0
            if ref.geonameid:
                y |= np.array([c.id == ref.geonameid for c in g.candidates])
            if not y.any() or y.all():
                continue
            x = candidate_matrix(g, ctx)
            # pairwise: the correct candidate minus each wrong one (and the reverse)
            pos = x[np.flatnonzero(y)[0]] if not ref.geonameid or not any(c.id == ref.geonameid for c in g.candidates) else x[[c.id for c in g.candidates].index(ref.geonameid)]
            neg = x[~y][:40]
            diff = pos[None, :] - neg
            xs.extend([diff, -diff])
            ys.extend([np.ones(len(diff), int), np.zeros(len(diff), int)])
    return np.vstack(xs), np.concatenate(ys)


def calibrate(resolver: Resolver, docs: list[GoldDoc]) -> tuple[float, float]:
    """Fit confidence = sigmoid(a * margin + b) on whether the top candidate is within 161 km."""
    from sklearn.linear_model import LogisticRegression

    margins, correct = [], []
    for doc in docs:
        gold = [g for g in doc.toponyms if g.lat is not None]
        tops = [Toponym(g.start, g.end, g.text, "name") for g in gold]
        groups, _ = resolver.groups(doc.text, tops)
        for key, r in resolver.rank(doc.text, groups, "en").items():
            ref = gold[r.group.mentions[0]]
            best = r.best
            margins.append(margin_of(r.scores))
            correct.append(int(haversine_km(best.lat, best.lon, ref.lat, ref.lon) <= 161.0))
    model = LogisticRegression(C=10.0).fit(np.array(margins)[:, None], np.array(correct))
    return float(model.coef_[0][0]), float(model.intercept_[0])


def fit(gazetteer: Gazetteer, docs: list[GoldDoc], rounds: int = 2, c: float = 1.0) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    resolver = Resolver(gazetteer, load_weights("none.json"))
    weights = resolver.weights
    for _ in range(rounds):
        x, y = training_rows(resolver, docs)
        model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
        model.fit(x, y)
        weights = model.coef_[0]
        resolver = Resolver(gazetteer, weights)
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crimegraph.geo.train", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="lgl.xml")
    parser.add_argument("--out", type=Path, default=RANKER_PATH)
    args = parser.parse_args(argv)
    docs = read_geo_corpus(args.corpus)
    train, _ = training_split(docs)
    gazetteer = Gazetteer.open()
    weights = fit(gazetteer, train)
    calibration = calibrate(Resolver(gazetteer, weights), train)
    info = f"pairwise logistic regression trained on the even-numbered half of {args.corpus.name} ({len(train)} articles)"
    args.out.write_text(
        json.dumps({"info": info, "features": list(FEATURES), "weights": {f: round(float(w), 4) for f, w in zip(FEATURES, weights)},
                    "calibration": [round(calibration[0], 4), round(calibration[1], 4)]}, indent=1)
        + "\n",
        encoding="utf-8",
    )
    print(info)
    for f, w in zip(FEATURES, weights):
        print(f"  {f:<18} {w:+.3f}")
    print(f"  confidence = sigmoid({calibration[0]:.3f} * margin + {calibration[1]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
