"""Time expressions in English, Spanish and Portuguese news, resolved against publication.

``find_times(text, lang, published)`` spots expressions with per-language regular
expressions ("in September", "el martes pasado", "há duas semanas", "since the beginning of
2013", "between 2010 and 2012") and resolves each to a ``crimegraph.model.TimeSpan``
following ONTOLOGY.md: a month name without a year is the latest such month on or before
publication, a weekday the latest such day on or before publication, "last year" the
previous calendar year. Expressions that need a publication date get ``span=None`` when it
is missing. The decisions are written down in docs/time-and-quantities.md.

Pure regular expressions: patterns are built and compiled on first use per language.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from crimegraph.errors import InputError
from crimegraph.extract import timex_lexicon as lex
from crimegraph.extract import timex_resolve as cal
from crimegraph.extract.timex_terms import Term, find_terms
from crimegraph.model import TimeSpan

__all__ = ["TimeExpr", "find_times"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found at ``text[start:end]``; ``span`` None when unresolvable.

    ``anchor`` is the starting point of a "since X" range (the period X itself): what "since 2012,
    when he was arrested" dates the arrest to, and what a later "that year" refers to.
    """

    start: int
    end: int
    text: str
    span: TimeSpan | None
    anchor: TimeSpan | None = None
    term: bool = False  # a head of state's term of office ("under President Uribe"): background, not a news date


@dataclass(frozen=True)
class _Rule:
    kind: str
    regex: re.Pattern[str]
    standalone: bool  # False: an atom only used inside "since ..." / "between ... and ..."


Resolved = tuple[cal.Period, str]

_FLAGS = re.IGNORECASE

# Words after a number that make it a quantity, not a year ("in 2000 kilos").
_UNIT_WORDS = (
    r"%|percent|per\s+cent|por\s+ciento|por\s+cento|kilos?|kg|kilograms?|kilogramos?|kilogramas?|"
    r"gramos?|gramas?|grams?|g|tons?|tonnes?|toneladas?|t|pounds?|lbs?|libras?|people|persons|"
    r"personas|pessoas|dollars?|d[oó]lares|reais|pesos|euros?|hect[aá]reas?|hectares?|ha|"
    r"units?|unidades?|metros?|meters?|km|miles|millas|members|miembros|membros|soldiers|"
    r"soldados|troops|tropas|police|polic[ií]as|policiais|agents|agentes|officers|rifles|"
    r"weapons|armas|cartuchos|rounds|homicides|homicidios|homic[ií]dios|murders|killings|asesinatos|assassinatos|"
    r"deaths|muertos|mortos|victims|v[ií]ctimas|families|familias|fam[ií]lias|plants|plantas|"
    r"plantas|liters|litros|gallons|galones"
)
_NO_UNIT = rf"(?![.,]\d)(?!\s*(?:{_UNIT_WORDS})(?!\w))"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
# Spanish and Portuguese also write the first of a month in words: "el primero de febrero", "primeiro de maio"
_DAY_WORDS = r"(?:" + _DAY + r"|primero|primeiro)"
_PLURAL_BEFORE = re.compile(
    r"(?:\b(?:los|las|os|as|aos|às|nos|nas|todos|todas|cada|santo|san|são|santa|black|good)\s+)$",
    _FLAGS,
)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_SPACES = re.compile(r"\s+")


def _alt(words) -> str:
    """Alternation of literal phrases, longest first, any whitespace between words."""
    parts = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


def _norm(phrase: str) -> str:
    return _SPACES.sub(" ", phrase.strip().lower())


def _fill(pattern: str, tokens: dict[str, str]) -> str:
    for name, value in tokens.items():
        pattern = pattern.replace("@" + name + "@", value)
    return pattern


def _tokens(lang: str) -> dict[str, str]:
    parts = [p for phrases in lex.PARTS[lang].values() for p in phrases]
    return {
        "MON": _alt(lex.MONTHS[lang]),
        "WD": _alt(lex.WEEKDAYS[lang]),
        "D": _DAY if lang == "en" else _DAY_WORDS,
        "Y": _YEAR,
        "NOUNIT": _NO_UNIT,
        "PART": _alt(parts),
        "YREF": _alt(lex.YEAR_REFS[lang]),
        "MREF": _alt(lex.MONTH_REFS[lang]),
        "REL": _alt(lex.RELATIVE[lang]),
        "NUM": r"(?:\d{1,3}|" + _alt(lex.SMALL_NUMBERS[lang])[3:],
        "UNIT": _alt(lex.UNITS_AGO[lang]),
        "DECW": _alt(lex.DECADE_WORDS[lang]),
        "ORD": r"(?:st|nd|rd|th)?" if lang == "en" else r"(?:º|°|\.º)?",
        "HPART": _alt(p for name, phrases in lex.PARTS[lang].items() if name[0] in "hq" for p in phrases),
        "ANA": _alt(lex.ANAPHORS[lang]),
        "ADIR": _alt(lex.ANAPHOR_LATER[lang] + lex.ANAPHOR_EARLIER[lang]),
        "AYREF": _alt(lex.ANAPHORIC_YEAR[lang]),
        "HOL": _alt(lex.HOLIDAYS[lang]),
    }


