"""Quantities in English, Spanish and Portuguese news: amounts, counts, money and shares.

``find_quantities(text, lang)`` finds "3,000 kilos", "1,2 toneladas", "US$ 10 milhões",
"el 80 por ciento", "between 2 and 3 tons", "tres laboratorios", "arrested 12 people",
"cientos de personas" and returns them with a value in a canonical unit (FACTS.md): kg, t,
usd, brl, eur, pesos, share (0..1), people, members, deaths, labs, hectares, units, or
another lower-case word ("vehicles", "weapons", "aircraft"...). Hedges ("up to", "unos",
"cerca de"), ranges and vague magnitudes ("hundreds of") set ``approximate``.

``parse_number(phrase, lang)`` reads a number written in digits (with the separators of
the language), in words ("tres mil", "duas", "twenty-five") or both ("1.2 million",
"62 mil 500").

Numbers inside time expressions (years, dates) are never quantities.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, replace

from crimegraph.errors import InputError
from crimegraph.extract.timex import TimeExpr, find_times

__all__ = ["QuantityExpr", "find_quantities", "parse_number"]

log = logging.getLogger(__name__)

LANGS = ("en", "es", "pt")


@dataclass(frozen=True)
class QuantityExpr:
    """A quantity at ``text[start:end]``. For a range, ``value`` is ``low``.

    ``superseded``: the starting value of a change whose end value follows ("rose from 231 in 2007
    to 2,099 in 2010": 231 is superseded by 2,099); an event takes it only when nothing else fits.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    approximate: bool
    low: float | None = None
    high: float | None = None
    superseded: bool = False


# --- number words ----------------------------------------------------------------------

_UNITS_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    },
    "es": {
        "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
        "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
        "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16, "diecisiete": 17,
        "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21,
        "veintiuna": 21, "veintidós": 22, "veintidos": 22, "veintitrés": 23, "veintitres": 23,
        "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintiseis": 26,
        "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
        "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
        "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
        "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
        "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
        "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
        "novecientas": 900,
    },
    "pt": {
        "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "tres": 3, "quatro": 4, "cinco": 5,
        "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12,
        "treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16,
        "dezasseis": 16, "dezessete": 17, "dezassete": 17, "dezoito": 18, "dezenove": 19,
        "dezanove": 19, "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50,
        "cinqüenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80, "noventa": 90,
        "cem": 100, "cento": 100, "duzentos": 200, "duzentas": 200, "trezentos": 300,
        "trezentas": 300, "quatrocentos": 400, "quatrocentas": 400, "quinhentos": 500,
        "quinhentas": 500, "seiscentos": 600, "seiscentas": 600, "setecentos": 700,
        "setecentas": 700, "oitocentos": 800, "oitocentas": 800, "novecentos": 900,
        "novecentas": 900,
    },
}
# Multipliers of what precedes them ("two hundred", "dos docenas").
_MULT_WORDS: dict[str, dict[str, int]] = {
    "en": {"hundred": 100, "dozen": 12},
    "es": {"docena": 12, "docenas": 12, "decena": 10, "decenas": 10},
    "pt": {"dúzia": 12, "dúzias": 12, "dezena": 10, "dezenas": 10},
}
# Multipliers that are nouns and take "de" before what they count: "una docena de hombres", "duas dezenas de presos".
_GROUP_MULTS = frozenset({"docena", "docenas", "decena", "decenas", "dúzia", "dúzias", "dezena", "dezenas"})
_SCALE_WORDS: dict[str, dict[str, float]] = {
    "en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "mn": 1e6, "mln": 1e6},
    "es": {"mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6, "billón": 1e12,
           "billones": 1e12},
    "pt": {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "milhao": 1e6, "milhoes": 1e6,
           "mi": 1e6, "bilhão": 1e9, "bilhões": 1e9, "bilião": 1e9, "biliões": 1e9, "bi": 1e9,
           "trilhão": 1e12, "trilhões": 1e12},
}
# Articles that count as 1 only before a multiplier or scale: "a dozen", "un millón".
_ARTICLES = {"en": ("a", "an"), "es": ("un", "una"), "pt": ("um", "uma")}
# Connectors allowed inside a number, and the words they may follow.
_CONNECT = {"en": "and", "es": "y", "pt": "e"}
_HALF = {"en": r"half\s+an?", "es": r"medi[ao]", "pt": r"mei[ao]"}
# Fractions of a whole, a share of it: "half of the cocaine", "two-thirds of", "la mitad de", "dos tercios de",
# "una cuarta parte de", "a metade da", "um terço dos".
_FRACTIONS: dict[str, dict[str, float]] = {
    "en": {"half": 0.5, "one-half": 0.5, "one half": 0.5, "a third": 1 / 3, "one-third": 1 / 3, "one third": 1 / 3,
           "two-thirds": 2 / 3, "two thirds": 2 / 3, "a quarter": 0.25, "one-quarter": 0.25, "one quarter": 0.25,
           "three-quarters": 0.75, "three quarters": 0.75, "a fifth": 0.2, "one-fifth": 0.2},
    "es": {"la mitad": 0.5, "un tercio": 1 / 3, "dos tercios": 2 / 3, "una tercera parte": 1 / 3,
           "dos terceras partes": 2 / 3, "una cuarta parte": 0.25, "tres cuartas partes": 0.75,
           "un cuarto": 0.25, "una quinta parte": 0.2},
    "pt": {"a metade": 0.5, "metade": 0.5, "um terço": 1 / 3, "dois terços": 2 / 3, "uma terça parte": 1 / 3,
           "um quarto": 0.25, "três quartos": 0.75, "uma quarta parte": 0.25, "um quinto": 0.2},
}
# What a fraction must be followed by to be a share of something ("half the cocaine", "la mitad de los
# envíos"), not "half an hour" or "un cuarto de hora" (a time) or "medio" as an adjective.
_FRACTION_OF = {
    "en": r"(?=\s+(?:of\s+(?!an?\s+(?:hour|day|week|month|year|century|decade|mile|kilometer))|the\s+|its\s+|their\s+|all\s+))",
    "es": r"(?=\s+(?:de|del)\s+(?!(?:una?\s+)?(?:hora|día|semana|mes|año|siglo|kilómetro|legua)s?\b))",
    "pt": r"(?=\s+(?:d[aoe]s?)\s+(?!(?:uma?\s+)?(?:hora|dia|semana|mês|ano|século|quilômetro)s?\b))",
}

