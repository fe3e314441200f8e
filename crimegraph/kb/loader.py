"""Reading and checking knowledge-base YAML files.

Every function here collects problems as strings ("file: record id: reason") instead of
raising, so that ``validate_kb`` can report all of them at once; ``KnowledgeBase.load``
raises one ConfigError listing them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import json
import logging
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from crimegraph.kb.fold import fold_key
from crimegraph.kb.records import ACTOR_TYPES, CommodityRecord, HeadOfState, KBRecord, Nationality

__all__ = ["DATA_DIR", "packaged_files", "KBData", "read_files", "check_collisions", "cache_dir"]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
KINDS = ("actors", "commodities", "nationalities", "heads_of_state", "lexicon")
_ID = re.compile(r"^[a-z][a-z0-9_-]*:[^\s]+$")
_LANG = re.compile(r"^[a-z]{2}$")
_ACTOR_FIELDS = {"id", "name", "type", "country", "aliases", "acronyms", "description", "ambiguous_aliases"}
_COMMODITY_FIELDS = {"id", "name", "aliases", "description", "ambiguous_aliases"}

try:  # the C loader is several times faster; PyYAML built without libyaml lacks it
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def packaged_files() -> list[Path]:
    """The knowledge-base files shipped with crimegraph, in load order."""
    return sorted((DATA_DIR / "actors").glob("*.yaml")) + sorted(DATA_DIR.glob("*.yaml"))


@dataclass
class KBData:
    """Everything read from a set of files, before indexing."""

    actors: dict[str, KBRecord] = field(default_factory=dict)
    commodities: dict[str, CommodityRecord] = field(default_factory=dict)
    nationalities: dict[str, Nationality] = field(default_factory=dict)
    heads: list[HeadOfState] = field(default_factory=list)
    lexicon: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes from pycountry's database (read directly: importing pycountry
    costs a tenth of a second)."""
    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.origin:
        db = Path(spec.origin).parent / "databases" / "iso3166-1.json"
        if db.is_file():
            with db.open(encoding="utf-8") as fh:
                return frozenset(c["alpha_2"] for c in json.load(fh)["3166-1"])
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def cache_dir() -> Path:
    """Where parsed knowledge-base files are cached: $CRIMEGRAPH_CACHE_DIR, else ~/.cache/crimegraph."""
    env = os.environ.get("CRIMEGRAPH_CACHE_DIR")
    if env:
        return Path(env) / "kb"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crimegraph" / "kb"


_MEMO: dict[tuple[str, int, int], Any] = {}
_CACHE_VERSION = 1