# Atoms: (kind, pattern), most specific first (alternation inside composites takes the
# first alternative that fits). They carry no leading preposition.
_ATOMS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("ymd_iso", r"(?P<y>@Y@)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
        ("ymd", r"(?:(?P<wd>@WD@),?\s+)?(?P<mon>@MON@)\s+(?P<d>@D@)@ORD@,?\s+(?P<y>@Y@)"),
        ("ymd", r"(?:(?P<wd>@WD@),?\s+)?(?:the\s+)?(?P<d>@D@)@ORD@\s+(?:of\s+)?(?P<mon>@MON@),?\s+(?P<y>@Y@)"),
        ("ymd_num", r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>@Y@)"),
        ("my", r"(?P<mon>@MON@),?\s+(?:of\s+)?(?P<y>@Y@)"),
        ("my_anaphor", r"(?:(?P<d>@D@)@ORD@\s+(?:of\s+)?)?(?P<mon>@MON@)(?:\s+(?P<d2>@D@)@ORD@)?,?\s+(?:of\s+)?(?:that|the\s+same|the\s+following|the\s+previous)\s+year"),
        ("my_ref", r"(?:(?P<d>@D@)@ORD@\s+(?:of\s+)?)?(?P<mon>@MON@)(?:\s+(?P<d2>@D@)@ORD@)?,?\s+(?P<yref>@YREF@)"),
        ("md", r"(?:(?P<wd>@WD@),?\s+)?(?P<mon>@MON@)\s+(?P<d>@D@)@ORD@(?![.,]\d)"),
        ("md", r"(?:(?P<wd>@WD@),?\s+)?(?:the\s+)?(?P<d>@D@)@ORD@\s+(?:of\s+)?(?P<mon>@MON@)"),
        ("decade", r"(?:the\s+)?(?:(?P<part>early|mid-?|late)(?:\s*-?\s*to\s*-?\s*(?P<part2>mid|late)-?)?\s*)?(?P<dec4>(?:19|20)\d0)'?s(?!\w)"),
        ("decade", r"the\s+(?:(?P<part>early|mid-?|late)\s*)?'?(?P<dec2>\d0)'?s(?!\w)"),
        ("decade", r"the\s+(?:(?P<part>early|mid-?|late)\s*)?(?P<decw>@DECW@)"),
        ("part_y", r"(?:the\s+)?(?P<part>@PART@)(?:\s+|(?<=-))(?:(?P<y>@Y@)|(?P<ayref>@AYREF@)|(?P<yref>@YREF@))"),
        ("part_m", r"(?:the\s+)?(?P<part>@PART@)(?:\s+|(?<=-))(?:(?P<pre>last|this\s+past)\s+)?(?P<mon>@MON@)(?:,?\s+(?P<y>@Y@))?"),
        ("part_m", r"(?:the\s+)?(?P<part>@PART@)(?:\s+|(?<=-))(?P<mref>@MREF@)"),
        ("rel", r"(?P<rel>@REL@)"),
        ("ago", r"(?P<n>@NUM@)\s+(?P<unit>@UNIT@)\s+ago"),
        ("wd", r"(?:(?P<pre>last|this|next|this\s+past|this\s+coming|past)\s+)?(?P<wd>@WD@)(?:\s+(?P<post>last|next))?"),
        ("m", r"(?:(?P<pre>last|this|next|this\s+past)\s+)?(?P<mon>@MON@)"),
        ("y", r"(?P<y>@Y@)@NOUNIT@"),
    ],
    "es": [
        ("ymd_iso", r"(?P<y>@Y@)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
        ("ymd", r"(?:(?:el|este|ese)\s+)?(?:pasado\s+)?(?:(?P<wd>@WD@),?\s+)?(?:pasado\s+)?(?:d[ií]a\s+)?(?P<d>@D@)@ORD@\s+de\s+(?P<mon>@MON@)(?:\s+(?:de|del)\s+(?:año\s+)?|,?\s+)(?P<y>@Y@)"),
        ("ymd_num", r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>@Y@)"),
        ("my", r"(?P<mon>@MON@)(?:\s+(?:de|del)\s+(?:año\s+)?|\s+)(?P<y>@Y@)"),
        ("my_anaphor", r"(?:(?:el\s+)?(?P<d>@D@)@ORD@\s+de\s+)?(?P<mon>@MON@)\s+(?:de\s+ese|de\s+aquel|del\s+mismo|del\s+siguiente|del\s+año\s+siguiente)(?:\s+año)?"),
        ("my_ref", r"(?:(?:el\s+)?(?P<d>@D@)@ORD@\s+de\s+)?(?P<mon>@MON@)\s+(?P<yref>@YREF@)"),
        ("md", r"(?:(?:el|este|ese)\s+)?(?:(?P<pre0>pasado|próximo)\s+)?(?:(?P<wd>@WD@),?\s+)?(?:(?P<pre>pasado|próximo)\s+)?(?:d[ií]a\s+)?(?P<d>@D@)@ORD@\s+de\s+(?P<mon>@MON@)(?:\s+(?P<post>pasado|último|próximo))?"),
        ("decade", r"(?:(?P<part>@PART@)\s+de\s+)?(?:(?:los\s+)?años\s+|(?:la\s+)?década\s+de(?:\s+los)?\s+(?:años\s+)?)(?P<dec4>(?:19|20)\d0)(?!\d)"),
        ("decade", r"(?:(?P<part>@PART@)\s+de\s+)?(?:(?:los\s+)?años\s+|(?:la\s+)?década\s+de(?:\s+los)?\s+(?:años\s+)?)'?(?P<dec2>\d0)(?!\d)"),
        ("decade", r"(?:(?P<part>@PART@)\s+de\s+)?(?:(?:los\s+)?años\s+|(?:la\s+)?década\s+de(?:\s+los)?\s+(?:años\s+)?)(?P<decw>@DECW@)"),
        ("part_y", r"(?:(?:el|los|las)\s+)?(?P<part>@PART@)\s+(?:(?:de|del)\s+(?:año\s+)?(?P<y>@Y@)|(?P<ayref>@AYREF@)|(?P<yref>@YREF@))"),
        ("part_m", r"(?:(?:el|los|las)\s+)?(?P<part>@PART@)\s+(?:de\s+(?P<mon>@MON@)(?:\s+(?:de|del)\s+(?P<y>@Y@)|\s+(?P<post>pasado))?|del\s+(?P<pre>pasado)\s+(?P<mon2>@MON@))"),
        ("part_m", r"(?:(?:el|los|las)\s+)?(?P<part>@PART@)\s+(?P<mref>@MREF@)"),
        ("rel", r"(?P<rel>@REL@)"),
        ("ago", r"hace\s+(?:ya\s+)?(?:(?:unos|unas|cerca\s+de|casi|más\s+de|apenas|aproximadamente|alrededor\s+de)\s+)?(?P<n>@NUM@)\s+(?P<unit>@UNIT@)"),
        ("ago", r"(?P<n>@NUM@)\s+(?P<unit>@UNIT@)\s+atrás"),
        ("wd", r"(?:(?P<det>el|este|ese)\s+)?(?:(?P<pre>pasado|próximo)\s+)?(?P<wd>@WD@)(?:\s+(?P<post>pasado|último|próximo|que\s+viene))?"),
        ("m", r"(?:(?P<pre>pasado|próximo)\s+)?(?:mes\s+de\s+)?(?P<mon>@MON@)(?:\s+(?P<post>pasado|último|próximo))?"),
        ("y", r"(?:año\s+)?(?P<y>@Y@)@NOUNIT@"),
    ],
    "pt": [
        ("ymd_iso", r"(?P<y>@Y@)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
        ("ymd", r"(?:(?:n[ao]\s+)?(?P<wd>@WD@),?\s+)?(?:(?:n?o\s+)?dia\s+)?(?P<d>@D@)@ORD@\s+de\s+(?P<mon>@MON@)\s+(?:de|do\s+ano\s+de)\s+(?P<y>@Y@)"),
        ("ymd_num", r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>@Y@)"),
        ("my", r"(?P<mon>@MON@)(?:\s+(?:de|do\s+ano\s+de)\s+|\s+)(?P<y>@Y@)"),
        ("my_anaphor", r"(?:(?:(?:n?o\s+)?dia\s+)?(?P<d>@D@)@ORD@\s+de\s+)?(?P<mon>@MON@)\s+(?:daquele|do\s+mesmo|do\s+seguinte|do\s+ano\s+seguinte)(?:\s+ano)?"),
        ("my_ref", r"(?:(?:(?:n?o\s+)?dia\s+)?(?P<d>@D@)@ORD@\s+de\s+)?(?P<mon>@MON@)\s+(?P<yref>@YREF@)"),
        ("md", r"(?:(?:n[ao]\s+)?(?P<wd>@WD@),?\s+)?(?:(?:n?o\s+)?(?:(?P<pre>último|próximo)\s+)?dia\s+)?(?P<d>@D@)@ORD@\s+de\s+(?P<mon>@MON@)(?:\s+(?P<post>passado|último|próximo))?"),
        ("decade", r"(?:(?P<part>@PART@)\s+d[oa]s?\s+)?(?:(?:os\s+)?anos\s+|(?:a\s+)?década\s+de\s+)(?P<dec4>(?:19|20)\d0)(?!\d)"),
        ("decade", r"(?:(?P<part>@PART@)\s+d[oa]s?\s+)?(?:(?:os\s+)?anos\s+|(?:a\s+)?década\s+de\s+)'?(?P<dec2>\d0)(?!\d)"),
        ("decade", r"(?:(?P<part>@PART@)\s+d[oa]s?\s+)?(?:(?:os\s+)?anos\s+|(?:a\s+)?década\s+de\s+)(?P<decw>@DECW@)"),
        ("part_y", r"(?:(?:o|os|a|as)\s+)?(?P<part>@PART@)\s+(?:(?:de|do\s+ano\s+de|do\s+ano)\s+(?P<y>@Y@)|(?P<ayref>@AYREF@)|(?P<yref>@YREF@))"),
        ("part_m", r"(?:(?:o|os|a|as)\s+)?(?P<part>@PART@)\s+de\s+(?P<mon>@MON@)(?:\s+de\s+(?P<y>@Y@))?"),
        ("part_m", r"(?:(?:o|os|a|as)\s+)?(?P<part>@PART@)\s+(?P<mref>@MREF@)"),
        ("rel", r"(?P<rel>@REL@)"),
        ("ago", r"(?:há|faz)\s+(?:(?:cerca\s+de|quase|mais\s+de|uns|umas|apenas)\s+)?(?P<n>@NUM@)\s+(?P<unit>@UNIT@)(?:\s+atrás)?"),
        ("ago", r"(?P<n>@NUM@)\s+(?P<unit>@UNIT@)\s+atrás"),
        ("wd", r"(?:(?P<det>na|no|nesta|neste|nessa|nesse|esta|este|essa|esse|a|o)\s+)?(?:(?P<pre>última|último|próxima|próximo|passada|passado)\s+)?(?P<wd>@WD@)(?:\s+(?P<post>passada|passado|que\s+vem|última|último))?"),
        ("m", r"(?:(?P<pre>último|próximo|passado)\s+)?(?:mês\s+de\s+)?(?P<mon>@MON@)(?:\s+(?P<post>passado|último|próximo))?"),
        ("y", r"(?:ano\s+(?:de\s+)?)?(?P<y>@Y@)@NOUNIT@"),
    ],
}

# Atom kinds that stand alone behind an optional, reported preposition ("in", "en", "em").
_FREE_KINDS = ("ymd_iso", "ymd", "ymd_num", "my", "my_ref", "my_anaphor", "md", "decade", "rel", "ago", "wd")

_PREFIX = {
    "en": r"(?:(?:in|on|during|throughout|at)\s+)?",
    "es": r"(?:(?:en|durante|hacia|para)\s+)?",
    "pt": r"(?:(?:em|durante|para|n[oa]s?)\s+)?",
}
_PART_PREFIX = {
    "en": r"(?:(?:in|at|during|by)\s+)?",
    "es": r"(?:(?:a|en|hacia|durante|para)\s+)?",
    "pt": r"(?:(?:no|nos|na|nas|em|ao|aos|durante\s+o|durante\s+os)\s+)?",
}

# Standalone rules that need context: bare months and years, "in the past N years".
_CONTEXT: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("anaphor", r"(?:(?:on|in|during)\s+)?(?P<ana>@ANA@)"),
        ("anaphor_n", r"(?P<n>@NUM@)\s+(?P<unit>@UNIT@)\s+(?P<dir>@ADIR@)"),
        ("holiday", r"(?:(?:on|at|over|during)\s+)?(?P<hol>@HOL@)"),
        ("same_period", r"(?:(?:in|during|over|for|from)\s+)?the\s+same\s+(?:period|time\s+period|months?)\s+(?:(?:of|in)\s+(?P<y>@Y@)|(?P<prev>(?:a|the)\s+year\s+(?:before|earlier)|(?:of\s+)?the\s+previous\s+year)|(?:of\s+)?(?P<last>last\s+year)|(?P<yref>@YREF@))"),
        ("m", r"(?:(?:in|during|throughout)\s+(?:the\s+month\s+of\s+)?|(?:(?:in|during)\s+)?(?P<pre>last|this|next|this\s+past)\s+)(?P<mon>@MON@)"),
        ("y", r"(?:(?:in|during|throughout)\s+(?:the\s+year\s+)?|the\s+year\s+)(?P<y>@Y@)@NOUNIT@"),
        ("y", r"of\s+(?P<t>(?P<y>@Y@))@NOUNIT@"),
        ("y", r"(?<=\d{4})(?:,\s*|\s+(?:and|or)\s+)(?P<t>(?P<y>@Y@))@NOUNIT@"),
        # "a case from 2011", "after 2006", "in fiscal 2015": the year itself
        ("y", r"(?:from|after)\s+(?P<t>(?P<y>@Y@))(?!\s*(?:-|–|to|through|until)\s*\d)@NOUNIT@"),
        # the US federal fiscal year, October to September ("FY2013", "the 2014 fiscal year"); another country's
        # is its calendar year
        ("fy", r"(?:(?:in|during|for)\s+)?(?:the\s+)?(?:(?:fiscal(?:\s+year)?|FY)\s*(?P<y>@Y@)(?!\s*(?:-|–|to|through|until|and)\s*\d)|(?P<y2>@Y@)\s+fiscal\s+year)@NOUNIT@"),
        # a year before a noun: "the 2009 coup", "Honduras' 2012 military budget", "its 2017 Coca Law"
        ("y", r"(?:the|a|an|its|their|his|her|\w+(?:'s|’s|'|’))\s+(?P<t>(?P<y>@Y@))(?=\s+[A-Za-z])@NOUNIT@"),
        # a year as the subject: "2011 was the most violent year", "with 2017 being the deadliest"
        ("y", r"(?<![\d,.$])(?P<t>(?P<y>@Y@))(?=\s+(?:was|is|saw|had|has|marked|brought|became|remains|remained|proved|being)\s)"),
        # a month before a noun: "the July capture of X", "a January update to the law"
        ("m", r"(?:the|a|an|its|their|\w+(?:'s|’s))\s+(?P<t>(?P<mon>@MON@))(?=\s+[a-z])"),
        ("wom", r"(?:(?:in|during|on|over)\s+)?the\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<mon>@MON@)(?:,?\s+(?P<y>@Y@))?"),
        ("past_n", r"(?:in|over|during|for|within)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>@NUM@)\s+)?(?P<unit>@UNIT@)(?!\s+(?:of|de|del|do|da)\s)"),
        ("first_n", r"(?:(?:in|during|through|over|for)\s+)?the\s+first\s+(?P<n>@NUM@)\s+months\s+of\s+(?:(?P<y>@Y@)|(?P<yref>@YREF@))"),
        ("ytd_y", r"so\s+far\s+in\s+(?P<y>@Y@)@NOUNIT@"),
        ("ytd_m", r"so\s+far\s+(?:in\s+(?P<mon>@MON@)(?!,?\s+(?:of\s+)?\d)|this\s+month)"),
        ("ytd_y", r"(?:in\s+)?(?P<y>@Y@),?\s+so\s+far"),
        ("weekend", r"(?:(?:over|during|on|at|in)\s+)?(?P<pre>last|this\s+past|the\s+past|past|this|next|this\s+coming|the\s+previous)\s+weekend"),
        ("weekend", r"(?:over|during)\s+the\s+weekend"),
        ("deadline", r"(?:by|before)\s+(?:the\s+)?(?:(?:end|close)\s+of\s+(?:(?:the|this)\s+year|(?P<y>@Y@))|year(?:'s|-)?\s*end)|before\s+the\s+year\s+(?:is\s+out|ends)"),
    ],
    "es": [
        ("anaphor", r"(?:(?:en|durante)\s+)?(?P<ana>@ANA@)"),
        ("anaphor_n", r"(?P<n>@NUM@)\s+(?P<unit>@UNIT@)\s+(?P<dir>@ADIR@)"),
        ("holiday", r"(?:(?:en|durante)\s+)?(?:la\s+)?(?P<hol>@HOL@)"),
        ("same_period", r"(?:(?:en|durante)\s+)?el\s+mismo\s+(?:periodo|período|lapso|mes)\s+(?:(?:de|del)\s+(?:año\s+)?(?P<y>@Y@)|(?P<prev>del\s+año\s+(?:anterior|pasado))|(?P<yref>@YREF@))"),
        ("m", r"(?:(?:en|durante)\s+(?:el\s+)?(?:mes\s+de\s+)?|(?:el|este)\s+(?:(?P<pre>pasado|próximo)\s+)?mes\s+de\s+|el\s+(?P<pre2>pasado|próximo)\s+)(?P<mon>@MON@)(?:\s+(?P<post>pasado|último|próximo))?"),
        ("m", r"(?P<mon>@MON@)\s+(?P<post>pasado|último)"),
        ("y", r"(?:(?:en|durante)\s+(?:el\s+)?(?:año\s+)?|el\s+año\s+)(?P<y>@Y@)@NOUNIT@"),
        ("y", r"(?:de|del)\s+(?P<t>(?P<y>@Y@))@NOUNIT@"),
        ("y", r"(?:el|al)\s+(?P<t>(?P<y>@Y@))(?!\s*[-–—]\s*\d)@NOUNIT@"),
        ("wom", r"(?:(?:en|durante)\s+)?la\s+(?P<ord>primera|segunda|tercera|cuarta|última)\s+semana\s+de\s+(?P<mon>@MON@)(?:\s+(?:de|del)\s+(?P<y>@Y@))?"),
        ("y", r"(?<=\d{4})(?:,\s*|\s+(?:y|e|o|u)\s+)(?P<t>(?P<y>@Y@))@NOUNIT@"),
        ("past_n", r"(?:en|durante)\s+(?:los|las|el|la)\s+(?:últimos|últimas|último|última|pasados|pasadas)\s+(?:(?P<n>@NUM@)\s+)?(?P<unit>@UNIT@)(?!\s+(?:of|de|del|do|da)\s)"),
        ("past_n", r"desde\s+hace\s+(?:(?:unos|unas|más\s+de|casi)\s+)?(?P<n>@NUM@)\s+(?P<unit>@UNIT@)"),
        ("first_n", r"(?:(?:en|durante)\s+)?los\s+primeros\s+(?P<n>@NUM@)\s+meses\s+(?:(?:de|del)\s+(?:año\s+)?(?P<y>@Y@)|(?P<yref>@YREF@))"),
        ("first_n", r"(?:(?:en|durante)\s+)?los\s+(?P<n>@NUM@)\s+primeros\s+meses\s+(?:(?:de|del)\s+(?:año\s+)?(?P<y>@Y@)|(?P<yref>@YREF@))"),
        ("ytd_y", r"en\s+lo\s+(?:que\s+va\s+(?:corrido\s+)?|corrido\s+|que\s+llevamos\s+)(?:de|del)\s+(?:año\s+)?(?P<y>@Y@)@NOUNIT@"),
        # "en lo que va del mes de enero": the month's first day to publication
        ("ytd_m", r"en\s+lo\s+(?:que\s+va\s+(?:corrido\s+)?|corrido\s+|que\s+llevamos\s+)(?:del\s+mes\s+de|de)\s+(?P<mon>@MON@)(?!\s+(?:de|del)\s+\d)"),
        ("weekend", r"(?:(?:durante|en)\s+)?(?:el|este|ese)\s+(?:(?P<pre>pasado|último|próximo)\s+)?fin\s+de\s+semana(?:\s+(?P<post>pasado|anterior|próximo|que\s+viene))?"),
        ("part_bare", r"(?:(?:durante|en|para)\s+)?(?:el|este)\s+(?P<part>@HPART@)(?!\s+(?:de|del)\s)"),
        # "este 2014", "en todo 2012", "para 2007": the year named
        # (not "de enero a noviembre de este 2013", whose months the range holds)
        ("y", r"(?<!de\s)(?<!del\s)(?:(?:en|durante|para)\s+)?(?:este|todo(?:\s+el)?)\s+(?:año\s+)?(?P<y>@Y@)@NOUNIT@"),
        ("y", r"para\s+(?:el\s+)?(?:año\s+)?(?P<y>@Y@)(?!\s*(?:[-–—]|a|y|al)\s*\d)@NOUNIT@"),
        # "el pasado día 20", "el día 21" (no month): the latest such day on or before publication
        ("dom", r"(?:el\s+)?(?:pasado\s+)?d[ií]a\s+(?P<d>@D@)(?!\s*(?:de|del)\s)(?![:.,]\d)"),
        # "los días 12 y 13" (no month): those days of the latest month that has them before publication
        ("domrange", r"(?:los\s+)?d[ií]as\s+(?P<d1>@D@)(?:\s*,\s*@D@)*\s+(?:y|al|a)\s+(?P<d2>@D@)(?!\s*(?:de|del)\s)(?![:.,]\d)"),
        # "el lunes de la semana pasada"
        ("wd_week", r"(?:el\s+)?(?P<wd>@WD@)\s+de\s+la\s+(?:semana\s+(?:pasada|anterior)|pasada\s+semana)"),
        # the US federal fiscal year, October to September ("el año fiscal 2012"); another country's is its calendar year
        ("fy", r"(?:(?:en|durante)\s+)?(?:el\s+)?(?:año|ejercicio)\s+fiscal\s+(?:de\s+)?(?P<y>@Y@)@NOUNIT@"),
        ("deadline", r"(?:antes|a\s+más\s+tardar|hasta)\s+(?:de\s+que\s+(?:termine|acabe|finalice|concluya|cierre)\s+(?:el|este)\s+año|(?:(?:de|del|a|al)\s+)?(?:(?:el|los)\s+)?(?:fin|final|finales|fines|cierre)\s+(?:(?:de|del)\s+(?:(?:este|presente)\s+)?año|de\s+(?P<y>@Y@)))"),
    ],
    "pt": [
        ("anaphor", r"(?:(?:em|durante)\s+)?(?P<ana>@ANA@)"),
        ("anaphor_n", r"(?P<n>@NUM@)\s+(?P<unit>@UNIT@)\s+(?P<dir>@ADIR@)"),
        # "no Natal", "na véspera de Natal": with the article ("em Natal" is the city)
        ("holiday", r"(?:n[oa]|durante\s+[oa])\s+(?P<hol>@HOL@)"),
        ("same_period", r"(?:(?:n|durante\s+)?o\s+)?mesmo\s+(?:período|mês)\s+(?:(?:de|do\s+ano\s+de)\s+(?P<y>@Y@)|(?P<prev>do\s+ano\s+anterior)|(?P<yref>@YREF@))"),
        ("m", r"(?:(?:em|durante)\s+|(?:n?o|neste|este)\s+(?:(?P<pre>último|próximo)\s+)?mês\s+de\s+)(?P<mon>@MON@)(?:\s+(?P<post>passado|último|próximo))?"),
        ("m", r"(?P<mon>@MON@)\s+(?P<post>passado|último)"),
        ("y", r"(?:(?:em|durante)\s+(?:o\s+ano\s+de\s+)?|(?:n?o\s+)?ano\s+de\s+)(?P<y>@Y@)@NOUNIT@"),
        ("y", r"(?:de|do)\s+(?P<t>(?P<y>@Y@))@NOUNIT@"),
        ("wom", r"(?:(?:n|durante\s+)?a\s+)?(?P<ord>primeira|segunda|terceira|quarta|última)\s+semana\s+de\s+(?P<mon>@MON@)(?:\s+de\s+(?P<y>@Y@))?"),
        ("y", r"(?<=\d{4})(?:,\s*|\s+(?:e|ou)\s+)(?P<t>(?P<y>@Y@))@NOUNIT@"),
        ("past_n", r"(?:n[oa]s?|durante\s+[oa]s?|em)\s+(?:últimos|últimas|último|última)\s+(?:(?P<n>@NUM@)\s+)?(?P<unit>@UNIT@)(?!\s+(?:of|de|del|do|da)\s)"),
        ("first_n", r"(?:(?:n|durante\s+)?os\s+)?primeiros\s+(?P<n>@NUM@)\s+meses\s+(?:(?:de|do\s+ano\s+de)\s+(?P<y>@Y@)|(?P<yref>@YREF@))"),
        ("first_n", r"(?:(?:n|durante\s+)?os\s+)(?P<n>@NUM@)\s+primeiros\s+meses\s+(?:(?:de|do\s+ano\s+de)\s+(?P<y>@Y@)|(?P<yref>@YREF@))"),
        ("ytd_y", r"(?:até\s+(?:agora|o\s+momento|aqui)\s+(?:em|de)|no\s+acumulado\s+de)\s+(?P<y>@Y@)@NOUNIT@"),
        ("weekend", r"(?:n[oe]ste|nesse|n?o|este|esse|durante\s+o)\s+(?:(?P<pre>último|passado|próximo)\s+)?fi[mn]\s+de\s+semana(?:\s+(?P<post>passado|anterior|próximo|que\s+vem))?"),
        ("part_bare", r"(?:durante\s+o|n[oe]ste|no|o|este|para\s+o)\s+(?P<part>@HPART@)(?!\s+(?:de|do|da)\s)"),
        ("dom", r"(?:n?o\s+)?(?:último\s+)?dia\s+(?P<d>@D@)(?!\s*(?:de|do)\s)(?![:.,]\d)"),
        ("domrange", r"(?:n?os\s+)?dias\s+(?P<d1>@D@)(?:\s*,\s*@D@)*\s+(?:e|a)\s+(?P<d2>@D@)(?!\s*(?:de|do)\s)(?![:.,]\d)"),
        ("deadline", r"(?:antes|até)\s+(?:que\s+(?:termine|acabe)\s+o\s+ano|(?:d[oe]\s+|[oa]\s+)?(?:o\s+)?(?:fim|final)\s+(?:d[oe]\s+(?:este\s+)?ano|deste\s+ano|de\s+(?P<y>@Y@)))"),
    ],
}