# Vague magnitudes: phrase -> value; always approximate.
_MAGNITUDES: dict[str, dict[str, float]] = {
    "en": {"dozens of": 12, "scores of": 20, "hundreds of": 100, "thousands of": 1000,
           "tens of thousands of": 1e4, "hundreds of thousands of": 1e5, "millions of": 1e6,
           "tens of millions of": 1e7, "hundreds of millions of": 1e8, "billions of": 1e9},
    "es": {"decenas de": 10, "docenas de": 12, "cientos de": 100, "centenares de": 100,
           "miles de": 1000, "decenas de miles de": 1e4, "cientos de miles de": 1e5,
           "millones de": 1e6, "decenas de millones de": 1e7, "cientos de millones de": 1e8,
           "miles de millones de": 1e9},
    "pt": {"dezenas de": 10, "dúzias de": 12, "centenas de": 100, "milhares de": 1000,
           "dezenas de milhares de": 1e4, "centenas de milhares de": 1e5, "milhões de": 1e6,
           "dezenas de milhões de": 1e7, "centenas de milhões de": 1e8, "bilhões de": 1e9},
}

# --- units -------------------------------------------------------------------------------
# word -> (unit, factor). Measures take no adjectives between number and unit; counts do
# ("three clandestine laboratories", "12 alleged gang members").
_KG_PER_LB = 0.45359237
# The peso currencies: ISO code -> (English adjectives, Spanish/Portuguese adjectives); and the code of each
# country that uses pesos.
PESO_COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "mxn": (("mexican",), ("mexicanos",)),
    "cop": (("colombian",), ("colombianos",)),
    "clp": (("chilean",), ("chilenos",)),
    "ars": (("argentine", "argentinian"), ("argentinos",)),
    "dop": (("dominican",), ("dominicanos",)),
    "uyu": (("uruguayan",), ("uruguayos",)),
    "cup": (("cuban",), ("cubanos",)),
    "php": (("philippine",), ("filipinos",)),
}
PESO_CODE_OF_COUNTRY = {"MX": "mxn", "CO": "cop", "CL": "clp", "AR": "ars", "DO": "dop", "UY": "uyu", "CU": "cup",
                        "PH": "php"}
_MEASURES: dict[str, tuple[str, float]] = {
    **{w: ("kg", 1.0) for w in ("kilo", "kilos", "kilogram", "kilograms", "kilogramme",
                                "kilogrammes", "kilogramo", "kilogramos", "kilograma",
                                "kilogramas", "quilo", "quilos", "quilograma", "quilogramas",
                                "kg", "kgs", "kilo-gram", "kilo-grams")},
    **{w: ("kg", 0.001) for w in ("gram", "grams", "gramme", "grammes", "gramo", "gramos",
                                  "grama", "gramas", "g", "gr", "grs")},
    **{w: ("kg", _KG_PER_LB) for w in ("pound", "pounds", "lb", "lbs", "libra", "libras")},
    **{w: ("t", 1.0) for w in ("ton", "tons", "tonne", "tonnes", "metric ton", "metric tons",
                               "metric tonne", "metric tonnes", "tonelada", "toneladas",
                               "tonelada métrica", "toneladas métricas", "t", "tn")},
    **{w: ("hectares", 1.0) for w in ("hectare", "hectares", "hectárea", "hectáreas",
                                      "hectarea", "hectareas", "ha")},
    **{w: ("usd", 1.0) for w in ("dollar", "dollars", "us dollars", "u.s. dollars",
                                 "dólar", "dólares", "dolar", "dolares",
                                 "dólares estadounidenses", "dólares americanos",
                                 "dólares norte-americanos", "usd")},
    **{w: ("usd", 1e6) for w in ("mdd",)},
    **{w: ("pesos", 1e6) for w in ("mdp",)},
    **{w: ("brl", 1.0) for w in ("reais", "real", "brl")},
    **{w: ("pesos", 1.0) for w in ("peso", "pesos")},
    # a peso named by its country is that country's currency ("3.5 million Chilean pesos", "pesos mexicanos");
    # a bare peso takes the document's country (crimegraph.extract.events.peso_currencies)
    **{f"{adj} pesos": (code, 1.0) for code, (adj_en, _) in PESO_COUNTRIES.items() for adj in adj_en},
    **{f"pesos {adj}": (code, 1.0) for code, (_, adj_es) in PESO_COUNTRIES.items() for adj in adj_es},
    **{code: (code, 1.0) for code in PESO_COUNTRIES},
    **{w: ("eur", 1.0) for w in ("euro", "euros", "eur")},
    **{w: ("share", 0.01) for w in ("%", "percent", "per cent", "por ciento", "por cento",
                                    "pct")},
    **{w: ("liters", 1.0) for w in ("liter", "liters", "litre", "litres", "litro", "litros")},
    **{w: ("gallons", 1.0) for w in ("gallon", "gallons", "galón", "galones", "galão",
                                     "galões")},
    **{w: ("km", 1.0) for w in ("km", "kilometers", "kilometres", "kilómetros", "kilometros",
                                "quilômetros", "quilómetros")},
}
_COUNTS: dict[str, str] = {
    **{w: "people" for w in (
        "people", "persons", "person", "personas", "persona", "pessoas", "pessoa",
        "individuals", "individuos", "indivíduos", "suspects", "sospechosos", "sospechosas",
        "suspeitos", "suspeitas", "detainees", "detenidos", "detenidas", "arrestados",
        "capturados", "aprehendidos", "presos", "detidos", "men", "women", "hombres",
        "mujeres", "homens", "mulheres", "children", "niños", "menores", "crianças",
        "civilians", "arrested", "captured", "detained", "youths", "jóvenes", "jovens",
        "sujetos", "cabecillas", "capos", "leaders", "líderes",
        # people named by what they do ("27 farm workers", "43 students", "tres periodistas")
        "workers", "trabajadores", "trabalhadores", "farmers", "campesinos", "camponeses",
        "agricultores", "students", "estudiantes", "estudantes", "journalists", "reporters",
        "periodistas", "jornalistas", "businessmen", "empresarios", "empresários", "comerciantes",
        "activists", "activistas", "ativistas", "teenagers", "adolescentes", "passengers",
        "pasajeros", "passageiros", "fishermen", "pescadores", "miners", "mineros", "mineiros",
        # people named by the crime they are held for ("a dozen gunmen", "37 presuntos secuestradores")
        "gunmen", "hitmen", "assailants", "attackers", "kidnappers", "traffickers", "smugglers", "criminals",
        "sicarios", "pistoleros", "secuestradores", "narcotraficantes", "traficantes", "delincuentes",
        "criminales", "asaltantes", "extorsionadores", "sequestradores", "assaltantes", "atiradores",
        "criminosos", "bandidos")},
    **{w: "members" for w in ("members", "miembros", "integrantes", "membros", "member")},
    # Homicide counts are deaths (docs/annotation.md: counts use `deaths`).
    **{w: "deaths" for w in (
        "dead", "deaths", "fatalities", "muertos", "muertas", "muertes", "fallecidos",
        "asesinados", "asesinadas", "mortos", "mortas", "mortes", "assassinados", "killed",
        "bodies", "cadáveres", "corpos", "homicides", "murders", "killings", "homicidios",
        "asesinatos", "homicídios", "assassinatos", "executions", "ejecuciones", "execuções",
        "ejecutados", "executados")},
    **{w: "labs" for w in (
        "lab", "labs", "laboratory", "laboratories", "laboratorio", "laboratorios",
        "laboratório", "laboratórios", "narcolaboratorios", "narco-labs", "factories",
        "fábricas", "cocinas", "cristalizaderos", "refineries", "refinerías")},
    **{w: "units" for w in ("units", "unidades")},
    **{w: "aircraft" for w in ("aircraft", "planes", "airplanes", "aviones", "avionetas",
                               "aeronaves", "aviões", "helicopters", "helicópteros",
                               "narcoavionetas")},
    **{w: "vehicles" for w in ("vehicles", "vehículos", "veículos", "cars", "autos", "carros",
                               "trucks", "camiones", "caminhões", "camionetas")},
    **{w: "weapons" for w in ("weapons", "firearms", "guns", "rifles", "pistols", "armas",
                              "fusiles", "fuzis", "pistolas", "armas de fuego",
                              "armas de fogo", "grenades", "granadas")},
    **{w: "rounds" for w in ("rounds", "cartridges", "bullets", "cartuchos", "balas",
                             "municiones", "munições", "proyectiles")},
    **{w: "boats" for w in ("boats", "vessels", "speedboats", "lanchas", "embarcaciones",
                            "barcos", "semisubmersibles", "semisumergibles", "embarcações")},
    **{w: "packages" for w in ("packages", "packets", "bricks", "paquetes", "panelas",
                               "pacotes", "tabletes", "bultos", "ladrillos")},
    **{w: "doses" for w in ("doses", "dosis")},
    **{w: "pills" for w in ("pills", "tablets", "pastillas", "comprimidos", "pastilhas")},
    **{w: "plants" for w in ("plants", "plantas", "matas", "pés")},
    **{w: "soldiers" for w in ("soldiers", "troops", "soldados", "tropas", "militares",
                               "marines", "infantes de marina")},
    **{w: "police" for w in ("police", "officers", "policemen", "policías", "policias",
                             "policiais", "agentes", "agents", "uniformados", "gendarmes",
                             "elementos")},
    **{w: "prisoners" for w in ("inmates", "prisoners", "reclusos", "internos", "detentos",
                                "reos")},
    **{w: "arrests" for w in ("arrests", "detenciones", "capturas", "prisões")},
    **{w: "operations" for w in ("raids", "operations", "operativos", "operaciones",
                                 "operações", "allanamientos")},
    **{w: "migrants" for w in ("migrants", "migrantes")},
    # Reported crimes counted as cases (docs/annotation.md: `cases` for kidnapping counts).
    **{w: "cases" for w in (
        "cases", "casos", "kidnappings", "secuestros", "sequestros", "extortions", "extorsiones",
        "extorsões", "complaints", "denuncias", "denúncias", "allegations", "incidents",
        "incidentes")},
    **{w: "graves" for w in ("graves", "fosas", "covas")},
}
# Words that may sit between a number and a count noun only if they are not these.
_NOT_ADJECTIVE = {
    "of", "de", "do", "da", "dos", "das", "del", "the", "los", "las", "la", "el", "os", "as",
    "and", "y", "e", "in", "en", "em", "no", "na", "or", "o", "ou", "a", "an", "to", "que",
    "that", "who", "were", "was", "are", "is", "fueron", "foram", "for", "por", "para", "con",
    "with", "com", "than", "más", "mais", "more", "from", "desde", "years", "años", "anos",
    "days", "días", "dias", "months", "meses", "hours", "horas", "times", "veces", "vezes",
    "per", "each", "cada", "at", "on", "by", "se", "es", "son", "são",
}
# Prefix currencies; "$" is pesos in Spanish-language Latin American press.
_CURRENCY_PREFIX = (
    (r"US\s?\$|U\.S\.\s?\$|U\$S?|USD", "usd"),
    (r"R\$|BRL", "brl"),
    (r"MX\$|MXN", "mxn"),
    (r"COL?\$|COP", "cop"),
    (r"€|EUR", "eur"),
    (r"\$", "$"),
)