def _cached_parse(path: Path) -> Any:
    """yaml.load of ``path``, memoized in memory and on disk by path, size and mtime."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key in _MEMO:
        return _MEMO[key]
    digest = hashlib.sha1(repr((key, _CACHE_VERSION, yaml.__version__)).encode()).hexdigest()
    cache_file = cache_dir() / f"{digest}.pickle"
    doc: Any = None
    try:
        with cache_file.open("rb") as fh:
            doc = pickle.load(fh)
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        log.debug("ignoring unreadable cache %s: %s", cache_file, exc)
    if doc is None:
        with path.open("r", encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=_Loader)
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache_file)
        except OSError as exc:
            log.debug("cannot write cache %s: %s", cache_file, exc)
    _MEMO[key] = doc
    return doc


def _strings(value: Any, where: str, what: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(f"{where}: {what} must be a list of strings, got {type(value).__name__}")
        return ()
    out: list[str] = []
    for item in value:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)  # YAML reads "400" or "G1"-like bare numbers as numbers
        if not isinstance(item, str) or not item.strip():
            problems.append(f"{where}: {what} has an empty or non-text entry {item!r}")
            continue
        if item.strip() not in out:
            out.append(item.strip())
    return tuple(out)


def _aliases(value: Any, where: str, problems: list[str]) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(f"{where}: aliases must map a language code (en, es, pt) to a list of names")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for lang, forms in value.items():
        if not isinstance(lang, str) or not _LANG.match(lang):
            problems.append(f"{where}: aliases has an unknown language key {lang!r} (use two-letter codes: en, es, pt)")
            continue
        out[lang] = _strings(forms, where, f"aliases.{lang}", problems)
    return out


def _country(value: Any, where: str, problems: list[str], *, required: bool = False) -> str | None:
    if value is None:
        if required:
            problems.append(f"{where}: country is missing")
        return None
    if not isinstance(value, str) or value.upper() not in _iso_codes() or value != value.upper():
        problems.append(f"{where}: country {value!r} is not an ISO 3166-1 alpha-2 code (e.g. BO, CO, US)")
        return None
    return value


def _record_head(raw: Any, where: str, seen: dict[str, str], problems: list[str], allowed: set[str]) -> tuple[str, str] | None:
    """Common checks of an id/name record; returns (id, name) or None when unusable."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: a record must be a mapping with id and name, got {type(raw).__name__}")
        return None
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        problems.append(f"{where}: record {rid!r} has no valid id (expected 'namespace:kind/slug', e.g. crimegraph:group/pcc)")
        return None
    where_id = f"{where}: {rid}"
    if rid in seen:
        problems.append(f"{where_id}: duplicate id (also in {seen[rid]})")
        return None
    seen[rid] = where
    unknown = sorted(set(raw) - allowed)
    if unknown:
        problems.append(f"{where_id}: unknown field(s) {', '.join(map(str, unknown))} (allowed: {', '.join(sorted(allowed))})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where_id}: name is missing or empty")
        return None
    return rid, name.strip()


def _check_declared(rid: str, where: str, ambiguous: tuple[str, ...], names: tuple[str, ...], problems: list[str]) -> None:
    mine = {fold_key(n) for n in names} | set(names)
    for alias in ambiguous:
        if alias not in mine and fold_key(alias) not in mine:
            problems.append(f"{where}: {rid}: ambiguous_aliases lists {alias!r}, which is not a name, alias or acronym of this record")


def _records(doc: dict[str, Any], source: str, seen: dict[str, str], problems: list[str],
             allowed: set[str]) -> Iterator[tuple[dict[str, Any], str, str]]:
    """(raw record, id, name) of each well-formed entry of the file's ``records:`` list; the
    problems of the others are recorded."""
    records = doc.get("records")
    if not isinstance(records, list):
        problems.append(f"{source}: no 'records:' list found")
        return
    for i, raw in enumerate(records):
        head = _record_head(raw, f"{source}: record {i + 1}", seen, problems, allowed)
        if head is not None:
            yield raw, head[0], head[1]


def _read_actors(doc: dict[str, Any], source: str, data: KBData, seen: dict[str, str]) -> None:
    problems = data.problems
    default_type = doc.get("type")
    for raw, rid, name in _records(doc, source, seen, problems, _ACTOR_FIELDS):
        where = f"{source}: {rid}"
        rtype = raw.get("type", default_type)
        if rtype not in ACTOR_TYPES:
            problems.append(f"{where}: unknown type {rtype!r} (one of {', '.join(ACTOR_TYPES)})")
            continue
        country = _country(raw.get("country"), where, problems)
        aliases = _aliases(raw.get("aliases"), where, problems)
        acronyms = _strings(raw.get("acronyms"), where, "acronyms", problems)
        for acr in acronyms:
            if " " in acr:
                problems.append(f"{where}: acronym {acr!r} contains a space; put multi-word names under aliases")
        ambiguous = _strings(raw.get("ambiguous_aliases"), where, "ambiguous_aliases", problems)
        description = raw.get("description")
        record = KBRecord(
            id=rid,
            name=name,
            type=rtype,
            country=country,
            aliases=aliases,
            acronyms=acronyms,
            description=str(description).strip() if description else None,
            ambiguous_aliases=ambiguous,
            source=source,
        )
        _check_declared(rid, source, ambiguous, record.all_names() + acronyms, problems)
        data.actors[rid] = record