_COMPOSITES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("since", r"(?:(?:ever\s+)?since(?:\s+(?:at\s+least|as\s+(?:far\s+back|early)\s+as))?|starting(?:\s+back)?(?:\s+(?:in|from|on))?|beginning(?:\s+back)?\s+in)\s+(?P<inner>@ATOMS@)"),
        ("since", r"from\s+(?P<inner>@ATOMS@)\s+(?:to\s+date|until\s+(?:now|today)|to\s+the\s+present)"),
        # "has jumped since Calderon took office in 2006": a clause dated by its own time (not at the start
        # of a sentence, where "since" is mostly causal; not "since the August 2010 arrest")
        ("since", r"(?<=\w\s)(?:ever\s+)?since\s+(?P<clause>(?:[^\W\d][\w'’-]*\s+){1,7}?(?:in|on|during)\s+)(?P<inner>@ATOMS@)"),
        ("upto", r"(?P<prep>as\s+of|by)\s+(?P<inner>@ATOMS@)"),
        ("between", r"(?:between|from)\s+(?P<a>@ATOMS@)\s+(?:and|to|through|until|till)\s+(?P<b>@ATOMS@)"),
        ("yrange", r"(?:(?:in|during|from)\s+)?(?:the\s+)?(?P<y1>@Y@)(?:\s*[-–—]\s*|\s+to\s+)(?P<y2>@Y@)"),
        # days of one month: "from 1 to 31 July 2013", "between June 3 and 9"
        ("drange", r"(?:from|between)\s+(?:the\s+)?(?P<d1>@D@)@ORD@\s+(?:to|and|through|until)\s+(?:the\s+)?(?P<d2>@D@)@ORD@\s+(?:of\s+)?(?P<mon>@MON@)(?:,?\s+(?P<y>@Y@))?"),
        ("drange", r"(?:from|between)\s+(?P<mon>@MON@)\s+(?P<d1>@D@)@ORD@\s+(?:to|and|through|until)\s+(?P<d2>@D@)@ORD@(?:,?\s+(?P<y>@Y@))?"),
        ("andlist", r"(?:in|during|throughout)\s+(?P<a>@ATOMS@)(?:\s*,\s*@ATOMS@)*,?\s+(?:and|&)\s+(?P<b>@ATOMS@)"),
        # days of one month listed: "on July 10 and 11", "July 3, 4 and 5, 2013"
        ("drange", r"(?:on\s+)?(?P<mon>@MON@)\s+(?P<d1>@D@)@ORD@(?:\s*,\s*@D@@ORD@)*,?\s+and\s+(?P<d2>@D@)@ORD@(?:,?\s+(?P<y>@Y@))?"
                   r"(?!\s*(?:[-–%$]|percent|per\b|people|persons|of\b|members|men|women|soldiers|police|(?:years?|months?|weeks?|days?|hours?)\b|"
                   r"[a-z]+\s+(?:were|are|people))|\.\d|,\d)"),
        # two days of one weekend or week: "on Saturday and Sunday"
        ("andlist", r"on\s+(?P<a>@ATOMS@)\s+and\s+(?P<b>@ATOMS@)"),
        ("declist", r"(?:in|during|throughout)\s+the\s+(?P<d1>(?:19|20)\d0)'?s\s+(?:and|&)\s+(?:the\s+)?'?(?P<d2>\d0)'?s(?!\w)"),
    ],
    "es": [
        ("since", r"(?:desde|a\s+partir\s+de)\s+(?:(?:al\s+menos|por\s+lo\s+menos)\s+)?(?:(?:el|la|los|las)\s+)?(?P<inner>@ATOMS@)"),
        ("since", r"a\s+partir\s+del\s+(?P<inner>@ATOMS@)"),
        ("since", r"(?:desde|de|del)\s+(?:el\s+)?(?P<inner>@ATOMS@)\s+(?:a|hasta)\s+(?:la\s+fecha|hoy|ahora)"),
        ("since", r"desde\s+que\s+(?P<clause>(?:[^\W\d][\w-]*\s+){1,7}?(?:en|em|durante)\s+)(?P<inner>@ATOMS@)"),
        ("upto", r"(?P<prep>hasta|al)\s+(?:el\s+)?(?:d[ií]a\s+)?(?P<inner>@ATOMS@)"),
        # "entre X y Y", "de X a Y"; not "de X y Y", which is the tail of a date ("el 3 de febrero y el 9 de marzo")
        ("between", r"entre\s+(?:(?:el|los)\s+)?(?P<a>@ATOMS@)\s+(?:y|a|al|hasta(?:\s+el)?)\s+(?:(?:el|los)\s+)?(?P<b>@ATOMS@)"),
        ("between", r"(?<!\d\s)(?:de|desde)\s+(?:(?:el|los)\s+)?(?P<a>@ATOMS@)\s+(?:a|al|hasta(?:\s+el)?)\s+(?:(?:el|los)\s+)?(?P<b>@ATOMS@)"),
        ("yrange", r"(?:(?:en|durante)\s+)?(?:el\s+(?:período|periodo)\s+)?(?P<y1>@Y@)(?:\s*[-–—]\s*|\s+a\s+)(?P<y2>@Y@)"),
        # "del 1 al 31 de julio de 2013", "entre el 3 y el 9 de junio del presente año"
        ("drange", r"(?:del|de|desde\s+el|entre\s+el|(?:los\s+)?d[ií]as)\s+(?P<d1>@D@)@ORD@(?:\s*,\s*@D@)*\s+(?:al|a|hasta\s+el|y\s+el|y)\s+(?P<d2>@D@)@ORD@\s+de\s+(?P<mon>@MON@)(?:\s+(?:de|del)\s+(?:año\s+)?(?P<y>@Y@)|\s+(?P<yref>@YREF@))?"),
        ("andlist", r"(?:en|durante)\s+(?:(?:los\s+años|los\s+meses\s+de)\s+)?(?P<a>@ATOMS@)(?:\s*,\s*@ATOMS@)*\s+(?:y|e)\s+(?P<b>@ATOMS@)"),
        ("andlist", r"(?:el|los\s+días)\s+(?P<a>@WD@)\s+y\s+(?:el\s+)?(?P<b>@WD@)"),
    ],
    "pt": [
        ("since", r"(?:desde|a\s+partir\s+de)\s+(?:(?:o|a|os|as)\s+)?(?P<inner>@ATOMS@)"),
        ("since", r"a\s+partir\s+d[oa]s?\s+(?P<inner>@ATOMS@)"),
        ("since", r"(?:desde|de)\s+(?:o\s+)?(?P<inner>@ATOMS@)\s+(?:até|a)\s+(?:hoje|agora|a\s+data)"),
        ("since", r"desde\s+que\s+(?P<clause>(?:[^\W\d][\w-]*\s+){1,7}?(?:en|em|durante)\s+)(?P<inner>@ATOMS@)"),
        ("upto", r"(?P<prep>até)\s+(?:o\s+)?(?:dia\s+)?(?P<inner>@ATOMS@)"),
        # "entre X e Y", "de X a Y"; not "de X e Y", which is the tail of a date ("3 de fevereiro e 9 de março")
        ("between", r"entre\s+(?:(?:o|os)\s+)?(?P<a>@ATOMS@)\s+(?:e|a|até|ao)\s+(?:(?:o|os)\s+)?(?P<b>@ATOMS@)"),
        ("between", r"(?<!\d\s)(?:de|desde)\s+(?:(?:o|os)\s+)?(?P<a>@ATOMS@)\s+(?:a|até|ao)\s+(?:(?:o|os)\s+)?(?P<b>@ATOMS@)"),
        ("yrange", r"(?:(?:em|durante)\s+)?(?:o\s+período\s+)?(?P<y1>@Y@)(?:\s*[-–—]\s*|\s+a\s+)(?P<y2>@Y@)"),
        ("drange", r"(?:de|entre|desde\s+o\s+dia|(?:n?os\s+)?dias)\s+(?P<d1>@D@)@ORD@(?:\s*,\s*@D@)*\s+(?:a|até|ao|e)\s+(?P<d2>@D@)@ORD@\s+de\s+(?P<mon>@MON@)(?:\s+(?:de|do\s+ano\s+de)\s+(?P<y>@Y@)|\s+(?P<yref>@YREF@))?"),
        ("andlist", r"(?:em|durante)\s+(?:(?:os\s+anos|os\s+meses\s+de)\s+)?(?P<a>@ATOMS@)(?:\s*,\s*@ATOMS@)*\s+e\s+(?P<b>@ATOMS@)"),
        ("andlist", r"(?:n?o|n?a)\s+(?P<a>@WD@)\s+e\s+(?:n?o\s+|n?a\s+)?(?P<b>@WD@)"),
    ],
}

