"""Times named by a head of state's term of office.

"during the Calderón administration", "under former President Felipe Calderon", "en el sexenio de
Felipe Calderón", "el gobierno calderonista", "en lo que va del sexenio de Enrique Peña Nieto",
"desde que Calderón asumió el poder", "since Uribe took office", "no governo Lula": the days the
knowledge base gives for that term (``took_office``/``left_office`` in heads_of_state.yaml), cut at
publication when the term was still running. A surname several heads share is resolved only when
the text names one of them in full ("Evo Morales") or the phrase is Mexican ("sexenio"); a person
with several terms takes the latest one that began on or before publication. A head is taken only
when the text names them in full or names their country (the knowledge base's names and demonyms):
"el gobierno de Moreno" in a report on Puebla is its governor, not Ecuador's president.

"el sexenio pasado" and "el sexenio actual" are the Mexican terms before and around publication.
A government named as the one who acts ("the Obama administration requested ...", "el gobierno de
Calderón anunció ...") is an actor, not a time: the phrase needs a preposition of time ("during",
"under", "durante", "en", "bajo", "no governo"), except the Mexican "sexenio", which is only a period.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import weakref
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from crimegraph.kb.fold import fold, fold_key
from crimegraph.kb.records import HeadOfState

__all__ = ["Term", "find_terms"]

_ACCENTS = {"a": "aáàâã", "e": "eéê", "i": "ií", "o": "oóôõ", "u": "uúü", "n": "nñ", "c": "cç"}
_TITLE = r"(?:(?:former|then|current|ex)[\s-]+)?(?:(?:President|Pres\.|Prime\s+Minister)\s+)?"
_TITLE_ES = r"(?:(?:el|la)\s+)?(?:(?:ex-?)?president[ea]\s+)?"
_TITLE_PT = r"(?:(?:o|a)\s+)?(?:(?:ex-?)?president[ea]\s+)?"
# a first name before the surname ("Felipe Calderon"): capitalised, whatever the pattern's flags
_FIRST = r"(?-i:[A-ZÁÉÍÓÚ][\w.]+\s+)?"
_MONTH_YEAR = r"(?:\s+(?:in|en|em)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Za-z]+\s+(?:de\s+)?)?\d{4})?"
# "el gobierno calderonista": adjectives the Mexican press makes of a president's name
_ADJECTIVES = {
    "calderonista": "Calderón", "peñista": "Peña Nieto", "penista": "Peña Nieto", "foxista": "Fox",
    "zedillista": "Zedillo", "salinista": "Salinas", "lopezobradorista": "López Obrador",
    "uribista": "Uribe", "santista": "Santos",
}


@dataclass(frozen=True)
class Term:
    """A term found at ``text[start:end]``, resolved to ``first``..``last`` (granularity range)."""

    start: int
    end: int
    first: dt.date
    last: dt.date


def _loose(name: str) -> str:
    """A regular expression for ``name`` with or without its accents ("Calderon", "Calderón")."""
    out = []
    for ch in fold_key(name):
        if ch in _ACCENTS:
            out.append("[" + _ACCENTS[ch] + "]")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@functools.lru_cache(maxsize=8)
def _anchors(names: tuple[str, ...], lang: str) -> tuple[frozenset[str], re.Pattern[str]]:
    """What every term phrase holds: a head's name (its last word, with and without accents), a Mexican adjective or "sexenio"."""
    words = list(_ADJECTIVES) + (["sexenio"] if lang == "es" else [])
    last = [n.split()[-1] for n in names]
    return frozenset([fold_key(w) for w in last] + [w.casefold() for w in last]), re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)


_CAPITALISED = re.compile(r"(?<!\w)[A-ZÁÉÍÓÚÑ][^\W\d_]*")


# how far a term phrase reaches before and after its anchor ("during the then President ... administration")
_REACH = 90


