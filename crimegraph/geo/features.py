"""Candidate features for toponym resolution: prior (population, kind of place, how the name
matched) and document context (countries and admin units of other places, containment
patterns, distance to the other places of the document)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from crimegraph.geo.types import Candidate

__all__ = ["FEATURES", "MentionGroup", "Context", "Support", "document_support", "candidate_matrix", "haversine_km", "prior_features"]

FEATURES = (
    "bias",
    "log_population",
    "is_continent",
    "is_country",
    "is_admin1",
    "is_admin2",
    "is_capital",
    "is_region",
    "alias_match",
    "alternate_match",
    "country_named",
    "country_share",
    "admin1_named",
    "contained_by_next",
    "contains_others",
    "near_others",
    "no_context",
    "largest",
    "population_rank",
    "only_candidate",
    "admin1_support",
    "admin2_support",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}
_FEATURE_FLAG = {"CONT": 2, "PCLI": 3, "ADM1": 4, "ADM2": 5, "PPLC": 6, "RGN": 7, "SITE": 7}
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance; accepts scalars or numpy arrays (broadcast)."""
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@dataclass
class MentionGroup:
    """All mentions of one name in a document (one sense per discourse)."""

    key: str
    mentions: list[int]  # indexes into the document's toponym list
    candidates: tuple[Candidate, ...]
    # for each mention, the candidate sets of the toponym that follows it as "X, Y" / "X in Y"
    followers: list[tuple[Candidate, ...]]


@dataclass
class Support:
    """Which first- and second-level units the document's names could lie in, whatever is
    picked: each group spreads one vote over the units of its candidates, in proportion to
    their prior probabilities flattened by a power ("Richmond" and "Madison County" both
    have a candidate in Madison County, Kentucky)."""

    admin1: Counter  # admin1 id -> votes of all groups
    admin2: Counter  # admin2 id -> votes of all groups
    own: dict[str, tuple[dict[int, float], dict[int, float]]]  # group key -> its own votes

    def votes(self, key: str, c: Candidate) -> tuple[float, float]:
        """Votes of the other groups for the candidate's admin1 and admin2 unit."""
        own1, own2 = self.own.get(key, ({}, {}))
        a1 = self.admin1.get(c.admin1_id, 0.0) - own1.get(c.admin1_id, 0.0) if c.admin1_id else 0.0
        a2 = self.admin2.get(c.admin2_id, 0.0) - own2.get(c.admin2_id, 0.0) if c.admin2_id else 0.0
        return max(a1, 0.0), max(a2, 0.0)


SUPPORT_POWER = 0.8  # 0: every candidate's unit votes alike; 1: votes follow the prior probabilities


def document_support(groups: list[MentionGroup], probs: dict[str, np.ndarray], power: float | None = None) -> Support:
    """Votes of every group for the units of its candidates; ``probs``: group key -> the
    prior (context-free) probabilities of its candidates."""
    power = SUPPORT_POWER if power is None else power
    total1: Counter = Counter()
    total2: Counter = Counter()
    own: dict[str, tuple[dict[int, float], dict[int, float]]] = {}
    for g in groups:
        p = probs.get(g.key)
        w = np.power(p, power) if p is not None and len(p) == len(g.candidates) else np.ones(len(g.candidates))
        v1: dict[int, float] = {}
        v2: dict[int, float] = {}
        for c, wi in zip(g.candidates, w / w.sum()):
            if c.admin1_id and c.feature not in ("PCLI", "CONT"):
                v1[c.admin1_id] = v1.get(c.admin1_id, 0.0) + float(wi)
            if c.admin2_id:
                v2[c.admin2_id] = v2.get(c.admin2_id, 0.0) + float(wi)
        total1.update(v1)
        total2.update(v2)
        own[g.key] = (v1, v2)
    return Support(total1, total2, own)


@dataclass
class Context:
    """What the rest of the document says, from the current picks of the other groups."""

    named_countries: Counter  # countries named as countries or nationality words
    picks: dict[str, Candidate]  # group key -> chosen candidate
    support: Support | None = None  # units the other names could lie in (candidates, not picks)

    def others(self, key: str) -> list[Candidate]:
        return [c for k, c in self.picks.items() if k != key]


