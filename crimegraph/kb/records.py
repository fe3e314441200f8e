"""The knowledge base's record types: plain frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["ACTOR_TYPES", "LANGUAGES", "KBRecord", "CommodityRecord", "HeadOfState", "Nationality"]

# Entity types (ONTOLOGY.md) an actor record may have; places and commodities live elsewhere.
ACTOR_TYPES = ("criminal_group", "state_agency", "government", "international_org", "media", "organization", "person")
LANGUAGES = ("en", "es", "pt")


def names_of(name: str, aliases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """``name`` and the aliases of every language, in order, each once."""
    out: list[str] = [name]
    for forms in aliases.values():
        out.extend(f for f in forms if f not in out)
    return tuple(out)


@dataclass(frozen=True)
class KBRecord:
    """One actor: a group, agency, government, international organization, outlet, organization."""

    id: str
    name: str
    type: str
    country: str | None
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=True)
    acronyms: tuple[str, ...] = ()
    description: str | None = None
    ambiguous_aliases: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)  # file the record was read from

    def all_names(self) -> tuple[str, ...]:
        """Canonical name and every alias, in all languages, without duplicates."""
        return names_of(self.name, self.aliases)

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class CommodityRecord:
    id: str
    name: str
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    ambiguous_aliases: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)

    def all_names(self) -> tuple[str, ...]:
        """Canonical name and every alias, in all languages, without duplicates."""
        return names_of(self.name, self.aliases)

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class HeadOfState:
    """A head of state or government in office from ``start`` to ``end`` (years; end None = in office);
    ``took_office`` and ``left_office`` are the exact days where known (``left_office`` None while in office)."""

    name: str
    surnames: tuple[str, ...]
    country: str
    start: int | None
    end: int | None
    took_office: dt.date | None = None
    left_office: dt.date | None = None

    def in_office(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Nationality:
    """A country's names and demonyms per language."""

    country: str
    names: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
