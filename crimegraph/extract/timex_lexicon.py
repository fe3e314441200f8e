"""Words of time in English, Spanish and Portuguese: the data behind ``timex``.

Plain tables, no logic. Keys are lower-case; the recognizer matches case-insensitively and
checks capitalization separately (English month and weekday names must be capitalized so
that "may" the modal verb and "march" the verb are not dates).
"""

from __future__ import annotations

__all__ = [
    "THIS_YEAR",
    "FOR_BEFORE",
    "TARGET_WORDS",
    "FUTURE_WORDS",
    "MONTHS",
    "WEEKDAYS",
    "RELATIVE",
    "YEAR_REFS",
    "MONTH_REFS",
    "PARTS",
    "UNITS_AGO",
    "LANGS",
    "SMALL_NUMBERS",
    "DECADE_WORDS",
    "ANAPHORS",
    "ANAPHOR_UNITS",
    "ANAPHOR_LATER",
    "ANAPHOR_EARLIER",
    "ANAPHORIC_YEAR",
    "HOLIDAYS",
]

LANGS = ("en", "es", "pt")

MONTHS: dict[str, dict[str, int]] = {
    "en": {
        "january": 1, "jan.": 1, "jan": 1,
        "february": 2, "feb.": 2, "feb": 2,
        "march": 3, "mar.": 3,
        "april": 4, "apr.": 4, "apr": 4,
        "may": 5,
        "june": 6, "jun.": 6,
        "july": 7, "jul.": 7,
        "august": 8, "aug.": 8, "aug": 8,
        "september": 9, "sept.": 9, "sep.": 9, "sept": 9,
        "october": 10, "oct.": 10, "oct": 10,
        "november": 11, "nov.": 11, "nov": 11,
        "december": 12, "dec.": 12, "dec": 12,
    },
    "es": {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
        "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
        "noviembre": 11, "diciembre": 12,
    },
    "pt": {
        "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "abril": 4, "maio": 5,
        "junho": 6, "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10,
        "novembro": 11, "dezembro": 12,
    },
}

# Monday is 0, as in datetime.date.weekday().
WEEKDAYS: dict[str, dict[str, int]] = {
    "en": {
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
        "saturday": 5, "sunday": 6,
    },
    "es": {
        "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3,
        "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6,
    },
    # Short forms ("segunda", "sexta") are ordinals too ("segunda vez"): only the -feira forms.
    "pt": {
        "segunda-feira": 0, "terça-feira": 1, "terca-feira": 1, "quarta-feira": 2,
        "quinta-feira": 3, "sexta-feira": 4, "sábado": 5, "sabado": 5, "domingo": 6,
    },
}