# Unit abbreviations written against the number: "45kg", "80%".
_ATTACHED = r"(?:kgs|kg|g|tn|t|ha|km|%|mdd|mdp)"

_HEDGES = {
    "en": ("up to", "some", "about", "around", "approximately", "an estimated", "estimated",
           "almost", "nearly", "more than", "over", "at least", "less than", "fewer than",
           "roughly", "close to", "as many as", "upwards of", "just over", "just under",
           "around", "approx.", "under", "a total of some", "as much as", "an average of"),
    "es": ("unos", "unas", "cerca de", "alrededor de", "hasta", "más de", "casi",
           # before a percentage with its article: "cerca del 80 por ciento", "casi el 90 por ciento"
           "cerca del", "alrededor del", "más del", "casi el", "hasta el", "al menos el", "menos del",
           "en torno al", "poco más del", "aproximadamente el",
           "aproximadamente", "al menos", "menos de", "poco más de", "aprox.", "por lo menos",
           "un estimado de", "una cifra cercana a", "un promedio de", "en torno a"),
    "pt": ("cerca de", "quase", "mais de", "aproximadamente", "até", "uns", "umas",
           "pelo menos", "menos de", "em torno de", "por volta de", "ao menos", "aprox.",
           "pouco mais de", "estimados", "uma média de"),
}
_VERBS_PEOPLE = {
    "en": ("arrested", "detained", "captured", "apprehended", "rescued", "charged",
           "indicted", "extradited"),
    "es": ("detuvo a", "detuvieron a", "capturó a", "capturaron a", "arrestó a",
           "arrestaron a", "aprehendió a", "aprehendieron a", "detuvo", "detuvieron",
           "rescató a", "rescataron a", "extraditó a"),
    "pt": ("prendeu", "prenderam", "deteve", "detiveram", "capturou", "capturaram",
           "resgatou", "resgataram"),
}
_VERBS_DEATHS = {
    "en": ("killed", "murdered", "executed", "massacred", "killing", "shot dead", "gunned down",
           "killing of", "killings of", "murder of", "murders of", "massacre of", "deaths of"),
    "es": ("asesinó a", "asesinaron a", "mató a", "mataron a", "ejecutaron a", "ejecutó a",
           "fueron asesinados", "fueron ejecutados", "asesinato de", "masacre de", "muerte de"),
    "pt": ("matou", "mataram", "assassinou", "assassinaram", "executou", "executaram",
           "foram mortos", "foram assassinados", "assassinato de", "chacina de", "morte de"),
}


