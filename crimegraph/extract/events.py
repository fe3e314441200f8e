"""Event detection: cue lexicons per language, constraints per type, roles filled from the sentence.

For each sentence, every event type whose trigger (and context) occurs, and whose requirements hold
(a commodity or an amount for a seizure, a named group for a presence, a place for a route...),
yields one event. Roles are filled only with entities mentioned in that sentence, never invented;
places are split into origin, transit and destination by the prepositions around them. Time and
quantity come from the expressions of the same sentence, nearest the trigger. The lexicon lives
in ``lexicon/events.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from crimegraph.extract.entities import MentionIndex
from crimegraph.extract.quantities import PESO_CODE_OF_COUNTRY, PESO_COUNTRIES, joined_head_count
from crimegraph.model import Entity, Event, Quantity, Span, TimeSpan

__all__ = ["EventCue", "cues_for", "detect_events", "Sentence", "SentenceView", "sentence_views", "rule_events",
           "build_event", "split_by_measure", "QUANTITY_UNITS"]

DRUGS = {
    "cocaine", "coca", "coca leaf", "cocaine base paste", "crack", "marijuana", "heroin", "opium poppy",
    "fentanyl", "methamphetamine", "synthetic drugs", "precursor chemicals", "drugs",
}

# Which quantity units belong to which event type, and the unit each is reported in (counts of
# objects are "units", victims of violence "deaths", detainees "people"; docs/annotation.md, section 8).
# Percentages ("share", "percent") and rates are secondary: an event takes one only when its sentence
# has no primary measure (``_nearest``). The mapping follows how the training annotations report
# each kind of count (docs/time-and-quantities.md).
_MONEY = {"usd": "usd", "brl": "brl", "eur": "eur", "pesos": "pesos", "pen": "pen", **{c: c for c in PESO_COUNTRIES}}
_OBJECTS = {"units": "units", "aircraft": "units", "vehicles": "units", "weapons": "units", "boats": "units",
            "packages": "units", "plants": "units", "rounds": "units"}
_RATIOS = {"share": "share", "percent": "percent"}
QUANTITY_UNITS: dict[str, dict[str, str]] = {
    "seizure": {"kg": "kg", "t": "t", **_MONEY, "liters": "liters", "doses": "units", "gallons": "gallons", **_OBJECTS},
    "drug_lab": {"labs": "labs"},
    "arrest": {"people": "people", "members": "people", "police": "people", "soldiers": "people",
               "prisoners": "people", "arrests": "people", "migrants": "people"},
    "extradition": {"people": "people", "members": "people"},
    "violence": {"deaths": "deaths", "people": "deaths", "homicides": "deaths", "police": "deaths",
                 "soldiers": "deaths", "prisoners": "deaths", "members": "deaths", "migrants": "deaths",
                 "rate": "rate", "cases": "cases", **_RATIOS},
    "cultivation": {"hectares": "hectares", "plants": "plants", **_MONEY, **_RATIOS},
    "production": {"t": "t", "kg": "kg", "hectares": "hectares", "labs": "labs", **_MONEY, **_RATIOS},
    "trafficking_route": {"t": "t", "kg": "kg", "aircraft": "units", **_MONEY, **_RATIOS},
    "group_presence": {"members": "members", "people": "members", "soldiers": "members", **_RATIOS},
    "corruption": {**_MONEY, "people": "people", "members": "people", "police": "people", "kg": "kg", "t": "t",
                   "cases": "cases"},
    "extortion_kidnapping": {**_MONEY, "people": "people", "members": "people", "migrants": "people",
                             "cases": "cases", **_RATIOS},
    "money_laundering": {**_MONEY, "cases": "cases", **_RATIOS},
    "illicit_market": {**_MONEY, "kg": "kg", "t": "t", "people": "people", "migrants": "people", **_OBJECTS,
                       "cases": "cases", **_RATIOS},
    "cooperation": {**_MONEY, "aircraft": "units", "vehicles": "units"},
    "policy": {**_MONEY, "people": "people", "police": "people", "soldiers": "people", "prisoners": "people",
               "migrants": "people", "hectares": "hectares", **_RATIOS},
}
# Measures an event takes only when its sentence offers no other: a percentage or a rate is
# usually a comparison around the main count ("homicides rose 11 percent, to 540").
_SECONDARY_UNITS = frozenset({"share", "percent", "rate"})


# Default role of each entity type, per event type (places are handled separately).
ACTOR_ROLES: dict[str, dict[str, str]] = {
    "drug_lab": {"state_agency": "agent", "government": "agent", "criminal_group": "actor"},
    "seizure": {"state_agency": "agent", "government": "agent"},
    "arrest": {"state_agency": "agent", "government": "agent", "person": "subject", "criminal_group": "subject"},
    "extradition": {"person": "subject", "criminal_group": "subject"},
    "violence": {"criminal_group": "perpetrator", "person": "victim", "state_agency": "victim"},
    "cultivation": {"state_agency": "agent", "government": "agent", "international_org": "agent"},
    "production": {"criminal_group": "actor"},
    "trafficking_route": {"criminal_group": "actor", "person": "actor"},
    "group_presence": {"criminal_group": "actor"},
    "cooperation": {"government": "parties", "state_agency": "parties", "international_org": "parties"},
    "policy": {"government": "agent", "state_agency": "agent", "international_org": "subject", "person": "agent"},
    "corruption": {"person": "official", "state_agency": "official", "criminal_group": "group"},
    "extortion_kidnapping": {"criminal_group": "perpetrator", "person": "victim"},
    "money_laundering": {"criminal_group": "actor", "person": "actor", "organization": "actor"},
    "illicit_market": {"criminal_group": "actor", "person": "actor"},
}
COMMODITY_EVENTS = {"drug_lab", "seizure", "cultivation", "production", "trafficking_route", "illicit_market"}

_ORIGIN = {
    "en": r"(?:from|out of|leaving|originating in|produced in|departing)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    "es": r"(?:desde|procedente[s]? de|proveniente[s]? de|salid[oa]s? de|originari[oa]s? de|de)\s+(?:el\s+|la\s+|los\s+)?$",
    "pt": r"(?:de|do|da|desde|vind[oa]s? d[oa]|procedente[s]? d[oa]|saíd[oa]s? d[oa]|oriund[oa]s? d[oa])\s+$",
}
# Types whose places may be an origin, transit or destination (``_place_role``); for the others a place the
# goods were bound for is no place of the event.
_ROUTED = frozenset({"trafficking_route", "seizure", "illicit_market", "extradition"})
_BOUND_FOR = re.compile(r"(?<!\w)(?:bound\s+for|destined\s+for|headed\s+for|con\s+destino\s+(?:a|al|final\s+a)|"
                        r"rumbo\s+(?:a|al)|com\s+destino\s+(?:a|ao|à)|rumo\s+(?:a|ao|à))\s+(?:the\s+|el\s+|la\s+|o\s+|a\s+)?$",
                        re.IGNORECASE)


# A bare "de"/"do"/"da" after a place noun or a name is a genitive, not "from": "el aeropuerto de Viru Viru",
# "el barrio Equipetrol de Santa Cruz", "a cidade de Corumbá".
_GENITIVE_DE = re.compile(
    r"(?:(?<!\w)(?:aeropuerto|aeroporto|puerto|porto|ciudad|cidade|municipio|munic[íi]pio|estado|departamento|"
    r"provincia|prov[íi]ncia|barrio|bairro|colonia|localidad|comunidad|regi[óo]n|regi[ãa]o|zona|penal|c[áa]rcel|"
    r"pres[íi]dio|penitenciar[íi]a|centro|carretera|rodovia|aduana|alcald[íi]a|prefeitura|capital|periferia|"
    r"afueras|sur|norte|este|oeste|interior|tr[óo]pico|selva|sierra|serra|valle|vale|altiplano|[áa]rea|sector|"
    r"setor|distrito)|[A-ZÁÉÍÓÚÑ][\w-]*)\s+(?:de|do|da)\s$")


# ... unless a verb of leaving heads the phrase: "salió del puerto de Buenaventura".
_MOVED_FROM = re.compile(r"(?<!\w)(?:sali[óo]|salieron|salid[oa]s?|procedentes?|provenientes?|partió|partieron|zarp[óo]|"
                         r"zarparon|despachad[oa]s?|enviad[oa]s?\s+desde|saiu|saíram|saíd[oa]s?|partiu|vind[oa]s?)\s",
                         re.IGNORECASE)


# "in X" is a destination only after a verb of arriving or selling ("landed in X", "sold in X"): "production
# in Colombia", "authorities in Colombia" place the sentence, not the end of a route.
_ARRIVED_IN = {
    "en": r"(?:arriv(?:e|es|ed|ing)|land(?:s|ed|ing)?|unload(?:s|ed|ing)?|end(?:s|ed)?\s+up|sold|distributed|delivered|"
          r"received|consumed|retailed)\s+in",
    "es": r"(?:vendid[oa]s?|distribuid[oa]s?|comercializad[oa]s?|aterriz(?:ó|aron|a|an|ar)|desembarcad[oa]s?|"
          r"entregad[oa]s?|recibid[oa]s?|consumid[oa]s?)\s+en",
    "pt": r"(?:vendid[oa]s?|distribuíd[oa]s?|comercializad[oa]s?|pous(?:ou|aram|a|am)|desembarcad[oa]s?|"
          r"entregue[s]?|recebid[oa]s?|consumid[oa]s?)\s+(?:no|na|em)",
}
_DEST = {
    "en": r"(?:to|into|for|towards|toward|reach|reaching|reached|bound for|destined for|headed for|" + _ARRIVED_IN["en"]
          + r")\s+(?:the\s+)?(?:\w+\s+){0,1}(?:(?:port|city|state|coast|province|department|region|town)\s+of\s+)?$",
    "es": r"(?:a|al|hacia|hasta|para|con destino a|rumbo a|destino a|" + _ARRIVED_IN["es"]
          + r")\s+(?:el\s+|la\s+|los\s+)?(?:(?:puerto|ciudad|estado|costa|provincia|departamento|regi[óo]n)\s+(?:de|del)\s+)?$",
    "pt": r"(?:para|ao|à|a|até|com destino a|rumo a|rumo ao|" + _ARRIVED_IN["pt"]
          + r")\s+(?:o\s+|a\s+)?(?:(?:porto|cidade|estado|costa|prov[íi]ncia|regi[ãa]o)\s+(?:de|do|da)\s+)?$",
}
_TRANSIT = {
    "en": r"(?:via|through|across|transiting)\s+(?:the\s+)?$",
    "es": r"(?:vía|a través de|por|pasando por|transitando por)\s+(?:el\s+|la\s+)?$",
    "pt": r"(?:via|através d[oa]|pel[oa]|passando por)\s+$",
}


@dataclass(frozen=True)
class EventCue:
    type: str
    triggers: re.Pattern[str]
    context: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    requires: tuple[str, ...]
    directed: re.Pattern[str] | None = None  # triggers that count only with an origin/transit/destination
    group_nouns: re.Pattern[str] | None = None  # common nouns that stand for a criminal group


@dataclass
class Sentence:
    start: int
    end: int
    text: str


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def split_paragraphs(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences cut at blank lines: a paragraph break always ends a sentence (the statistical
    sentencizer sometimes runs two paragraphs together)."""
    out: list[Sentence] = []
    for sent in sentences:
        pos = 0
        for m in _PARAGRAPH_BREAK.finditer(sent.text):
            piece = sent.text[pos : m.start()]
            if piece.strip():
                out.append(Sentence(sent.start + pos, sent.start + m.start(), piece))
            pos = m.end()
        if pos == 0:
            out.append(sent)
        elif sent.text[pos:].strip():
            out.append(Sentence(sent.start + pos, sent.end, sent.text[pos:]))
    return out