# Fixed relative phrases: phrase -> (unit, offset). Units: day, week, month, year,
# plus "ytd" (the current year up to publication), "mtd" (the current month so far) and "wtd"
# (Monday of the publication week to publication: "earlier this week").
RELATIVE: dict[str, dict[str, tuple[str, int]]] = {
    "en": {
        "yesterday": ("day", -1), "today": ("day", 0), "tomorrow": ("day", 1),
        "this morning": ("day", 0), "this afternoon": ("day", 0), "this evening": ("day", 0),
        "tonight": ("day", 0), "last night": ("day", -1),
        "the day before yesterday": ("day", -2),
        "last week": ("week", -1), "this week": ("week", 0), "earlier this week": ("wtd", 0),
        "next week": ("week", 1), "the past week": ("week", -1),
        "last month": ("month", -1), "this month": ("month", 0), "next month": ("month", 1),
        "earlier this month": ("mtd", 0),
        "last year": ("year", -1), "this year": ("year", 0), "next year": ("year", 1),
        "earlier this year": ("ytd", 0), "so far this year": ("ytd", 0),
        "this year so far": ("ytd", 0),
    },
    "es": {
        "ayer": ("day", -1), "hoy": ("day", 0), "anteayer": ("day", -2), "antier": ("day", -2),
        "esta madrugada": ("day", 0), "esta mañana": ("day", 0), "esta tarde": ("day", 0),
        "esta noche": ("day", 0), "anoche": ("day", -1), "la madrugada de hoy": ("day", 0),
        "este mediodía": ("day", 0), "hace unas horas": ("day", 0), "hace una hora": ("day", 0),
        "la semana anterior": ("week", -1),
        "el presente año": ("year", 0), "el año en curso": ("year", 0),
        "antes de ayer": ("day", -2),
        "la semana pasada": ("week", -1), "la pasada semana": ("week", -1),
        "esta semana": ("week", 0), "la próxima semana": ("week", 1),
        "la semana próxima": ("week", 1), "la semana que viene": ("week", 1),
        "el mes pasado": ("month", -1), "el pasado mes": ("month", -1), "este mes": ("month", 0),
        "el próximo mes": ("month", 1), "el mes próximo": ("month", 1),
        "el año pasado": ("year", -1), "el pasado año": ("year", -1), "este año": ("year", 0),
        "el próximo año": ("year", 1), "el año próximo": ("year", 1),
        "el año que viene": ("year", 1),
        "en lo que va del año": ("ytd", 0), "en lo que va de año": ("ytd", 0),
        "en lo que va de este año": ("ytd", 0), "en lo que va del mes": ("mtd", 0),
        "en lo que va corrido del año": ("ytd", 0), "en lo corrido del año": ("ytd", 0),
        "en lo que va corrido de este año": ("ytd", 0), "en lo corrido de este año": ("ytd", 0),
        "en lo que llevamos de año": ("ytd", 0), "en lo que va del presente año": ("ytd", 0),
    },
    "pt": {
        "ontem": ("day", -1), "hoje": ("day", 0), "amanhã": ("day", 1), "anteontem": ("day", -2),
        "nesta madrugada": ("day", 0), "esta madrugada": ("day", 0), "nesta manhã": ("day", 0),
        "esta manhã": ("day", 0), "nesta tarde": ("day", 0), "esta noite": ("day", 0),
        "nesta noite": ("day", 0),
        "na semana passada": ("week", -1), "a semana passada": ("week", -1),
        "semana passada": ("week", -1), "nesta semana": ("week", 0), "esta semana": ("week", 0),
        "nessa semana": ("week", 0), "na próxima semana": ("week", 1),
        "no mês passado": ("month", -1), "o mês passado": ("month", -1),
        "mês passado": ("month", -1), "neste mês": ("month", 0), "este mês": ("month", 0),
        "no próximo mês": ("month", 1),
        "no ano passado": ("year", -1), "o ano passado": ("year", -1), "ano passado": ("year", -1),
        "neste ano": ("year", 0), "este ano": ("year", 0), "nesse ano": ("year", 0),
        "no próximo ano": ("year", 1), "no ano que vem": ("year", 1),
        "até agora este ano": ("ytd", 0), "este ano até agora": ("ytd", 0),
        "até agora neste ano": ("ytd", 0), "neste ano até agora": ("ytd", 0),
    },
}

# "this year" alone runs from January 1 to publication ("ytd"); these phrases and the
# words in TARGET_WORDS in its sentence make it the whole year (a target or plan "for this
# year", "la meta para este año"). docs/annotation.md section 7, docs/samples.md.
THIS_YEAR: dict[str, tuple[str, ...]] = {
    "en": ("this year",),
    "es": ("este año", "el presente año", "el año en curso"),
    "pt": ("neste ano", "este ano", "nesse ano"),
}
FOR_BEFORE: dict[str, str] = {"en": r"for", "es": r"para", "pt": r"para"}
TARGET_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("target", "targets", "goal", "goals", "quota", "budget", "budgeted", "forecast",
           "projected", "projection", "aims to", "aim to", "aim is"),
    "es": ("meta", "metas", "objetivo", "objetivos", "presupuesto", "presupuestado",
           "proyección", "pronóstico", "cuota", "se propone", "pretende"),
    "pt": ("meta", "metas", "objetivo", "objetivos", "orçamento", "previsão", "projeção",
           "pretende"),
}