_BOUND_L = r"(?<!\w)"
_BOUND_R = r"(?!\w)"


@functools.lru_cache(maxsize=None)
def _atoms(lang: str) -> tuple[_Rule, ...]:
    tokens = _tokens(lang)
    return tuple(
        _Rule(kind, re.compile(_fill(pattern, tokens), _FLAGS), standalone=False)
        for kind, pattern in _ATOMS[lang]
    )


@functools.lru_cache(maxsize=None)
def _rules(lang: str) -> tuple[_Rule, ...]:
    """Standalone rules in priority order (on equal length, the earlier rule wins)."""
    tokens = _tokens(lang)
    atom_union = "(?:" + "|".join(_NAMED_GROUP.sub("(?:", _fill(p, tokens)) for _, p in _ATOMS[lang]) + ")"
    tokens["ATOMS"] = atom_union
    first = ("past_n", "deadline")  # "by the end of the year" is a deadline, not a part of the year
    specs: list[tuple[str, str]] = [(k, p) for k, p in _CONTEXT[lang] if k in first]
    specs += _COMPOSITES[lang]  # after past_n: "desde hace dos años" is a range back from publication
    for kind, pattern in _ATOMS[lang]:
        if kind in _FREE_KINDS:
            specs.append((kind, _PREFIX[lang] + pattern))
        elif kind.startswith("part"):
            specs.append((kind, _PART_PREFIX[lang] + pattern))
    specs += [(k, p) for k, p in _CONTEXT[lang] if k not in first]
    return tuple(
        _Rule(kind, re.compile(("" if p.startswith("(?<=") else _BOUND_L) + _fill(p, tokens) + _BOUND_R, _FLAGS), True)
        for kind, p in specs
    )


