"""Toponym resolution: rank each name's gazetteer candidates with the document's context."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import numpy as np

from crimegraph.errors import ConfigError
from crimegraph.geo.features import FEATURES, Context, MentionGroup, candidate_matrix, document_support, prior_features
from crimegraph.geo.gazetteer import Gazetteer
from crimegraph.geo.names import norm
from crimegraph.geo.types import FEATURE_PRECISION, Candidate, Place, Toponym

__all__ = ["Resolver", "load_weights", "DEFAULT_WEIGHTS", "place_from_candidate"]

log = logging.getLogger(__name__)

MAX_CANDIDATES = 60
SOLE_MARGIN = 8.0
DEFAULT_CALIBRATION = (0.8, 0.0)  # confidence = sigmoid(a * margin + b)
# hand-set starting weights (the shipped model in data/ranker.json replaces them)
DEFAULT_WEIGHTS = {
    "bias": 0.0, "log_population": 6.0, "is_continent": 1.0, "is_country": 3.0, "is_admin1": 1.5,
    "is_admin2": -0.5, "is_capital": 1.0, "is_region": 0.5, "alias_match": -0.5, "alternate_match": -2.0,
    "country_named": 1.5, "country_share": 2.0, "admin1_named": 1.5, "contained_by_next": 4.0,
    "contains_others": 1.0, "near_others": 2.0, "no_context": 0.0, "largest": 1.0,
    "population_rank": -1.0, "only_candidate": 0.0, "admin1_support": 0.0, "admin2_support": 0.0,
}

_ARTICLE = re.compile(r"^(the|el|la|los|las|o|a|os|as|le|les)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
_UNIT_SUFFIX = re.compile(
    r"\s+(county|parish|province|department|state|region|city|district|municipality|area|metro|township)$", re.I
)
_UNIT_PREFIX = re.compile(r"^(city of|town of|state of|province of|county of|ciudad de|estado de|cidade de)\s+", re.I)
_ARABIC_ARTICLE = re.compile(r"^(al|el|ad|ar|as|ash|at|az|an)[- ]", re.I)
_DIRECTION_INITIAL = re.compile(r"^(n|s|e|w)\s+")
_DIRECTIONS = {"n": "north", "s": "south", "e": "east", "w": "west"}
_ABBREVIATED_UNIT = ((re.compile(r"\s+co$"), " county"), (re.compile(r"\s+twp$"), " township"))
_LINK = re.compile(r"^\s*(,|\(|,?\s+(in|en|em|no|na|del|de|do|da)\s+)\s*$", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)?")


_BIG = {"PCLI", "ADM1", "CONT", "RGN", "PPLC"}
# words for the people of a nation without a state of its own or of a constituent country,
# which name that unit rather than the sovereign state
_UNIT_DEMONYMS = {
    "english": "england", "scottish": "scotland", "scots": "scotland", "welsh": "wales",
    "kurdish": "kurdistan", "kurds": "kurdistan", "kurd": "kurdistan", "abkhaz": "abkhazia", "abkhazian": "abkhazia",
    "abkhazians": "abkhazia", "catalan": "catalonia", "catalans": "catalonia", "basque": "basque country",
    "flemish": "flanders", "tibetan": "tibet", "tibetans": "tibet", "chechen": "chechnya", "chechens": "chechnya",
}
_DEMONYM_RULES = (
    ("ians", ("ia", "io")), ("ian", ("ia", "io")), ("eans", ("e",)), ("ean", ("e",)), ("ans", ("a", "", "as")),
    ("an", ("a", "", "as")), ("ers", ("",)), ("er", ("",)), ("is", ("",)), ("i", ("",)), ("ese", ("", "a")), ("ns", ("",)),
    ("ites", ("",)), ("ite", ("",)),
)


def _demonym_bases(key: str) -> list[str]:
    """Place names a nationality or inhabitant word may derive from: "ohioans" -> "ohio",
    "texan" -> "texas", "londoner" -> "london", "dagestani" -> "dagestan"."""
    out = []
    for suffix, repls in _DEMONYM_RULES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            out.extend(key[: -len(suffix)] + r for r in repls)
    return out


def _spelling_variants(key: str) -> list[str]:
    """Other ways of writing a name: "Al-Minya" -> "al minya", "minya"; "W. Columbia" ->
    "west columbia"; "Loudon Co." -> "loudon county"; "Tewksbury Twp." -> "tewksbury"."""
    out = []
    if "-" in key:
        out.append(key.replace("-", " "))
    if _ARABIC_ARTICLE.match(key):
        out.append(_ARABIC_ARTICLE.sub("", key))
    m = _DIRECTION_INITIAL.match(key)
    if m:
        out.append(_DIRECTIONS[m.group(1)] + " " + key[m.end():])
    for pattern, repl in _ABBREVIATED_UNIT:
        if pattern.search(key):
            full = pattern.sub(repl, key)
            out.extend((full, _UNIT_SUFFIX.sub("", full)))
    return out


def _prefer_units(group: MentionGroup, scores: np.ndarray) -> np.ndarray:
    """A first-level unit (or country) named by its own primary name beats a town of the
    same country and name twenty times smaller, unless a containing place follows the name:
    "California" is the state, not the hamlet of California, Missouri; "California, Mo." stays."""
    best = int(np.argmax(scores))
    top = group.candidates[best]
    if top.feature in _BIG or top.feature == "CONT" or any(group.followers):
        return scores
    units = [
        k for k, c in enumerate(group.candidates)
        if c.feature in ("PCLI", "ADM1") and c.match == 0 and c.country == top.country
        and c.population >= 20 * max(top.population, 1)
    ]
    if not units:
        return scores
    k = max(units, key=lambda k: group.candidates[k].population)
    scores = scores.copy()
    scores[k] = scores[best] + 1.0
    return scores


_LIST_GAP = re.compile(r"^\s*(,|,?\s*(and|or|y|e|o|ou|&))\s*$", re.I)


def _countries_in_lists(text: str, toponyms: list[Toponym], keys: list[str], ranked: dict[str, "Ranked"]) -> None:
    """A name listed next to a country is the country of that name when there is one
    ("Colombia, Paraguay, Peru and Bolivia": Colombia the country, not a town in Brazil)."""
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
    for a, b in zip(order, order[1:]):
        if not _LIST_GAP.match(text[toponyms[a].end : toponyms[b].start]):
            continue
        for this, other in ((a, b), (b, a)):
            r, o = ranked.get(keys[this]), ranked.get(keys[other])
            if r is None or o is None or o.best.feature != "PCLI" or r.best.feature in _BIG:
                continue
            units = [k for k, c in enumerate(r.group.candidates) if c.feature == "PCLI" and c.match == 0]
            if units:
                k = units[0]
                r.scores = r.scores.copy()
                r.scores[k] = r.scores.max() + 1.0


def load_weights(name: str = "ranker.json") -> np.ndarray:
    """The shipped ranking weights (data/ranker.json), else the hand-set defaults."""
    return np.array([w for _, w in _load_model(name)[1]])


def margin_of(scores: np.ndarray) -> float:
    """Score gap between the best and the second-best candidate (SOLE_MARGIN if alone)."""
    if len(scores) < 2:
        return SOLE_MARGIN
    top2 = np.partition(scores, -2)[-2:]
    return float(min(top2[1] - top2[0], SOLE_MARGIN))


def _load_model(name: str) -> tuple[str, list[tuple[str, float]], tuple[float, float]]:
    """(description, feature weights, confidence calibration (a, b))."""
    path = resources.files("crimegraph.geo").joinpath("data", name)
    weights = dict(DEFAULT_WEIGHTS)
    info = "hand-set weights"
    calibration = DEFAULT_CALIBRATION
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights.update({k: float(v) for k, v in data["weights"].items() if k in weights})
            info = str(data.get("info", name))
            if "calibration" in data:
                calibration = (float(data["calibration"][0]), float(data["calibration"][1]))
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise ConfigError(f"crimegraph/geo/data/{name}: invalid ranking model ({exc})") from exc
    return info, [(f, weights[f]) for f in FEATURES], calibration


def place_from_candidate(c: Candidate, confidence: float, name: str | None = None) -> Place:
    return Place(
        name=name or c.name,
        geonameid=c.geonameid,
        country=c.country,
        admin1=c.admin1,
        admin2=c.admin2,
        lat=round(c.lat, 5),
        lon=round(c.lon, 5),
        precision=FEATURE_PRECISION.get(c.feature, "point"),
        feature=c.feature,
        confidence=round(float(confidence), 3),
        slug=c.slug,
    )


@dataclass
class Ranked:
    """The outcome for one group: candidates with scores, best first."""

    group: MentionGroup
    scores: np.ndarray
    probs: np.ndarray

    @property
    def best(self) -> Candidate:
        return self.group.candidates[int(np.argmax(self.scores))]


class Resolver:
    """Ranks candidates of all names of a document together."""

    def __init__(
        self, gazetteer: Gazetteer, weights: np.ndarray | None = None, passes: int = 2,
        calibration: tuple[float, float] | None = None,
    ):
        self.gazetteer = gazetteer
        info, pairs, shipped_calibration = _load_model("ranker.json")
        if weights is None:
            self.info = info
            weights = np.array([w for _, w in pairs])
            calibration = calibration or shipped_calibration
        else:
            self.info = "weights given by the caller"
        self.calibration = calibration or DEFAULT_CALIBRATION
        self._priors: dict[str, np.ndarray] = {}
        self.weights = weights
        self.passes = passes

    # candidates -----------------------------------------------------------------------
    def candidates(self, text: str) -> tuple[str, tuple[Candidate, ...]]:
        """(group key, candidates) for a toponym's text, trying a few textual variants."""
        key = norm(text)
        unit = _UNIT_DEMONYMS.get(_POSSESSIVE.sub("", key))
        if unit:
            cands = tuple(c for c in self.gazetteer.lookup_key(unit) if c.feature in _BIG)
            if cands:
                return unit, cands  # "English" -> England, "Kurdish" -> Kurdistan
        cc = self.gazetteer.demonym_country(key)
        if cc and text[:1].isupper():
            country = self.gazetteer.country(cc)
            named = self.gazetteer.lookup_key(key)
            if country is not None and not any(c.feature in _BIG or c.population >= 100_000 for c in named):
                return f"country:{cc}", (country,)  # "Canadian": the country, not a small town of that name
        tries = [key]
        stripped = _POSSESSIVE.sub("", key)
        tries.append(stripped)
        tries.append(_ARTICLE.sub("", stripped))
        tries.append(_UNIT_SUFFIX.sub("", _ARTICLE.sub("", stripped)))
        tries.append(_UNIT_PREFIX.sub("", stripped))
        if "," in stripped:
            tries.append(stripped.split(",")[0].strip())  # "Washington, D.C." as one span
        tries.extend(_spelling_variants(stripped))
        dotted = text.rstrip().endswith(".")
        for k in dict.fromkeys(tries):
            if not k:
                continue
            cands = self.gazetteer.lookup_key(k)
            if dotted:
                cands = cands + self.gazetteer.lookup_key(k + ".")
            if cands:
                if len(cands) > MAX_CANDIDATES:
                    cands = tuple(sorted(cands, key=lambda c: (c.match, -c.population))[:MAX_CANDIDATES])
                return k, cands
        cc = self.gazetteer.demonym_country(stripped)
        if cc:
            country = self.gazetteer.country(cc)
            if country is not None:
                return f"country:{cc}", (country,)
        for base in _demonym_bases(stripped):
            cands = tuple(c for c in self.gazetteer.lookup_key(base) if c.feature in _BIG or c.population >= 100_000)
            if cands:
                return base, cands
        return key, ()

    # context --------------------------------------------------------------------------
    def _named_countries(self, text: str, lang: str | None) -> Counter:
        out: Counter = Counter()
        for m in _WORD.finditer(text):
            word = m.group()
            if lang in (None, "en") and not word[:1].isupper():
                continue
            cc = self.gazetteer.demonym_country(word)
            if cc:
                out[cc] += 1
        return out

    def groups(self, text: str, toponyms: list[Toponym]) -> tuple[list[MentionGroup], list[str]]:
        keys: list[str] = []
        by_key: dict[str, MentionGroup] = {}
        order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
        cand_of: dict[int, tuple[Candidate, ...]] = {}
        for i in order:
            key, cands = self.candidates(toponyms[i].text)
            keys.append(key)
            cand_of[i] = cands
            group = by_key.get(key)
            if group is None:
                group = by_key[key] = MentionGroup(key, [], cands, [])
            group.mentions.append(i)
        key_of = dict(zip(order, keys))
        for pos, i in enumerate(order[:-1]):
            j = order[pos + 1]
            gap = text[toponyms[i].end : toponyms[j].start]
            if len(gap) <= 6 and _LINK.match(gap) and cand_of[j]:
                by_key[key_of[i]].followers.append(cand_of[j])
        return [g for g in by_key.values() if g.candidates], [key_of[i] for i in range(len(toponyms))]

    def rank(self, text: str, groups: list[MentionGroup], lang: str | None = None) -> dict[str, Ranked]:
        named = self._named_countries(text, lang)
        ranked = {g.key: self._score(g, None) for g in groups}
        for g in groups:
            c = ranked[g.key].best
            if c.feature == "PCLI" and c.country:
                named[c.country] += len(g.mentions)
        support = document_support(groups, {k: r.probs for k, r in ranked.items()})
        for _ in range(self.passes):
            ctx = Context(named, {k: r.best for k, r in ranked.items()}, support)
            ranked = {g.key: self._score(g, ctx) for g in groups}
        return ranked

    def _score(self, group: MentionGroup, ctx: Context | None) -> Ranked:
        prior = self._priors.get(group.key)
        if prior is None or len(prior) != len(group.candidates):
            prior = self._priors[group.key] = prior_features(group)
            if len(self._priors) > 100_000:
                self._priors.clear()
        x = candidate_matrix(group, ctx, prior)
        scores = x @ self.weights
        if ctx is not None:
            scores = _prefer_units(group, scores)
        e = np.exp(scores - scores.max())
        return Ranked(group, scores, e / e.sum())

    # public -----------------------------------------------------------------------------
    def resolve(self, text: str, toponyms: list[Toponym], lang: str | None = None) -> list[Place | None]:
        groups, keys = self.groups(text, toponyms)
        ranked = self.rank(text, groups, lang)
        _countries_in_lists(text, toponyms, keys, ranked)
        out: list[Place | None] = []
        for t, key in zip(toponyms, keys):
            r = ranked.get(key)
            if r is None:
                out.append(None)
                continue
            best = int(np.argmax(r.scores))
            out.append(place_from_candidate(r.group.candidates[best], self.confidence(r.scores)))
        return out

    def confidence(self, scores: np.ndarray) -> float:
        """Calibrated probability that the best candidate is right (fit on LGL's training half)."""
        a, b = self.calibration
        return float(1.0 / (1.0 + np.exp(-(a * margin_of(scores) + b))))

    def resolve_by_population(self, toponyms: list[Toponym]) -> list[Place | None]:
        """The baseline: the most populous candidate of each name, no context."""
        out: list[Place | None] = []
        for t in toponyms:
            _, cands = self.candidates(t.text)
            out.append(place_from_candidate(max(cands, key=lambda c: c.population), 1.0) if cands else None)
        return out
