"""Region phrases: "the Chilean border", "la frontera con Brasil", "western Bolivia",
"northern Mexico", "el norte de México", "a fronteira com o Paraguai", "the country's
western region". They become places of precision ``region`` inside their best enclosing unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NAME_PATTERN", "RegionMatch", "find_region_phrases", "parse_region"]

_DIR_EN = {
    "northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "centre",
    "northeastern": "northeast", "north-eastern": "northeast", "northwestern": "northwest", "north-western": "northwest",
    "southeastern": "southeast", "south-eastern": "southeast", "southwestern": "southwest", "south-western": "southwest",
    "north": "north", "south": "south", "east": "east", "west": "west", "center": "centre", "centre": "centre",
    "northeast": "northeast", "northwest": "northwest", "southeast": "southeast", "southwest": "southwest",
}
_DIR_ESPT = {
    "norte": "north", "sur": "south", "sul": "south", "este": "east", "leste": "east", "oeste": "west",
    "occidente": "west", "oriente": "east", "centro": "centre", "noreste": "northeast", "nordeste": "northeast",
    "noroeste": "northwest", "sureste": "southeast", "sudeste": "southeast", "suroeste": "southwest",
    "sudoeste": "southwest", "occidental": "west", "oriental": "east", "septentrional": "north", "meridional": "south",
    "central": "centre",
}
# a capitalised name of one to four words, allowing lowercase connectors inside
NAME_PATTERN = r"(?:[A-ZÁÉÍÓÚÑÇÂÊÔÃÕ][\w'’.-]*(?:\s+(?:de|del|da|do|dos|das|la|las|los|y|e|of|and)\s+[A-ZÁÉÍÓÚÑÇ][\w'’.-]*|\s+[A-ZÁÉÍÓÚÑÇ][\w'’.-]*){0,3})"
_ADJ = r"[A-ZÁÉÍÓÚÑÇa-záéíóúñçâêôãõ][a-záéíóúñçâêôãõ]+"
_EN_DIRS = "|".join(sorted(_DIR_EN, key=len, reverse=True))
_ESPT_DIRS = "|".join(sorted(_DIR_ESPT, key=len, reverse=True))
_AREA = r"(?:region|regions|part|parts|areas?|border|borders|frontier|coast|provinces|states|departments|highlands|lowlands)"

_PATTERNS: dict[str, list[tuple[str, re.Pattern]]] = {
    "en": [
        ("border_adj", re.compile(rf"\b(?:the\s+)?(?P<adj>[A-Z][a-z]+)\s+(?:border|frontier)(?:\s+(?:region|area|zone))?\b")),
        ("border_with", re.compile(rf"\b(?:the\s+)?(?:border|frontier)(?:\s+(?:region|area|zone))?\s+with\s+(?:the\s+)?(?P<anchor>{NAME_PATTERN})")),
        ("border_pair", re.compile(rf"\b(?:the\s+)?(?P<anchor>{NAME_PATTERN})\s*[-–/]\s*(?P<anchor2>{NAME_PATTERN})\s+(?:border|frontier)\b")),
        ("country_dir", re.compile(rf"\b(?:the\s+)?country['’]s\s+(?P<dir>{_EN_DIRS})\s+{_AREA}\b", re.I)),
        # "the west of the country", "the northern part of the country", "the country's north"
        ("country_dir", re.compile(rf"\bthe\s+(?P<dir>{_EN_DIRS})\s+(?:(?:part|parts|region|half|tip|end)\s+)?of\s+the\s+country\b", re.I)),
        ("country_dir", re.compile(r"\b(?:the\s+)?country['’]s\s+(?P<dir>north|south|east|west|northeast|northwest|southeast|"
                                   r"southwest|center|centre)\b(?![-'’]|\s+(?:and|or|to)\b)", re.I)),
        ("anchor_dir", re.compile(rf"\b(?P<anchor>{NAME_PATTERN})['’]s?\s+(?P<dir>(?i:{_EN_DIRS}))\s+(?i:{_AREA})\b")),
        ("dir_of", re.compile(rf"\bthe\s+(?P<dir>(?i:north|south|east|west|northeast|northwest|southeast|southwest|center|centre))\s+of\s+(?:the\s+)?(?P<anchor>{NAME_PATTERN})")),
        ("dir_anchor", re.compile(rf"\b(?P<dir>{_EN_DIRS})\s+(?P<anchor>{NAME_PATTERN})")),
    ],
    "es": [
        ("border_with", re.compile(rf"\b(?:la\s+)?(?:frontera|zona\s+fronteriza|franja\s+fronteriza)\s+con\s+(?:el\s+|la\s+)?(?P<anchor>{NAME_PATTERN})", re.I)),
        ("border_adj", re.compile(rf"\b(?:la\s+)?frontera\s+(?P<adj>{_ADJ})\b", re.I)),
        ("country_dir", re.compile(rf"\b(?:la\s+)?(?:región|zona)\s+(?P<dir>{_ESPT_DIRS})\s+del\s+país\b", re.I)),
        # "el norte del país", "la parte sur del país"
        ("country_dir", re.compile(rf"\b(?:el|la)\s+(?:(?:parte|región|zona)\s+)?(?P<dir>{_ESPT_DIRS})\s+del\s+país\b", re.I)),
        ("dir_of", re.compile(rf"\b(?:el|la)\s+(?:(?:región|zona)\s+)?(?P<dir>(?i:{_ESPT_DIRS}))\s+(?:de|del)\s+(?:la\s+|el\s+)?(?P<anchor>{NAME_PATTERN})")),
    ],
    "pt": [
        ("border_with", re.compile(rf"\b(?:a\s+)?(?:fronteira|faixa\s+de\s+fronteira|região\s+de\s+fronteira)\s+com\s+(?:o\s+|a\s+)?(?P<anchor>{NAME_PATTERN})", re.I)),
        ("border_adj", re.compile(rf"\b(?:a\s+)?fronteira\s+(?P<adj>{_ADJ})\b", re.I)),
        ("country_dir", re.compile(rf"\b(?:a\s+)?(?:região|zona)\s+(?P<dir>{_ESPT_DIRS})\s+do\s+país\b", re.I)),
        # "o norte do país", "a parte sul do país"
        ("country_dir", re.compile(rf"\b(?:o|a)\s+(?:(?:parte|região|zona)\s+)?(?P<dir>{_ESPT_DIRS})\s+do\s+país\b", re.I)),
        ("dir_of", re.compile(rf"\b(?:o|a)\s+(?:(?:região|zona)\s+)?(?P<dir>(?i:{_ESPT_DIRS}))\s+(?:de|do|da)\s+(?:o\s+|a\s+)?(?P<anchor>{NAME_PATTERN})")),
    ],
}


@dataclass(frozen=True)
class RegionMatch:
    """A region phrase: what kind, the direction, the anchors (names or nationality words)."""

    start: int
    end: int
    text: str
    kind: str  # "border" | "direction"
    direction: str | None
    anchors: tuple[str, ...]  # place names; "@country" = the document's own country
    demonym: str | None = None  # nationality word of a border ("Chilean", "boliviana")


def find_region_phrases(text: str, lang: str, is_place, is_demonym) -> list[RegionMatch]:
    """Region phrases in ``text``; ``is_place(name)`` and ``is_demonym(word)`` check anchors."""
    out: list[RegionMatch] = []
    for rule, pattern in _PATTERNS.get(lang, _PATTERNS["en"]):
        for m in pattern.finditer(text):
            gd = m.groupdict()
            direction = gd.get("dir")
            if direction:
                direction = (_DIR_EN if lang == "en" else _DIR_ESPT).get(direction.lower())
                if direction is None:
                    continue
            anchors: tuple[str, ...] = ()
            demonym = None
            if rule == "border_adj":
                if not is_demonym(gd["adj"]):
                    continue
                demonym = gd["adj"]
            elif rule == "country_dir":
                anchors = ("@country",)
            else:
                names = [_trim(gd["anchor"], is_place)] + ([_trim(gd["anchor2"], is_place)] if gd.get("anchor2") else [])
                if not all(names):
                    continue
                anchors = tuple(names)
            end = m.end()
            if anchors and anchors[-1] != "@country":
                # the phrase ends where its last anchor ends
                last = anchors[-1]
                end = text.find(last, m.start("anchor2" if gd.get("anchor2") else "anchor")) + len(last)
            if is_place(text[m.start() : end]) or (rule == "dir_anchor" and is_place(text[m.start() : m.end()])):
                continue  # "North Carolina", "Central America": a name, not a region
            kind = "border" if rule.startswith("border") else "direction"
            out.append(RegionMatch(m.start(), end, text[m.start() : end], kind, direction, anchors, demonym))
    return out


def _trim(name: str, is_place) -> str | None:
    """The longest prefix of ``name`` (in words) that the gazetteer knows."""
    words = name.split()
    for n in range(len(words), 0, -1):
        cand = " ".join(words[:n]).rstrip(".,'’")
        if words[n - 1].lower() in {"de", "del", "da", "do", "dos", "das", "la", "las", "los", "y", "e", "of", "and"}:
            continue
        if is_place(cand):
            return cand
    return None


def parse_region(text: str, lang: str, is_place, is_demonym) -> RegionMatch | None:
    """Parse one region toponym's text (as found by :func:`find_region_phrases`)."""
    found = [m for m in find_region_phrases(text, lang, is_place, is_demonym) if m.start == 0]
    return max(found, key=lambda m: m.end) if found else None