# A percentage next to these words is a change ("rose 20 percent", "un aumento del 15%",
# "a 17 percent increase"): unit `percent`, value the percent number (docs/annotation.md).
# Other percentages are shares of a whole (`share`, 0..1).
_CHANGE_BEFORE = {
    "en": ("rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen",
           "falling", "dropped", "drop", "drops", "dropping", "increased", "increase",
           "increases", "increasing", "decreased", "decrease", "decreases", "decreasing",
           "declined", "decline", "declines", "declining", "grew", "grow", "grows", "grown",
           "growing", "growth", "jumped", "jump", "jumps", "climbed", "climb", "surged",
           "surge", "soared", "plunged", "plummeted", "shrank", "shrunk", "reduced",
           "reduction", "cut", "slashed", "doubled", "spiked", "spike", "went up",
           "went down", "is up", "was up", "are up", "were up", "is down", "was down",
           "are down", "were down", "up by", "down by"),
    "es": ("aumentó", "aumentaron", "aumenta", "aumentan", "aumentado", "aumento",
           "incrementó", "incrementaron", "incrementa", "incrementado", "incremento",
           "creció", "crecieron", "crece", "crecen", "crecido", "crecimiento", "subió",
           "subieron", "sube", "suben", "subido", "alza", "repunte", "repuntó", "bajó",
           "bajaron", "baja", "bajan", "bajado", "cayó", "cayeron", "cae", "caen", "caído",
           "caída", "disminuyó", "disminuyeron", "disminuye", "disminuido", "disminución",
           "descendió", "descendieron", "descenso", "redujo", "redujeron", "reduce",
           "reducido", "reducción", "multiplicó", "multiplicaron", "se incrementó",
           "se redujo", "se redujeron", "se incrementaron"),
    "pt": ("aumentou", "aumentaram", "aumenta", "aumentam", "aumentado", "aumento",
           "cresceu", "cresceram", "cresce", "crescem", "crescido", "crescimento",
           "subiu", "subiram", "sobe", "sobem", "alta", "caiu", "caíram", "cai", "caem",
           "queda", "diminuiu", "diminuíram", "diminui", "diminuição", "reduziu",
           "reduziram", "reduz", "redução", "recuou", "recuo", "saltou", "salto",
           "elevou-se", "elevação"),
}
# Small words allowed between the change word and the number ("increased by", "del",
# "en un", "de um"); hedges are already part of the quantity.
_CHANGE_FILLERS = {
    "en": ("by", "of", "a", "an", "some", "nearly", "about", "almost", "around", "roughly",
           "more than", "over", "at least", "just over", "an estimated"),
    "es": ("en", "de", "del", "un", "una", "el", "casi", "más de", "cerca de", "alrededor de",
           "al menos", "unos"),
    "pt": ("em", "de", "do", "da", "um", "uma", "o", "quase", "mais de", "cerca de"),
}
_CHANGE_AFTER = {
    "en": ("increase", "increases", "rise", "rises", "jump", "drop", "drops", "decrease",
           "decreases", "decline", "declines", "reduction", "fall", "growth", "hike", "spike",
           "surge", "more", "less", "fewer", "higher", "lower", "up", "down"),
    "es": ("más", "menos", "de aumento", "de incremento", "de reducción", "de caída",
           "de crecimiento", "de disminución"),
    "pt": ("a mais", "a menos", "de aumento", "de queda", "de redução", "de crescimento",
           "de alta"),
}
# "16.3 murders per 100,000": a rate, unit `rate` (docs/annotation.md, annotator notes).
_PER_100K = {
    "en": r"(?:per|for\s+every)\s+100,?000",
    "es": r"(?:por\s+cada|por|cada)\s+(?:100[.,]?000|100\s+mil|cien\s+mil)",
    "pt": r"(?:por|a\s+cada|para\s+cada)\s+(?:100[.,]?000|100\s+mil|cem\s+mil)",
}
_PER_100K_WHO = (
    r"(?:\s+(?:inhabitants|residents|people|citizens|population|habitantes|personas|"
    r"pessoas|moradores))?(?!\w)"
)


def _alt(words) -> str:
    parts = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