# Every expression holds at least one of these words (or a year): the rules only run in
# windows around them, which keeps long texts fast. Matches reach at most ~60 characters
# from their nearest trigger; windows leave more margin than that.
_WINDOW_MARGIN = 100


@functools.lru_cache(maxsize=None)
def _trigger(lang: str) -> re.Pattern[str]:
    words = (
        list(lex.MONTHS[lang]) + list(lex.WEEKDAYS[lang]) + list(lex.UNITS_AGO[lang])
        + list(lex.DECADE_WORDS[lang])
        + [phrase for phrase in lex.RELATIVE[lang] if " " not in phrase]  # "ayer", "today"
        + ["weekend", "semestre", "trimestre"]
        + ["night", "morning", "afternoon", "evening", "noche", "víspera", "noite", "véspera", "manhã",
           "madrugada", "mañana", "tarde", "mediodía", "fiscal"]
        + [phrase.split()[-1] for phrase in lex.HOLIDAYS[lang]]
    )
    return re.compile(rf"(?<!\w)(?:{_alt(words)}|(?:1[89]|20)\d\d(?:'?s)?|'?\d0'?s|FY\s*\d{{4}})(?!\w)", _FLAGS)


def _windows(text: str, lang: str) -> list[tuple[int, int]]:
    """Merged spans of text around trigger words, where the rules are run."""
    spans: list[tuple[int, int]] = []
    for m in _trigger(lang).finditer(text):
        first, last = max(0, m.start() - _WINDOW_MARGIN), min(len(text), m.end() + _WINDOW_MARGIN)
        if spans and first <= spans[-1][1]:
            spans[-1] = (spans[-1][0], last)
        else:
            spans.append((first, last))
    return spans


def _lang(lang: str) -> str:
    code = (lang or "").lower().split("-")[0].split("_")[0]
    if code not in lex.LANGS:
        raise InputError(f"language {lang!r}", "time expressions are recognised in en, es and pt only")
    return code


def find_times(text: str, lang: str, published: dt.date | None, kb: Any = None) -> list[TimeExpr]:
    """Time expressions in ``text``, in order, without overlaps (the longest wins).

    ``published`` is the document's publication date; without it relative expressions
    ("yesterday", "in July", "last year") are found but get ``span=None``. With ``kb`` (a
    ``KnowledgeBase``), its heads of state date the terms of office the text names ("during the
    Calderón administration", ``timex_terms``).
    """
    code = _lang(lang)
    candidates: list[tuple[int, int, int, _Rule | None, re.Match[str] | Term]] = []
    for term in find_terms(text, code, published, kb) if kb is not None else ():
        candidates.append((term.start, term.end, -1, None, term))
    windows = _windows(text, code)
    for priority, rule in enumerate(_rules(code)):
        for first, last in windows:
            for match in rule.regex.finditer(text, first, last):
                if not _accept(rule.kind, match, code, text, standalone=True):
                    continue
                start, end = match.span("t") if "t" in rule.regex.groupindex and match.group("t") else match.span()
                candidates.append((start, end, priority, rule, match))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _, rule, match in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, rule, match))
    out: list[TimeExpr] = []
    for start, end, rule, match in sorted(chosen, key=lambda c: c[0]):
        if isinstance(match, Term):
            out.append(TimeExpr(start, end, text[start:end], TimeSpan(match.first, match.last, "range", text[start:end]),
                                term=True))
            continue
        resolved = _resolve(rule.kind, match, code, published, None)
        if resolved is None and _anaphoric(rule.kind, match):
            resolved = _resolve_anaphor(rule.kind, match, code, start, out, published)
        span = anchor = None
        if resolved is not None:
            (first, last), granularity = resolved
            span = TimeSpan(first, last, granularity, text[start:end])
            if rule.kind == "since":
                anchor = _since_anchor(match, code, published, text[start:end])
        out.append(TimeExpr(start, end, text[start:end], span, anchor))
    log.debug("find_times: %d expressions in %d characters (%s)", len(out), len(text), code)
    return out


# --- anaphora: "that day", "the following year", "in June of that year" -----------------

# How far back (characters) an anaphor looks for the time it refers to: about five sentences.
_ANAPHOR_REACH = 1000


def _anaphoric(kind: str, match: re.Match[str]) -> bool:
    return kind in ("anaphor", "anaphor_n", "my_anaphor", "same_period") or (
        kind == "part_y" and bool(_group(match, "ayref")))


def _fits(period: TimeSpan, unit: str) -> bool:
    """Whether ``period`` lies within one ``unit`` (a day for "that day", a year for "that year")."""
    first, last = period.start, period.end
    if unit == "day":
        return first == last
    if unit == "week":
        return (last - first).days <= 6 and cal.week_of(first) == cal.week_of(last)
    if unit == "month":
        return (first.year, first.month) == (last.year, last.month)
    return first.year == last.year


def _antecedent(previous: list[TimeExpr], unit: str, pos: int) -> TimeSpan | None:
    """The nearest earlier resolved expression within reach that fits ``unit`` (for "since 2011",
    the year 2011: "since 2011, when it peaked. That year, ...")."""
    for expr in reversed(previous):
        if pos - expr.end > _ANAPHOR_REACH:
            return None
        for period in (expr.anchor, expr.span):
            if period is not None and _fits(period, unit):
                return period
    return None


