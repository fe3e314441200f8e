"""Data passed between the geo stages: toponym spans, gazetteer candidates, resolved places."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Toponym", "Place", "Candidate", "place_kb_id", "PRECISIONS", "FEATURE_PRECISION"]

PRECISIONS = ("point", "admin2", "admin1", "country", "region")

# gazetteer feature code -> the precision of a place of that kind
FEATURE_PRECISION = {
    "CONT": "region",
    "PCLI": "country",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "PPL": "point",
    "PPLC": "point",
    "RGN": "region",  # supplement: a region, corridor, border area
    "SITE": "point",  # supplement: a border crossing, a named site
}


@dataclass(frozen=True)
class Toponym:
    """A span of the document that names a place (``kind="name"``) or describes a region
    (``kind="region"``: "the Chilean border", "western Bolivia"). Offsets are char offsets,
    end exclusive."""

    start: int
    end: int
    text: str
    kind: str = "name"


@dataclass(frozen=True)
class Place:
    """A resolved place. ``admin1`` is an ISO 3166-2 code ("BO-O"), ``admin2`` the name of the
    second-level unit; ``precision`` one of point/admin2/admin1/country/region."""

    name: str
    geonameid: int | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    precision: str
    feature: str | None
    confidence: float
    slug: str | None = None  # supplement places without a GeoNames id


@dataclass(frozen=True)
class Candidate:
    """One gazetteer record that a name may refer to. ``id`` is the GeoNames id, or a
    negative number for supplement records; ``match`` is 0 for the primary name, 1 for an
    official name or alias, 2 for an alternate name."""

    id: int
    name: str
    feature: str
    country: str | None
    admin1: str | None  # ISO 3166-2
    admin1_id: int | None
    admin2: str | None
    admin2_id: int | None
    lat: float
    lon: float
    population: int
    slug: str | None
    match: int = 0

    @property
    def geonameid(self) -> int | None:
        return self.id if self.id > 0 else None


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def place_kb_id(place: Place) -> str:
    """The knowledge-base id of a place for the facts: ``geonames:<id>`` when it has a
    GeoNames id, else ``crimegraph:place/<slug>`` (supplement and region places)."""
    if place.geonameid:
        return f"geonames:{place.geonameid}"
    return f"crimegraph:place/{place.slug or slugify(place.name)}"