@dataclass(frozen=True)
class _Lexicon:
    number: re.Pattern[str]
    measure: re.Pattern[str]
    count: re.Pattern[str]
    attached: re.Pattern[str]
    hedge_before: re.Pattern[str]
    verb_people: re.Pattern[str]
    verb_deaths: re.Pattern[str]
    currency_before: re.Pattern[str]
    range_between: re.Pattern[str]
    range_open: re.Pattern[str]
    word: re.Pattern[str]
    change_before: re.Pattern[str]
    change_after: re.Pattern[str]
    per_100k: re.Pattern[str]


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    words = list(_UNITS_WORDS[lang]) + list(_MULT_WORDS[lang]) + list(_SCALE_WORDS[lang])
    word = _alt(words)
    art = _alt(_ARTICLES[lang])
    lead = rf"(?:{art}\s+(?={_alt(list(_MULT_WORDS[lang]) + list(_SCALE_WORDS[lang]))}\b))"
    words_number = rf"{lead}?{word}(?:(?:[\s-]+|\s+{_CONNECT[lang]}\s+){word})*"
    if lang != "en":  # "ocho mil 17" = 8,017, as "16 mil 736" and "mil 704" are written; "tres millones 200 mil"
        words_number += (r"(?:(?<=mil|ión|nes|hão|ões)\s+\d{1,3}(?![\d.,]?\d)"
                         r"(?:(?<=\d)\s+mil(?:\s+\d{1,3}(?![\d.,]?\d))?)?)?")
    digits = r"\d+(?:[.,]\d+)*"
    scale = _alt(_SCALE_WORDS[lang])
    thousand_head = r"(?:mil\s+(?=\d{1,3}(?![\d.,]\d)))?" if lang != "en" else ""  # "mil 600" = 1600
    # "1.2 million", "2 mil 400 millones", "4 millones 372 mil 186", "1 millón 500 mil"
    digits_number = (rf"{thousand_head}{digits}(?:\s*{scale}(?:\s+(?:de\s+)?{scale})?"
                     rf"(?:\s+\d{{1,3}}(?![\d.,])(?:\s+{scale}(?:\s+\d{{1,3}}(?![\d.,]))?)?)?)?")
    number = (
        rf"(?<![\w.,])(?<![A-Za-z]-)(?:(?P<mag>{_alt(_MAGNITUDES[lang])})"
        rf"|(?P<frac>{_alt(_FRACTIONS[lang])}){_FRACTION_OF[lang]}"
        rf"|(?P<half>{_HALF[lang]}(?:\s+(?P<halfscale>{scale}))?)|(?P<digits>{digits_number})|(?P<words>{words_number}))"
        rf"(?:(?!\w)|(?<=\d)(?={_ATTACHED}(?!\w)))"
    )
    measures = _alt(_MEASURES)
    counts = _alt(_COUNTS)
    currency = "|".join(f"(?P<c{i}>{pattern})" for i, (pattern, _) in enumerate(_CURRENCY_PREFIX))
    between = {"en": r"between|from", "es": r"entre|de|desde", "pt": r"entre|de|desde"}[lang]
    joiners = {"en": r"and|to|or|-|–", "es": r"y|a|o|al|hasta|-|–", "pt": r"e|a|ou|até|-|–"}[lang]
    currency_gap = "|".join(pattern for pattern, _ in _CURRENCY_PREFIX)
    return _Lexicon(
        number=re.compile(number, re.IGNORECASE),
        measure=re.compile(rf"\s*(?:(?:de|of|do|da)\s+)?(?P<unit>{measures})(?!\w)", re.IGNORECASE),
        count=re.compile(
            rf"\s*(?:(?:de|of|do|da)\s+)?(?P<adj>(?:[^\W\d_][\w-]*\s+){{0,2}}?)(?P<unit>{counts})(?!\w)",
            re.IGNORECASE,
        ),
        attached=re.compile(rf"{_ATTACHED}(?!\w)", re.IGNORECASE),
        hedge_before=re.compile(rf"(?<!\w)(?P<h>{_alt(_HEDGES[lang])})\s+$", re.IGNORECASE),
        verb_people=re.compile(rf"(?<!\w){_alt(_VERBS_PEOPLE[lang])}\s+$", re.IGNORECASE),
        verb_deaths=re.compile(rf"(?<!\w){_alt(_VERBS_DEATHS[lang])}\s+$", re.IGNORECASE),
        currency_before=re.compile(rf"(?<![\w$])(?:{currency})\s?$"),
        range_between=re.compile(rf"(?<!\w)(?:{between})\s+$", re.IGNORECASE),
        range_open=re.compile(rf"\s*(?:{joiners})\s*(?:{currency_gap})?\s?$", re.IGNORECASE),
        word=re.compile(r"[^\W\d_][\w-]*"),
        change_before=re.compile(
            rf"(?<!\w){_alt(_CHANGE_BEFORE[lang])}(?:\s+{_alt(_CHANGE_FILLERS[lang])})*\s+$",
            re.IGNORECASE,
        ),
        change_after=re.compile(rf"\s*{_alt(_CHANGE_AFTER[lang])}(?!\w)", re.IGNORECASE),
        per_100k=re.compile(rf"\s+{_PER_100K[lang]}{_PER_100K_WHO}", re.IGNORECASE),
    )


def _lang(lang: str) -> str:
    code = (lang or "").lower().split("-")[0].split("_")[0]
    if code not in LANGS:
        raise InputError(f"language {lang!r}", "quantities are recognised in en, es and pt only")
    return code


# --- reading numbers --------------------------------------------------------------------


def _digits_value(token: str, lang: str) -> float | None:
    """'3,000' -> 3000; '1,2' -> 1.2; '3.000' (es/pt) -> 3000; '1.234,5' -> 1234.5."""
    seps = re.findall(r"[.,]", token)
    if not seps:
        return float(token)
    if "." in seps and "," in seps:
        decimal = token[max(token.rfind("."), token.rfind(","))]
        other = "," if decimal == "." else "."
        return float(token.replace(other, "").replace(decimal, "."))
    sep = seps[0]
    groups = token.split(sep)
    if len(groups) > 2:
        if any(len(g) != 3 for g in groups[1:]):
            return None
        return float("".join(groups))
    head, tail = groups
    thousands = len(tail) == 3 and (sep == "," or lang != "en") and head != "0"
    return float(head + tail) if thousands else float(head + "." + tail)


def _words_value(tokens: list[str], lang: str) -> tuple[float, int] | None:
    """Value of number words and how many tokens it used.

    Stops where the words stop forming one number: "dos y tres" is two numbers, "treinta y
    dos" one; "two three" two, "twenty-three" one.
    """
    units, mults, scales = _UNITS_WORDS[lang], _MULT_WORDS[lang], _SCALE_WORDS[lang]
    total = current = 0.0
    prev: float | None = None  # value of the previous number word
    free = False  # the previous word was a multiplier or scale: anything may follow
    used = 0
    for i, raw in enumerate(tokens):
        tok = raw.lower()
        if tok == _CONNECT[lang]:
            if prev is None or (prev < 20 and not free):
                break
            continue
        if tok in _ARTICLES[lang] and prev is None and i + 1 < len(tokens):
            nxt = tokens[i + 1].lower()
            if nxt in mults or nxt in scales:
                current, prev, free, used = 1.0, 1.0, False, i + 1
                continue
        if tok in units:
            value = float(units[tok])
            if prev is not None and not free:
                tens = 20 <= prev < 100 and prev % 10 == 0 and value < 10
                hundreds = prev >= 100 and prev % 100 == 0 and value < 100
                if not (tens or hundreds):
                    break
            current += value
            prev, free = value, False
        elif tok in mults:
            current = (current or 1.0) * mults[tok]
            prev, free = float(mults[tok]), True
        elif tok in scales:
            scale = scales[tok]
            if current == 0 and total and total < scale:
                total *= scale  # "mil millones"
            else:
                total += (current or 1.0) * scale
            current = 0.0
            prev, free = scale, True
        else:
            break
        used = i + 1
    if used == 0:
        return None
    return total + current, used


def parse_number(phrase: str, lang: str) -> float | None:
    """The value of a number phrase, or None: '3.000' (es) 3000, 'tres mil' 3000,
    '1.2 million' 1200000, '62 mil 500' 62500, 'duas' 2, 'a dozen' 12."""
    code = _lang(lang)
    phrase = phrase.strip()
    mil = re.fullmatch(r"mil\s+(\d{1,3})", phrase, re.IGNORECASE)
    if mil and code != "en":
        return 1000.0 + float(mil.group(1))
    head = re.match(r"\d+(?:[.,]\d+)*", phrase)
    if head:
        value = _digits_value(head.group(0), code)
        if value is None:
            return None
        rest = phrase[head.end():].split()
        scales = _SCALE_WORDS[code]
        # groups of a number and its scale: "4 millones 372 mil 186" = 4,372,186; a scale larger than all
        # that came before multiplies them: "2 mil 400 millones" = 2,400 millones
        total, current = 0.0, value
        for i, tok in enumerate(rest):
            low = tok.lower()
            if low in scales:
                if total + current < scales[low]:
                    total = (total + current) * scales[low]
                else:
                    total += current * scales[low]
                current = 0.0
            elif low == "de":
                continue
            elif re.fullmatch(r"\d{1,3}", tok) and i > 0 and rest[i - 1].lower() in scales and not current:
                current = float(tok)
            else:
                return None
        return total + current
    tokens = [t for t in re.split(r"[\s-]+", phrase) if t]
    parsed = _words_value(tokens, code)
    if parsed is None or parsed[1] != len(tokens):
        return None
    return parsed[0]