def prior_features(group: MentionGroup) -> np.ndarray:
    cands = group.candidates
    x = np.zeros((len(cands), len(FEATURES)))
    pops = np.array([c.population for c in cands], dtype=float)
    x[:, 0] = 1.0
    x[:, 1] = np.log10(pops + 1.0) / 7.0
    for i, c in enumerate(cands):
        flag = _FEATURE_FLAG.get(c.feature)
        if flag is not None:
            x[i, flag] = 1.0
        if c.match == 1:
            x[i, 8] = 1.0
        elif c.match == 2:
            x[i, 9] = 1.0
    order = np.argsort(-pops, kind="stable")
    ranks = np.empty(len(cands))
    ranks[order] = np.arange(len(cands))
    x[:, 17] = ranks == 0
    x[:, 18] = np.log1p(ranks) / 3.0
    x[:, 19] = float(len(cands) == 1)
    return x


def _contains(container: Candidate, c: Candidate) -> bool:
    if container.id == c.id:
        return False
    if container.feature == "PCLI":
        return c.country == container.country
    if container.feature == "ADM1":
        return c.admin1_id == container.id
    if container.feature == "ADM2":
        return c.admin2_id == container.id
    return False


def candidate_matrix(group: MentionGroup, ctx: Context | None, prior: np.ndarray | None = None) -> np.ndarray:
    """Feature matrix (candidates x FEATURES) of one group (``prior``: its cached
    :func:`prior_features`)."""
    x = prior.copy() if prior is not None else prior_features(group)
    cands = group.candidates
    if ctx is None:
        x[:, 16] = 1.0
        return x
    others = ctx.others(group.key)
    other_countries = Counter(c.country for c in others if c.country)
    other_admin1 = {c.admin1_id for c in others if c.admin1_id}
    n_others = max(1, len(others))
    for i, c in enumerate(cands):
        if c.country and c.feature != "PCLI":
            x[i, 10] = float(ctx.named_countries.get(c.country, 0) > 0)
        if c.country:
            x[i, 11] = other_countries.get(c.country, 0) / n_others
        if c.admin1_id and c.feature != "ADM1":
            x[i, 12] = float(c.admin1_id in other_admin1)
        for follower in group.followers:
            if any(_contains(f, c) for f in follower):
                x[i, 13] = 1.0
                break
        if c.feature in ("PCLI", "ADM1", "ADM2"):
            x[i, 14] = float(any(_contains(c, o) for o in others))
        if ctx.support is not None and c.feature not in ("PCLI", "CONT"):
            v1, v2 = ctx.support.votes(group.key, c)
            x[i, 20] = math.log1p(v1)
            x[i, 21] = math.log1p(v2)
    if ctx.support is not None:
        # a country or continent lies in no unit: it gets the best support of its rivals
        large = np.array([c.feature in ("PCLI", "CONT") for c in cands])
        if large.any():
            x[large, 20] = x[:, 20].max()
            x[large, 21] = x[:, 21].max()
    near = [o for o in others if o.feature not in ("CONT", "PCLI")]
    if near:
        arr = np.array([(o.lat, o.lon) for o in near])
        lat = np.array([c.lat for c in cands])[:, None]
        lon = np.array([c.lon for c in cands])[:, None]
        dist = haversine_km(lat, lon, arr[None, :, 0], arr[None, :, 1])
        for i, c in enumerate(cands):
            if c.feature in ("ADM1", "ADM2"):  # an admin unit is at distance 0 from what it holds
                for k, o in enumerate(near):
                    if _contains(c, o):
                        dist[i, k] = 0.0
        d = dist.min(axis=1)
        x[:, 15] = 1.0 - np.log10(1.0 + d) / 4.3
        # a country or continent is not far from the places it holds: no distance penalty
        large = np.array([c.feature in ("PCLI", "CONT") for c in cands])
        if large.any():
            x[large, 15] = x[:, 15].max()
    else:
        x[:, 16] = 1.0
    return x


def feature_index(name: str) -> int:
    return _INDEX[name]


def log_odds(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
