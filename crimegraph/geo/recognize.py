"""Toponym recognition: statistical NER (GPE/LOC), gazetteer matching of capitalised token
sequences, and region phrases; nationality words, person and organization names kept apart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from crimegraph.geo.gazetteer import Gazetteer
from crimegraph.geo.names import norm
from crimegraph.geo.regions import find_region_phrases
from crimegraph.geo.sites import find_sites
from crimegraph.geo.types import Toponym
from crimegraph.geo.words import FIRST_NAMES, PERSON_TITLES, SPEECH_VERBS, english_nouns, is_dictionary_word

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
    "old", "top", "mid", "let", "more", "jewish", "muslim", "christian", "catholic", "evangelical",
    "man", "woman", "act", "christmas", "easter", "passover", "ramadan", "liberal", "hamas", "hezbollah",
    "secretary", "drug", "drugs",
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
# lower-case nouns that frame the next name as a place: "the city of Rosario", "el municipio de
# Tlalmanalco", "la colonia Europa", "the districts of Pichari and Llochegua"
_FRAME_OF = {
    "city", "cities", "town", "towns", "village", "villages", "port", "ports", "municipality", "municipalities",
    "district", "districts", "department", "province", "state", "region", "neighbourhood", "neighborhood",
    "community", "island", "hamlet", "township", "ciudad", "ciudades", "municipio", "municipios", "puerto",
    "puertos", "localidad", "poblado", "comunidad", "barrio", "colonia", "departamento", "provincia", "estado",
    "distrito", "pueblo", "ejido", "corregimiento", "vereda", "canton", "parroquia", "cidade",
    "cidades", "porto", "bairro", "comunidade", "regiao", "favela",
}
_FRAME_BARE = {"colonia", "barrio", "bairro", "ejido", "poblado", "municipio", "localidad", "comunidad", "favela", "vereda", "corregimiento"}
# words that may follow a country's abbreviation used as a noun ("to the US and Europe")
_FUNCTION_AFTER = {
    "to", "and", "or", "in", "on", "for", "from", "with", "by", "this", "last", "since", "until", "via", "as", "at",
    "over", "where", "which", "who", "that", "is", "was", "has", "had", "have", "will", "would", "could", "can",
    "may", "might", "should", "must", "did", "does", "do", "are", "were", "be", "been", "but", "after", "before",
    "during", "through", "into", "than", "just", "earlier", "later", "also", "itself", "alone",
}
# lower-case nouns after a name that frame it as a place: "the Chapare region", "Puerto Santander municipality"
_FRAME_AFTER = {"region", "municipality", "province", "department", "district", "valley", "state", "port", "city"}
# first words of organization names the Spanish NER calls places ("Policía de Barranquilla")
_BODY_HEADS = {
    "policia", "secretaria", "ministerio", "comite", "corte", "poder", "administracion", "universidad", "observatorio",
    "centro", "operacion", "operacao", "laboratorio", "seguridad", "seguranca", "evaluacion", "analisis", "trafico",
    "cortesia", "distrito", "tribunal", "fiscalia", "procuraduria", "defensoria", "consejo", "conselho", "direccion",
    "diretoria", "departamento", "instituto", "comision", "comissao", "agencia", "oficina", "juzgado", "camara",
    "plan", "programa", "ley", "lei", "proyecto", "projeto", "estado", "gobierno", "governo", "milicias", "ejercito",
    "frente", "bloque", "cartel", "clan", "banda", "grupo", "organizacion", "organizacao", "fundacion", "fundacao",
}
_ALIAS = {"alias", "aka", "vulgo", "apodo", "apodado", "apelido", "apelidado"}
_STRICT_LOCATIVE = {"in", "at", "near", "outside", "around", "across", "throughout", "within", "en", "em", "no", "na", "nos", "nas", "cerca", "perto"}
_LINKS = {"de", "del", "da", "do", "dos", "das", "y", "e"}
_OPEN_QUOTES = {"«", "'", '"', "“", "‘"}
_CLOSE_QUOTES = {"»", "'", '"', "”", "’"}
_ADMIN = ("PCLI", "ADM1", "CONT", "RGN")
_MEDIA = {"magazine", "newspaper", "daily", "weekly", "radio", "tv", "television", "revista", "diario", "periodico", "jornal", "semanario", "semanal"}
# capitalised words that head a place name ("Municipio de Tibú", "Porto de Santos")
_PLACE_HEADS = {
    "municipio", "departamento", "provincia", "estado", "ciudad", "cidade", "valle", "vale", "rio", "puerto", "porto",
    "isla", "ilha", "region", "regiao", "distrito", "corregimiento", "vereda", "barrio", "bairro", "comuna", "parroquia",
    "canton", "sierra", "serra", "lago", "laguna", "bahia", "golfo", "cerro", "morro", "condado", "zona", "area",
    "norte", "sur", "sul", "centro", "oriente", "occidente", "costa", "frontera", "fronteira", "county", "city",
    "town", "village", "state", "province", "department", "district", "island", "valley", "river", "lake", "port",
    "university", "universidad", "universidade", "bay", "gulf", "mount", "cape",
    # facilities named after their place ("Aeródromo de Aragarças", "Alcaldía de Cartagena")
    "aerodromo", "aeropuerto", "aeroporto", "hacienda", "fazenda", "finca", "rancho", "carcel", "prision", "presidio",
    "penitenciaria", "hospital", "puente", "ponte", "carretera", "rodovia", "autopista", "estrada", "terminal",
    "muelle", "plaza", "praca", "parque", "mercado", "alcaldia", "prefeitura", "gobernacion", "municipalidad",
    "ayuntamiento", "airport", "bridge", "prison", "jail",
}
# places this big (or countries, continents) are taken at their word without further evidence
_BIG = 100_000
_SMALL_TOWN = 20_000
_BIG_CITY = 500_000  # a city this big the NER called a person is the city, unless the text reads it as a name
MAX_WORDS = 6


def _is_cap(tok: "Token") -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t)


def _major(cands) -> bool:
    """A country, continent or region, or a first-level unit of a million people: a name
    that stays a place even next to a given name ("Juan Texas" is rare, "Alejandro Toledo" not)."""
    return any(c.feature in ("PCLI", "CONT", "RGN") or (c.feature == "ADM1" and c.population >= 1_000_000) for c in cands)


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
        self._countries_named: set[str] | None = None
        self.surnames = self._surnames()
        self.person_words |= self.surnames
        self.tagged = doc.has_annotation("POS")
        # tokens of the places the gazetteer scan has taken so far: a place named after a person ("Pedro
        # Juan Caballero") does not make the next name a person's ("... e Ciudad del Este")
        self.placed: set[int] = set()

    def _surnames(self) -> set[str]:
        """Capitalised words after a given name ("Roger Pinto", "Luiz Carlos da Rocha"), so
        that they are not places when met alone; countries and first-level units excepted."""
        doc, out = self.doc, set()
        for tok in doc:
            if not (_is_cap(tok) and norm(tok.text) in FIRST_NAMES):
                continue
            k = tok.i + 1
            while k < len(doc) and k <= tok.i + 4:
                t = doc[k]
                if t.lower_ in _LINKS - {"y", "e"} and k + 1 < len(doc) and _is_cap(doc[k + 1]):
                    k += 1
                    continue
                if not _is_cap(t) or not t.is_alpha or t.lower_ in _NEVER:
                    break
                if not _major(self.gaz.lookup(t.text)):
                    out.add(t.text)
                k += 1
        return out

    def nationality_here(self, text: str, j: int) -> bool:
        """``text`` (ending before token j) is used as a nationality word here. "US" is both: "US
        authorities" is the nationality, "extradited to the US" and "the US and Europe" the country,
        told apart by the word after it (a noun or name after it makes it a modifier)."""
        if not self.is_demonym(text):
            return False
        if not (text.replace(".", "").isupper() and any(c.feature == "PCLI" for c in self.gaz.lookup(text))):
            return True
        if j >= len(self.doc):
            return False
        nxt = self.doc[j]
        if self.tagged:
            return nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
        return nxt.is_alpha and (_is_cap(nxt) or nxt.lower_ not in _FUNCTION_AFTER)

    def place_frame(self, i: int, j: int) -> bool:
        """Tokens i..j-1 stand where a place name stands: after "the city of", "el municipio de",
        "la colonia", or before "region", "municipality" (the framing noun in lower case)."""
        doc = self.doc
        if i >= 2 and doc[i - 1].lower_ in {"of", "de", "del", "do", "da"} and not _is_cap(doc[i - 2]):
            if norm(doc[i - 2].text) in _FRAME_OF:
                return True
        if i >= 1 and not _is_cap(doc[i - 1]) and norm(doc[i - 1].text) in _FRAME_BARE:
            return True
        return j < len(doc) and not _is_cap(doc[j]) and doc[j].lower_ in _FRAME_AFTER

    def located_name(self, t: Toponym, i: int, soft: list[tuple[int, int]]) -> bool:
        """The whole of a name the NER typed otherwise is a well-known place right after a locative
        word: "homicides in Rosario", "active in Norte de Santander" (a country, region or first-level
        unit, or a city of 100,000 people). A longer name that holds it ("in Rosario Robles's case")
        is not the place."""
        if (t.start, t.end) not in soft or i == 0 or self.doc[i - 1].lower_ not in _STRICT_LOCATIVE:
            return False
        return any(c.feature in _ADMIN or c.population >= 100_000 for c in self.gaz.lookup(t.text))

    def person_context(self, i: int, j: int) -> bool:
        """Tokens i..j-1 read as (part of) a person's name: after a given name or a word of a
        person's name met in this text ("Alejandro Toledo", "Luiz Carlos da Rocha")."""
        doc = self.doc
        if i == 0:
            return False
        prev = doc[i - 1]
        if prev.i in self.placed:
            return False
        if _is_cap(prev) and (norm(prev.text) in FIRST_NAMES or (prev.text in self.person_words and not _sentence_initial(prev))):
            return True
        if prev.lower_ in _LINKS and i > 1:
            before = doc[i - 2]
            if before.i in self.placed:
                return False
            if _is_cap(before) and (norm(before.text) in FIRST_NAMES or before.text in self.person_words):
                return True
        return False

    def surname(self, word: str, i: int, cands) -> bool:
        """A word of a person's name met elsewhere in the text, used alone ("Smith" after
        "John Smith"): not after a locative word ("in Santos" after "Juan Manuel Santos"), and
        a first-level unit only when the text wrote it after a given name ("Luiz Carlos da
        Rocha"), not when the NER merely put it inside a person entity ("Cauca")."""
        if word not in self.person_words or (i > 0 and self.doc[i - 1].lower_ in _STRICT_LOCATIVE):
            return False
        if word in self.surnames:
            return not _major(cands)
        return not any(c.feature in _ADMIN and self.country_named(c.country) for c in cands)

    def country_named(self, cc: str | None) -> bool:
        """Whether the text names the country ``cc`` (by its name or a nationality word)."""
        if not cc:
            return False
        if self._countries_named is None:
            named = set()
            for m in re.finditer(r"[^\W\d_]+", self.text):
                word = m.group()
                if word[:1].isupper():
                    found = self.gaz.demonym_country(word)
                    if found:
                        named.add(found)
            self._countries_named = named
        if cc in self._countries_named:
            return True
        country = self.gaz.country(cc)
        return country is not None and country.name in self.text

    def called_as_person(self, i: int, j: int, speaker_ok: bool) -> bool:
        """A name after a title or the speaker of a speech verb ("ex-presidente Lula",
        "asegura Toro.", "Ruiz told")."""
        doc = self.doc
        prev = doc[i - 1] if i > 0 else None
        nxt = doc[j] if j < len(doc) else None
        if prev is not None:
            p = norm(prev.text).rstrip(".")
            if p in PERSON_TITLES:
                return True
            if p in SPEECH_VERBS and prev.is_lower and (nxt is None or nxt.is_punct or nxt.is_space):
                return True  # "asegura Toro." but not "said Fargo City Commissioner ..."
            if prev.lower_ in _LOCATIVE or prev.lower_ == "of":
                return False  # "a resident of Tyler said"
        return speaker_ok and nxt is not None and nxt.lower_ in SPEECH_VERBS and nxt.is_lower

    def given_name_first(self, i: int, j: int) -> bool:
        """A given name followed by another capitalised word ("Wilson Rafael Púa")."""
        doc = self.doc
        return norm(doc[i].text) in FIRST_NAMES and j < len(doc) and _is_cap(doc[j]) and doc[j].is_alpha

    def nickname(self, i: int, j: int) -> bool:
        """A name after "alias"/"vulgo" or quoted on its own: a nickname even when it names a
        state (alias «Falcon», alias "El Gordo", «Mauricio»)."""
        doc = self.doc
        if any(norm(t.text) in _ALIAS for t in doc[max(0, i - 3) : i]):
            return True
        return i > 0 and j < len(doc) and doc[i - 1].text in _OPEN_QUOTES and doc[j].text in _CLOSE_QUOTES

    def tagged_verb(self, i: int, j: int) -> bool:
        """A lone word the tagger reads as a verb or a function word, or a sentence-initial
        stop word ("Cayó en Llanogrande", "Ahí son")."""
        if j - i != 1:
            return False
        tok = self.doc[i]
        if _sentence_initial(tok) and tok.is_stop:
            return True  # "Ahí son presa fácil"
        return self.tagged and tok.pos_ in ("VERB", "AUX", "ADV", "PRON", "DET", "SCONJ", "CCONJ")

    def names_a_title(self, i: int, j: int) -> bool:
        """A publication ("Zeta magazine") or an acronym in parentheses ("(CEDRO)")."""
        doc = self.doc
        if j < len(doc) and doc[j].lower_ in _MEDIA:
            return True
        word = doc[i].text
        return j - i == 1 and word.isupper() and i > 0 and j < len(doc) and doc[i - 1].text == "(" and doc[j].text == ")"

    def group_name(self, i: int, j: int) -> bool:
        """ "Los Pajareros", "Las Flores" as a group's name: a capitalised Spanish plural
        article before a name that the gazetteer does not know with the article."""
        doc = self.doc
        if i == 0 or doc[i - 1].text not in {"Los", "Las", "LOS", "LAS"}:
            return False
        return not self.gaz.lookup(self.text[doc[i - 1].idx : doc[j - 1].idx + len(doc[j - 1].text)])

    def inside_foreign_name(self, i: int, j: int) -> bool:
        """A word joined by de/del/da/do/y to capitalised words that are no place: part of a
        longer name ("Trata de Personas", "Justicia y Paz", "Gegê do Mangue")."""
        doc = self.doc
        if j + 1 < len(doc) and doc[j].lower_ in _LINKS - {"y", "e"} and _is_cap(doc[j + 1]):
            return True
        if i > 1 and doc[i - 1].lower_ in _LINKS:
            before = doc[i - 2]
            if _is_cap(before) and not _sentence_initial(before) and norm(before.text) not in _PLACE_HEADS:
                if not self.gaz.lookup(before.text):
                    return True
        return False

    def strong_evidence(self, i: int, j: int) -> bool:
        """A locative word before, or ", <country or first-level unit>" after."""
        doc = self.doc
        prev = doc[i - 1].lower_ if i > 0 else ""
        if prev in _LOCATIVE or self.place_frame(i, j):
            return True
        if prev in {",", "and", "or", "y", "e", "o"} and i > 1 and _is_cap(doc[i - 2]) and self.gaz.lookup(doc[i - 2].text):
            return True  # in a list of places: "Newark, Heath and Pataskala", "Trinidad and Tobago"
        if j + 1 < len(doc) and doc[j].text == "," and _is_cap(doc[j + 1]):
            for k in range(min(len(doc), j + 4), j + 1, -1):
                cands = self.gaz.lookup(self.text[doc[j + 1].idx : doc[k - 1].idx + len(doc[k - 1].text)])
                if any(c.feature in ("PCLI", "ADM1") for c in cands):
                    return True
        return False

    def weak(self, word: str, cands) -> bool:
        """A dictionary word naming only small places or units ("Superior", "Rocha", "Paz")."""
        if any(c.feature in ("PCLI", "CONT", "RGN") for c in cands):
            return False
        big = max((c.population for c in cands), default=0)
        if big >= _BIG:
            return False
        if is_dictionary_word(word, self.lang):
            return True
        # a noun that names only small places ("Area", "Street", "Titan"): the noun list also
        # holds notable towns ("Trenton", "Decatur"), which are bigger
        return self.lang == "en" and big < _SMALL_TOWN and norm(word) in english_nouns()

    def is_place(self, name: str) -> bool:
        return bool(self.gaz.lookup(name))

    def is_demonym(self, word: str) -> bool:
        """A nationality word ("Bolivian", "brasileños"). Spanish and Portuguese write a woman of some
        nationalities as the country's name in lower case ("argentina", "china", "india"); the
        capitalised word that exactly names a country is the country."""
        if self.gaz.demonym_country(word) is None:
            return False
        return not (word[:1].isupper() and any(c.feature == "PCLI" and c.match == 0 for c in self.gaz.lookup(word)))

    # ---------------------------------------------------------------------------------
    def regions(self) -> list[Toponym]:
        return [
            Toponym(m.start, m.end, m.text, "region")
            for m in find_region_phrases(self.text, self.lang, self.is_place, self.is_demonym)
        ]

    def sites(self) -> list[Toponym]:
        """Named sites ("el penal de Mil Cumbres", "the Aguiles Serden penitentiary"); a nationality
        word or a dictionary word is no site name ("the Colombian market", "Federal prison")."""
        out = []
        for m in find_sites(self.text, self.lang):
            words = m.name.split()
            if (not m.head_first and self.is_demonym(m.name)) or norm(m.name) in _NEVER:
                continue
            if len(words) == 1 and not m.name.isdigit() and is_dictionary_word(m.name, self.lang):
                continue
            # "Mercado de Abastos de Zacatecas": the site, then the place it is in
            tail = re.search(r"\s(?:de|del|da|do|of)\s+(?:(?:la|el|los|las|the)\s+)?(?=\S)", m.name) if m.head_first else None
            if tail:
                cut, place_start = m.name_start + tail.start(), m.name_start + tail.end()
                if self.is_place(self.text[place_start:m.end]) and cut > m.start:
                    out.append(Toponym(m.start, cut, self.text[m.start:cut], "site"))
                    out.append(Toponym(place_start, m.end, self.text[place_start:m.end], "name"))
                    continue
            out.append(Toponym(m.start, m.end, m.text, "site"))
        return out

    def ner(self) -> list[Toponym]:
        out = []
        for ent in self.doc.ents:
            if ent.label_ not in _PLACE_LABELS:
                continue
            toks = list(ent)
            bare = re.sub(r"['’]s?$", "", ent.text.strip())
            whole = bool(self.gaz.lookup(bare))  # "Los Altos", "La Paz", "El Salvador's" stay whole
            while toks and ((not whole and toks[0].lower_ in {"the", "el", "la", "los", "las", "o", "a", "os", "as", "in", "en", "em"}) or not toks[0].text.strip()):
                toks = toks[1:]
            while toks and (toks[-1].text in {"'s", "’s", "'", "’", ".", ",", "-", "--", "—", "–"} or not toks[-1].text.strip()):
                toks = toks[:-1]
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            text = self.text[start:end]
            if not any(ch.isupper() for ch in text[:1]) or any(ch.isdigit() for ch in text):
                continue
            if self.nationality_here(text, toks[-1].i + 1) or norm(text) in _NEVER:
                continue
            cands = self.gaz.lookup(text)
            if len(toks) == 1 and not cands:
                continue  # a lone word NER calls a place but no gazetteer knows ("Sendero")
            i, j = toks[0].i, toks[-1].i + 1
            head = norm(toks[0].text)
            if not cands and (head in _BODY_HEADS or head in FIRST_NAMES or head in PERSON_TITLES):
                continue  # "Policía de Barranquilla", "Vera Grabe", "Presidente Santos"
            if not cands and all(t.text in self.person_words for t in toks if t.is_alpha):
                continue  # "Osorio Chong" after "Miguel Angel Osorio Chong"
            small = not any(c.feature in ("PCLI", "CONT", "RGN") or c.population >= _BIG for c in cands)
            surname = len(toks) == 1 and self.surname(text, i, cands)
            if not _major(cands) and (self.person_context(i, j) or surname):
                continue  # "Alejandro Toledo ... Toledo denied"
            if not _major(cands) and self.called_as_person(i, j, len(toks) == 1):
                continue  # "comentou Medina.", "Miranda said"
            if len(toks) == 1 and not _major(cands) and self.given_name_first(i, j):
                continue  # "Wilson Rafael Púa"
            if not any(c.feature in ("PCLI", "CONT", "RGN") for c in cands) and self.nickname(i, j):
                continue
            if len(toks) == 1 and small and not any(c.feature == "ADM1" for c in cands) and self.inside_foreign_name(i, j):
                continue
            if small and (self.names_a_title(i, j) or self.tagged_verb(i, j) or self.group_name(i, j)):
                continue
            if len(toks) == 1 and text.isupper() and 4 <= len(text) <= 5 and not any(c.feature in _ADMIN for c in cands):
                if not (j < len(self.doc) and self.doc[j].text in {",", "—", "–", "-", "("}):
                    continue  # an acronym ("AMLO"), not a dateline ("LIMA —")
            if len(toks) == 1 and self.weak(text, cands) and not self.strong_evidence(i, j):
                continue
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
                self.placed.update(range(i, j))
                i = j
            else:
                i += 1
        return out + self._same_name_again(out)

    def _same_name_again(self, found: list[Toponym]) -> list[Toponym]:
        """One sense per discourse: a name of several words taken as a place once is a place where the text
        repeats it as a whole capitalised run that the statistical NER read as a person ("... arrested in
        Pedro Juan Caballero. Pedro Juan Caballero has long been a hub ...")."""
        names = {t.text for t in found if len(t.text.split()) > 1}
        if not names:
            return []
        doc, taken, out = self.doc, [(t.start, t.end) for t in found], []
        for name in names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text):
                again = Toponym(m.start(), m.end(), name, "name")
                if _overlaps(again, taken):
                    continue
                span = doc.char_span(m.start(), m.end())
                if span is None:
                    continue
                if span.start > 0 and _is_cap(doc[span.start - 1]) and not _sentence_initial(doc[span.start - 1]):
                    continue  # inside a longer name
                if span.end < len(doc) and _is_cap(doc[span.end]) and doc[span.end].lower_ not in _PLACE_TYPES:
                    continue
                ent = self.ent_of.get(span.start)
                if ent is None or ent.label_ not in ("PERSON", "PER") or (ent.start, ent.end) != (span.start, span.end):
                    continue  # only where the NER's reading as a person is what kept it out
                out.append(again)
                taken.append((m.start(), m.end()))
        return out

    def _accept(self, i: int, j: int, cands) -> bool:
        doc = self.doc
        first, last = doc[i], doc[j - 1]
        words = [t for t in doc[i:j] if t.is_alpha]
        span_text = self.text[first.idx : last.idx + len(last.text)]
        key = norm(span_text)
        if key in _NEVER or self.nationality_here(span_text, j):
            return False
        big = max(c.population for c in cands)
        admin = any(c.feature in ("PCLI", "ADM1", "CONT", "RGN") for c in cands)
        institutional = (j < len(doc) and doc[j].lower_ in _INSTITUTION) or (
            i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _OF_INSTITUTION
        )
        if institutional and len(words) == 1 and j < len(doc) and doc[j].lower_ in {"court", "house", "council", "service", "public", "national"} and self.weak(words[0].text, cands):
            return False  # "Superior Court", "Center Service"
        if institutional and (admin or big >= 10_000) and not (len(words) == 1 and self.weak(words[0].text, cands)):
            return True  # "Texas Forest Service", "University of Alexandria"
        # inside a longer capitalised run: "Juan Santa Cruz", "Santa Cruz Cartel"
        if i > 0 and _is_cap(doc[i - 1]) and not _sentence_initial(doc[i - 1]) and doc[i - 1].lower_ not in _NEVER:
            return False
        if j < len(doc) and _is_cap(doc[j]) and doc[j].lower_ not in _PLACE_TYPES:
            return False
        if len(words) == 1 and self.surname(words[0].text, i, cands):
            return False  # "Smith" after "John Smith", but "in Santos" after "Juan Manuel Santos" stays
        ent = self.ent_of.get(i)
        if ent is not None and ent.label_ in _OTHER_LABELS:
            if ent.start < i or ent.end > j:
                return False  # part of a longer person/organization name
            prev = doc[i - 1].lower_ if i > 0 else ""
            framed = self.place_frame(i, j) or (len(words) > 1 and norm(words[0].text) in _PLACE_HEADS)
            framed = framed or (big >= _BIG and self.strong_evidence(i, j))  # "Caracas, Maracaibo and ..."
            if ent.label_ in ("PERSON", "PER", "NORP"):
                if not (admin or prev in _LOCATIVE or framed or big >= _BIG_CITY):
                    return False
            elif not (admin or big >= 100_000 or prev in _LOCATIVE or framed):
                return False
        small = not any(c.feature in ("PCLI", "CONT", "RGN") for c in cands) and big < _BIG
        if not _major(cands) and self.person_context(i, j):
            return False
        if not _major(cands) and self.called_as_person(i, j, len(words) == 1):
            return False
        if not any(c.feature in ("PCLI", "CONT", "RGN") for c in cands) and self.nickname(i, j):
            return False
        if len(words) == 1 and small and not admin and self.inside_foreign_name(i, j):
            return False
        if not admin and (self.names_a_title(i, j) or self.tagged_verb(i, j) or self.group_name(i, j)):
            return False
        if len(words) == 1 and self.weak(words[0].text, cands) and not self.strong_evidence(i, j):
            return False
        if ent is not None and ent.label_ in _PLACE_LABELS:
            return True
        if len(words) == 1:
            word = words[0].text
            if word.isupper() and len(word) <= 3:
                return any(c.feature == "PCLI" for c in cands)
            if word.isupper() and len(word) <= 5 and not admin and not (j < len(doc) and doc[j].text in {",", "—", "–", "-", "("}):
                return False  # an acronym ("AMLO"), not a dateline ("PARIS —")
            if len(word) < 3:
                return False
            if word.lower() in self.lower_words and not admin:
                return False  # a common word of this text ("Mobile" / "mobile")
            if _sentence_initial(first) and (first.is_stop or word.lower() in self.lower_words):
                return False
            prev = doc[i - 1].lower_ if i > 0 else ""
            return admin or big >= (500 if prev in _LOCATIVE or self.place_frame(i, j) else 10_000)
        return admin or big >= 1000 or any(c.match == 0 for c in cands)