# --- finding quantities -----------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float
    vague: bool  # a magnitude ("hundreds of")
    has_scale: bool
    yearlike: bool
    share: bool = False  # a fraction of a whole ("two-thirds of"): its value is the share


def _numbers(text: str, lang: str, lexicon: _Lexicon, blocked: list[tuple[int, int]]) -> list[_Number]:
    out: list[_Number] = []
    for m in lexicon.number.finditer(text):
        start, end = m.span()
        if any(start < e and s < end for s, e in blocked):
            continue
        if m.group("mag"):
            value = _MAGNITUDES[lang][re.sub(r"\s+", " ", m.group("mag").lower())]
            out.append(_Number(start, end, value, True, True, False))
            continue
        if m.group("frac"):
            value = _FRACTIONS[lang][re.sub(r"\s+", " ", m.group("frac").lower())]
            out.append(_Number(start, end, value, False, False, False, share=True))
            continue
        if m.group("half"):
            scale_word = m.group("halfscale")  # "medio millón", "half a million"
            factor = _SCALE_WORDS[lang][scale_word.lower()] if scale_word else 1.0
            out.append(_Number(start, end, 0.5 * factor, False, bool(scale_word), False))
            continue
        if m.group("words"):
            tokens = [t for t in re.split(r"([\s-]+)", m.group("words"))]
            words = [t for t in tokens if t.strip(" -\t\n")]
            tail = 0.0
            first_digit = next((k for k, w in enumerate(words) if w.isdigit()), None)
            if first_digit:  # "ocho mil 17", "tres millones 200 mil"
                parsed = _words_value(words[:first_digit], lang)
                tail_value = parse_number(" ".join(words[first_digit:]), lang)
                if parsed is None or parsed[1] != first_digit or tail_value is None:
                    continue
                tail, parsed = tail_value, (parsed[0], len(words))
            else:
                parsed = _words_value(words, lang)
            if parsed is None:
                continue
            value, used = parsed
            value += tail
            if used < len(words):  # cut at the first word that does not continue the number
                cut = m.start()
                for w in words[:used]:
                    cut = text.index(w, cut) + len(w)
                end = cut
            if used == 1 and words[0].lower() in _ARTICLES[lang]:
                continue
            has_scale = words[used - 1].lower() in _SCALE_WORDS[lang] or words[used - 1].lower() in _GROUP_MULTS
            out.append(_Number(start, end, value, False, has_scale, False))
            continue
        phrase = m.group("digits")
        value = parse_number(phrase, lang)
        if value is None:
            continue
        head = re.search(r"\d+", phrase).group(0)
        yearlike = phrase == head and len(head) == 4 and head[:2] in ("19", "20")
        has_scale = bool(re.search(r"[^\d\s.,]\s*$", phrase))
        out.append(_Number(start, end, value, False, has_scale, yearlike))
    return out


def _unit_after(
    text: str, pos: int, number: _Number, lang: str, lexicon: _Lexicon
) -> tuple[str, float, int] | None:
    """(unit, factor, end) of the unit right after a number, if any."""
    attached = lexicon.attached.match(text, pos)
    if attached:
        unit, factor = _MEASURES[attached.group(0).lower()]
        return unit, factor, attached.end()
    if pos < len(text) and text[pos].isalpha():
        return None  # "21st", "AK47s"
    for pattern in (lexicon.measure, lexicon.count):
        m = pattern.match(text, pos)
        if not m:
            continue
        linked = re.match(r"\s*(?:de|of|do|da)\s", m.group(0), re.IGNORECASE)
        if linked and not (number.has_scale or number.vague):
            continue  # "3 millones de dólares", "cientos de personas"; not "5 de los presos"
        word = re.sub(r"\s+", " ", m.group("unit").lower())
        if pattern is lexicon.measure:
            if lang == "es" and word == "ha":
                continue  # Spanish "ha" is a verb ("30 ha sido")
            unit, factor = _MEASURES[word]
            return unit, factor, m.end()
        if number.yearlike:
            continue  # "2012 police": a year, not a head count
        if any(a.lower() in _NOT_ADJECTIVE for a in m.group("adj").split()):
            continue
        return _COUNTS[word], 1.0, m.end()
    return None


def _currency_before(text: str, start: int, lang: str, lexicon: _Lexicon) -> tuple[str, int] | None:
    m = lexicon.currency_before.search(text, max(0, start - 8), start)
    if not m:
        return None
    for i, (_, unit) in enumerate(_CURRENCY_PREFIX):
        if m.group(f"c{i}"):
            if unit == "$":
                unit = "pesos" if lang == "es" else "usd"
            return unit, m.start()
    return None