# Words that put a sentence in the future (or a plan): "a partir de septiembre" in such a
# sentence is the next September, not the last one. Spanish and Portuguese future
# inflections (-rá, -rán, -rão) are matched separately in ``timex``.
FUTURE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("will", "shall", "would", "plans to", "plan to", "planned to", "is to", "are to",
           "is set to", "are set to", "going to", "intends to", "expects to", "expected to",
           "scheduled to"),
    "es": ("va a", "van a", "planea", "planean", "prevé", "prevén", "pretende", "pretenden",
           "tiene previsto", "tienen previsto", "se espera", "está previsto", "programado",
           "programada"),
    "pt": ("vai", "vão", "pretende", "pretendem", "planeja", "planejam", "prevê", "preveem",
           "está previsto", "deve", "devem"),
}

# What may follow a part word ("early", "a principios", "no início") to name a year:
# phrase -> offset from the publication year. A four-digit year is handled by the pattern
# ("early 2013", "a principios de 2013", "no início de 2013").
YEAR_REFS: dict[str, dict[str, int]] = {
    "en": {"this year": 0, "last year": -1, "the year": 0, "next year": 1,
           "the current year": 0, "of this year": 0, "of last year": -1, "of the year": 0,
           "of next year": 1},
    "es": {"de este año": 0, "de año": 0, "del año": 0, "del presente año": 0,
           "del año en curso": 0, "del año pasado": -1, "del pasado año": -1,
           "del próximo año": 1, "del año próximo": 1, "del año que viene": 1},
    "pt": {"deste ano": 0, "desse ano": 0, "do ano": 0, "de ano": 0, "do ano passado": -1,
           "do próximo ano": 1, "do ano que vem": 1},
}

# Same for months ("late last month", "a finales del mes pasado").
MONTH_REFS: dict[str, dict[str, int]] = {
    "en": {"this month": 0, "last month": -1, "the month": 0, "of this month": 0,
           "of last month": -1, "of the month": 0},
    "es": {"de este mes": 0, "del mes": 0, "del mes pasado": -1, "del pasado mes": -1,
           "del presente mes": 0},
    "pt": {"deste mês": 0, "desse mês": 0, "do mês": 0, "do mês passado": -1},
}

# Part of a year or a month. Part name -> phrases that introduce it. English phrases end with
# "of" where it is needed; in Spanish and Portuguese the connector ("de", "del", "do",
# "deste") belongs to what follows (see YEAR_REFS), because it contracts with the article.
# Year parts: early Jan-Apr, mid May-Aug, late Sep-Dec; halves and quarters as usual.
# Parts of a month ("early January") resolve to the whole month (docs/annotation.md).
PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "early": ("early", "early in", "beginning of", "start of", "early part of",
                  "first months of", "first part of", "outset of"),
        "mid": ("mid-", "mid", "middle of", "middle part of"),
        "late": ("late", "late in", "end of", "close of", "latter part of", "last months of",
                 "final months of"),
        "h1": ("first half of", "first six months of", "first semester of"),
        "h2": ("second half of", "last six months of", "second semester of"),
        "q1": ("first quarter of",), "q2": ("second quarter of",),
        "q3": ("third quarter of",), "q4": ("fourth quarter of", "last quarter of"),
    },
    "es": {
        "early": ("principios", "inicios", "comienzos", "principio", "inicio", "comienzo", "primeros meses"),
        "mid": ("mediados",),
        "late": ("finales", "fines", "final", "fin", "últimos meses"),
        "h1": ("primer semestre", "primeros seis meses"),
        "h2": ("segundo semestre",),
        "q1": ("primer trimestre",),
        "q2": ("segundo trimestre",),
        "q3": ("tercer trimestre",),
        "q4": ("cuarto trimestre", "último trimestre"),
    },
    "pt": {
        "early": ("início", "inicio", "começo", "primeiros meses"),
        "mid": ("meados",),
        "late": ("final", "fim", "fins", "finais", "últimos meses"),
        "h1": ("primeiro semestre",),
        "h2": ("segundo semestre",),
        "q1": ("primeiro trimestre",), "q2": ("segundo trimestre",),
        "q3": ("terceiro trimestre",), "q4": ("quarto trimestre", "último trimestre"),
    },
}

