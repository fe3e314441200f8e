"""Named sites: a prison, a bar, a market, a ranch, a neighbourhood, an airport named with the word
for its kind ("el penal de Mil Cumbres", "el bar Heaven", "el Mercado de Abastos", "the Aguiles
Serden penitentiary", "Cuyabeno National Park", "o Complexo do Alemão").

Reports place events at such sites, and most of them are in no gazetteer. The recognizer keeps a
site phrase only where no gazetteer name or statistical place already covers it, so a site adds a
place to the document without displacing a known one; it is returned unresolved (a place entity
with a name and no coordinates)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crimegraph.geo.regions import NAME_PATTERN

__all__ = ["SiteMatch", "find_sites"]

# a capitalised name as region phrases read it, or a number ("Comuna 13")
_NAME = rf"(?:{NAME_PATTERN}|\d{{1,3}})"
_ES_HEADS = (
    r"penal|cereso|cefereso|cerereso|reclusorio|c[áa]rcel|prisi[óo]n|penitenciar[íi]a|centro\s+penitenciario|"
    r"centro\s+preventivo|centro\s+de\s+readaptaci[óo]n\s+social|bar|antro|mercado|central\s+de\s+abastos|rancho|"
    r"rancher[íi]a|fraccionamiento|colonia|barrio|garita|presa|aeropuerto(?:\s+internacional)?|hospital|hotel|"
    r"motel|casino|ejido|poblado|comuna|vereda|corregimiento"
)
_PT_HEADS = r"pres[íi]dio|penitenci[áa]ria|cadeia|complexo|comunidade|favela|morro|bairro|aeroporto|fazenda|comuna"
_EN_TAILS = (
    r"prison|penitentiary|jail|airport|International\s+Airport|market|neighbou?rhood|favela|slum|ranch|bridge|"
    r"dam|National\s+Park|Biosphere(?:\s+Reserve)?|border\s+crossing|detention\s+center|housing\s+complex"
)
_PATTERNS = {
    "es": re.compile(rf"\b(?P<head>(?i:{_ES_HEADS}))\s+(?:(?:de|del)\s+(?:(?:la|las|los)\s+)?)?(?P<name>{_NAME})"),
    "pt": re.compile(rf"\b(?P<head>(?i:{_PT_HEADS}))\s+(?:(?:de|do|da|dos|das)\s+)?(?P<name>{_NAME})"),
    "en": re.compile(rf"\b(?P<name>{_NAME})\s+(?P<head>{_EN_TAILS})\b"),
}
# English heads before the name ("the favela of Rocinha", "Comuna 13") use the Spanish/Portuguese words
_EN_BEFORE = re.compile(r"\b(?P<head>[Cc]omuna|[Ff]avela|[Cc]omplexo(?:\s+d[aoe])?)\s+(?:of\s+)?(?P<name>" + _NAME + ")")


@dataclass(frozen=True)
class SiteMatch:
    start: int
    end: int
    text: str
    head: str
    name: str
    head_first: bool  # "el penal de X" (True) or "the X penitentiary" (False)
    name_start: int


_ARTICLE = re.compile(r"^(?:The|El|La|Los|Las|O|A|Os|As)\s+")


def _clean_name(name: str) -> str:
    return re.sub(r"['’]s$", "", _ARTICLE.sub("", name.strip()).rstrip(".-"))


def find_sites(text: str, lang: str) -> list[SiteMatch]:
    """Site phrases in ``text`` (``lang``: en/es/pt; English also reads the Spanish/Portuguese
    words for neighbourhoods that English reports keep)."""
    patterns = [_PATTERNS.get(lang, _PATTERNS["en"])]
    if lang == "en":
        patterns.append(_EN_BEFORE)
    if lang == "pt":
        patterns.append(_PATTERNS["es"])
    out: list[SiteMatch] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            raw = m.group("name")
            head_first = m.start("name") > m.start("head")
            if ". " in raw:  # a name never runs over the end of a sentence
                if not head_first:
                    continue
                raw = raw[: raw.index(". ")]
            name = _clean_name(raw)
            if not name:
                continue
            name_start = m.start("name") + raw.index(name)
            if head_first:  # "el penal de Mil Cumbres"
                start, end = m.start(), name_start + len(name)
            else:  # "the Aguiles Serden penitentiary"
                start, end = name_start, m.end("head")
            out.append(SiteMatch(start, end, text[start:end], m.group("head"), name, head_first, name_start))
    return out