def _since_anchor(match: re.Match[str], lang: str, published: dt.date | None, phrase: str) -> TimeSpan | None:
    found = _atom_rule(match.group("inner"), lang)
    resolved = _resolve(found[0].kind, found[1], lang, published, None) if found else None
    if resolved is None:
        return None
    (first, last), granularity = resolved
    return TimeSpan(first, last, granularity, phrase)


_FOLLOWING = re.compile(r"\b(?:following|next|siguiente|seguinte)\b", _FLAGS)
_PREVIOUS = re.compile(r"\b(?:previous|prior|before|anterior)\b", _FLAGS)


def _resolve_anaphor(kind: str, match: re.Match[str], lang: str, pos: int, previous: list[TimeExpr],
                     published: dt.date | None) -> Resolved | None:
    """An expression that names its time through an earlier one ("two days later", "ese mismo año"),
    resolved against the nearest earlier expression of a fitting granularity; None without one."""
    g = match.groupdict()
    if kind == "same_period":
        return _resolve_same_period(g, lang, pos, previous, published)
    if kind == "anaphor":
        unit, offset = lex.ANAPHORS[lang][_norm(g["ana"])]
    elif kind == "anaphor_n":
        n, unit = _num(g["n"], lang), lex.UNITS_AGO[lang][_norm(g["unit"])]
        if n is None or unit not in lex.ANAPHOR_UNITS:
            return None
        offset = n if _norm(g["dir"]) in lex.ANAPHOR_LATER[lang] else -n
    else:  # a month or a part of "that year"
        unit = "year"
        text = match.group(0)
        offset = 1 if _FOLLOWING.search(text) else -1 if _PREVIOUS.search(text) else 0
    found = _antecedent(previous, unit, pos)
    if found is None:
        return None
    base = found.start
    if kind == "my_anaphor":
        y, m = base.year + offset, _month_number(g["mon"], lang)
        d = g.get("d") or g.get("d2")
        period = cal.day(y, m, _day_number(d)) if d else cal.month(y, m)
        return (period, "day" if d else "month") if period else None
    if kind == "part_y":
        part = _part_name(g["part"], lang)
        period = cal.year_part(base.year + offset, part) if part else None
        return (period, "range") if period else None
    if unit == "day":
        date = base + dt.timedelta(days=offset)
        return (date, date), "day"
    if unit == "week":
        return cal.week_of(base + dt.timedelta(weeks=offset)), "week"
    if unit == "month":
        period = cal.month(*cal.add_months(base.year, base.month, offset))
        return (period, "month") if period else None
    period = cal.year(base.year + offset)
    return (period, "year") if period else None


def _resolve_same_period(g: dict[str, str | None], lang: str, pos: int, previous: list[TimeExpr],
                         published: dt.date | None) -> Resolved | None:
    """"1,045 murders in the first half of 2013, down from 1,562 in the same period of 2012": the earlier
    period (within one year) moved to the year named."""
    found = _antecedent(previous, "year", pos)
    if found is None:
        return None
    if g.get("y"):
        year = int(g["y"])
    elif g.get("yref") or g.get("last"):
        if published is None:
            return None
        year = published.year + (lex.YEAR_REFS[lang][_norm(g["yref"])] if g.get("yref") else -1)
    else:  # "the previous year", "del año anterior"
        year = found.start.year - 1
    shift = year - found.start.year
    try:
        first, last = found.start.replace(year=year), found.end.replace(year=found.end.year + shift)
    except ValueError:  # 29 February
        first, last = dt.date(year, found.start.month, 1), dt.date(year, 2, 28)
    return (first, last), found.granularity


# --- acceptance: capitalization and context checks that regexes express badly ----------


def _group(match: re.Match[str], name: str) -> str | None:
    return match.group(name) if name in match.re.groupindex else None


_STREET_BEFORE = re.compile(
    r"(?<!\w)(?:avenida|av\.|calle|calzada|bulevar|boulevard|blvd\.|colonia|plaza|paseo|carretera|rua|"
    r"praça|travessa|estrada|avenue|street|square)\s+$",
    _FLAGS,
)
_RELATIVE_TO_NOUN = re.compile(r"(?:before|after|antes|después|depois)$", _FLAGS)


def _accept(kind: str, match: re.Match[str], lang: str, text: str, standalone: bool) -> bool:
    mon, wd = _group(match, "mon"), _group(match, "wd")
    if lang == "en":
        # "may" the verb, "march" the verb, lower-case weekday-like words are not dates.
        if (mon and not mon[0].isupper()) or (wd and not wd[0].isupper()):
            return False
    elif kind == "m" and mon and not mon[0].islower():
        # "Julio" is a first name, "Abril" a publisher; European Portuguese capitalizes
        # months ("em Setembro"), so there a capital is fine after a preposition.
        if not (lang == "pt" and standalone and match.group(0)[0].islower()):
            return False
    if kind == "wd" and lang != "en" and wd:
        determined = bool(_group(match, "det") or _group(match, "pre"))
        if wd[0].isupper() and not determined:
            return False  # "Martes", "Domingo" as names
    if standalone and _STREET_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return False  # "la avenida 5 de Mayo", "rua 25 de Março": a street named after a date
    if kind == "wd" and standalone and _PLURAL_BEFORE.search(text, 0, match.start()):
        return False  # "los martes", "Santo Domingo", "Black Friday"
    if kind == "rel" and standalone:
        rel = _norm(match.group("rel"))
        if rel in ("hoy", "hoje") and re.match(r"\s+(?:en|em)\s+d[ií]a", text[match.end():], _FLAGS):
            return False  # "hoy en día" = nowadays
        if re.search(r"week|semana|month|mes|mês", rel) and re.match(r"\s+(?:of|de|del|do|da)\s", text[match.end():], _FLAGS):
            return False  # "the last week of September" is not last week
    if kind in ("anaphor", "anaphor_n") and _RELATIVE_TO_NOUN.search(match.group(0)):
        # "the day before the vote", "dos días antes de la elección": relative to what follows
        if re.match(r"\s+[^\W\d_]", text[match.end():]):
            return False
    if kind == "yrange":
        if int(match.group("y2")) <= int(match.group("y1")):
            return False
    if kind == "upto" and _norm(match.group("prep")) in ("hasta", "até"):
        # "hasta el 31 de marzo" counts up to a date; "duró hasta mediados de 2013" is the end of a stretch
        found = _atom_rule(match.group("inner"), lang)
        return found is not None and found[0].kind in ("ymd", "md", "ymd_num", "ymd_iso")
    if kind in ("since", "between", "upto"):
        inner = ("inner",) if kind in ("since", "upto") else ("a", "b")
        return all(_atom_rule(match.group(g), lang) is not None for g in inner)
    if kind == "andlist":
        # "in 2007 and 2008", "in January and February", "in the 1980s and 1990s", "during 2010, 2011
        # and 2012": periods of one kind, in order, read as the range they span (as the annotations
        # record them)
        a, b = _atom_rule(match.group("a"), lang), _atom_rule(match.group("b"), lang)
        if a is None or b is None:
            return False
        # "in June and October 2015", "in May and June this year": the month takes the year of the other
        if a[0].kind == b[0].kind == "wd":
            return _norm(a[1].group("wd")) != _norm(b[1].group("wd"))
        shared_year = a[0].kind == "m" and b[0].kind in ("my", "my_ref")
        if not shared_year and (a[0].kind != b[0].kind or a[0].kind not in _LISTABLE):
            return False
        reference = dt.date(2000, 12, 31)  # only the order matters; every listable kind resolves
        first = _resolve(a[0].kind, a[1], lang, reference, 2000)
        second = _resolve(b[0].kind, b[1], lang, reference, 2000)
        return first is not None and second is not None and first[0][1] < second[0][0]
    return True


_LISTABLE = ("y", "m", "my", "decade")


def _atom_rule(phrase: str, lang: str) -> tuple[_Rule, re.Match[str]] | None:
    for rule in _atoms(lang):
        match = rule.regex.fullmatch(phrase)
        if match and _accept(rule.kind, match, lang, phrase, standalone=False):
            return rule, match
    return None


# --- resolution ------------------------------------------------------------------------

_BEFORE_WORDS = re.compile(r"\b(?:last|past|pasad[oa]|passad[oa]|últim[oa])\b", _FLAGS)
_AFTER_WORDS = re.compile(r"\b(?:next|coming|próxim[oa]|que\s+viene|que\s+vem)\b", _FLAGS)
_THIS_WORDS = re.compile(r"\b(?:this|este|esta|neste|nesta|deste|desta)\b", _FLAGS)
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _num(phrase: str, lang: str) -> int | None:
    phrase = _norm(phrase)
    if phrase.isdigit():
        return int(phrase)
    return lex.SMALL_NUMBERS[lang].get(phrase)


def _part_name(phrase: str, lang: str) -> str | None:
    phrase = _norm(phrase).rstrip()
    for name, phrases in lex.PARTS[lang].items():
        if phrase in phrases or phrase.rstrip("-") in (p.rstrip("-") for p in phrases):
            return name
    return None


def _day_number(day: str) -> int:
    """A day of the month as written: digits, or "primero"/"primeiro" (the first)."""
    return int(day) if day.isdigit() else 1


def _month_number(phrase: str, lang: str) -> int:
    return lex.MONTHS[lang][_norm(phrase)]


def _stated_year(g: dict[str, str | None], lang: str, published: dt.date | None) -> int | None:
    """The year a match names: a number ("2013"), or one relative to publication ("this year",
    "el año pasado"); None when that needs an unknown publication date."""
    if g.get("y"):
        return int(g["y"])
    if published is None:
        return None
    return published.year + lex.YEAR_REFS[lang][_norm(g["yref"])]