def _read_commodities(doc: dict[str, Any], source: str, data: KBData, seen: dict[str, str]) -> None:
    problems = data.problems
    for raw, rid, name in _records(doc, source, seen, problems, _COMMODITY_FIELDS):
        ambiguous = _strings(raw.get("ambiguous_aliases"), f"{source}: {rid}", "ambiguous_aliases", problems)
        record = CommodityRecord(
            id=rid, name=name, aliases=_aliases(raw.get("aliases"), f"{source}: {rid}", problems),
            ambiguous_aliases=ambiguous, source=source,
        )
        _check_declared(rid, source, ambiguous, record.all_names(), problems)
        data.commodities[rid] = record


def _read_nationalities(doc: dict[str, Any], source: str, data: KBData) -> None:
    countries = doc.get("countries")
    if not isinstance(countries, dict):
        data.problems.append(f"{source}: no 'countries:' mapping found")
        return
    for code, raw in countries.items():
        where = f"{source}: {code}"
        if _country(code, where, data.problems) is None:
            continue
        if not isinstance(raw, dict):
            data.problems.append(f"{where}: expected a mapping with names and demonyms")
            continue
        old = data.nationalities.get(code)
        names = _aliases(raw.get("names"), where, data.problems)
        demonyms = _aliases(raw.get("demonyms"), where, data.problems)
        if old is not None:  # a later file extends a country's lists
            names = {k: tuple(dict.fromkeys(old.names.get(k, ()) + names.get(k, ()))) for k in set(old.names) | set(names)}
            demonyms = {
                k: tuple(dict.fromkeys(old.demonyms.get(k, ()) + demonyms.get(k, ())))
                for k in set(old.demonyms) | set(demonyms)
            }
        data.nationalities[code] = Nationality(country=code, names=names, demonyms=demonyms)


def _year(value: Any, where: str, what: str, problems: list[str]) -> int | None:
    if value is None:
        return None
    if hasattr(value, "year"):
        return int(value.year)
    if isinstance(value, int) and 1800 <= value <= 2100:
        return value
    problems.append(f"{where}: {what} must be a year such as 2006, got {value!r}")
    return None


