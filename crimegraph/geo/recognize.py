"""Toponym recognition: statistical NER (GPE/LOC), gazetteer matching of capitalised token
sequences, and region phrases; nationality words, person and organization names kept apart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from crimegraph.geo.gazetteer import Gazetteer
from crimegraph.geo.names import norm
from crimegraph.geo.regions import find_region_phrases
from crimegraph.geo.types import Toponym

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["recognize"]

_PLACE_LABELS = {"GPE", "LOC"}
_OTHER_LABELS = {"PERSON", "PER", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC", "MISC", "LANGUAGE"}
_CONNECTORS = {"de", "del", "da", "do", "dos", "das", "la", "las", "los", "y", "e", "of", "and", "upon", "on", "the"}
_LOCATIVE = {
    "in", "near", "from", "to", "at", "across", "into", "outside", "around", "via", "through", "toward", "towards",
    "en", "cerca", "desde", "hacia", "hasta", "por", "em", "no", "na", "nos", "nas", "perto", "para", "rumo", "entre",
}
# capitalised words that start sentences or titles and name small places somewhere
_NEVER = {
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "we", "they", "i", "you", "but", "and", "or",
    "if", "when", "while", "after", "before", "since", "as", "at", "in", "on", "for", "with", "by", "from", "to", "of",
    "el", "la", "los", "las", "un", "una", "o", "os", "as", "um", "uma", "en", "em", "de", "del", "da", "do", "y", "e",
    "police", "president", "minister", "government", "army", "court", "congress", "senate", "mayor", "governor",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "god", "mr", "mrs", "ms",
    "dr", "st", "new", "north", "south", "east", "west", "central", "university", "school", "church", "news", "times",
    "post", "press", "daily", "today", "state", "city", "county", "province", "department", "region", "republic",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "pct", "gen", "gov", "sen",
    "rep", "lt", "sgt", "col", "capt", "inc", "co", "corp", "ltd", "no", "yes", "far", "big", "first", "day",
    # Spanish and Portuguese words that start titles and sentences and name places somewhere
    "capital", "centro", "federal", "palacio", "palacio", "norte", "sur", "sul", "este", "oeste", "estado", "ciudad",
    "cidade", "gobierno", "governo", "policia", "ministerio", "republica", "congreso", "congresso", "senado",
    "fiscalia", "justicia", "justica", "sendero", "bandas", "poder", "nacional", "general", "presidente",
    "universidad", "universidade", "instituto", "secretaria", "operacion", "operacao", "unidos", "unidas", "san",
    "santa", "santo", "sao", "nuevo", "nueva", "novo", "nova", "gran", "grande", "mayor", "real", "que", "por",
    "para", "con", "com", "sin", "sem", "pero", "mas", "segun", "segundo", "tras", "apos", "hoy", "hoje", "ayer",
    "ontem", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "enero", "febrero", "marzo",
    "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "janeiro",
    "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro", "segunda",
    "terca", "quarta", "quinta", "sexta", "cartel", "clan", "comando", "primeiro", "primer", "primera", "frente",
    "ejercito", "exercito", "marina", "armada", "fuerza", "forca", "guardia", "guarda", "reforma",
    "esperanza", "libertad", "progreso", "independencia", "constitucion",
}
# words after a place name that make "<place> <word>" a public body of that place, whose
# place part is still a place reference ("Minnesota Department of Transportation")
_INSTITUTION = {
    "department", "police", "council", "county", "city", "state", "national", "university", "college", "commission",
    "service", "court", "schools", "school", "sheriff", "fire", "government", "ministry", "attorney", "public",
    "district", "port", "airport", "provincial", "municipal", "regional", "house", "senate", "assembly", "legislature",
    "prosecutor", "prosecutors", "governor", "mayor", "army", "navy", "coast", "border", "customs", "prison",
}
_OF_INSTITUTION = {"university", "college", "port", "city", "state", "county", "province", "department", "government", "republic", "governor", "mayor"}
_PLACE_TYPES = {"department", "province", "state", "county", "parish", "region", "district", "municipality", "departamento", "provincia", "estado", "município", "municipio"}
MAX_WORDS = 6


def _is_cap(tok: "Token") -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t)


def _sentence_initial(tok: "Token") -> bool:
    if tok.i == 0:
        return True
    if tok.is_sent_start:
        return True
    prev = tok.doc[tok.i - 1].text
    return prev in {".", "!", "?", ":", '"', "“", "”", "«", "»", "(", "—", "-", "\n"} or prev.isspace()


class _Recognizer:
    def __init__(self, gazetteer: Gazetteer, doc: "Doc", lang: str):
        self.gaz = gazetteer
        self.doc = doc
        self.lang = lang
        self.text = doc.text
        self.lower_words = {m.group() for m in re.finditer(r"\b[a-záéíóúñçãõâêô]+\b", self.text)}
        self.ent_of = {}
        self.person_words = {
            tok.text for ent in doc.ents if ent.label_ in ("PERSON", "PER") and len(ent) > 1 for tok in ent if tok.is_alpha
        }
        for ent in doc.ents:
            for tok in ent:
                self.ent_of[tok.i] = ent

    def is_place(self, name: str) -> bool:
        return bool(self.gaz.lookup(name))

    def is_demonym(self, word: str) -> bool:
        return self.gaz.demonym_country(word) is not None

    # ---------------------------------------------------------------------------------
    def regions(self) -> list[Toponym]:
        return [
            Toponym(m.start, m.end, m.text, "region")
            for m in find_region_phrases(self.text, self.lang, self.is_place, self.is_demonym)
        ]

    def ner(self) -> list[Toponym]:
        out = []
        for ent in self.doc.ents:
            if ent.label_ not in _PLACE_LABELS:
                continue
            toks = list(ent)
            while toks and (toks[0].lower_ in {"the", "el", "la", "los", "las", "o", "a", "os", "as"} or not toks[0].text.strip()):
                toks = toks[1:]
            while toks and (toks[-1].text in {"'s", "’s", "'", "’", ".", ","} or not toks[-1].text.strip()):
                toks = toks[:-1]
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            text = self.text[start:end]
            if not any(ch.isupper() for ch in text[:1]) or any(ch.isdigit() for ch in text):
                continue
            if self.is_demonym(text) or norm(text) in _NEVER:
                continue
            if len(toks) == 1 and not self.gaz.lookup(text):
                continue  # a lone word NER calls a place but no gazetteer knows ("Sendero")
            out.append(Toponym(start, end, text, "name"))
        return out

    def gazetteer(self) -> list[Toponym]:
        doc, out = self.doc, []
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if not _is_cap(tok):
                i += 1
                continue
            found = None
            for j in range(min(n, i + MAX_WORDS), i, -1):
                last = doc[j - 1]
                if not _is_cap(last):
                    continue  # keys have no dots: "La" finds "La.", "W.Va" finds "W.Va."
                if any(not _is_cap(t) and t.lower_ not in _CONNECTORS and t.text not in {".", "-", "'", "’"} for t in doc[i:j]):
                    continue
                start, end = tok.idx, last.idx + len(last.text)
                cands = self.gaz.lookup(self.text[start:end])
                if cands and self._accept(i, j, cands):
                    found = Toponym(start, end, self.text[start:end], "name")
                    break
            if found is not None:
                out.append(found)
                i = j
            else:
                i += 1
        return out

    def _accept(self, i: int, j: int, cands) -> bool:
        doc = self.doc
        first, last = doc[i], doc[j - 1]
        words = [t for t in doc[i:j] if t.is_alpha]
        span_text = self.text[first.idx : last.idx + len(last.text)]
        key = norm(span_text)
        if key in _NEVER or self.is_demonym(span_text):
            return False
        big = max(c.population for c in cands)
        admin = any(c.feature in ("PCLI", "ADM1", "CONT", "RGN") for c in cands)
        institutional = (j < len(doc) and doc[j].lower_ in _INSTITUTION) or (
            i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _OF_INSTITUTION
        )
        if institutional and (admin or big >= 10_000):
            return True  # "Texas Forest Service", "University of Alexandria"
        # inside a longer capitalised run: "Juan Santa Cruz", "Santa Cruz Cartel"
        if i > 0 and _is_cap(doc[i - 1]) and not _sentence_initial(doc[i - 1]) and doc[i - 1].lower_ not in _NEVER:
            return False
        if j < len(doc) and _is_cap(doc[j]) and doc[j].lower_ not in _PLACE_TYPES:
            return False
        if len(words) == 1 and words[0].text in self.person_words:
            return False  # "Smith" after "John Smith"
        ent = self.ent_of.get(i)
        if ent is not None and ent.label_ in _OTHER_LABELS:
            if ent.start < i or ent.end > j:
                return False  # part of a longer person/organization name
            prev = doc[i - 1].lower_ if i > 0 else ""
            if ent.label_ in ("PERSON", "PER", "NORP"):
                if not (admin or prev in _LOCATIVE):
                    return False
            elif not (admin or big >= 100_000 or prev in _LOCATIVE):
                return False
        if ent is not None and ent.label_ in _PLACE_LABELS:
            return True
        if len(words) == 1:
            word = words[0].text
            if word.isupper() and len(word) <= 3:
                return any(c.feature == "PCLI" for c in cands)
            if len(word) < 3:
                return False
            if word.lower() in self.lower_words and not admin:
                return False  # a common word of this text ("Mobile" / "mobile")
            if _sentence_initial(first) and (first.is_stop or word.lower() in self.lower_words):
                return False
            prev = doc[i - 1].lower_ if i > 0 else ""
            return admin or big >= (500 if prev in _LOCATIVE else 10_000)
        return admin or big >= 1000 or any(c.match == 0 for c in cands)


def _overlaps(a: Toponym, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


def recognize(gazetteer: Gazetteer, doc: "Doc", lang: str, exclude: Iterable[tuple[int, int]] = ()) -> list[Toponym]:
    """Toponym spans of ``doc``, sorted, without overlaps and outside ``exclude``."""
    rec = _Recognizer(gazetteer, doc, lang)
    exclude = list(exclude)
    chosen: list[Toponym] = []
    # priority: region phrases, then NER places, then gazetteer matches; longer first within each
    for batch in (rec.regions(), rec.ner(), rec.gazetteer()):
        for t in sorted(batch, key=lambda t: (t.start - t.end, t.start)):
            if _overlaps(t, exclude) or _overlaps(t, [(c.start, c.end) for c in chosen]):
                continue
            chosen.append(t)
    return sorted(chosen, key=lambda t: t.start)