def find_quantities(text: str, lang: str, *, times: list[TimeExpr] | None = None) -> list[QuantityExpr]:
    """Quantities in ``text``, in order. See the module docstring for what is recognised.

    ``times``: the time expressions of ``text`` if the caller already has them (from
    ``find_times``); numbers inside them are not quantities. Found here when omitted.
    """
    code = _lang(lang)
    lexicon = _lexicon(code)
    if times is None:
        times = find_times(text, code, None)
    blocked = [(t.start, t.end) for t in times]
    numbers = _numbers(text, code, lexicon, blocked)
    out: list[QuantityExpr] = []
    price_end = -1  # end of the last price passed over
    i = 0
    while i < len(numbers):
        first = numbers[i]
        if out and first.start < out[-1].end:
            i += 1  # inside the previous quantity ("per 100,000" of a rate)
            continue
        last, low, high = first, None, None
        # Ranges: "between 2 and 3", "2 to 3", "de 2 a 3", "2-3".
        if i + 1 < len(numbers):
            nxt = numbers[i + 1]
            gap = text[first.end:nxt.start]
            if (len(gap) <= 10 and lexicon.range_open.fullmatch(gap) and nxt.value > first.value
                    and not _listed(gap, text, first.start, code, lexicon)):
                last, low, high = nxt, first.value, nxt.value
                if first.has_scale is False and nxt.has_scale:
                    # "2 to 3 million": the scale applies to both ends
                    low = first.value * _scale_of(text[nxt.start:nxt.end], code)
        found = ("share", 1.0, last.end) if last.share else _unit_after(text, last.end, last, code, lexicon)
        start = first.start
        currency = _currency_before(text, start, code, lexicon)
        unit, factor, end = (None, 1.0, last.end)
        if currency:
            unit, start = currency[0], currency[1]
            if found and found[0] == unit:
                end = found[2]
        elif found:
            unit, factor, end = found
        before = text[max(0, start - 40):start]
        if unit == "people" and lexicon.verb_deaths.search(before):
            unit = "deaths"
        if unit is None:
            hedge = lexicon.hedge_before.search(before)
            context = before[: hedge.start()] if hedge else before
            if lexicon.verb_deaths.search(context) and not first.yearlike:
                unit = "deaths"
            elif lexicon.verb_people.search(context) and not first.yearlike:
                unit = "people"
        if unit is None and not first.yearlike:
            rate = lexicon.per_100k.match(text, end)
            if rate:  # "the murder rate was 21 per 100,000 people": a rate, not 100,000 people
                unit, end = "rate", rate.end()
        if unit is None and not first.yearlike and low is None and out:
            unit = _elided_unit(text, out[-1], start, end)  # "43 kidnappings in 2011, 31 in 2012"
        if unit is None or (first.yearlike and not found and not currency):
            i += 1
            continue
        per_unit = _PRICE_AFTER.match(text, end) if (currency or unit in _MONEY_UNITS) else None
        if per_unit or (unit in _MONEY_UNITS and price_end >= 0 and _COMPARED_PRICE.fullmatch(text, price_end, start)):
            # a price ("$300,000 a kilogram", "2 mil pesos el kilo"), or the price it is compared with
            # ("(compared to $6,000 in Nigeria)"): no amount of anything
            price_end = per_unit.end() if per_unit else end
            i += 1
            continue
        if low is not None:
            between = lexicon.range_between.search(text, max(0, start - 10), start)
            if between:
                start = between.start()
        hedge = lexicon.hedge_before.search(text, max(0, start - 30), start)
        if hedge:
            start = hedge.start()
        approximate = bool(hedge) or low is not None or first.vague or last.vague
        if unit == "share" and _is_change(text, start, end, lexicon):
            unit, factor = "percent", factor * 100
        rate = lexicon.per_100k.match(text, end) if unit in ("deaths", "people") else None
        if rate:
            unit, end = "rate", rate.end()
        if low is not None:
            value = low * factor
            low, high = low * factor, high * factor  # type: ignore[operator]
        else:
            value = last.value * factor
        out.append(
            QuantityExpr(start, end, text[start:end], _clean(value), unit, approximate,
                         _clean(low) if low is not None else None,
                         _clean(high) if high is not None else None)
        )
        i += 2 if last is not first else 1
    out = _changes(text, code, lexicon, numbers, out)
    log.debug("find_quantities: %d quantities in %d characters (%s)", len(out), len(text), code)
    return out


# A bare number in a series or comparison takes the unit of the figure before it when it is dated or placed
# like that one: "43 kidnappings in 2011, 31 in 2012 and 51 in 2013", "182 murders in June, up from 166 in
# May", "43 secuestros en 2011, 31 en 2012".
_ELIDED_BEFORE = re.compile(
    r"(?:,\s*(?:(?:and|y|e|while|mientras\s+que|enquanto)\s+)?|\s+(?:and|y|e)\s+|\s+(?:up|down)\s+from\s+|"
    r"\s+compared\s+(?:to|with)\s+|\s+frente\s+a\s+|\s+contra\s+|\s+versus\s+|\s+from\s+|\s+de\s+|\s+desde\s+)$",
    re.IGNORECASE,
)
_ELIDED_AFTER = re.compile(r"\s+(?:in|en|em|during|durante|no|na|last|el\s+año|the\s+year)\b", re.IGNORECASE)


def _elided_unit(text: str, prev: QuantityExpr, start: int, end: int) -> str | None:
    """The unit a bare number at ``start:end`` shares with the figure ``prev`` before it, or None."""
    gap = text[prev.end:start]
    if len(gap) > 80 or re.search(r"[.;:!?()]", gap) or prev.unit in ("share", "percent", "rate"):
        return None
    if not _ELIDED_BEFORE.search(gap) or not _ELIDED_AFTER.match(text, end):
        return None
    if not _ELIDED_AFTER.search(text, prev.end, min(len(text), prev.end + 40)):
        return None  # the first figure is dated or placed the same way ("43 kidnappings in 2011")
    return prev.unit


_MONEY_UNITS = frozenset({"usd", "brl", "pesos", "eur", "$", *PESO_COUNTRIES})
# What follows a money amount that is a price per unit of a good.
_PRICE_AFTER = re.compile(
    r"\s*(?:/\s*|(?:a|an|per|each|for\s+(?:a|one|each)|the|por|el|la|cada|por\s+cada|o|a|um|cada)\s+)"
    r"(?:kilo(?:gram(?:me)?)?s?|kg|grams?|gramos?|gramas?|g|ton(?:ne)?s?|toneladas?|doses?|dosis|pounds?|lbs?|"
    r"libras?|liters?|litres?|litros?|gallons?|gal[oó]n|unit|unidad|unidade|quilos?|quilogramas?|kilogramos?|"
    r"hectares?|hect[áa]reas?)(?!\w)",
    re.IGNORECASE,
)

_COMPARED_PRICE = re.compile(
    r"(?:\s+(?:in|en|em|at|on)\s+[^\d,;()]{1,40}?)?[\s,;(]*(?:compared\s+(?:to|with)|versus|vs\.?|against|than|frente\s+a|contra|comparad[oa]s?\s+con|"
    r"comparad[oa]s?\s+com|que)\s+(?:about\s+|around\s+|unos\s+|cerca\s+de\s+)?",
    re.IGNORECASE,
)


# "from 231 in 2007 to 2,099 in 2010", "de 37 a 17", "de 5 mil en 2011 para 8 mil": a change
# between two values; the end value takes the unit of the start value, or of the count noun that
# the sentence is about ("kidnappings ... fell from 37 to 17").
_FROM = {"en": r"from", "es": r"de|desde", "pt": r"de|desde"}
_TO = {"en": r"to", "es": r"a|al|hasta", "pt": r"para|a|até"}
_IN = {"en": r"in|during|by", "es": r"en|durante|a", "pt": r"em|durante|n[oa]s?"}
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)")


@functools.lru_cache(maxsize=None)
def _change_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    before = re.compile(rf"(?<!\w)(?:{_FROM[lang]})\s+(?:(?:{_alt(_HEDGES[lang])})\s+)?$", re.IGNORECASE)
    gap = re.compile(
        rf"(?:\s+(?:{_IN[lang]})\s+[^,;.()]{{1,40}}?)?\s*,?\s+(?:{_TO[lang]})\s+(?:(?:{_alt(_HEDGES[lang])})\s+)?",
        re.IGNORECASE,
    )
    nouns = re.compile(rf"(?<!\w)(?:{_alt(_COUNTS)})(?!\w)", re.IGNORECASE)
    return before, gap, nouns


