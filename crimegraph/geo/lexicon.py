"""The project's own geographic word lists: nationality words and the gazetteer supplement."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from crimegraph.errors import ConfigError
from crimegraph.geo.names import norm

__all__ = ["SupplementPlace", "load_supplement", "demonyms", "inflect"]


@dataclass(frozen=True)
class SupplementPlace:
    slug: str
    name: str
    aliases: tuple[str, ...]
    feature: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class Supplement:
    version: int
    country_aliases: dict[str, tuple[str, ...]]
    country_points: dict[str, tuple[float, float]]
    admin1_aliases: dict[str, tuple[str, ...]]
    admin1_points: dict[str, tuple[float, float]]
    country_names: dict[str, str]
    places: tuple[SupplementPlace, ...]


def _read_yaml(name: str) -> dict:
    text = resources.files("crimegraph.geo").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "version" not in data:
        raise ConfigError(f"crimegraph/geo/data/{name}: expected a mapping with a 'version' key")
    return data


@functools.cache
def load_supplement() -> Supplement:
    data = _read_yaml("supplement.yaml")
    places = []
    for i, row in enumerate(data.get("places") or []):
        try:
            places.append(
                SupplementPlace(
                    slug=str(row["slug"]),
                    name=str(row["name"]),
                    aliases=tuple(str(a) for a in row.get("aliases") or ()),
                    feature=str(row["feature"]),
                    country=row.get("country"),
                    admin1=row.get("admin1"),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    population=int(row.get("population") or 0),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"crimegraph/geo/data/supplement.yaml: place #{i + 1} is invalid ({exc!r})") from exc
    return Supplement(
        version=int(data["version"]),
        country_aliases={k: tuple(str(a) for a in v) for k, v in (data.get("country_aliases") or {}).items()},
        country_points={k: (float(v[0]), float(v[1])) for k, v in (data.get("country_points") or {}).items()},
        country_names={str(k): str(v) for k, v in (data.get("country_names") or {}).items()},
        admin1_aliases={k: tuple(str(a) for a in v) for k, v in (data.get("admin1_aliases") or {}).items()},
        admin1_points={k: (float(v[0]), float(v[1])) for k, v in (data.get("admin1_points") or {}).items()},
        places=tuple(places),
    )


def inflect(base: str, lang: str) -> set[str]:
    """Gender and number forms of a Spanish or Portuguese nationality word (and English plurals)."""
    out = {base}
    if lang == "en":
        if base.endswith(("n", "i")) and " " not in base and not base.endswith("man"):
            out.add(base + "s")
        if base.endswith(("n",)) and " " in base:
            out.add(base + "s")
        if base.endswith("man"):
            out.add(base[:-3] + "men")
        if base in {"Briton", "Spaniard", "Swede", "Finn", "Pole", "Turk", "Dane", "Croat", "Serb", "Filipino", "Afghan", "Thai"}:
            out.add(base + "s")
        return out
    if lang == "es":
        if base.endswith("o"):
            out |= {base[:-1] + "a", base + "s", base[:-1] + "as"}
        elif base.endswith("és"):
            stem = base[:-2] + "es"
            out |= {stem + "a", stem + "es", stem + "as"}
        elif base.endswith("án"):
            stem = base[:-2] + "an"
            out |= {stem + "a", stem + "es", stem + "as"}
        elif base.endswith(("e", "a")):
            out.add(base + "s")
        elif base.endswith(("í", "ú")):
            out |= {base + "es", base + "s"}
        elif base.endswith("l"):
            out |= {base + "a", base + "es", base + "as"}
    elif lang == "pt":
        if base.endswith("ão"):
            out |= {base[:-2] + "ã", base[:-2] + "ães", base[:-2] + "ãs", base[:-2] + "ãos"}
        elif base.endswith("o"):
            out |= {base[:-1] + "a", base + "s", base[:-1] + "as"}
        elif base.endswith("ês"):
            stem = base[:-2] + "es"
            out |= {stem + "a", stem + "es", stem + "as"}
        elif base.endswith(("e", "a", "i")):
            out.add(base + "s")
        elif base.endswith("l"):
            out |= {base[:-1] + "is", base + "a", base + "as"}
    return out


@functools.cache
def demonyms() -> dict[str, str]:
    """Normalized nationality word (any language, any inflection) -> ISO alpha-2."""
    data = _read_yaml("demonyms.yaml")
    out: dict[str, str] = {}
    for cc, langs in (data.get("demonyms") or {}).items():
        for lang, words in langs.items():
            for word in words:
                for form in inflect(str(word), lang):
                    out.setdefault(norm(form), str(cc))
    return out