def _month_year(m: int, match_text: str, published: dt.date | None, default_year: int | None) -> int | None:
    """Year of a month named without one: context year, else relative to publication."""
    if default_year is not None:
        return default_year
    if published is None:
        return None
    if _BEFORE_WORDS.search(match_text):
        return published.year if m < published.month else published.year - 1
    if _AFTER_WORDS.search(match_text):
        return published.year if m > published.month else published.year + 1
    if _THIS_WORDS.search(match_text):
        return published.year
    return published.year if m <= published.month else published.year - 1


def _resolve(
    kind: str, match: re.Match[str], lang: str, published: dt.date | None, default_year: int | None
) -> Resolved | None:
    g = match.groupdict()
    text = match.group(0)
    if kind == "ymd_iso":
        period = cal.day(int(g["y"]), int(g["m"]), _day_number(g["d"]))
        return (period, "day") if period else None
    if kind == "ymd":
        period = cal.day(int(g["y"]), _month_number(g["mon"], lang), _day_number(g["d"]))
        return (period, "day") if period else None
    if kind == "ymd_num":
        a, b = int(g["a"]), int(g["b"])
        m, d = (a, b) if lang == "en" else (b, a)
        if m > 12:
            m, d = d, m
        period = cal.day(int(g["y"]), m, d)
        return (period, "day") if period else None
    if kind == "my":
        period = cal.month(int(g["y"]), _month_number(g["mon"], lang))
        return (period, "month") if period else None
    if kind == "my_anaphor":
        return None  # "in June of that year": the year is in an earlier sentence
    if kind == "my_ref":
        if published is None:
            return None
        y = published.year + lex.YEAR_REFS[lang][_norm(g["yref"])]
        m = _month_number(g["mon"], lang)
        d = g.get("d") or g.get("d2")
        if d:
            period = cal.day(y, m, _day_number(d))
            return (period, "day") if period else None
        period = cal.month(y, m)
        return (period, "month") if period else None
    if kind == "md":
        m, d = _month_number(g["mon"], lang), _day_number(g["d"])
        if default_year is not None:
            period = cal.day(default_year, m, d)
        elif published is not None:
            period = cal.date_on_or_before(m, d, published)
        else:
            return None
        return (period, "day") if period else None
    if kind == "m":
        m = _month_number(g["mon"], lang)
        y = _month_year(m, text, published, default_year)
        period = cal.month(y, m) if y is not None else None
        return (period, "month") if period else None
    if kind == "y":
        period = cal.year(int(g["y"]))
        return (period, "year") if period else None
    if kind == "decade":
        return _resolve_decade(g, lang)
    if kind == "part_y":
        if g.get("ayref"):
            return None  # "the first half of that year": the year is in an earlier sentence
        part = _part_name(g["part"], lang)
        y = _stated_year(g, lang, published)
        if y is None:
            return None
        period = cal.year_part(y, part) if part else None
        return (period, "range") if period else None
    if kind == "part_m":
        part = _part_name(g["part"], lang)
        if g.get("mref"):
            if published is None:
                return None
            y, m = cal.add_months(published.year, published.month, lex.MONTH_REFS[lang][_norm(g["mref"])])
        else:
            m = _month_number(g.get("mon") or g["mon2"], lang)
            # "the start of last December", "a principios de diciembre pasado": the one before publication
            last = " ".join(filter(None, (g.get("pre"), g.get("post"))))
            y = int(g["y"]) if g.get("y") else _month_year(m, last, published, default_year)
            if y is None:
                return None
        # "early January", "mid-February", "late June": the whole month, as the gold set is
        # annotated (docs/annotation.md); a third of a month is finer than news dates it.
        period = cal.month(y, m)
        return (period, "month") if period else None
    if kind == "drange":
        return _resolve_day_range(g, text, lang, published)
    if kind == "deadline":
        return _resolve_deadline(g, published)
    if kind == "holiday" and published is not None:
        m, d = lex.HOLIDAYS[lang][_norm(g["hol"])]
        period = cal.date_on_or_before(m, d, published)
        return (period, "day") if period else None
    if kind == "wom":
        return _resolve_week_of_month(g, text, lang, published, default_year)
    if kind == "fy":
        return _resolve_fiscal_year(int(g.get("y") or g["y2"]), match)
    if kind == "first_n":
        # "the first seven months of 2013": January 1 to the end of the seventh month
        n = _num(g["n"], lang)
        y = _stated_year(g, lang, published)
        if y is None:
            return None
        last = cal.month(y, n) if n and 1 <= n <= 12 else None
        return ((dt.date(y, 1, 1), last[1]), "range") if last else None
    if published is None:
        return None
    # Everything below is relative to publication.
    if kind == "rel":
        rel = _norm(g["rel"])
        unit, offset = lex.RELATIVE[lang][rel]
        if rel in lex.THIS_YEAR[lang] and not _whole_year(match, lang):
            unit = "ytd"  # plain "this year": January 1 to publication
        return cal.relative(unit, offset, published)
    if kind == "ytd_m":
        period = cal.month_on_or_before(lex.MONTHS[lang][_norm(g["mon"])], published) if g.get("mon") else \
            cal.relative("month", 0, published)[0]
        if period is None or period[0] > published:
            return None
        return (period[0], min(published, period[1])), "range"
    if kind == "ytd_y":
        y = int(g["y"])
        if y > published.year:
            return None
        return (dt.date(y, 1, 1), min(published, dt.date(y, 12, 31))), "range"
    if kind == "weekend":
        return _resolve_weekend(text, published), "range"
    if kind == "part_bare":
        part = _part_name(g["part"], lang)
        period = cal.year_part(published.year, part) if part else None
        return (period, "range") if period else None
    if kind == "wd":
        wd = lex.WEEKDAYS[lang][_norm(g["wd"])]
        if _BEFORE_WORDS.search(text):
            return cal.weekday_before(wd, published), "day"
        if _AFTER_WORDS.search(text):
            return cal.weekday_after(wd, published), "day"
        return cal.weekday_on_or_before(wd, published), "day"
    if kind == "ago":
        return _resolve_ago(g, lang, published)
    if kind == "past_n":
        n = _num(g["n"], lang) if g.get("n") else 1
        unit = lex.UNITS_AGO[lang][_norm(g["unit"])]
        if n is None:
            return None
        return (_back(published, unit, n), published), "range"
    if kind == "since":
        found = _atom_rule(g["inner"], lang)
        if found is None:
            return None
        inner_kind, inner_match = found[0].kind, found[1]
        if _STARTING.match(text) and _future(match, lang):
            # "a partir de septiembre" in a plan: that coming month, not a range up to now
            if inner_kind == "m" and not (_group(inner_match, "pre") or _group(inner_match, "post")):
                m = _month_number(inner_match.group("mon"), lang)
                y = published.year if m >= published.month else published.year + 1
                period = cal.month(y, m)
                return (period, "month") if period else None
            inner = _resolve(inner_kind, inner_match, lang, published, None)
            if inner is not None and inner[0][0] > published:
                return inner  # "starting in 2015" written in 2014: the period named
        inner = _resolve(inner_kind, inner_match, lang, published, None)
        if inner is None or inner[0][0] > published:
            return None
        return (inner[0][0], published), "range"
    if kind in ("between", "andlist"):
        return _resolve_between(g["a"], g["b"], lang, published)
    if kind == "declist":  # "during the 1970s and 80s"
        first, last = int(g["d1"]), int(g["d1"]) // 100 * 100 + int(g["d2"])
        return ((dt.date(first, 1, 1), dt.date(last + 9, 12, 31)), "range") if last > first else None
    if kind == "upto":
        return _resolve_upto(g, lang, published, _future(match, lang))
    if kind == "dom":
        period = cal.day_of_month_on_or_before(_day_number(g["d"]), published)
        return (period, "day") if period else None
    if kind == "domrange":
        first = cal.day_of_month_on_or_before(_day_number(g["d1"]), published)
        last = cal.day(first[0].year, first[0].month, _day_number(g["d2"])) if first else None
        return ((first[0], last[0]), "range") if last and first[0] < last[0] else None
    if kind == "wd_week":
        monday = cal.relative("week", -1, published)[0][0]
        date = monday + dt.timedelta(days=lex.WEEKDAYS[lang][_norm(g["wd"])])
        return (date, date), "day"
    if kind == "yrange":
        first, last = cal.year(int(g["y1"])), cal.year(int(g["y2"]))
        return ((first[0], last[1]), "range") if first and last else None
    return None


_STARTING = re.compile(r"(?:a\s+partir|starting|beginning)\b", _FLAGS)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_FUTURE_INFLECTION = {
    "en": None,
    "es": re.compile(r"(?<!\w)\w{2,}(?:rá|rán|remos)(?!\w)", _FLAGS),
    "pt": re.compile(r"(?<!\w)\w{2,}(?:rá|rão|remos)(?!\w)", _FLAGS),
}


@functools.lru_cache(maxsize=None)
def _word_list(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_alt(words)}(?!\w)", _FLAGS)


def _sentence(match: re.Match[str]) -> tuple[str, int]:
    """The sentence around a match (from its text) and the match's offset in it."""
    text, start, end = match.string, match.start(), match.end()
    first = 0
    for boundary in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        first = boundary.end()
    after = _SENTENCE_END.search(text, end)
    return text[first:after.start() if after else len(text)], start - first


def _future(match: re.Match[str], lang: str) -> bool:
    """Whether the sentence of ``match`` speaks of the future or a plan."""
    sentence, _ = _sentence(match)
    inflection = _FUTURE_INFLECTION[lang]
    return bool(_word_list(lex.FUTURE_WORDS[lang]).search(sentence) or (inflection and inflection.search(sentence)))


