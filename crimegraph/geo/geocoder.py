"""The Geocoder: recognition and resolution of the places of one document."""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING, Iterable

from crimegraph.geo.features import haversine_km  # noqa: F401  (re-exported for callers)
from crimegraph.geo.gazetteer import Gazetteer
from crimegraph.geo.recognize import recognize
from crimegraph.geo.regions import RegionMatch, parse_region
from crimegraph.geo.resolve import Resolver
from crimegraph.geo.types import Place, Toponym, slugify

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Geocoder"]

log = logging.getLogger(__name__)

LANGS = ("en", "es", "pt")


class Geocoder:
    """``Geocoder(Gazetteer.open())``: ``recognize(doc, lang)`` then ``resolve(text, toponyms)``."""

    def __init__(self, gazetteer: Gazetteer, resolver: Resolver | None = None):
        self.gazetteer = gazetteer
        self.resolver = resolver or Resolver(gazetteer)

    def resolver_info(self) -> str:
        return getattr(self.resolver, "info", "hand-set weights")

    def recognize(self, doc: "Doc", lang: str, exclude: Iterable[tuple[int, int]] = (),
                  soft: Iterable[tuple[int, int]] = ()) -> list[Toponym]:
        """Candidate toponym spans of ``doc``; never inside an ``exclude`` span, and inside a ``soft``
        span only where the text frames the name as a place."""
        return recognize(self.gazetteer, doc, lang if lang in LANGS else "en", exclude, soft)

    def resolve(self, text: str, toponyms: list[Toponym], lang: str | None = None) -> list[Place | None]:
        """One Place (or None) per toponym, using all toponyms of the document as context."""
        lang = lang if lang in LANGS else "en"
        regions: dict[int, RegionMatch] = {}
        names: list[Toponym] = []
        anchor_of: dict[tuple[int, int], Toponym] = {}
        for i, t in enumerate(toponyms):
            if t.kind == "site":
                continue  # named sites stay unresolved: no gazetteer has them
            if t.kind == "region":
                m = parse_region(t.text, lang, lambda n: bool(self.gazetteer.lookup(n)), self._is_demonym)
                if m is not None:
                    regions[i] = m
                    for a in m.anchors:
                        if a != "@country":
                            pseudo = Toponym(t.start, t.start + len(a), a, "name")
                            anchor_of[(i, hash(a))] = pseudo
                            names.append(pseudo)
                continue
            names.append(t)
        resolved = dict(zip(map(id, names), self.resolver.resolve(text, names, lang)))
        home = self._country_counts(text, [resolved[id(n)] for n in names], lang) if regions else Counter()
        out: list[Place | None] = []
        for i, t in enumerate(toponyms):
            if t.kind == "site":
                out.append(None)
                continue
            if t.kind != "region":
                out.append(resolved.get(id(t)))
                continue
            m = regions.get(i)
            if m is None:
                out.append(None)
                continue
            anchors = [resolved.get(id(anchor_of[(i, hash(a))])) if a != "@country" else None for a in m.anchors]
            out.append(self._region_place(t, m, anchors, home))
        return out

    # regions ----------------------------------------------------------------------------
    def _is_demonym(self, word: str) -> bool:
        return self.gazetteer.demonym_country(word) is not None

    def _country_counts(self, text: str, places: list[Place | None], lang: str) -> Counter:
        """How often each country is named or holds a resolved place: the document's home
        country is the most frequent one (other than the one a border phrase names)."""
        counts: Counter = Counter()
        for p in places:
            if p is not None and p.country:
                counts[p.country] += 2 if p.precision == "country" else 1
        counts.update(self.resolver._named_countries(text, lang))
        return counts

    @staticmethod
    def _home(counts: Counter, besides: set[str]) -> str | None:
        for cc, _ in counts.most_common():
            if cc not in besides:
                return cc
        return None

    def _region_place(self, t: Toponym, m: RegionMatch, anchors: list[Place | None], counts: Counter) -> Place | None:
        name = t.text
        for article in ("the ", "The ", "la ", "La ", "el ", "El ", "a ", "A ", "o ", "O "):
            if name.startswith(article):
                name = name[len(article) :]
                break
        if m.kind == "border":
            other = self.gazetteer.demonym_country(m.demonym) if m.demonym else None
            sides = [a.country for a in anchors if a is not None and a.country]
            if other:
                sides.append(other)
            home = self._home(counts, set(sides) if len(sides) == 1 else set())
            if home and home not in sides:
                sides.insert(0, home)
            sides = list(dict.fromkeys(sides))
            countries = [self.gazetteer.country(cc) for cc in sides[:2]]
            countries = [c for c in countries if c is not None]
            if not countries:
                return None
            lat = sum(c.lat for c in countries) / len(countries)
            lon = sum(c.lon for c in countries) / len(countries)
            return Place(
                name=name, geonameid=None, country=countries[0].country, admin1=None, admin2=None,
                lat=round(lat, 4), lon=round(lon, 4), precision="region", feature="BRDR", confidence=0.6 if len(countries) == 2 else 0.4,
                slug="border-" + "-".join(sorted(c.country.lower() for c in countries)),
            )
        anchor = anchors[0] if anchors else None
        home = self._home(counts, set())
        if anchor is None or (m.anchors and m.anchors[0] == "@country"):
            country = self.gazetteer.country(home) if home else None
            if country is None:
                return None
            anchor_slug, cc, admin1, lat, lon, conf = country.country.lower(), country.country, None, country.lat, country.lon, 0.5
        else:
            anchor_slug = anchor.admin1.lower() if anchor.precision == "admin1" and anchor.admin1 else slugify(f"{anchor.country or ''} {anchor.name}")
            cc, admin1, lat, lon, conf = anchor.country, anchor.admin1, anchor.lat, anchor.lon, anchor.confidence * 0.9
        return Place(
            name=name, geonameid=None, country=cc, admin1=admin1, admin2=None, lat=lat, lon=lon,
            precision="region", feature="RGN", confidence=round(conf, 3), slug=f"{m.direction or 'region'}-{anchor_slug}",
        )