def _matches(text: str, names: tuple[str, ...], lang: str) -> Iterable[re.Match[str]]:
    """The patterns' matches, looked for only around the anchors (a whole-text scan costs 3 ms a report)."""
    last_words, lowercase = _anchors(names, lang)
    anchors = [m.span() for m in _CAPITALISED.finditer(text) if m.group(0).casefold() in last_words]
    anchors += [m.span() for m in lowercase.finditer(text)]
    windows: list[list[int]] = []
    for start, end in sorted(anchors):
        lo, hi = max(0, start - _REACH), min(len(text), end + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        for pattern in _patterns(names, lang):
            yield from pattern.finditer(text, lo, hi)


@functools.lru_cache(maxsize=8)
def _patterns(names: tuple[str, ...], lang: str) -> tuple[re.Pattern[str], ...]:
    alt = "|".join(_loose(n) for n in sorted(set(names), key=len, reverse=True))
    name = rf"(?P<name>{alt})"
    adjectives = "|".join(_ADJECTIVES)
    since_en = r"(?:took\s+(?:office|power)|came\s+(?:to|into)\s+power|assumed\s+(?:office|power|the\s+presidency)|was\s+(?:inaugurated|sworn\s+in))"
    since_es = r"(?:asumió(?:\s+(?:el\s+poder|la\s+presidencia|el\s+cargo))?|llegó\s+al\s+poder|tomó\s+posesión|rindió\s+protesta)"
    since_pt = r"(?:assumiu(?:\s+(?:o\s+poder|a\s+presidência|o\s+cargo))?|chegou\s+ao\s+poder|tomou\s+posse)"
    if lang == "en":
        specs = [
            rf"(?:during|under|in|throughout|over)\s+(?:the\s+)?{_TITLE}{_FIRST}{name}(?:'s|’s|')?\s+"
            r"(?:(?:first|second)\s+)?(?:administration|government|presidency|term|tenure|years\s+in\s+office)",
            rf"under\s+{_TITLE}{_FIRST}{name}",
            rf"(?:ever\s+)?since\s+{_TITLE}{_FIRST}{name}\s+{since_en}{_MONTH_YEAR}",
        ]
    elif lang == "es":
        specs = [
            rf"(?:(?:en\s+)?lo\s+que\s+va\s+(?:del|de\s+la)\s+|(?:durante|en|bajo)\s+(?:el|la)\s+)"
            rf"(?:sexenio|gobierno|administración|mandato|presidencia|gestión)\s+(?:de|del)\s+{_TITLE_ES}{_FIRST}{name}",
            rf"(?:(?:durante|en|bajo)\s+)?(?:el|la)\s+sexenio\s+(?:de|del)\s+{_TITLE_ES}{_FIRST}{name}",
            rf"(?:durante|en|bajo)\s+(?:el|la)\s+(?:sexenio|gobierno|administración)\s+(?P<adj>{adjectives})",
            rf"desde\s+que\s+{_TITLE_ES}{_FIRST}{name}\s+{since_es}{_MONTH_YEAR}",
            r"(?:(?:durante|en)\s+)?(?:el\s+sexenio\s+(?P<rel>pasado|anterior|actual)|(?:este|el\s+presente)\s+sexenio)",
        ]
    else:
        specs = [
            rf"(?:durante\s+[oa]|n[oa]|sob\s+[oa])\s+(?:governo|gestão|mandato|presidência|administração)\s+"
            rf"(?:(?:de|do|da)\s+)?{_TITLE_PT}{_FIRST}{name}",
            rf"desde\s+que\s+{_TITLE_PT}{_FIRST}{name}\s+{since_pt}{_MONTH_YEAR}",
        ]
    return tuple(re.compile(r"(?<!\w)" + s + r"(?!\w)", re.IGNORECASE) for s in specs)


def _pick(candidates: list[HeadOfState], text: str, published: dt.date | None, mexican: bool,
          countries: dict[str, re.Pattern[str]]) -> HeadOfState | None:
    if published is not None:
        candidates = [h for h in candidates if h.took_office <= published]
    if mexican:
        candidates = [h for h in candidates if h.country == "MX"]
    people = {h.name for h in candidates}
    folded = fold(text)
    if len(people) > 1:
        people = {p for p in people if fold_key(p) in folded}
        candidates = [h for h in candidates if h.name in people]
    if len(people) != 1:
        return None
    head = max(candidates, key=lambda h: h.took_office)
    if not mexican and fold_key(head.name) not in folded:
        named = countries.get(head.country)
        if named is None or not named.search(text):
            return None
    return head


def _mexican_term(heads: Sequence[HeadOfState], published: dt.date, rel: str | None) -> HeadOfState | None:
    mx = sorted((h for h in heads if h.country == "MX" and h.took_office and h.took_office <= published),
                key=lambda h: h.took_office)
    if not mx:
        return None
    if rel in ("pasado", "anterior"):
        return mx[-2] if len(mx) > 1 else None
    return mx[-1]


@dataclass(frozen=True)
class _KBTerms:
    heads: tuple[HeadOfState, ...]  # those with the day they took office
    names: tuple[str, ...]  # their full names and surnames
    countries: dict[str, re.Pattern[str]]  # per country code, its names and demonyms as written, accents optional


_KB_TERMS: "weakref.WeakKeyDictionary[Any, _KBTerms]" = weakref.WeakKeyDictionary()


def _kb_terms(kb: Any) -> _KBTerms:
    """What a knowledge base gives the term phrases, derived once per knowledge base."""
    if kb not in _KB_TERMS:
        heads = tuple(h for h in kb.heads_of_state if h.took_office)
        words = {nat.country: {w for table in (nat.names, nat.demonyms) for ws in table.values() for w in ws}
                 for nat in kb.nationalities}
        _KB_TERMS[kb] = _KBTerms(
            heads=heads,
            names=tuple(n for h in heads for n in (h.name, *h.surnames)),
            countries={code: re.compile(r"(?<!\w)(?:" + "|".join(_loose(w) for w in sorted(ws, key=len, reverse=True))
                                        + r")(?!\w)", re.IGNORECASE)
                       for code, ws in words.items() if ws},
        )
    return _KB_TERMS[kb]


def find_terms(text: str, lang: str, published: dt.date | None, kb: Any) -> list[Term]:
    """Terms of office named in ``text``, resolved through the heads of state of ``kb`` (a
    ``KnowledgeBase``); overlapping finds keep the longest."""
    known = _kb_terms(kb)
    heads, names = known.heads, known.names
    if not names or lang not in ("en", "es", "pt"):
        return []
    found: list[Term] = []
    seen: set[tuple[int, int]] = set()
    for m in _matches(text, names, lang):
        if m.span() in seen:
            continue
        seen.add(m.span())
        groups = m.groupdict()
        since = m.group(0).casefold().startswith(("since", "ever since", "desde que"))
        if "rel" in groups and "name" not in groups:
            if published is None:
                continue
            head = _mexican_term(heads, published, groups.get("rel"))
        else:
            name = _ADJECTIVES[fold_key(groups["adj"])] if groups.get("adj") else groups["name"]
            mexican = bool(groups.get("adj")) or "sexenio" in m.group(0).casefold()
            head = _pick([h for h in kb.heads_named(name) if h.took_office], text, published, mexican, known.countries)
        if head is None or head.took_office is None:
            continue
        last = head.left_office or published
        if published is not None and (last is None or last > published or since):
            last = published
        if last is None or last < head.took_office:
            continue
        found.append(Term(m.start(), m.end(), head.took_office, last))
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    kept: list[Term] = []
    for term in found:
        if not any(term.start < k.end and k.start < term.end for k in kept):
            kept.append(term)
    return sorted(kept, key=lambda t: t.start)