def _whole_year(match: re.Match[str], lang: str) -> bool:
    """"this year" as a target or plan ("for this year", "la meta ... este año")."""
    sentence, offset = _sentence(match)
    before = sentence[:offset] + match.string[match.start():match.start("rel")]  # "para" may be in the span
    if re.search(rf"(?<!\w){lex.FOR_BEFORE[lang]}\s+$", before, _FLAGS):
        return True
    return bool(_word_list(lex.TARGET_WORDS[lang]).search(sentence))


def _resolve_weekend(phrase: str, published: dt.date) -> cal.Period:
    """Saturday..Sunday: the last one before publication, the coming one, or the one
    holding or just before publication ("this weekend", "el fin de semana")."""
    if _BEFORE_WORDS.search(phrase) or re.search(r"\b(?:previous|anterior)\b", phrase, _FLAGS):
        sunday = cal.weekday_before(6, published)[0]
    elif _AFTER_WORDS.search(phrase):
        sunday = cal.weekday_after(6, published)[0]
        if (sunday - published).days < 2:  # published on Saturday: the following weekend
            sunday += dt.timedelta(days=7)
    elif published.weekday() == 5:
        sunday = published + dt.timedelta(days=1)
    else:
        sunday = cal.weekday_on_or_before(6, published)[0]
    return sunday - dt.timedelta(days=1), sunday


def _resolve_deadline(g: dict[str, str | None], published: dt.date | None) -> Resolved | None:
    """"by the end of the year", "antes de fin de año": publication .. December 31.

    A year already over at publication ("by the end of 2010") reads as its last months.
    """
    if g.get("y"):
        y = int(g["y"])
    elif published is not None:
        y = published.year
    else:
        return None
    end = dt.date(y, 12, 31)
    if published is not None and published <= end:
        return (published, end), "range"
    period = cal.year_part(y, "late")
    return (period, "range") if period else None


_WEEK_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "primera": 1, "segunda": 2, "tercera": 3,
                  "cuarta": 4, "primeira": 1, "terceira": 3, "quarta": 4}


def _resolve_week_of_month(g: dict[str, str | None], text: str, lang: str, published: dt.date | None,
                           default_year: int | None) -> Resolved | None:
    """"the first week of May": May 1-7; "the last week of September": its last seven days."""
    m = _month_number(g["mon"], lang)
    y = int(g["y"]) if g.get("y") else _month_year(m, "", published, default_year)
    whole = cal.month(y, m) if y is not None else None
    if whole is None:
        return None
    n = _WEEK_ORDINALS.get(_norm(g["ord"]))
    if n is None:  # last, final, última
        return (whole[1] - dt.timedelta(days=6), whole[1]), "week"
    first = whole[0] + dt.timedelta(days=7 * (n - 1))
    return (first, first + dt.timedelta(days=6)), "week"


def _resolve_upto(g: dict[str, str | None], lang: str, published: dt.date | None, future: bool) -> Resolved | None:
    """"as of August 24", "by August 2019", "hasta el 31 de marzo": a count up to that date runs from
    January 1 of its year ("as of 2012" is the year 2012). A date after publication, or in a sentence
    about the future, is a deadline: the date itself."""
    found = _atom_rule(g["inner"], lang)
    inner = _resolve(found[0].kind, found[1], lang, published, None) if found else None
    if inner is None:
        return None
    (first, last), granularity = inner
    if future or (published is not None and first > published):
        return inner
    return (dt.date(first.year, 1, 1), last), "range" if (first.month, first.day) != (1, 1) or last.month != 12 \
        else granularity


# A US fiscal year runs from October 1 of the year before to September 30. It is the US's when its sentence
# names the US before any other country (or, with none before it, first after it), or names no country and
# the US is named a few sentences before ("Estados Unidos gasta ... En el año fiscal 2012"); "In fiscal
# 2015, Mexico returned ..." is Mexico's, a calendar year.
_US_CONTEXT = re.compile(
    r"(?<!\w)(?:U\.?S\.?|USA|United\s+States|Washington|Congress|Obama|Trump|Bush|Pentagon|DEA|CBP|"
    r"Estados\s+Unidos|EE\.?\s?UU\.?|EUA|estadounidense|estadunidense|norteamericano|Casa\s+Blanca|"
    r"Patrulla\s+Fronteriza)(?!\w)"
)
_US_REACH = 1500


_OTHER_COUNTRY = re.compile(
    r"(?<!\w)(?:Mexic\w*|México|mexican\w*|Colombi\w*|Guatemal\w*|Hondur\w*|Salvador\w*|Venezuel\w*|Per[uú]|"
    r"peruan\w*|Ecuador\w*|Bolivi\w*|Brasil\w*|Brazil\w*|Argentin\w*|Chile\w*|Panam\w*|Nicaragu\w*|"
    r"Costa\s+Rica|Canad\w*|Paragu\w*|Urugu\w*)(?!\w)",
    re.IGNORECASE,
)


def _resolve_fiscal_year(y: int, match: re.Match[str]) -> Resolved | None:
    text = match.string
    sentence, at = _sentence(match)

    def nearest(pattern: re.Pattern[str]) -> int | None:
        # the nearest mention before the phrase, else the nearest after it (further by the sentence's length)
        found = [at - m.start() if m.start() < at else len(sentence) + m.start() - at for m in pattern.finditer(sentence)]
        return min(found, default=None)

    us, other = nearest(_US_CONTEXT), nearest(_OTHER_COUNTRY)
    context = text[max(0, match.start() - _US_REACH) : match.end() + 200]
    # "the Obama administration requested ... in FY2013, while Colombia ...": the US's; "In fiscal 2015, Mexico
    # returned ..., while the United States ...": Mexico's
    if (us is not None and (other is None or us < other)) or (other is None and _US_CONTEXT.search(context)):
        return (dt.date(y - 1, 10, 1), dt.date(y, 9, 30)), "range"
    period = cal.year(y)
    return (period, "year") if period else None


def _resolve_day_range(g: dict[str, str | None], text: str, lang: str, published: dt.date | None) -> Resolved | None:
    """"del 1 al 31 de julio de 2013", "from June 3 to 9": those days of one month (the whole month is
    granularity month)."""
    m = _month_number(g["mon"], lang)
    y = _stated_year(g, lang, published) if g.get("y") or g.get("yref") else _month_year(m, text, published, None)
    first = cal.day(y, m, _day_number(g["d1"])) if y is not None else None
    last = cal.day(y, m, _day_number(g["d2"])) if y is not None else None
    whole = cal.month(y, m) if y is not None else None
    if not first or not last or first[0] > last[0]:
        return None
    return (first[0], last[0]), "month" if (first[0], last[0]) == whole else "range"


def _resolve_decade(g: dict[str, str | None], lang: str) -> Resolved | None:
    if g.get("dec4"):
        base = int(g["dec4"])
    elif g.get("dec2"):
        base = cal.two_digit_year(int(g["dec2"]))
    elif g.get("decw"):
        base = lex.DECADE_WORDS[lang][_norm(g["decw"])]
    else:
        return None
    first, last = 0, 9
    if g.get("part"):
        part = _part_name(g["part"], lang) if lang != "en" else _norm(g["part"]).rstrip("-")
        first, last = _DECADE_PARTS.get(part or "", (0, 9))
        if g.get("part2"):  # "the mid to late 1980s"
            last = _DECADE_PARTS.get(_norm(g["part2"]).rstrip("-"), (0, 9))[1]
    return (dt.date(base + first, 1, 1), dt.date(base + last, 12, 31)), "range"


def _back(published: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return published - dt.timedelta(days=n)
    if unit == "week":
        return published - dt.timedelta(weeks=n)
    months = {"month": n, "year": 12 * n, "decade": 120 * n}[unit]
    y, m = cal.add_months(published.year, published.month, -months)
    last_day = cal.month(y, m)[1].day
    return dt.date(y, m, min(published.day, last_day))


def _resolve_ago(g: dict[str, str | None], lang: str, published: dt.date) -> Resolved | None:
    """"two weeks ago": the unit's calendar period that holds publication minus N units."""
    n = _num(g["n"] or "", lang)
    if n is None:
        return None
    unit = lex.UNITS_AGO[lang][_norm(g["unit"] or "")]
    if unit == "day":
        return cal.relative("day", -n, published)
    if unit == "week":
        return cal.relative("week", -n, published)
    if unit == "month":
        return cal.relative("month", -n, published)
    if unit == "year":
        return cal.relative("year", -n, published)
    return cal.relative("year", -10 * n, published)


def _resolve_between(a: str, b: str, lang: str, published: dt.date | None) -> Resolved | None:
    found_a, found_b = _atom_rule(a, lang), _atom_rule(b, lang)
    if not found_a or not found_b:
        return None
    end = _resolve(found_b[0].kind, found_b[1], lang, published, None)
    if end is None:
        return None
    year = end[0][0].year
    if found_a[0].kind == found_b[0].kind == "wd":
        # "on Saturday and Sunday": the first day is the last one of its name before the second
        first = cal.weekday_on_or_before(lex.WEEKDAYS[lang][_norm(found_a[1].group("wd"))], end[0][0])
        return ((first[0], end[0][1]), "range") if (end[0][0] - first[0]).days < 7 else None
    begin = _resolve(found_a[0].kind, found_a[1], lang, published, year)
    if begin is not None and begin[0][0] > end[0][1]:
        begin = _resolve(found_a[0].kind, found_a[1], lang, published, year - 1)
    if begin is None or begin[0][0] > end[0][1]:
        return None
    return (begin[0][0], end[0][1]), "range"