# Words for units in "two weeks ago" / "hace dos semanas" / "há duas semanas".
UNITS_AGO: dict[str, dict[str, str]] = {
    "en": {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
           "months": "month", "year": "year", "years": "year", "decade": "decade",
           "decades": "decade"},
    "es": {"día": "day", "días": "day", "dia": "day", "dias": "day", "semana": "week",
           "semanas": "week", "mes": "month", "meses": "month", "año": "year", "años": "year",
           "década": "decade", "décadas": "decade"},
    "pt": {"dia": "day", "dias": "day", "semana": "week", "semanas": "week", "mês": "month",
           "meses": "month", "ano": "year", "anos": "year", "década": "decade", "décadas": "decade"},
}

# Counts small enough to appear in "two weeks ago"; bigger ones are written in digits.
SMALL_NUMBERS: dict[str, dict[str, int]] = {
    "en": {"a": 1, "an": 1, "one": 1, "two": 2, "a couple of": 2, "three": 3, "four": 4,
           "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
           "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30},
    "es": {"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
           "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
           "quince": 15, "veinte": 20, "treinta": 30},
    "pt": {"um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "tres": 3, "quatro": 4,
           "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11,
           "doze": 12, "quinze": 15, "vinte": 20, "trinta": 30},
}

# Decades in words: "the nineties", "los noventa", "os anos noventa" -> 1990.
DECADE_WORDS: dict[str, dict[str, int]] = {
    "en": {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
           "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990},
    "es": {"veinte": 1920, "treinta": 1930, "cuarenta": 1940, "cincuenta": 1950,
           "sesenta": 1960, "setenta": 1970, "ochenta": 1980, "noventa": 1990},
    "pt": {"vinte": 1920, "trinta": 1930, "quarenta": 1940, "cinquenta": 1950,
           "sessenta": 1960, "setenta": 1970, "oitenta": 1980, "noventa": 1990},
}

# Times that point back to a time stated before them ("that day", "the following year", "ese mismo
# día", "no dia seguinte"): phrase -> (unit, offset from the antecedent). ``timex`` resolves them
# against the nearest earlier expression of a fitting granularity (docs/time-and-quantities.md).
ANAPHORS: dict[str, dict[str, tuple[str, int]]] = {
    "en": {
        "that day": ("day", 0), "that same day": ("day", 0), "the same day": ("day", 0),
        "later that day": ("day", 0), "earlier that day": ("day", 0), "that night": ("day", 0),
        "that same night": ("day", 0), "the same night": ("day", 0), "later that night": ("day", 0),
        "that morning": ("day", 0), "that afternoon": ("day", 0), "that evening": ("day", 0),
        "later that morning": ("day", 0), "later that afternoon": ("day", 0),
        "later that evening": ("day", 0),
        "the previous day": ("day", -1), "the prior day": ("day", -1), "the day before": ("day", -1),
        "the night before": ("day", -1), "the previous night": ("day", -1),
        "the next day": ("day", 1), "the following day": ("day", 1), "the day after": ("day", 1),
        "the next morning": ("day", 1), "the following morning": ("day", 1),
        "that week": ("week", 0), "that same week": ("week", 0), "the same week": ("week", 0),
        "the following week": ("week", 1), "the next week": ("week", 1),
        "the previous week": ("week", -1), "the week before": ("week", -1),
        "that month": ("month", 0), "that same month": ("month", 0), "the same month": ("month", 0),
        "the following month": ("month", 1), "the next month": ("month", 1),
        "the previous month": ("month", -1), "the month before": ("month", -1),
        "that year": ("year", 0), "that same year": ("year", 0), "the same year": ("year", 0),
        "later that year": ("year", 0), "earlier that year": ("year", 0),
        "the following year": ("year", 1), "the next year": ("year", 1),
        "the previous year": ("year", -1), "the prior year": ("year", -1),
        "the year before": ("year", -1),
    },
    "es": {
        "ese día": ("day", 0), "ese mismo día": ("day", 0), "el mismo día": ("day", 0),
        "aquel día": ("day", 0), "esa noche": ("day", 0), "esa misma noche": ("day", 0),
        "la misma noche": ("day", 0), "esa mañana": ("day", 0), "esa tarde": ("day", 0),
        "esa misma tarde": ("day", 0), "esa misma mañana": ("day", 0),
        "el día anterior": ("day", -1), "un día antes": ("day", -1), "la noche anterior": ("day", -1),
        "la víspera": ("day", -1),
        "al día siguiente": ("day", 1), "el día siguiente": ("day", 1), "un día después": ("day", 1),
        "a la mañana siguiente": ("day", 1),
        "esa semana": ("week", 0), "esa misma semana": ("week", 0), "la misma semana": ("week", 0),
        "la semana siguiente": ("week", 1), "a la semana siguiente": ("week", 1),
        "ese mes": ("month", 0), "ese mismo mes": ("month", 0), "el mismo mes": ("month", 0),
        "al mes siguiente": ("month", 1), "el mes siguiente": ("month", 1),
        "ese año": ("year", 0), "ese mismo año": ("year", 0), "el mismo año": ("year", 0),
        "aquel año": ("year", 0), "al año siguiente": ("year", 1), "el año siguiente": ("year", 1),
    },
    "pt": {
        "naquele dia": ("day", 0), "no mesmo dia": ("day", 0), "nesse mesmo dia": ("day", 0),
        "naquela noite": ("day", 0), "na mesma noite": ("day", 0), "naquela manhã": ("day", 0),
        "naquela tarde": ("day", 0),
        "no dia anterior": ("day", -1), "um dia antes": ("day", -1), "na véspera": ("day", -1),
        "no dia seguinte": ("day", 1), "um dia depois": ("day", 1), "na manhã seguinte": ("day", 1),
        "naquela semana": ("week", 0), "na mesma semana": ("week", 0),
        "na semana seguinte": ("week", 1),
        "naquele mês": ("month", 0), "no mesmo mês": ("month", 0), "no mês seguinte": ("month", 1),
        "naquele ano": ("year", 0), "no mesmo ano": ("year", 0), "no ano seguinte": ("year", 1),
    },
}

# "two days later", "tres días después", "dois dias depois": a count of units after or before the
# antecedent. Units come from UNITS_AGO.
ANAPHOR_LATER: dict[str, tuple[str, ...]] = {
    "en": ("later", "afterwards", "after that"),
    "es": ("después", "más tarde"),
    "pt": ("depois", "mais tarde"),
}
ANAPHOR_EARLIER: dict[str, tuple[str, ...]] = {
    "en": ("earlier", "before that"),
    "es": ("antes",),
    "pt": ("antes",),
}
# Units an antecedent must be confined to for each anaphor unit (a day for "that day"...).
ANAPHOR_UNITS = ("day", "week", "month", "year")

# A year named by reference to an earlier one, after a month or a part of a year ("in June of that
# year", "the first half of that year", "a finales de ese año", "no início daquele ano").
ANAPHORIC_YEAR: dict[str, tuple[str, ...]] = {
    "en": ("of that year", "that year", "of the same year", "the same year", "of that same year"),
    "es": ("de ese año", "de aquel año", "del mismo año", "de ese mismo año"),
    "pt": ("daquele ano", "do mesmo ano", "desse mesmo ano"),
}

# Feasts on a fixed date: phrase -> (month, day); the latest one on or before publication.
HOLIDAYS: dict[str, dict[str, tuple[int, int]]] = {
    "en": {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
           "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31)},
    "es": {"nochebuena": (12, 24), "navidad": (12, 25), "el día de navidad": (12, 25),
           "nochevieja": (12, 31), "el día de muertos": (11, 2), "el día de los muertos": (11, 2),
           "el día de reyes": (1, 6)},
    "pt": {"véspera de natal": (12, 24), "natal": (12, 25), "dia de natal": (12, 25),
           "réveillon": (12, 31), "dia de finados": (11, 2)},
}