def _date(value: Any, where: str, what: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: {what} must be a date such as 2006-12-01, got {value!r}")
        return None


def _read_heads(doc: dict[str, Any], source: str, data: KBData) -> None:
    heads = doc.get("heads")
    if not isinstance(heads, list):
        data.problems.append(f"{source}: no 'heads:' list found")
        return
    for i, raw in enumerate(heads):
        where = f"{source}: head {i + 1}"
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
            data.problems.append(f"{where}: needs a name")
            continue
        where = f"{source}: {raw['name']}"
        country = _country(raw.get("country"), where, data.problems, required=True)
        surnames = _strings(raw.get("surnames"), where, "surnames", data.problems)
        if country is None:
            continue
        data.heads.append(
            HeadOfState(
                name=raw["name"].strip(),
                surnames=surnames or (raw["name"].split()[-1],),
                country=country,
                start=_year(raw.get("from"), where, "from", data.problems),
                end=_year(raw.get("to"), where, "to", data.problems),
                took_office=_date(raw.get("took_office"), where, "took_office", data.problems),
                left_office=_date(raw.get("left_office"), where, "left_office", data.problems),
            )
        )
        head = data.heads[-1]
        if head.took_office and head.left_office and head.left_office < head.took_office:
            data.problems.append(f"{where}: left_office {head.left_office} is before took_office {head.took_office}")


def _read_lexicon(doc: dict[str, Any], source: str, data: KBData) -> None:
    for key, value in doc.items():
        if key == "kind":
            continue
        if isinstance(value, dict) and isinstance(data.lexicon.get(key), dict):
            merged = dict(data.lexicon[key])
            merged.update(value)
            data.lexicon[key] = merged
        else:
            data.lexicon[key] = value


def _load_yaml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        doc = _cached_parse(path)
    except FileNotFoundError:
        problems.append(f"{path}: file not found")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot be read ({exc})")
        return None
    except yaml.YAMLError as exc:
        problems.append(f"{path}: not valid YAML ({exc})".replace("\n", " "))
        return None
    except ValueError as exc:  # a value YAML types but cannot build, such as the date 2030-13-01
        problems.append(f"{path}: a value YAML cannot read ({exc})")
        return None
    if not isinstance(doc, dict):
        problems.append(f"{path}: expected a mapping at the top level (kind/type and records)")
        return None
    return doc


def read_files(layers: list[list[Path]]) -> KBData:
    """Read files layer by layer. Ids must be unique inside a layer; a later layer overrides."""
    data = KBData()
    for layer in layers:
        seen_actors: dict[str, str] = {}
        seen_commodities: dict[str, str] = {}
        for path in layer:
            doc = _load_yaml(path, data.problems)
            if doc is None:
                continue
            kind = doc.get("kind", "actors")
            source = str(path)
            if kind == "actors":
                _read_actors(doc, source, data, seen_actors)
            elif kind == "commodities":
                _read_commodities(doc, source, data, seen_commodities)
            elif kind == "nationalities":
                _read_nationalities(doc, source, data)
            elif kind == "heads_of_state":
                _read_heads(doc, source, data)
            elif kind == "lexicon":
                _read_lexicon(doc, source, data)
            else:
                data.problems.append(f"{source}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    check_collisions(data)
    return data


def _collisions(owners: dict[str, dict[str, Any]], declared: dict[str, set[str]], what: str, problems: list[str]) -> None:
    for key, recs in owners.items():
        if len(recs) < 2:
            continue
        undeclared = [rid for rid in recs if key not in declared[rid]]
        if undeclared:
            ids = sorted(recs)
            sources = ", ".join(f"{rid} ({recs[rid]})" for rid in ids)
            problems.append(
                f"{recs[undeclared[0]]}: {undeclared[0]}: {what} {key!r} is also used by another record "
                f"[{sources}]; remove it or list it under ambiguous_aliases in every one of them"
            )


def check_collisions(data: KBData) -> None:
    """An alias may belong to two records only if both declare it in ``ambiguous_aliases``."""
    names: dict[str, dict[str, Any]] = {}
    acronyms: dict[str, dict[str, Any]] = {}
    declared: dict[str, set[str]] = {}
    for rec in data.actors.values():
        declared[rec.id] = {fold_key(a) for a in rec.ambiguous_aliases} | set(rec.ambiguous_aliases)
        for n in rec.all_names():
            names.setdefault(fold_key(n), {})[rec.id] = rec.source
        for a in rec.acronyms:
            acronyms.setdefault(a, {})[rec.id] = rec.source
    _collisions(names, declared, "alias", data.problems)
    _collisions(acronyms, declared, "acronym", data.problems)

    cnames: dict[str, dict[str, Any]] = {}
    cdeclared: dict[str, set[str]] = {}
    for com in data.commodities.values():
        cdeclared[com.id] = {fold_key(a) for a in com.ambiguous_aliases}
        for n in com.all_names():
            cnames.setdefault(fold_key(n), {})[com.id] = com.source
    _collisions(cnames, cdeclared, "commodity alias", data.problems)

    demonyms: dict[str, dict[str, Any]] = {}
    for nat in data.nationalities.values():
        for forms in nat.demonyms.values():
            for d in forms:
                key = d if d.upper() == d else fold_key(d)
                demonyms.setdefault(key, {})[nat.country] = "nationalities"
    for key, owners in demonyms.items():
        if len(owners) > 1:
            data.problems.append(f"nationalities: demonym {key!r} is given to several countries ({', '.join(sorted(owners))})")