def compile_cues(patterns: list[str] | str) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` as whole words (the lexicons' cue form)."""
    if isinstance(patterns, str):
        patterns = [patterns]
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _lexicon() -> dict[str, Any]:
    text = (resources.files("crimegraph.extract") / "lexicon" / "events.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=None)
def cues_for(lang: str) -> tuple[EventCue, ...]:
    out = []
    for etype, spec in _lexicon().items():
        per_lang = spec.get(lang)
        if not per_lang:
            continue
        out.append(
            EventCue(
                type=etype,
                triggers=compile_cues(per_lang["triggers"]),
                context=compile_cues(per_lang["context"]) if per_lang.get("context") else None,
                exclude=compile_cues(per_lang["exclude"]) if per_lang.get("exclude") else None,
                requires=tuple(spec.get("requires", ["none"])),
                directed=compile_cues(per_lang["directed"]) if per_lang.get("directed") else None,
                group_nouns=compile_cues(per_lang["group_nouns"]) if per_lang.get("group_nouns") else None,
            )
        )
    return tuple(out)


@lru_cache(maxsize=None)
def _role_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    flags = re.IGNORECASE
    return (
        re.compile(_ORIGIN[lang], flags),
        re.compile(_DEST[lang], flags),
        re.compile(_TRANSIT[lang], flags),
    )


def _place_role(text: str, sent_start: int, mention_start: int, etype: str, lang: str) -> str:
    if etype not in ("trafficking_route", "seizure", "illicit_market", "extradition"):
        return "location"
    before = text[max(sent_start, mention_start - 40) : mention_start]
    origin, dest, transit = _role_patterns(lang)
    if transit.search(before):
        return "transit"
    m = origin.search(before)
    if m is not None:
        genitive = m.group().split()[0].lower() in ("de", "do", "da") and _GENITIVE_DE.search(before, 0, m.start() + 3)
        if not genitive or _MOVED_FROM.search(before):
            return "origin"
    if etype in ("trafficking_route", "extradition") and dest.search(before):
        return "destination"
    if etype in ("seizure", "illicit_market") and re.search(
        r"(?:bound for|destined for|headed for|con destino a|rumbo a|com destino a|para)\s+(?:the\s+)?$", before, re.I
    ):
        return "destination"
    return "location"


# "in X" makes a destination of a route ("arrived in Mexico") but not a movement by itself:
# "drug trafficking in Honduras" names the place of an activity.
_WEAK_DEST = re.compile(r"(?:in)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
# A weak (directed) trigger used as a noun modifier names a kind of actor or charge, not a movement:
# "drug trafficking groups", "trafficking charges", "shipping companies".
_MODIFIED = re.compile(
    r"^\s+(?:groups?|charges?|networks?|rings?|cases?|organi[sz]ations?|gangs?|cartels?|suspects?|"
    r"investigations?|activit(?:y|ies)|operations?|related|-related|business(?:es)?|structures?|clans?|"
    r"companies|company|routes?|grupos?|redes?|organizaci(?:ón|ones)|organizaç(?:ão|ões)|cargos?|casos?)\b",
    re.I,
)


def _directional(text: str, sent: "Sentence", inside: list[tuple[int, int, Entity]], etype: str, lang: str,
                 trig_end_rel: int) -> bool:
    """A weak trigger counts when a place of the sentence is an origin, transit or destination
    (not a bare "in X") and the trigger is not a noun modifier ("trafficking groups")."""
    if _MODIFIED.match(sent.text[trig_end_rel:]):
        return False
    for m_start, _m_end, ent in inside:
        if ent.type != "place":
            continue
        role = _place_role(text, sent.start, m_start, etype, lang)
        if role in ("origin", "transit"):
            return True
        if role == "destination" and not _WEAK_DEST.search(text[max(sent.start, m_start - 40) : m_start]):
            return True
    return False


def _quantity(q: Any, units: dict[str, str]) -> Quantity:
    """The event's measure in its reporting unit; a range keeps its lower bound ("between 20 and 25
    tons" is 20 t, as the annotations record it), marked approximate."""
    return Quantity(q.value, units.get(q.unit, q.unit), q.text, q.approximate)


def _nearest(items: list[Any], pos: int, sent: Sentence, accept: Any = None) -> Any:
    """The accepted item of ``sent`` nearest ``pos``. Quantities are ranked first by kind: a main
    measure before a percentage or rate, and the starting value of a change ("from 37 to 17")
    only when nothing else fits."""
    best, best_key = None, None
    for item in items:
        if item.start < sent.start or item.end > sent.end:
            continue
        if accept is not None and not accept(item):
            continue
        tier = int(getattr(item, "unit", None) in _SECONDARY_UNITS) + 2 * int(bool(getattr(item, "superseded", False)))
        key = (tier, abs(item.start - pos))
        if best_key is None or key < best_key:
            best, best_key = item, key
    return best


@dataclass
class SentenceView:
    """What the detectors see of one sentence: its mentions, the places and time it inherits from
    the sentences before it in the paragraph, its quantities, and the activity lists in it."""

    sent: Sentence
    index: int
    inside: list[tuple[int, int, Entity]]
    inherited: list[tuple[int, int, Entity]]
    inherited_time: Any
    quantities: list[Any]
    types_here: set[str]
    has_drug: bool
    listed: list[tuple[int, int]]
    headline: bool
    # where the sentence's home places start: a person's home or a vehicle's registration (``_home_places``)
    homes: frozenset[int] = frozenset()
    # places the sentence refers to without a name: "the country", "the state" (``_the_country``,
    # ``_anaphoric_places``)
    referred: tuple[tuple[int, int, Entity], ...] = ()


_NATIONAL_ACTORS = ("state_agency", "government", "criminal_group", "generic_actor", "organization")


def _stated_countries(text: str, inside: list[tuple[int, int, Entity]], mentions: MentionIndex) -> list[tuple[int, int, Entity]]:
    """The countries a sentence without a place names through its actors ("the Honduran police",
    "El Salvador's Supreme Court", "Colombian criminal groups"), as the document's place entities."""
    from crimegraph.geo.gazetteer import demonym_country

    out: list[tuple[int, int, Entity]] = []
    for start, end, ent in inside:
        code = ent.country or ent.nationality
        if ent.type not in _NATIONAL_ACTORS or not code:
            continue
        place = mentions.country_place(code)
        if place is None or any(p is place for _, _, p in out):
            continue
        surface = text[start:end]
        stated = any(demonym_country(w) == code for w in re.findall(r"[^\W\d_]+", surface))
        if stated or any(m.text in surface for m in place.mentions):
            out.append((start, end, place))
    return out


# "the country" / "el país" / "o país" in a sentence that names no place: the document's country
_THE_COUNTRY = re.compile(
    r"\b(?:the|this|our)\s+(?:country|nation)\b|\b(?:el|del|al|este|ese|aquel|nuestro)\s+pa[ií]s\b"
    r"|\b(?:la|esta|esa|aquella)\s+naci[oó]n\b|\bterritorio\s+nacional\b"
    r"|\b(?:o|do|no|ao|este|esse|neste|nesse|nosso)\s+pa[ií]s\b|\b(?:a|da|na|esta|essa)\s+na[cç][aã]o\b",
    re.IGNORECASE)


def _the_country(sent: Sentence, mentions: MentionIndex) -> list[tuple[int, int, Entity]]:
    m = _THE_COUNTRY.search(sent.text)
    if m is None:
        return []
    home = mentions.home_country()
    return [] if home is None else [(sent.start + m.start(), sent.start + m.end(), home)]


# "the state", "la entidad", "este municipio", "a cidade" in a sentence that names no place: the first place of
# that level in the last sentence that named one (regional press: "... en la entidad" after "Zacatecas").
# "estado" and "entidad" only in lower case and never before "de" ("el Estado" is the government; "estado de
# emergencia", "entidad financiera" name no place).
_ANAPHORIC_PLACES = (
    (("admin1",), re.compile(
        r"\b(?:in|across|throughout|around|into|from)\s+(?:the|this|that)\s+state\b(?!\s+(?:of|police|government|"
        r"security|level|prosecutor|attorney|officials?|forces|apparatus)\b)"
        r"|(?<!\w)(?i:la|esta|esa|dicha|nuestra)\s+entidad(?!\s+(?:de\b|financier|bancari|p[úu]blic|gubernamental|encargad))"
        r"|(?<!\w)(?i:el|este|ese|dicho|nuestro|del|al|todo\s+el)\s+estado(?!\s+(?:de\b|mexicano|colombiano|venezolano|"
        r"brasile[ñn]o|hondure[ñn]o|guatemalteco|salvadore[ñn]o|nacional|federal|fallido|y\b))"
        r"|(?<!\w)(?i:no|do|ao|pelo|neste|deste|nesse|desse)\s+estado(?!\s+(?:de|do|da|brasileiro|federal|e)\b)")),
    (("admin2", "point"), re.compile(
        r"(?i:\b(?:the|this|that)\s+(?:city|town|municipality)\b(?!\s+of\b)"
        r"|(?<!\w)(?:la|esta|esa|dicha)\s+(?:ciudad|localidad|cabecera\s+municipal)\b(?!\s+de\b)"
        r"|(?<!\w)(?:el|este|ese|dicho|del|al)\s+municipio\b(?!\s+de\b)"
        r"|(?<!\w)(?:a|na|da|esta|nesta|desta)\s+cidade\b(?!\s+d[eo]\b)"
        r"|(?<!\w)(?:o|no|do|este|neste|deste)\s+munic[íi]pio\b(?!\s+d[eo]\b))")),
)


def _anaphoric_places(sent: Sentence, named: dict[str, tuple[int, Entity]]) -> list[tuple[int, int, Entity]]:
    """The places "the state", "the city" ... of ``sent`` refer to; ``named``: per precision, the first
    place of that precision in the last sentence before ``sent`` that names one ("Burgos, Tamaulipas,
    along the border with Texas ... in that state": Tamaulipas)."""
    out: list[tuple[int, int, Entity]] = []
    for levels, pattern in _ANAPHORIC_PLACES:
        m = pattern.search(sent.text)
        if m is None:
            continue
        candidates = [named[level] for level in levels if level in named]
        if candidates:
            place = max(candidates, key=lambda c: c[0])[1]  # the level named last
            if all(place is not p for _, _, p in out):
                out.append((sent.start + m.start(), sent.start + m.end(), place))
    return out


_DRUG_IDS = {"cocaine", "coca-leaf", "cocaine-base-paste", "crack", "marijuana", "heroin", "fentanyl",
             "methamphetamine", "synthetic-drugs", "opium-poppy", "coca"}


def sentence_views(text: str, sentences: list[Sentence], mentions: MentionIndex, times: list[Any],
                   quantities: list[Any], published: dt.date | None = None) -> list[SentenceView]:
    """One view per sentence (cut at paragraph breaks), in text order. A time after ``published`` (a plan:
    "next year") dates its own sentence only: the narrative does not run on with it."""
    sentences = split_paragraphs(sentences)
    views: list[SentenceView] = []
    last_places: list[tuple[int, int, Entity]] = []
    named: dict[str, tuple[int, Entity]] = {}  # per precision, the first place of it in the last sentence naming one
    last_place_end = -1
    last_place_index = -10
    dateline = _dateline_end(text)
    dated = False  # whether a sentence of the body has stated a time yet
    last_time, last_time_index = None, -10
    for index, sent in enumerate(sentences):
        inside = mentions.within(sent.start, sent.end)
        headline = index == 0 and is_headline(sent.text)
        inherited_time = None
        own_time = _has_time(times, sent, dateline)
        runs_on = index > 0 and _runs_on(text, sentences, index)
        if index > 0 and not (_same_paragraph(text, sentences[index - 1].end, sent.start) or runs_on):
            last_time = None  # a new paragraph starts a new stretch of narrative time
        if not own_time and last_time is not None and index - last_time_index <= TIME_LOOKBACK:
            inherited_time = last_time
        if not own_time and not dated and not headline:
            # a lead that states the news without its date: the date follows ("Police seized 44 tons of
            # marijuana in Tijuana. The military raided a warehouse there on May 1, ...")
            inherited_time = _first_time_after(text, times, sentences, index, dateline)
            if _future(inherited_time, published):
                inherited_time = None
        dated = dated or (own_time and not headline)
        if _has_time(times, sent):
            last_time, last_time_index = _last_time(text, times, sent), index
            if _future(last_time, published):
                last_time = None  # "The government plans to deploy troops next year. The minister denied ..."
        own_places = [m for m in inside if m[2].type == "place"]
        # a person's home or a vehicle's registration neither locates this sentence nor carries on
        home = _home_places(text, sent, own_places)
        homes = frozenset(own_places[k][0] for k in home)
        own_places = [m for k, m in enumerate(own_places) if k not in home]
        # "the state", "the city": the sentence says which of the places before it is meant
        anaphoric = [] if own_places else _anaphoric_places(sent, named)
        referred = [] if own_places else _the_country(sent, mentions) + anaphoric
        stated = [] if own_places else _stated_countries(text, inside, mentions) + referred
        inherited: list[tuple[int, int, Entity]] = list(stated)
        if (not own_places and not anaphoric and last_places and index - last_place_index <= PLACE_LOOKBACK
                and (_same_paragraph(text, last_place_end, sent.start)
                     or (runs_on and last_place_end == sentences[index - 1].end))):
            inherited = last_places + [m for m in stated if all(m[2] is not p[2] for p in last_places)]
        for start, _, ent in reversed(own_places):  # the first of each precision wins
            named[ent.precision] = (start, ent)
        if own_places and not headline:  # a headline's places are not the first paragraph's
            last_places, last_place_end, last_place_index = own_places, sent.end, index
        commodities = [e for _, _, e in inside if e.type == "commodity"]
        has_drug = any((c.name or "").lower() in DRUGS or (c.kb_id or "").split("/")[-1] in _DRUG_IDS
                       for c in commodities)
        views.append(SentenceView(
            sent=sent,
            index=index,
            inside=inside,
            inherited=inherited,
            inherited_time=inherited_time,
            quantities=[q for q in quantities if q.start >= sent.start and q.end <= sent.end],
            types_here={e.type for _, _, e in inside},
            has_drug=has_drug,
            listed=_list_spans(sent.text),
            headline=headline,
            homes=homes,
            referred=tuple(referred),
        ))
    return views


# Types whose trigger word also names a charge, a unit or a purpose ("charged with kidnapping",
# "the Special Kidnapping Unit", "a law against extortion"): there it states no occurrence. Corruption,
# laundering, smuggling and trafficking keep their charges: the annotation counts accusations of them
# ("charged with smuggling guns into Mexico"; docs/annotation.md).
NAMED_ONLY_TYPES = frozenset({"extortion_kidnapping", "violence"})
# A charge, up to the crime it names: a bare noun (no article) or a list of them ("wanted for drug
# trafficking, kidnapping and extortion", "acusados de homicidio", "por los delitos de secuestro y
# extorsión"). "accused of the kidnapping of two students" names an occurrence and is kept.
_CHARGE = re.compile(
    r"(?<!\w)(?:charged\s+with|charges?\s+of|accused\s+of|convicted\s+of|(?:found\s+)?guilty\s+of|"
    r"(?:indicted|tried|sentenced|prosecuted|jailed|imprisoned|arrested|detained|wanted|extradited|investigated|"
    r"on\s+trial|awaiting\s+trial)\s+(?:on|for)|suspected\s+of|"
    r"acusad[oa]s?\s+(?:de|por)|señalad[oa]s?\s+(?:de|por)|imputad[oa]s?\s+(?:de|por)|"
    r"(?:procesad|sentenciad|condenad|consignad|detenid|arrestad|aprehendid|capturad|investigad|extraditad|"
    r"indiciad|denunciad|pres|julgad)[oa]s?\s+por|"
    r"cargos?\s+(?:de|por)|acusaci[óo]n(?:es)?\s+(?:de|por)|"
    r"(?:el|los|del|por)\s+(?:presuntos?\s+)?(?:delitos?|crimes?|il[íi]citos?)\s+(?:de|contra|em)|"
    r"(?:por|en|de)\s+(?:su\s+)?(?:presunta|probable)\s+(?:responsabilidad|participaci[óo]n)\s+en\s+(?:la\s+comisi[óo]n\s+de\s+)?"
    r"(?:los\s+|el\s+)?(?:delitos?\s+de\s+)?)"
    r"(?:\s*(?:attempted|aggravated|express|conspiracy\s+to\s+commit|agravad[oa]|calificad[oa]|tentativa\s+de)\s+)?"
    r"(?:\s*[\w-]+(?:\s+(?!the\b|a\b|an\b|el\b|la\b|los\b|las\b|un\b|una\b|o\b|a\b)[\w-]+){0,4}\s*(?:,|;|\band\b|\bor\b|\by\b|\be\b|\bou\b)\s*)*"
    r"\s*(?:attempted\s+|aggravated\s+|express\s+)?$",
    re.IGNORECASE,
)
# The crime as a charge or a name after its trigger ("kidnapping charges", "Kidnapping Unit").
_CHARGE_AFTER = re.compile(
    r"\s+(?:(?:and|or)\s+[\w-]+\s+)?(?:charges?|counts?|unit|units|squad|task\s+force|force|division|czar|"
    r"prosecutors?|laws?|legislation|bill|statute|cases?\s+against)\b",
    re.IGNORECASE,
)
# A purpose or a name: "to combat extortion", "the fight against kidnapping", "Anti-Kidnapping",
# "la lucha contra el secuestro", "Fiscalía Especializada en Secuestro", "ley contra la extorsión".
_PURPOSE = re.compile(
    r"(?:(?<!\w)anti-?\s*"
    r"|(?<!\w)(?:combat(?:ing|s)?|fight(?:ing|s)?(?:\s+against)?|against|tackl(?:e|ing)|prevent(?:ing)?|"
    r"crack(?:ing)?\s+down\s+on|crackdown\s+on|combatir|combate\s+(?:a|al|de|del)|lucha\s+contra|contra|prevenir|"
    r"prevención\s+(?:de|del)|combater|combate\s+(?:a|ao|à)|luta\s+contra)\s+"
    r"|(?<!\w)(?:fiscal[íi]a|unidad|coordinaci[óo]n|divisi[óo]n|ley|leyes|delegaci[óo]n|mesa|fuerza|delegacia|"
    r"promotor[íi]a)\s+(?:[\w-]+\s+){0,2}?(?:en|contra|de|del|para|antis?)\s+)"
    r"(?:the\s+|el\s+|la\s+|los\s+|las\s+|o\s+|a\s+)?(?:crime\s+of\s+|delito\s+de\s+)?$",
    re.IGNORECASE,
)


# Goods right before an arrest participle used of them: "18 tons of cocaine apprehended at the port", "the
# weapons captured in the raid", "armas capturadas" (not "the men sent to collect the packages were arrested").
_GOODS_BEFORE = re.compile(
    r"(?<!\w)(?:kilos|kilograms|tons|tonnes|pounds|packages|bricks|cocaine|marijuana|heroin|drugs|narcotics|weapons|"
    r"guns|rifles|firearms|ammunition|cash|money|shipments?|cargo|containers?|vessels?|boats?|vehicles?|cars|trucks|"
    r"aircraft|planes?|drogas?|armas|cargamentos?|veh[íi]culos|embarcaci[óo]n(?:es)?|aeronaves?|avionetas?|"
    r"drogas|armas|cargas?)\s+$",
    re.IGNORECASE,
)


def _named_only(sentence: str, match: re.Match[str]) -> bool:
    """The trigger names a charge, a unit, a law or a purpose, not an occurrence of the crime."""
    before = sentence[max(0, match.start() - 160) : match.start()]
    clause = re.split(r"[.;:]\s|\s[-–—]\s", before)[-1]
    return bool(_CHARGE.search(clause) or _PURPOSE.search(clause) or _CHARGE_AFTER.match(sentence, match.end()))


def _occurrence(cue: EventCue, view: SentenceView, m: re.Match[str]) -> bool:
    """Whether trigger words ``m`` of ``cue`` (offsets in the sentence) tell of an occurrence:
    not "involved in drug trafficking, extortion and kidnapping" (activities listed), not "charged
    with kidnapping" or "the Anti-Kidnapping Unit" (a charge or a name), not "18 tons of cocaine
    apprehended" (goods, not people, were taken)."""
    text = view.sent.text
    if any(a <= m.start() and m.end() <= b for a, b in view.listed):
        return False
    if cue.type in NAMED_ONLY_TYPES and _named_only(text, m):
        return False
    return not (cue.type == "arrest" and _GOODS_BEFORE.search(text, 0, m.start()))


def _cue_match(cue: EventCue, view: SentenceView) -> tuple[re.Match[str] | None, bool, bool]:
    """(trigger match, matched only by a directed trigger, all constraints of the cue hold)."""
    sent = view.sent
    match = cue.triggers.search(sent.text)
    directed_only = False
    if not match and cue.directed is not None:
        match = cue.directed.search(sent.text)
        directed_only = match is not None
    if not match:
        return None, False, False
    if not _occurrence(cue, view, match):
        later = [m for m in (cue.directed if directed_only else cue.triggers).finditer(sent.text)
                 if _occurrence(cue, view, m)]
        if not later:
            return match, directed_only, False
        match = later[0]
    if cue.exclude and cue.exclude.search(sent.text):
        return match, directed_only, False
    if cue.context and not cue.context.search(sent.text):
        return match, directed_only, False
    if not _requirements_met(cue, view.types_here, view.has_drug, view.quantities):
        # "foreign traffickers are active in Bolivia", "... operate in the country": a common noun names the group
        own_places = any(e.type == "place" for _, _, e in view.inside) or bool(view.referred)
        if not (cue.group_nouns is not None and own_places and cue.group_nouns.search(sent.text)):
            return match, directed_only, False
    return match, directed_only, True


_MOVING = frozenset({"trafficking_route", "illicit_market", "extradition"})  # "originaria de" is an origin there
# A person's home or birthplace: "con domicilio en el municipio de X", "originarios de X", "a resident of X",
# "natural de X". Such a place locates the person, not the event.
_HOME = re.compile(
    r"(?<!\w)(?:con\s+domicilio\s+en|domiciliad[oa]s?\s+en|originari[oa]s?\s+(?:de|del)|oriund[oa]s?\s+(?:de|do|da)|"
    r"natural(?:es)?\s+(?:de|del|do|da)|nacid[oa]s?\s+en|residing\s+in|a\s+resident\s+of|native\s+of|"
    r"born\s+in|who\s+lived?\s+in|originally\s+from|com\s+origem\s+(?:em|n[oa]s?)|con\s+origen\s+en|"
    r"originári[oa]s?\s+d[eoa]s?|nascid[oa]s?\s+(?:em|n[oa])|"
    # where people live: "familiares que radican en Estados Unidos", "who lives in Houston", "moram em"
    r"(?<!se\s)(?:radica|reside|vive|habita)n?\s+en|residentes?\s+(?:de|del|en)|vecin[oa]s\s+(?:de|del)|"
    r"mora(?:m|va|vam)?\s+(?:em|n[oa]s?)|residentes?\s+(?:em|n[oa]s?)|"
    # a vehicle's registration: "con placas de circulación del estado de Nuevo León"
    r"placas?\s+(?:de\s+circulaci[óo]n\s+)?(?:de|del|do|da))\s+"
    r"(?:(?:el|la|los|the|o|a)\s+)?(?:(?:municipio|municipality|ciudad|city|town|pueblo|comunidad|colonia|"
    r"estado|state|departamento|department|barrio|localidad|munic[íi]pio|cidade|bairro)\s+(?:de|del|of|do|da)\s+)?$",
    re.IGNORECASE,
)


def _home_places(text: str, sent: Sentence, places: list[tuple[int, int, Entity]]) -> set[int]:
    """Indexes of ``places`` (a sentence's place mentions, in text order) that say where a person lives or
    comes from, or where a vehicle is registered (``_HOME``), with the larger places written after one
    ("originario de Reynosa, Tamaulipas")."""
    out: set[int] = set()
    for k, (start, _end, _ent) in enumerate(places):
        if _HOME.search(text, max(sent.start, start - 50), start) or (
                k - 1 in out and re.fullmatch(r"\s*,\s*", text[places[k - 1][1]:start])):
            out.add(k)
    return out


# An expulsion and its object: "expelled the DEA", "expulsó el lunes a la DEA", "expulsou a DEA do país".
_EXPEL = re.compile(r"expel|kick(?:ed|s)?\s+out|expuls", re.IGNORECASE)
_EXPEL_GAP = re.compile(r"(?:\s+(?:from|del?|do|da|the|el|la|los|las|a|o|os|as|al|ao|on|el\s+\w+|this|last|\w+day|"
                        r"lunes|martes|miércoles|jueves|viernes|sábado|domingo))*\s+", re.IGNORECASE)


_PASSIVE_BEFORE = re.compile(r"(?<!\w)(?:was|were|has\s+been|have\s+been|had\s+been|been|fue|fueron|ha\s+sido|han\s+sido|"
                             r"foi|foram|tinha\s+sido)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _expelled(text: str, trig_start: int, trig_end: int, m_start: int) -> bool:
    """Whether the actor mentioned at ``m_start`` is the object of the expulsion triggered at
    ``trig_start:trig_end`` (it follows the verb, with at most articles and a day between)."""
    if not _EXPEL.match(text, trig_start):
        return False
    if m_start < trig_start:  # "the DEA was expelled": the passive's subject
        return bool(_PASSIVE_BEFORE.search(text, max(0, trig_start - 30), trig_start))
    return bool(_EXPEL_GAP.fullmatch(text, re.search(r"\w*", text[trig_end:]).end() + trig_end, m_start))


# Who does and who suffers a killing or a kidnapping, by where the actor stands: "Navy personnel gunned down
# Arturo" (before an active verb: the doer), "four members of Barrio 18 were shot" (before a passive: the
# victim), "massacred eight members of the Rastrojos" (after the verb: the victim), "killed by the Zetas" (the doer).
_DOER_DONE = {"violence": ("perpetrator", "victim"), "extortion_kidnapping": ("perpetrator", "victim"),
              "policy": ("agent", "subject")}
_PASSIVE_AUX = re.compile(r"(?<!\w)(?:was|were|been|being|is|are|fue|fueron|sido|siendo|es|son|foi|foram|sendo|é|são)"
                          r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_BY_AGENT = re.compile(r"(?<!\w)(?:by|por|pel[oa]s?)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_GAP_BREAK = re.compile(r"[;:()\[\]\"“”]|,\s|\s(?:while|whereas|but|which|who|that|mientras|pero|que|quien|quienes|"
                        r"enquanto|mas|cujo|qual)\s", re.IGNORECASE)


def _doer_or_done(text: str, sent_start: int, trig_start: int, trig_end: int, m_start: int, m_end: int,
                  etype: str) -> str | None:
    """The role of the actor at ``m_start:m_end`` in a violence or kidnapping triggered at
    ``trig_start:trig_end`` when its place in the clause tells it; None when it does not (another clause,
    or too far)."""
    doer, done = _DOER_DONE[etype]
    if m_end <= trig_start:
        gap = text[m_end:trig_start]
        if len(gap) > 60 or _GAP_BREAK.search(gap):
            return None
        return done if _PASSIVE_AUX.search(gap) else doer
    if m_start >= trig_end:
        gap = text[trig_end:m_start]
        if len(gap) > 40 or _GAP_BREAK.search(gap):
            return None
        return doer if _BY_AGENT.search(gap) else done
    return None


def build_event(text: str, view: SentenceView, etype: str, trig_start: int, trig_end: int, lang: str,
                times: list[Any], directed_only: bool = False) -> Event | None:
    """An event of ``etype`` triggered at ``trig_start:trig_end``, its roles filled from the
    sentence's mentions (places inherited when the sentence names none), its quantity and time
    from the expressions nearest the trigger. None when the type needs what the sentence lacks
    (a route without a place, a directed trigger without an origin, transit or destination)."""
    sent = view.sent
    roles: dict[str, list[str]] = {}
    role_map = ACTOR_ROLES.get(etype, {})
    home = view.homes if etype not in _MOVING else frozenset()
    for m_start, _m_end, ent in view.inside:
        if ent.type == "place" and m_start in home:
            continue  # where a person lives or comes from, not where the event happened
        if (ent.type == "place" and etype not in _ROUTED
                and _BOUND_FOR.search(text, max(sent.start, m_start - 30), m_start)):
            continue  # where the goods were going ("detenido ... con una maleta con destino a Madrid"), not the arrest's place
        if ent.type == "place":
            role = _place_role(text, sent.start, m_start, etype, lang)
        elif ent.type == "commodity":
            role = "commodity" if etype in COMMODITY_EVENTS else None
        else:
            role = role_map.get(ent.type)
            if role == "agent" and etype == "policy" and _expelled(text, trig_start, trig_end, m_start):
                role = "subject"  # "Bolivia expelled the DEA": the agency expelled is what the policy is about
            elif role and etype in _DOER_DONE and ent.type != "government":
                role = _doer_or_done(text, sent.start, trig_start, trig_end, m_start, _m_end, etype) or role
        if role and ent.id not in roles.setdefault(role, []):
            roles[role].append(ent.id)
    if directed_only and not _directional(text, sent, view.inside, etype, lang, trig_end - sent.start):
        return None
    if not any(r in roles for r in PLACE_ROLES):
        for _s, _e, ent in view.inherited:
            if ent.id not in roles.setdefault("location", []):
                roles["location"].append(ent.id)
    roles = {k: v for k, v in roles.items() if v}
    if etype == "trafficking_route" and not any(r in roles for r in ("origin", "destination", "transit", "location")):
        return None
    units = QUANTITY_UNITS.get(etype, {})
    qty = _nearest(view.quantities, trig_start, sent, lambda q: q.unit in units) if units else None
    if qty is not None:
        qty = joined_head_count(text, qty, lang)  # "seven soldiers and six civilians": 13
    timex = _event_time(text, times, trig_start, sent, lang, trig_end)
    if timex is None or (timex.term and view.inherited_time is not None):
        timex = view.inherited_time  # a term of office ("under Chavez") dates the event only as a last resort
    span = timex.span if timex else None
    if timex is not None and (_in_when_clause(text, timex, trig_start) or timex.start <= trig_start < timex.end
                              or _held_since(text, timex, trig_start)):
        span = timex.anchor or span
    return Event(
        id="",
        type=etype,
        roles=roles,
        evidence=[Span(sent.start, sent.end)],
        trigger=Span(trig_start, trig_end),
        quantity=_quantity(qty, units) if qty else None,
        time=TimeSpan(span.start, span.end, span.granularity, timex.text) if span else None,
    )


def rule_events(text: str, view: SentenceView, lang: str, times: list[Any]) -> tuple[dict[str, Event], dict[str, int]]:
    """The events the cue lexicon finds in one sentence (one per type), and how far each type's cue
    got: 1 = a trigger occurs, 2 = its constraints hold too, 3 = an event was built."""
    found: dict[str, Event] = {}
    levels: dict[str, int] = {}
    for cue in cues_for(lang):
        match, directed_only, ok = _cue_match(cue, view)
        if match is None:
            continue
        levels[cue.type] = 1
        if not ok:
            continue
        levels[cue.type] = 2
        start = view.sent.start
        ev = build_event(text, view, cue.type, start + match.start(), start + match.end(), lang, times, directed_only)
        if ev is not None:
            levels[cue.type] = 3
            found[cue.type] = ev
    return found, levels


def dated_clauses(text: str, view: SentenceView, ev: Event, lang: str, times: list[Any]) -> list[Event]:
    """Further occurrences of a cue event's trigger words in later clauses of its sentence that carry a date
    of their own ("the Senate approved the law on Tuesday, and the House approved it on Thursday"): one
    event each, when its date differs from the dates before it (docs/annotation.md, section 4: one event
    per occurrence). Development data: strict TP +11, FP +4."""
    out: list[Event] = []
    cue = next((c for c in cues_for(lang) if c.type == ev.type), None)
    sent = view.sent
    if ev.time is None or ev.trigger is None or cue is None:
        return out
    last_end = ev.trigger.end - sent.start
    if not cue.triggers.match(sent.text, ev.trigger.start - sent.start):
        return out  # a directed trigger ("shipped"): its other words need their own direction
    dates = {(ev.time.start, ev.time.end)}
    for m in cue.triggers.finditer(sent.text, last_end):
        if not _occurrence(cue, view, m):
            continue
        if not _CLAUSE_BREAK.search(sent.text, last_end, m.start()):
            continue
        other = build_event(text, view, cue.type, sent.start + m.start(), sent.start + m.end(), lang, times)
        if other is None or other.time is None or (other.time.start, other.time.end) in dates:
            continue
        dates.add((other.time.start, other.time.end))
        out.append(other)
        last_end = m.end()
    return out


def detect_events(
    text: str,
    sentences: list[Sentence],
    lang: str,
    mentions: MentionIndex,
    times: list[Any],
    quantities: list[Any],
    classifier: Any = None,
    published: dt.date | None = None,
) -> list[Event]:
    """Events of every sentence, with roles, time, quantity and evidence (attribution comes later).
    ``published``: the document's date, so that a plan's future time does not date the sentences after it.

    Without ``classifier`` every event the cue lexicon finds is returned. With a
    ``crimegraph.extract.event_classifier.SentenceClassifier``, types it finds where no cue fired
    get an event too (``detector="classifier"``), triggered at the sentence's most telling word,
    with the classifier's calibrated probability as its confidence; cue events get the classifier's
    probability for their type as ``support`` (an input of their confidence, attribution.py).
    """
    events: list[Event] = []
    # a headline restates the body (docs/annotation.md, section 4)
    views = [v for v in sentence_views(text, sentences, mentions, times, quantities, published) if not v.headline]
    rules = [rule_events(text, view, lang, times) for view in views]
    models, probs = _sentence_models(classifier, views, rules, lang, times)
    for view, (found, levels), model, p in zip(views, rules, models, probs):
        for ev in found.values():
            ev.support = p.get(ev.type)  # an input of the cue event's confidence (None without a classifier)
            split = split_by_measure(text, view, ev, lang, times)
            events.extend(split)
            if len(split) == 1:  # figures split the event already
                for other in dated_clauses(text, view, ev, lang, times):
                    other.support = ev.support
                    events.append(other)
        if model is None:
            continue
        for etype, prob in model.decide(text, view, lang, levels, set(found), times, probs=p):
            trig = model.trigger(view.sent, etype, view)
            if trig is None:
                continue
            ev = build_event(text, view, etype, trig[0], trig[1], lang, times)
            if ev is not None:
                ev.detector = "classifier"
                ev.confidence = round(model.confidence(prob), 3)
                events.append(ev)
    return _merge_restatements(events)


def document_places(events: list[Event], text: str, mentions: MentionIndex) -> list[Event]:
    """Give an event whose sentence and paragraph name no place the places the document sets it in:
    the place mentioned last before its sentence (the city of "Culiacan, Mexico", not the country
    that qualifies it), and the document's home country (``MentionIndex.home_country``). Run after
    confidence, which reads only the places the sentence and its paragraph give. docs/extraction.md,
    section Roles, places, time, quantity."""
    home = mentions.home_country()
    for ev in events:
        if any(ev.roles.get(r) for r in PLACE_ROLES):
            continue
        ids: list[str] = []
        before = [m for m in mentions.within(0, ev.evidence[0].start) if m[2].type == "place"]
        if before:
            last = before[-1]
            if (len(before) > 1 and last[2].precision == "country" and before[-2][2].precision != "country"
                    and text[before[-2][1]:last[0]].strip() == ","):
                last = before[-2]
            ids.append(last[2].id)
        if home is not None and home.id not in ids:
            ids.append(home.id)
        if ids:
            ev.roles["location"] = ids
    return events


def peso_currencies(events: list[Event], mentions: MentionIndex) -> list[Event]:
    """A peso amount that names no country ("120 millones de pesos", "$300 mil" in a Spanish text) is in the
    currency of the document's country (``MentionIndex.home_country_code``) when that country uses pesos: "mxn"
    in a Mexican report, "cop" in a Colombian one (docs/annotation.md, section 8); elsewhere it stays "pesos"."""
    if not any(ev.quantity is not None and ev.quantity.unit == "pesos" for ev in events):
        return events
    code = PESO_CODE_OF_COUNTRY.get(mentions.home_country_code() or "")
    if code is None:
        return events
    return [replace(ev, quantity=replace(ev.quantity, unit=code))
            if ev.quantity is not None and ev.quantity.unit == "pesos" else ev for ev in events]


def _sentence_models(classifier: Any, views: list[SentenceView], rules: list[tuple[dict[str, Event], dict[str, int]]],
                     lang: str, times: list[Any]) -> tuple[list[Any], list[dict[str, float]]]:
    """Which classifier reads each sentence, and its probabilities there. A model that reads sentence
    embeddings embeds every sentence at once; when it has a words-only ``fallback``, it embeds only
    the sentences with a cue event (whose confidence reads the model's probability) or where the
    fallback gives some type ``gate`` or more; the fallback decides the others (embedding is the
    costly part of extraction)."""
    if classifier is None:
        return [None] * len(views), [{} for _ in views]
    embedder = classifier.embedder
    if embedder is None:
        return [classifier] * len(views), [classifier.scores(v, lang, levels, times) for v, (_, levels) in zip(views, rules)]
    fallback = classifier.fallback
    feats = [classifier.features(view, lang, levels, times) for view, (_, levels) in zip(views, rules)]
    models: list[Any] = [classifier] * len(views)
    probs: list[dict[str, float]] = [{} for _ in views]
    wanted = list(range(len(views)))
    if fallback is not None:
        wanted = []
        for i, (found, _) in enumerate(rules):
            probs[i] = fallback.probabilities(feats[i])
            if found or max(probs[i].values(), default=0.0) >= classifier.gate:
                wanted.append(i)
            else:
                models[i] = fallback
    if wanted:
        vectors = embedder.embed([views[i].sent.text for i in wanted])
        for i, vector in zip(wanted, vectors):
            probs[i] = classifier.probabilities(feats[i], vector)
    return models, probs


# What separates the clause of one figure from the next ("90 homicides in A, and 183 in B", "341 in 2012,
# while in 2011 the figure was 237"): a place or date after this belongs to the figure that follows it.
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:while|whereas|and|but|mientras|y|pero|e|enquanto|mas)\s", re.IGNORECASE)


_RESTATED = re.compile(r"^\s*[(\[]\s*(?:around|about|some|approximately|roughly|nearly|almost|or|alrededor de|unos|cerca de|"
                       r"aproximadamente|quase)?\s*$", re.IGNORECASE)


@dataclass
class _Measure:
    """One figure of a sentence with the place and the date of its own clause (None: not stated there)."""

    quantity: Any
    place: tuple[int, int, Entity] | None = None
    time: Any = None


def _assign(measures: list[_Measure], pos: int, end: int, text: str) -> _Measure:
    """The figure an element at ``pos:end`` belongs to: the figure before it in its clause, else the next
    figure; before the first figure, the first."""
    before = [m for m in measures if m.quantity.end <= pos]
    if not before:
        return measures[0]
    prev = before[-1]
    after = [m for m in measures if m.quantity.start >= end]
    if after and _CLAUSE_BREAK.search(text, prev.quantity.end, pos) and not _CLAUSE_BREAK.search(
            text, end, after[0].quantity.start):
        return after[0]
    return prev


def _distinct(a: _Measure, b: _Measure) -> bool:
    """Two figures are separate occurrences when both name their own place and the places differ, or
    both their own date and the dates differ."""
    if a.place is not None and b.place is not None and a.place[2].id != b.place[2].id:
        return True
    return (a.time is not None and b.time is not None
            and (a.time.span.start, a.time.span.end) != (b.time.span.start, b.time.span.end))


def split_by_measure(text: str, view: SentenceView, ev: Event, lang: str, times: list[Any]) -> list[Event]:
    """``ev`` as one event per place and period when its sentence gives several figures of its kind,
    each with a place or a date of its own ("90 homicides in Juarez, and 183 in the state of Chihuahua";
    "182 murders in June 2013, up from 166 in June 2012"): the annotation counts one event per place and
    period (docs/annotation.md, sections 3-4). A list of places without figures ("operates in A, B and
    C") stays one event; so do figures that share their place and date."""
    units = QUANTITY_UNITS.get(ev.type, {})
    sent = view.sent
    found = [q for q in view.quantities if q.unit in units]
    primary = [q for q in found if q.unit not in _SECONDARY_UNITS]
    figures = sorted(primary or found, key=lambda q: q.start)
    # a conversion in brackets restates the figure before it ("130 million pesos (around $38,000)")
    figures = [q for i, q in enumerate(figures) if i == 0 or not _RESTATED.match(text[figures[i - 1].end : q.start])]
    if len(figures) < 2 or len({units[q.unit] for q in figures}) > 1:
        return [ev]  # one figure, or figures of different measures (tons and kilos, people and vehicles)
    measures = [_Measure(q) for q in figures]
    for m_start, m_end, ent in view.inside:
        if ent.type != "place" or any(q.start <= m_start < q.end for q in figures):
            continue
        owner = _assign(measures, m_start, m_end, text)
        if owner.place is None or abs(m_start - owner.quantity.start) < abs(owner.place[0] - owner.quantity.start):
            owner.place = (m_start, m_end, ent)
    skip = _dateline_end(text)
    for t in times:
        if not _usable(t, text, sent) or _said_time(t, text, sent) or t.start < skip:
            continue
        owner = _assign(measures, t.start, t.end, text)
        if owner.time is None or abs(t.start - owner.quantity.start) < abs(owner.time.start - owner.quantity.start):
            owner.time = t
    if any(m.place is None and m.time is None for m in measures):
        return [ev]  # a figure with neither place nor date of its own is a detail of the same event
    if not all(_distinct(a, b) for i, a in enumerate(measures) for b in measures[i + 1 :]):
        return [ev]
    out = []
    for m in measures:
        roles = {k: list(v) for k, v in ev.roles.items()}
        if m.place is not None:
            for role in PLACE_ROLES:
                roles.pop(role, None)
            role = _place_role(text, sent.start, m.place[0], ev.type, lang)
            roles[role] = [m.place[2].id]
        time = ev.time
        if m.time is not None:
            time = TimeSpan(m.time.span.start, m.time.span.end, m.time.span.granularity, m.time.text)
        out.append(replace(ev, roles=roles, evidence=list(ev.evidence), quantity=_quantity(m.quantity, units),
                           time=time))
    return out


PLACE_ROLES = ("location", "origin", "destination", "transit")

_SMALL_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "as", "is", "are",
    "de", "del", "la", "el", "los", "las", "en", "y", "o", "por", "con", "para", "un", "una", "da", "do", "das",
    "dos", "na", "no", "nas", "nos", "e", "em", "um", "uma", "que", "se", "its", "his", "her", "their", "after",
}


def is_headline(sentence: str) -> bool:
    """A short first sentence in title case: every word of four letters or more is capitalized
    ("Police Arrest Gang Leader in Lima")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", sentence)
    if not 2 <= len(words) <= 20:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS and len(w) >= 4]
    if len(content) < 3:
        return False
    return all(w[0].isupper() for w in content)


# Activity nouns that appear in lists of what a group does or is charged with.
_ACTIVITY = (
    r"(?:(?:drug |arms |human |migrant |weapons |fuel |wildlife |timber )?(?:trafficking|smuggling)|"
    r"extortion|kidnappings?|murders?|homicides?|robber(?:y|ies)|theft|prostitution|money laundering|"
    r"illegal mining|illegal logging|contraband|corruption|micro-?trafficking|drug dealing|rape|"
    r"(?:attempted )?homicide|narcotráfico|extorsi[óo]n|secuestros?|sicariato|lavado de (?:dinero|activos)|"
    r"contrabando|tr[áa]fico de \w+|miner[íi]a ilegal|homicidios?|robos?|trata de personas|"
    r"tr[áa]fico|sequestros?|extorsão|lavagem de dinheiro|assaltos?|roubos?)"
)
_LIST = re.compile(
    rf"(?<!\w){_ACTIVITY}(?:\s*,\s*(?:and |or |y |e |o |ou |as well as )?{_ACTIVITY}){{1,}}"
    rf"(?:\s*,?\s*(?:and|or|y|e|o|ou|as well as)\s+{_ACTIVITY})?(?!\w)"
    rf"|(?<!\w){_ACTIVITY}\s+(?:and|or|y|e|o|ou)\s+{_ACTIVITY}(?!\w)",
    re.IGNORECASE,
)


def _list_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of lists of crime activities ("drug trafficking, extortion and kidnapping")."""
    return [(m.start(), m.end()) for m in _LIST.finditer(sentence)]
# A sentence without a place of its own takes the places of the last sentence that had one, at most
# this many sentences back in the same paragraph ("the lab", "there", "allí").
PLACE_LOOKBACK = 6


def _runs_on(text: str, sentences: list[Sentence], index: int) -> bool:
    """Wire copy: the sentence before ``sentences[index]`` is a paragraph of its own, so the story runs on
    across the paragraph break (its place and time carry over, as within a paragraph)."""
    prev = sentences[index - 1]
    return index == 1 or not _same_paragraph(text, sentences[index - 2].end, prev.start)


def _same_paragraph(text: str, end: int, start: int) -> bool:
    """No paragraph break (blank line or line break) between two offsets."""
    return 0 <= end <= start and "\n" not in text[end:start]


# A weekday or date right after a verb of saying dates the statement, not the event, when the
# statement's clause follows ("said on Tuesday that ...") or the sentence ends ("..., police said on
# Tuesday."). Followed by its object ("announced on January 30 the arrests of ..."), it dates the
# event, as the annotations do.
_SAID_TIME = re.compile(
    r"(?:said|told|announced|reported|stated|confirmed|dijo|informó|anunció|señaló|indicó|afirmó|"
    r"disse|informou|anunciou|afirmou)\s+(?:(?!that\b|que\b)\w+\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_AFTER = re.compile(r"\s*,?\s*(?:(?:that|que)(?!\w)|[.!?\"”]*\s*$)", re.IGNORECASE)
_SENTENCE_CLOSE = re.compile(r"\s*[.!?\"”]*\s*$")


# A time right after a verb of saying or of becoming known, whatever follows ("informó hoy", "se conoció hoy
# el arresto ...", "announced on Friday the seizure of ..."): it dates the report, and is passed over while
# the sentence has another usable time.
_REPORTED_TIME = re.compile(
    r"(?<!\w)(?:said|says|told|announced|reported|stated|confirmed|revealed|disclosed|learned|dijo|dijeron|"
    r"informó|informaron|anunció|anunciaron|señaló|indicó|afirmó|reveló|revelaron|confirmó|declaró|aseguró|"
    r"se\s+(?:conoció|supo|informó|dio\s+a\s+conocer)|trascendió|disse|informou|anunciou|afirmou|revelou|"
    r"confirmou|declarou)\s+(?:(?!that\b|que\b)\w+\s+)?$",
    re.IGNORECASE,
)


def _lead_in(text: str, t: Any, sent: Sentence) -> str:
    """The (at most 30) characters of the sentence right before the time ``t``."""
    return text[max(sent.start, t.start - 30) : t.start]


def _reported_time(text: str, t: Any, sent: Sentence) -> bool:
    return bool(_REPORTED_TIME.search(_lead_in(text, t, sent)))


def _usable(t: Any, text: str, sent: Sentence) -> bool:
    if t.span is None or t.start < sent.start or t.end > sent.end:
        return False
    said = _SAID_TIME.search(_lead_in(text, t, sent))
    return not (said and _SENTENCE_CLOSE.match(text, t.end, sent.end))


def _said_time(t: Any, text: str, sent: Sentence) -> bool:
    """``t`` dates a statement whose clause follows ("officials said on October 19 that ..."): passed over
    while another time is usable, else it dates the event, as the annotations do."""
    said = _SAID_TIME.search(_lead_in(text, t, sent))
    return bool(said and _CLAUSE_AFTER.match(text, t.end, sent.end))


def _times_in(times: list[Any], sent: Sentence, after: int = 0) -> list[Any]:
    """The resolved times inside ``sent`` that start at or after ``after`` (past a dateline), in order; not
    a term of office ("under Chavez"), which is background: the narrative's time runs on past it."""
    return [t for t in times if t.span is not None and sent.start <= t.start and t.end <= sent.end and t.start >= after
            and not t.term]


def _has_time(times: list[Any], sent: Sentence, after: int = 0) -> bool:
    return bool(_times_in(times, sent, after))


# A sentence without a time of its own takes the last time stated at most this many sentences back in its
# paragraph (the narrative's reference time runs on: "ten other people were killed in the city").
TIME_LOOKBACK = 2
# How many sentences after an undated lead may give it its date.
LEAD_LOOKAHEAD = 2


# The date of a news event is a day, a week or a month ("on May 1", "last week", "in February"); a year
# or a range stated after an undated lead is background ("labs were first found there in 2011").
_NEWS_GRANULARITIES = frozenset({"day", "week", "month"})


def _first_time_after(text: str, times: list[Any], sentences: list[Sentence], index: int, after: int) -> Any:
    """The first resolved time in the few sentences after ``sentences[index]`` (none inside a dateline),
    when it can date a news event (a day, week or month, or a few days: "on Saturday and Sunday", "on July
    10 and 11"; not a year or a longer range)."""
    for sent in sentences[index + 1 : index + 1 + LEAD_LOOKAHEAD]:
        # not the date of a statement ("La dependencia informó este martes que en 2012 ...")
        inside = [t for t in _times_in(times, sent, after) if not _said_time(t, text, sent)
                  and not _reported_time(text, t, sent)]
        if inside:
            span = inside[0].span
            news = span.granularity in _NEWS_GRANULARITIES or (span.granularity == "range"
                                                               and (span.end - span.start).days <= 6)
            return inside[0] if news else None
    return None


def _future(timex: Any, published: dt.date | None) -> bool:
    """Whether ``timex`` starts after the publication date (a plan or a forecast)."""
    return timex is not None and published is not None and timex.span.start > published


def _last_time(text: str, times: list[Any], sent: Sentence) -> Any:
    """The time the narrative runs on with after ``sent``: its last time that is not the baseline of a
    comparison ("an increase over the previous year"), or a day stated before it that the last one
    contains ("seized ... on Monday, one of the largest hauls this year": Monday)."""
    stated = _times_in(times, sent)
    inside = [t for t in stated if not _baseline(text, t, sent)] or stated
    if not inside:
        return None
    last = inside[-1]
    if last.span.granularity != "day":
        for t in reversed(inside[:-1]):
            if t.span.granularity == "day" and last.span.start <= t.span.start <= last.span.end:
                return t
    return last


# A dateline ("LA PAZ, May 16 (AFP) -", "La Paz, Feb 27 (EFE).-") dates the report, not the event.
_DATELINE = re.compile(r"^[^\n]{0,80}?\([A-Z][\w.&' -]{1,30}\)\s*\.?\s*[-–—]")
# Words that may stand between a trigger and the time it takes ("arrested on Tuesday",
# "fue aprehendido el lunes", "seized last week"), or a short place phrase ("detenido en ese país en 2007",
# "killed in an attack in August"); not a clause ("the lab found in Beni this year").
_RIGHT_AFTER = re.compile(r"^(?:[\s\w]{0,12}|\s+(?:in|at|near|en|em|no|na|cerca\s+de)\s+[\s\w]{0,16}"
                          # the object of a noun trigger: "el secuestro de tres migrantes en mayo pasado"
                          r"|\s+(?:of|de|del|da|do)\s+(?:(?!--)[^,;:()–—.]){1,50}?\s+)$")


# A time that modifies the trigger noun ("the 2009 kidnapping of", "his January 2008 arrest", "last
# year's surge", "Tuesday's attack"): a determiner or possessive before it, at most one word between.
_MODIFIER_BEFORE = re.compile(r"(?<!\w)(?:the|a|an|his|her|its|their|this|that|whose)\s+$", re.IGNORECASE)
_MODIFIER_BETWEEN = re.compile(r"^(?:['’]s)?\s+(?:[a-z][\w-]*\s+)?$")


def _modifying_time(text: str, usable: list[Any], trig_start: int) -> Any:
    for t in usable:
        if t.end <= trig_start and _MODIFIER_BETWEEN.match(text[t.end:trig_start]) and t.text[:1].isalnum():
            possessive = text[t.end:t.end + 2] in ("'s", "’s")
            if possessive or _MODIFIER_BEFORE.search(text, max(0, t.start - 8), t.start):
                return t
    return None


def _dateline_end(text: str) -> int:
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _event_time(text: str, times: list[Any], trig_start: int, sent: Sentence, lang: str,
                trig_end: int | None = None) -> Any:
    """The time of the event: an expression right after the trigger ("arrested on Tuesday"), else
    the nearest before the trigger, else the nearest after. A day stated earlier in the clause wins
    over a coarser expression that contains it ("on Wednesday dismantled the largest lab found this
    year, and arrested three"). Two kinds of expression are passed over while another is usable: the
    baseline of a comparison ("up from 166 in 2012", "from 484 in 2009 to 540 in 2010") and the date
    of a statement that reports the event ("On January 11, the paper reported that ..."); so is a term of
    office ("Under Chavez, ... seized in 2012")."""
    skip = _dateline_end(text)
    usable = [t for t in times if _usable(t, text, sent) and t.start >= skip]
    if not usable:
        return None
    if lang == "en":
        modifier = _modifying_time(text, usable, trig_start)
        if modifier is not None:
            return modifier
    preferred = [t for t in usable if not _baseline(text, t, sent) and not _statement_time(text, t, trig_start, sent)
                 and not _report_time(text, t, sent) and not _founding_time(text, t, sent, trig_start)
                 and not _reported_time(text, t, sent) and not _said_time(t, text, sent) and not t.term]
    usable = preferred or usable
    if trig_end is not None:
        # "since the government expelled the agents in 2008": the trigger inside a dated "since" clause
        around = [t for t in usable if t.start <= trig_start and trig_end <= t.end and getattr(t, "anchor", None)]
        if around:
            return around[0]
        close = [t for t in usable if t.start >= trig_end and _RIGHT_AFTER.match(text[trig_end:t.start])]
        if close:
            return close[0]
    before = [t for t in usable if t.end <= trig_start]
    if before:
        best = before[-1]
        if best.span.granularity != "day":
            for t in before[:-1]:
                if (t.span.granularity == "day" and best.span.start <= t.span.start <= best.span.end
                        and "," in text[best.end:trig_start]):
                    return t
        return best
    return min(usable, key=lambda t: t.start - trig_start)


# What introduces the baseline of a comparison, up to the time expression in the same clause.
_BASELINE = re.compile(
    r"(?:compared\s+(?:to|with)|up\s+from|down\s+from|from|versus|vs\.|than|frente\s+a|comparad[oa]s?\s+con|"
    r"en\s+comparación\s+con|respecto\s+(?:a|al|de)|em\s+comparação\s+com|comparad[oa]s?\s+com|"
    r"em\s+relação\s+a|ante\s+l[oa]s)\s+(?:[^,;:()]|(?<=\d)[,.](?=\d)){0,50}$"
    # an explicit comparison reaches further: "up from the 6.1 tons they seized during the first months of 2015"
    r"|(?:compared\s+(?:to|with)|up\s+from|down\s+from|frente\s+a|comparad[oa]s?\s+con|en\s+comparación\s+con|"
    r"em\s+comparação\s+com|comparad[oa]s?\s+com)\s+(?:[^,;:()]|(?<=\d)[,.](?=\d)){0,90}$",
    re.IGNORECASE,
)
# A verb of saying followed by its clause: a time before it dates the statement.
_STATEMENT = re.compile(
    r"(?<!\w)(?:said|says|reported|reports|announced|announces|stated|told\s+\w+(?:\s+\w+)?|revealed|confirmed|"
    r"dijo|informó|anunció|señaló|indicó|afirmó|reportó|declaró|aseguró|disse|informou|anunciou|afirmou|"
    r"declarou|relatou)\s+(?:that|que)(?!\w)",
    re.IGNORECASE,
)


# "from 112 in 2009 to 604 in 2010": what follows "to" is the new value, not the baseline. The word must
# follow a number ("from a previous record of 1,053 tons in 2016" holds the article "a", not "to").
_COMPARISON_TARGET = re.compile(r"\d(?:\s+[^\W\d]+){0,3},?\s+(?:to|a|al|hasta|para|até)\s", re.IGNORECASE)


def _baseline(text: str, t: Any, sent: Sentence) -> bool:
    """``t`` dates the baseline of a comparison ("up from 166 in 2012"), not its new value
    ("from 112 in 2009 to 604 in 2010": 2009 is the baseline, 2010 is not)."""
    m = _BASELINE.search(text, max(sent.start, t.start - 110), t.start)
    return bool(m) and not _COMPARISON_TARGET.search(m.group())


# A report's release dates the report, not the figures it gives ("estimates released in June put
# production at 921 tons in 2017", "an October 2014 study of 2011 murders").
_RELEASED = re.compile(
    r"(?<!\w)(?:released|published|issued|unveiled|presented|publicad[oa]s?|divulgad[oa]s?|presentad[oa]s?|"
    r"difundid[oa]s?|dad[oa]s?\s+a\s+conocer)(?!\w)[^,;:]{0,90}$",
    re.IGNORECASE,
)
_REPORT_AFTER = re.compile(
    r"(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}"  # a titled report: "the 2012 World Drug Report"
    r"\s+(?:report|study|survey|census|informe|estudio|encuesta|relatório|estudo|levantamento)s?(?!\w)",
    re.IGNORECASE,
)


def _report_time(text: str, t: Any, sent: Sentence) -> bool:
    """``t`` dates the release of a report or the report itself."""
    return bool(_RELEASED.search(text, max(sent.start, t.start - 100), t.start) or _REPORT_AFTER.match(text, t.end))


# A date in a description of a place or body: "the port of Natal, which opened in 1932", "the unit, created in
# 2012, ...", "el penal, inaugurado en 2010". It dates the place, not the event.
_FOUNDED = re.compile(
    r"(?<!\w)(?:opened|founded|created|established|built|inaugurated|formed|set\s+up|fundad[oa]s?|cread[oa]s?|"
    r"inaugurad[oa]s?|construid[oa]s?|establecid[oa]s?|criad[oa]s?|constru[íi]d[oa]s?|fundad[oa]s?)"
    r"\s+(?:(?:back|originally|originalmente)\s+)?$",
    re.IGNORECASE,
)


def _founding_time(text: str, t: Any, sent: Sentence, trig_start: int) -> bool:
    """``t`` dates when a place or body was opened or founded, in a clause of its own (not the event's
    trigger: "the government created the unit in 2012" is dated by it)."""
    m = _FOUNDED.search(text, max(sent.start, t.start - 40), t.start)
    return bool(m) and not m.start() <= trig_start < m.end() and bool(
        re.search(r"(?:,|\bwhich|\bthat|\bque|\bel cual|\bla cual)\s+(?:\w+\s+){0,2}$", text[max(sent.start, m.start() - 30):m.start()]))


def _statement_time(text: str, t: Any, trig_start: int, sent: Sentence) -> bool:
    """``t`` stands before a verb of saying that introduces the event's clause."""
    return t.end <= trig_start and bool(_STATEMENT.search(text, t.end, trig_start))


# "since 2012, when he was arrested": the clause after "since X, when" happened at X, not over the range.
_WHEN_CLAUSE = re.compile(r",?(?:\s+[^,;.]{1,40},)?\s+(?:when|cuando|quando)\s[^;.]{0,80}$", re.IGNORECASE)


def _in_when_clause(text: str, timex: Any, trig_start: int) -> bool:
    """The trigger is in a "when" clause that follows a "since X" range."""
    anchor = getattr(timex, "anchor", None)
    return anchor is not None and timex.end <= trig_start and bool(_WHEN_CLAUSE.match(text, timex.end, trig_start))


# Held since a date: "fue detenida desde 2007", "preso desde mayo de 2012", "jailed since 2009". The
# custody started then, so the arrest took place at the start of the "since" range.
_HELD_SINCE = re.compile(
    r"(?:detenid[oa]s?|encarcelad[oa]s?|recluid[oa]s?|pres[oa]s?|arrestad[oa]s?|aprehendid[oa]s?|"
    r"jailed|imprisoned|incarcerated|behind\s+bars|in\s+custody)\s+(?:[^\W\d]+\s+){0,3}$",
    re.IGNORECASE,
)


def _held_since(text: str, timex: Any, trig_start: int) -> bool:
    """The trigger is a state of custody right before a "since X" range."""
    return (getattr(timex, "anchor", None) is not None and trig_start < timex.start
            and bool(_HELD_SINCE.fullmatch(text, trig_start, timex.start)))


def _requirements_met(cue: EventCue, types_here: set[str], has_drug: bool, quantities: list[Any]) -> bool:
    for req in cue.requires:
        if req == "none":
            return True
        if req == "commodity" and "commodity" in types_here:
            return True
        if req == "drug" and has_drug:
            return True
        if req == "quantity" and any(q.unit in QUANTITY_UNITS.get(cue.type, ()) for q in quantities):
            return True
        if req == "place" and "place" in types_here:
            return True
        if req == "group" and "criminal_group" in types_here:
            return True
        if req == "actor" and types_here & {"criminal_group", "state_agency", "government", "person"}:
            return True
    return False


def _signature(ev: Event) -> tuple:
    places = tuple(sorted(i for r in ("location", "origin", "destination", "transit") for i in ev.roles.get(r, [])))
    return (
        ev.type,
        places,
        (ev.time.start, ev.time.end) if ev.time else None,
        (ev.quantity.value, ev.quantity.unit) if ev.quantity else None,
    )


def _merge_restatements(events: list[Event]) -> list[Event]:
    """An event restated later with the same type, places, time and amount is kept once, at first mention."""
    seen: set[tuple] = set()
    out = []
    for ev in events:
        sig = _signature(ev)
        if sig[1] and sig in seen:
            continue
        seen.add(sig)
        out.append(ev)
    return out


def entity_types(entities: list[Entity]) -> set[str]:
    return {e.type for e in entities}