def _overlaps(a: Toponym, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


def recognize(gazetteer: Gazetteer, doc: "Doc", lang: str, exclude: Iterable[tuple[int, int]] = (),
              soft: Iterable[tuple[int, int]] = ()) -> list[Toponym]:
    """Toponym spans of ``doc``, sorted, without overlaps and outside ``exclude``.

    A toponym inside a ``soft`` span (a name the NER gave another type, not linked to the knowledge
    base) is kept only where the text frames it as a place ("the city of Rosario", "the Chapare
    region"); the caller then lets the place win over that name.
    """
    rec = _Recognizer(gazetteer, doc, lang)
    exclude, soft = list(exclude), list(soft)
    chosen: list[Toponym] = []
    # priority: region phrases, then NER places, then gazetteer matches; longer first within each
    # (a site, last, only where nothing else covers it; its head word frames it, so it may take a soft span)
    sites = rec.sites()
    ner, names = rec.ner(), rec.gazetteer()
    # a name the gazetteer knows whole that the NER split in two: "Arica y Parinacota", "Trinidad and Tobago"
    joined = [g for g in names if sum(g.start <= t.start and t.end <= g.end for t in ner) >= 2]
    for batch in (rec.regions(), joined, ner, names, sites):
        for t in sorted(batch, key=lambda t: (t.start - t.end, t.start)):
            if _overlaps(t, exclude) or _overlaps(t, [(c.start, c.end) for c in chosen]):
                continue
            if batch is not sites and _overlaps(t, soft):
                span = doc.char_span(t.start, t.end, alignment_mode="expand")
                if span is None or not (rec.place_frame(span.start, span.end) or rec.located_name(t, span.start, soft)):
                    continue
            chosen.append(t)
    return sorted(chosen, key=lambda t: t.start)