def _changes(text: str, lang: str, lexicon: _Lexicon, numbers: list[_Number],
             found: list[QuantityExpr]) -> list[QuantityExpr]:
    """Complete changes "from A to B": B gets A's unit (or the sentence's count noun), A is marked
    superseded by B."""
    before, gap, nouns = _change_patterns(lang)

    def covering(number: _Number) -> QuantityExpr | None:
        return next((q for q in found if q.start <= number.start < q.end), None)

    extra: list[QuantityExpr] = []
    superseded: set[int] = set()
    for first, second in zip(numbers, numbers[1:]):
        if first.yearlike or second.yearlike:
            continue
        qa, qb = covering(first), covering(second)
        if qa is not None and qa is qb:
            continue  # a range "from 2 to 3 tons" is one quantity
        a_start = qa.start if qa is not None else first.start
        hedge = lexicon.hedge_before.search(text, max(0, a_start - 30), a_start)
        lead = hedge.start() if hedge and qa is None else a_start
        if not before.search(text, max(0, lead - 12), lead):
            continue
        a_end = qa.end if qa is not None else first.end
        if not gap.fullmatch(text, a_end, second.start):
            continue
        if qb is not None:
            if qa is not None:
                superseded.add(qa.start)
            continue
        unit, factor = None, 1.0
        if qa is not None and qa.high is None:
            unit = qa.unit
            factor = qa.value / first.value if first.value else 1.0
        elif qa is None:
            sentence_start = 0
            for m in _CLAUSE_END.finditer(text, max(0, first.start - 200), first.start):
                sentence_start = m.end()
            noun = None
            for noun in nouns.finditer(text, sentence_start, first.start):
                pass
            if noun is not None:
                unit = _COUNTS[re.sub(r"\s+", " ", noun.group(0).lower())]
                extra.append(QuantityExpr(first.start, first.end, text[first.start:first.end],
                                          _clean(first.value), unit, first.vague, superseded=True))
        if unit is None:
            continue
        if qa is not None:
            superseded.add(qa.start)
        extra.append(QuantityExpr(second.start, second.end, text[second.start:second.end],
                                  _clean(second.value * factor), unit, second.vague))
    if not extra and not superseded:
        return found
    merged = [replace(q, superseded=True) if q.start in superseded else q for q in found] + extra
    return sorted(merged, key=lambda q: q.start)


def _listed(gap: str, text: str, start: int, lang: str, lexicon: _Lexicon) -> bool:
    """True when "X and Y" lists two numbers rather than giving a range: without "between"
    before X, a unit after Y belongs to Y only ("26.46 and 12,626 people")."""
    if gap.strip().lower() != _CONNECT[lang]:
        return False
    return not lexicon.range_between.search(text, max(0, start - 10), start)


def _is_change(text: str, start: int, end: int, lexicon: _Lexicon) -> bool:
    """A percentage that measures a change ("rose 20 percent", "a 17 percent increase")."""
    before = text[max(0, start - 60):start]
    return bool(lexicon.change_before.search(before) or lexicon.change_after.match(text, end))


def _scale_of(phrase: str, lang: str) -> float:
    for tok in reversed(phrase.lower().split()):
        if tok in _SCALE_WORDS[lang]:
            return _SCALE_WORDS[lang][tok]
    return 1.0


def _clean(value: float) -> float:
    """Round away binary noise: 0.8000000000000002 -> 0.8."""
    return float(round(value, 9))


# Two head counts joined by "and": "seven soldiers and six civilians", "two men and a woman", "dos hombres y una
# mujer", "two Spaniards in France and two Bulgarians". The annotations count them together as the event's measure.
_HEAD_UNITS = frozenset({"people", "deaths", "members", "soldiers", "police", "prisoners", "migrants"})
_HEAD_JOIN = re.compile(r"(?:\s+[A-Z][\w-]*)?(?:\s+(?:in|en|em|from|de)\s+[A-ZÁÉÍÓÚÑ][\w-]*)?,?\s+(?:and|y|e)\s+"
                        r"(\d+|[^\W\d]+)")
_WORD_AFTER = re.compile(r"\s+([^\W\d]+(?:-[^\W\d]+)?)")
# a person in the singular, after "a"/"one"/"un"/"uma" ("two men and a woman")
_ONE_PERSON = frozenset({
    "man", "woman", "child", "boy", "girl", "civilian", "soldier", "officer", "policeman", "agent", "person",
    "hombre", "mujer", "niño", "niña", "menor", "joven", "soldado", "policía", "agente", "persona", "militar",
    "homem", "mulher", "criança", "jovem", "policial", "pessoa"})
# nationality nouns: "Bulgarians", "a Paraguayan", "hondureños", "un alemán", "polacos"
_DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ans?|ines?|ese|ish|is)|[a-záéíóúñ]+(?:anos?|anas?|eños?|eñas?|enses?|eses?|és|án|"
                      r"anes|inos?|inas?|acos?|acas?|ecos?|ecas?))$")


# "Commissioner Lorgio Mejia and another 15 police officials", "Zapata Espinoza y otros cinco miembros": one more
_AND_ANOTHER = re.compile(r"[A-ZÁÉÍÓÚÑ][\w'’-]+,?\s+(?:and|y|e)\s+(?:another|other|otros|otras|outros|outras)\s+$")


def joined_head_count(text: str, q: QuantityExpr, lang: str) -> QuantityExpr:
    """``q``, a head count, with the count joined to it by "and" added ("seven soldiers and six civilians"
    is 13, over both) and a named person before "and another N" counted ("X and another 15 officers" is 16);
    ``q`` itself otherwise."""
    if q.unit not in _HEAD_UNITS or q.low is not None:
        return q
    another = _AND_ANOTHER.search(text, max(0, q.start - 60), q.start)
    if another is not None:
        return replace(q, value=_clean(q.value + 1))
    join = _HEAD_JOIN.match(text, q.end)
    if join is None:
        return q
    count = join.group(1)
    value = 1.0 if count.lower() in _ARTICLES[_lang(lang)] else parse_number(count, lang)  # "a woman", "six"
    if value is None or value != int(value) or value > 10000:
        return q
    # the noun right after the number, or after one more word ("six armed civilians", "one GNB soldier")
    after, end = join.end(), None
    for _ in range(2):
        word = _WORD_AFTER.match(text, after)
        if word is None:
            break
        noun = word.group(1)
        if _COUNTS.get(noun.lower()) in _HEAD_UNITS or noun.lower() in _ONE_PERSON or _DEMONYM.match(noun):
            end = word.end()
            break
        after = word.end()
    if end is None:
        return q
    return replace(q, end=end, text=text[q.start:end], value=_clean(q.value + value))
