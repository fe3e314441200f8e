"""The curated knowledge base of actors, commodities, nationalities and heads of state.

    kb = KnowledgeBase.load()                      # packaged data
    kb = KnowledgeBase.load([Path("my_kb.yaml")])  # packaged data + an analyst's file on top
    kb.lookup("First Capital Command")             # -> [KBRecord(id="crimegraph:group/pcc", ...)]

Files are YAML (see docs/knowledge-base.md). Problems are reported by ``validate_kb`` as a
list of strings, and raised by ``KnowledgeBase.load`` as one ConfigError naming each file,
record id and reason.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from crimegraph.errors import ConfigError
from crimegraph.kb.fold import fold_key
from crimegraph.kb.index import SurfaceIndex
from crimegraph.kb.lexicon import Lexicon
from crimegraph.kb.loader import KBData, packaged_files, read_files
from crimegraph.kb.records import CommodityRecord, HeadOfState, KBRecord, Nationality

__all__ = ["KBRecord", "CommodityRecord", "HeadOfState", "Nationality", "KnowledgeBase", "validate_kb"]

log = logging.getLogger(__name__)

_LEADING_ARTICLES = ("the ", "el ", "la ", "los ", "las ", "o ", "a ", "os ", "as ")
_MAX_PROBLEMS_SHOWN = 20
_COUNTRY_PREPOSITIONS = frozenset({"of", "de", "del", "do", "da", "in", "en", "no", "na"})
# what is left of a qualified name that names no particular body ("Colombian police" is one, kept)
_GENERIC_RESTS = frozenset({"government", "gobierno", "governo", "authorities", "autoridades", "state", "estado", "officials"})
# Acronyms of at least this many letters also match in title case ("Felcn", "Farc", "Nato"), as
# some outlets write them; shorter ones would catch ordinary words ("Mas", "Dea", "Pan").
_TITLE_CASE_ACRONYM_MIN = 4


def _layers(paths: Iterable[Path | str] | None) -> list[list[Path]]:
    layers = [packaged_files()]
    for p in paths or ():
        layers.append([Path(p)])
    return layers


def validate_kb(paths: Iterable[Path | str] | None = None) -> list[str]:
    """Problems in the packaged data plus ``paths`` (empty list: all good)."""
    return list(read_files(_layers(paths)).problems)


class KnowledgeBase:
    """Records indexed for look-up by name, alias or acronym, in English, Spanish and Portuguese."""

    def __init__(self, data: KBData, sources: tuple[str, ...] = ()) -> None:
        self._actors = data.actors
        self._commodities = data.commodities
        self._nationalities = data.nationalities
        self._heads = tuple(data.heads)
        self.lexicon = Lexicon.from_dict(data.lexicon)
        self.sources = sources
        self._actor_index: SurfaceIndex | None = None
        self._commodity_index: SurfaceIndex | None = None
        self._country_index: SurfaceIndex | None = None
        self._demonym_index: SurfaceIndex | None = None
        self._qualified: dict[str, dict[str, set[str]]] | None = None

    @classmethod
    def load(cls, paths: Iterable[Path | str] | None = None) -> "KnowledgeBase":
        """The packaged data, then each file of ``paths`` on top (adding or overriding records by id)."""
        layers = _layers(paths)
        data = read_files(layers)
        if data.problems:
            shown = data.problems[:_MAX_PROBLEMS_SHOWN]
            more = len(data.problems) - len(shown)
            tail = f"\n  ... and {more} more (run validate_kb for all)" if more > 0 else ""
            raise ConfigError(
                f"knowledge base has {len(data.problems)} problem(s):\n  " + "\n  ".join(shown) + tail
            )
        sources = tuple(str(p) for layer in layers for p in layer)
        log.debug("loaded %d actors, %d commodities from %d files", len(data.actors), len(data.commodities), len(sources))
        return cls(data, sources)

    # --- records --------------------------------------------------------------------------
    @property
    def records(self) -> tuple[KBRecord, ...]:
        return tuple(self._actors.values())

    @property
    def commodities(self) -> tuple[CommodityRecord, ...]:
        return tuple(self._commodities.values())

    @property
    def nationalities(self) -> tuple[Nationality, ...]:
        return tuple(self._nationalities.values())

    @property
    def heads_of_state(self) -> tuple[HeadOfState, ...]:
        return self._heads

    def get(self, record_id: str) -> KBRecord | None:
        return self._actors.get(record_id)

    def get_commodity(self, record_id: str) -> CommodityRecord | None:
        return self._commodities.get(record_id)

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._actors

    # --- indexes (built on first use) --------------------------------------------------------
    @property
    def actor_index(self) -> SurfaceIndex:
        if self._actor_index is None:
            idx = SurfaceIndex()
            names = set()
            for rec in self._actors.values():
                idx.add_all(rec.all_names(), rec.id)
                names.update(fold_key(n) for n in rec.all_names())
                for acr in rec.acronyms:
                    idx.add(acr, rec.id, exact=True)
            for rec in self._actors.values():
                for acr in rec.acronyms:
                    titled = acr.capitalize()
                    if len(acr) >= _TITLE_CASE_ACRONYM_MIN and acr.isalpha() and acr.isupper() and fold_key(titled) not in names:
                        idx.add(titled, rec.id, exact=True)
            self._actor_index = idx
        return self._actor_index

    @property
    def commodity_index(self) -> SurfaceIndex:
        if self._commodity_index is None:
            idx = SurfaceIndex()
            for com in self._commodities.values():
                for name in com.all_names():
                    # lower-case commodity names must not match capitalised proper names
                    idx.add(name, com.id, capital=False)
            self._commodity_index = idx
        return self._commodity_index

    @property
    def country_index(self) -> SurfaceIndex:
        """Country names in all languages -> ISO code."""
        if self._country_index is None:
            idx = SurfaceIndex()
            for nat in self._nationalities.values():
                for forms in nat.names.values():
                    for n in forms:
                        idx.add(n, nat.country)
            self._country_index = idx
        return self._country_index

    @property
    def demonym_index(self) -> SurfaceIndex:
        """Demonyms in all languages -> ISO code (all-capital forms such as "US" exact)."""
        if self._demonym_index is None:
            idx = SurfaceIndex()
            for nat in self._nationalities.values():
                for forms in nat.demonyms.values():
                    for d in forms:
                        idx.add(d, nat.country, capital=False)
            self._demonym_index = idx
        return self._demonym_index

    # --- look-ups --------------------------------------------------------------------------
    def lookup(self, surface: str) -> list[KBRecord]:
        """Records named ``surface``: case- and accent-insensitive for names, exact for acronyms.

        A leading article is ignored when the full string is not known ("the Bolivian
        government" finds the record listing "Bolivian government").
        """
        entries = self.actor_index.lookup(surface)
        if not entries:
            key = fold_key(surface)
            for art in _LEADING_ARTICLES:
                if key.startswith(art):
                    entries = self.actor_index.lookup(surface.strip()[len(art):])
                    break
        out: list[KBRecord] = []
        for e in entries:
            rec = self._actors[e.target]
            if rec not in out:
                out.append(rec)
        return out

    def commodity(self, surface: str) -> CommodityRecord | None:
        entries = self.commodity_index.lookup(surface)
        return self._commodities[entries[0].target] if entries else None

    def nationality(self, surface: str) -> str | None:
        """ISO code of a demonym ("Colombian", "colombianas", "norte-americano", "U.S.")."""
        entries = self.demonym_index.lookup(surface)
        return entries[0].target if entries else None

    def country_code(self, surface: str) -> str | None:
        """ISO code of a country name in any of the three languages ("Bolívia" -> "BO")."""
        entries = self.country_index.lookup(surface)
        return entries[0].target if entries else None

    def split_country(self, surface: str) -> tuple[str | None, str]:
        """(ISO code, rest) of a name qualified by its country, else (None, folded name).

        "Guatemalan Air Force", "Ecuador National Police", "Honduras' Supreme Court", "Policía
        Nacional de Colombia" and "Fuerza Aérea Colombiana" give the code and the folded rest
        ("air force", "national police", ...).
        """
        words = surface.split()
        if words and fold_key(words[0]) in ("the", "el", "la", "los", "las", "o", "a", "os", "as"):
            words = words[1:]
        for k in (3, 2, 1):
            if len(words) <= k:
                continue
            head = " ".join(words[:k])
            for suffix in ("'s", "\u2019s", "'", "\u2019"):
                if head.endswith(suffix):
                    head = head[: -len(suffix)]
                    break
            code = self.country_code(head) or self.nationality(head)
            if code:
                return code, fold_key(" ".join(words[k:]))
            tail = " ".join(words[-k:])
            code = self.country_code(tail) or self.nationality(tail)
            if code:
                rest = words[:-k]
                if rest and fold_key(rest[-1]) in ("the", "la", "el"):
                    rest = rest[:-1]
                if rest and fold_key(rest[-1]) in _COUNTRY_PREPOSITIONS:
                    rest = rest[:-1]
                elif self.country_code(tail):
                    continue  # "Colombia Customs" is handled above; "X Colombia" is not a qualifier
                if rest:
                    return code, fold_key(" ".join(rest))
        return None, fold_key(surface)

    def qualified_lookup(self, surface: str, country: str | None = None) -> dict[str, list[KBRecord]]:
        """Records by country whose name, without its country, is that of ``surface``.

        "Guatemalan Air Force" finds the record listing "Fuerza Aérea Guatemalteca"'s English
        form "Guatemala's Air Force"; "Supreme Court" finds every country's supreme court.
        ``country`` restricts the answer to one country.
        """
        code, rest = self.split_country(surface)
        if len(rest) < 3 or rest in _GENERIC_RESTS:
            return {}
        found = self._qualified_index().get(rest, {})
        wanted = code or country
        out: dict[str, list[KBRecord]] = {}
        for c, ids in found.items():
            if wanted and c != wanted:
                continue
            out[c] = [self._actors[i] for i in sorted(ids)]
        return out

    def _qualified_index(self) -> dict[str, dict[str, set[str]]]:
        if self._qualified is None:
            table: dict[str, dict[str, set[str]]] = {}
            for rec in self._actors.values():
                if not rec.country or rec.type not in ("state_agency", "government"):
                    continue
                for name in rec.all_names():
                    code, rest = self.split_country(name)
                    if code == rec.country and len(rest) >= 3:
                        table.setdefault(rest, {}).setdefault(code, set()).add(rec.id)
            self._qualified = table
        return self._qualified

    def heads_named(self, surname: str) -> list[HeadOfState]:
        key = fold_key(surname)
        return [h for h in self._heads if key in {fold_key(s) for s in h.surnames} or key == fold_key(h.name)]
