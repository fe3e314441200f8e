"""Event detection rules on hand-written sentences (no models: entities, times and quantities are built here).

Every sentence below was written for these tests.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from crimegraph.extract.entities import MentionIndex
from crimegraph.extract.events import Sentence, cues_for, detect_events, is_headline, split_paragraphs
from crimegraph.extract.quantities import QuantityExpr
from crimegraph.extract.timex import TimeExpr
from crimegraph.model import EVENT_TYPES, Entity, Mention, TimeSpan


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s|$)", text):
        chunk = text[start : m.end()]
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(start + lead, m.end(), chunk.strip()))
        start = m.end()
    return out


def _entities(text: str, spec: list[tuple[str, str]]) -> list[Entity]:
    """One entity per (surface, type); every occurrence of the surface is a mention."""
    out = []
    for i, (surface, etype) in enumerate(spec, 1):
        mentions = [Mention(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text)]
        assert mentions, surface
        out.append(Entity(f"e{i}", etype, surface, mentions))
    return out


def _time(text: str, phrase: str, start: str, end: str, granularity: str) -> TimeExpr:
    i = text.index(phrase)
    span = TimeSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end), granularity, phrase)
    return TimeExpr(i, i + len(phrase), phrase, span)


def _qty(text: str, phrase: str, value: float, unit: str, approximate: bool = False, high: float | None = None):
    i = text.index(phrase)
    return QuantityExpr(i, i + len(phrase), phrase, value, unit, approximate, None, high)


def run(text: str, lang: str, spec: list[tuple[str, str]], times=(), quantities=()):
    ents = _entities(text, spec)
    events = detect_events(text, _sentences(text), lang, MentionIndex(ents), list(times), list(quantities))
    names = {e.id: e.name for e in ents}
    return events, names


def by_type(events, etype):
    return [e for e in events if e.type == etype]


def test_every_type_has_cues_in_every_language():
    for lang in ("en", "es", "pt"):
        assert {c.type for c in cues_for(lang)} == set(EVENT_TYPES)


# One sentence per type and language: (lang, type, sentence, entities)
CASES = [
    ("en", "drug_lab", "Police destroyed a cocaine laboratory in Oruro.", [("Oruro", "place")]),
    ("en", "seizure", "Soldiers seized 300 kilos of cocaine in Tumbes.", [("cocaine", "commodity"), ("Tumbes", "place")]),
    ("en", "arrest", "Police arrested two men in Cali.", [("Cali", "place")]),
    ("en", "extradition", "Colombia extradited the trafficker to the United States.", [("United States", "place")]),
    ("en", "violence", "Gunmen killed four people in Medellin.", [("Medellin", "place")]),
    ("en", "cultivation", "Farmers planted 500 hectares of coca in Putumayo.", [("Putumayo", "place")]),
    ("en", "production", "Cocaine production rose in Peru.", [("Cocaine", "commodity"), ("Peru", "place")]),
    ("en", "trafficking_route", "Cocaine is shipped from Peru to Brazil.", [("Peru", "place"), ("Brazil", "place")]),
    ("en", "group_presence", "The Gulf Clan operates in Choco.", [("Gulf Clan", "criminal_group"), ("Choco", "place")]),
    ("en", "cooperation", "Peru and Bolivia signed a security agreement in Lima.", [("Lima", "place")]),
    ("en", "policy", "The government deployed 2,000 troops to Rosario.", [("Rosario", "place")]),
    ("en", "corruption", "Two judges took bribes from traffickers in Asuncion.", [("Asuncion", "place")]),
    ("en", "extortion_kidnapping", "A businessman was kidnapped in Quito.", [("Quito", "place")]),
    ("en", "money_laundering", "The network laundered money through shell companies in Panama.", [("Panama", "place")]),
    ("en", "illicit_market", "Illegal mining is spreading in Madre de Dios.", [("Madre de Dios", "place")]),
    ("es", "drug_lab", "La policía destruyó un laboratorio clandestino en Oruro.", [("Oruro", "place")]),
    ("es", "seizure", "Los agentes incautaron 200 kilos de cocaína en Arica.", [("cocaína", "commodity"), ("Arica", "place")]),
    ("es", "arrest", "Dos hombres fueron detenidos en Cochabamba.", [("Cochabamba", "place")]),
    ("es", "violence", "Un ganadero fue asesinado en Santa Cruz.", [("Santa Cruz", "place")]),
    ("es", "cultivation", "Hay 6.000 hectáreas de cultivos de cannabis en Amambay.", [("Amambay", "place")]),
    ("es", "extortion_kidnapping", "La extorsión a comerciantes creció en Guayaquil.", [("Guayaquil", "place")]),
    ("es", "money_laundering", "La fiscalía investiga el lavado de dinero en Tarija.", [("Tarija", "place")]),
    ("pt", "seizure", "A polícia apreendeu 500 quilos de cocaína em Corumbá.", [("cocaína", "commodity"), ("Corumbá", "place")]),
    ("pt", "arrest", "Três homens foram presos em Campo Grande.", [("Campo Grande", "place")]),
    ("pt", "violence", "Um homem foi executado a tiros em Ponta Porã.", [("Ponta Porã", "place")]),
    ("pt", "group_presence", "O PCC atua em Pedro Juan Caballero.", [("PCC", "criminal_group"), ("Pedro Juan Caballero", "place")]),
    ("pt", "illicit_market", "O garimpo ilegal avança em Roraima.", [("Roraima", "place")]),
]


@pytest.mark.parametrize("lang,etype,sentence,spec", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_type_is_found_with_its_place(lang, etype, sentence, spec):
    quantities = []
    m = re.search(r"(\d[\d.,]*) (kilos|quilos)", sentence)
    if m:
        quantities.append(_qty(sentence, m.group(0), float(m.group(1)), "kg"))
    events, names = run(sentence, lang, spec, quantities=quantities)
    found = by_type(events, etype)
    assert found, [e.type for e in events]
    places = {names[i] for r in ("location", "origin", "destination", "transit") for i in found[0].roles.get(r, [])}
    assert places, found[0].roles


@pytest.mark.parametrize(
    "lang,sentence,spec",
    [
        ("en", "Drug trafficking is a problem for every government.", []),
        ("en", "Police investigated a forensic laboratory in Lima.", [("Lima", "place")]),
        ("es", "El país enfrenta muchos problemas económicos en La Paz.", [("La Paz", "place")]),
        ("pt", "O governo discutiu o orçamento da saúde em Brasília.", [("Brasília", "place")]),
    ],
)
def test_sentences_without_events(lang, sentence, spec):
    events, _ = run(sentence, lang, spec)
    assert events == []


def test_seizure_needs_a_commodity_or_amount():
    events, _ = run("Police seized the opportunity in Lima.", "en", [("Lima", "place")])
    assert not by_type(events, "seizure")


def test_route_roles_origin_transit_destination():
    text = "The cocaine was smuggled from Bolivia through Paraguay to Brazil."
    events, names = run(text, "en", [("Bolivia", "place"), ("Paraguay", "place"), ("Brazil", "place")])
    route = by_type(events, "trafficking_route")
    assert route
    roles = {r: [names[i] for i in ids] for r, ids in route[0].roles.items()}
    assert roles["origin"] == ["Bolivia"]
    assert roles["transit"] == ["Paraguay"]
    assert roles["destination"] == ["Brazil"]


def test_spanish_route_roles():
    text = "La droga era enviada desde Perú hacia Bolivia a través de Brasil."
    events, names = run(text, "es", [("Perú", "place"), ("Bolivia", "place"), ("Brasil", "place")])
    route = by_type(events, "trafficking_route")
    assert route
    roles = {r: [names[i] for i in ids] for r, ids in route[0].roles.items()}
    assert roles.get("origin") == ["Perú"]
    assert roles.get("transit") == ["Brasil"]


@pytest.mark.parametrize("text, place, role", [
    # "de" after a place noun or a name is a genitive: where the seizure took place
    ("La Felcn decomisó 32 kilos de cocaína en una vivienda del barrio Equipetrol de Santa Cruz.", "Santa Cruz", "location"),
    ("La policía decomisó 18 kilos de cocaína en el aeropuerto de Viru Viru.", "Viru Viru", "location"),
    ("La Felcn decomisó 85 kilos de cocaína en el trópico de Cochabamba.", "Cochabamba", "location"),
    # after a verb of leaving, or alone, it is where the goods came from
    ("Decomisaron 2 toneladas de cocaína que salieron del puerto de Buenaventura.", "Buenaventura", "origin"),
    ("Decomisaron 2 toneladas de cocaína procedente de Bolivia.", "Bolivia", "origin"),
])
def test_spanish_de_before_a_place_is_genitive_after_a_place_noun(text, place, role):
    events, names = run(text, "es", [("cocaína", "commodity"), (place, "place")])
    roles = {r: [names[i] for i in ids] for r, ids in by_type(events, "seizure")[0].roles.items()}
    assert roles.get(role) == [place], roles


def test_directed_trigger_needs_a_direction():
    # "smuggled" alone is not a route; with a destination it is
    events, _ = run("The cocaine smugglers met in Lima.", "en", [("Lima", "place")])
    assert not by_type(events, "trafficking_route")
    events, _ = run("The cocaine was smuggled into Chile.", "en", [("Chile", "place")])
    assert by_type(events, "trafficking_route")


def test_weak_route_trigger_needs_more_than_in_and_is_not_a_modifier():
    # "trafficking ... in X" names where an activity happens; "trafficking groups" names actors
    events, _ = run("He pled guilty to cocaine trafficking in Texas.", "en", [("Texas", "place")])
    assert not by_type(events, "trafficking_route")
    events, _ = run("Cocaine trafficking groups from Peru met in Lima.", "en", [("Peru", "place"), ("Lima", "place")])
    assert not by_type(events, "trafficking_route")
    events, _ = run("The cocaine was trafficked from Peru by river.", "en", [("Peru", "place")])
    assert by_type(events, "trafficking_route")


def test_presence_of_a_group_named_by_a_common_noun_needs_its_own_place():
    events, names = run("Foreign traffickers are increasingly active in Tarija.", "en", [("Tarija", "place")])
    presence = by_type(events, "group_presence")
    assert presence and [names[i] for i in presence[0].roles["location"]] == ["Tarija"]
    events, _ = run("Agents raided a ranch in Tarija. Foreign traffickers are active there.", "en", [("Tarija", "place")])
    assert not by_type(events, "group_presence")


def test_agents_and_subjects():
    text = "The FELCN arrested Jorge Perez in Beni."
    events, names = run(text, "en", [("FELCN", "state_agency"), ("Jorge Perez", "person"), ("Beni", "place")])
    arrest = by_type(events, "arrest")[0]
    assert [names[i] for i in arrest.roles["agent"]] == ["FELCN"]
    assert [names[i] for i in arrest.roles["subject"]] == ["Jorge Perez"]


def test_place_from_an_earlier_sentence_when_the_sentence_refers_back():
    text = "Agents raided a ranch in Beni on Monday. They destroyed the laboratory there."
    events, names = run(text, "en", [("Beni", "place")])
    lab = by_type(events, "drug_lab")
    assert lab and [names[i] for i in lab[0].roles["location"]] == ["Beni"]


def test_place_is_not_carried_across_paragraphs():
    text = "Agents raided a ranch in Beni. Nobody was there.\n\nThey destroyed the laboratory."
    events, _ = run(text, "en", [("Beni", "place")])
    lab = by_type(events, "drug_lab")
    assert lab and "location" not in lab[0].roles


def test_wire_copy_carries_place_and_time_over_a_one_sentence_paragraph():
    # wire stories write one sentence per paragraph: the story runs on across the break
    text = "Agents raided a ranch in Beni on Monday.\n\nThey destroyed the laboratory."
    times = [_time(text, "on Monday", "2013-05-13", "2013-05-13", "day")]
    events, names = run(text, "en", [("Beni", "place")], times=times)
    lab = by_type(events, "drug_lab")[0]
    assert [names[i] for i in lab.roles["location"]] == ["Beni"]
    assert lab.time is not None and lab.time.start == dt.date(2013, 5, 13)


def test_time_is_not_carried_after_a_longer_paragraph():
    text = "Agents raided a ranch in Beni on Monday. Nobody was there.\n\nThey destroyed a laboratory in Pando."
    times = [_time(text, "on Monday", "2013-05-13", "2013-05-13", "day")]
    events, _ = run(text, "en", [("Beni", "place"), ("Pando", "place")], times=times)
    (lab,) = [ev for ev in by_type(events, "drug_lab") if ev.evidence[0].start >= text.index("They")]
    assert lab.time is None


def test_headline_is_not_evidence():
    assert is_headline("Police Arrest Gang Leader in Lima")
    assert not is_headline("Police arrested a gang leader in Lima on Monday.")
    text = "Police Arrest Gang Leader in Lima. Police arrested the leader of a gang in Lima on Monday."
    events, _ = run(text, "en", [("Lima", "place")])
    arrests = by_type(events, "arrest")
    assert len(arrests) == 1 and arrests[0].evidence[0].start > 0


def test_activity_lists_are_not_occurrences():
    text = "The gang is involved in drug trafficking, extortion and kidnapping in Lima."
    events, _ = run(text, "en", [("Lima", "place")])
    assert not by_type(events, "extortion_kidnapping")


def test_time_before_the_trigger_wins_over_a_later_one():
    text = "Police on Wednesday dismantled the largest cocaine laboratory found in Beni this year."
    times = [
        _time(text, "on Wednesday", "2013-05-15", "2013-05-15", "day"),
        _time(text, "this year", "2013-01-01", "2013-05-16", "range"),
    ]
    events, _ = run(text, "en", [("Beni", "place")], times=times)
    lab = by_type(events, "drug_lab")[0]
    assert lab.time is not None and lab.time.start == dt.date(2013, 5, 15)


def test_a_term_of_office_gives_way_to_another_time_in_the_sentence():
    text = "Under Chavez, troops seized 2 tons of cocaine in Zulia in 2012."
    chavez = _time(text, "Under Chavez", "1999-02-02", "2013-03-05", "range")
    chavez = TimeExpr(chavez.start, chavez.end, chavez.text, chavez.span, term=True)
    times = [chavez, _time(text, "in 2012", "2012-01-01", "2012-12-31", "year")]
    events, _ = run(text, "en", [("cocaine", "commodity"), ("Zulia", "place")], times=times)
    assert by_type(events, "seizure")[0].time.start == dt.date(2012, 1, 1)
    # alone in its sentence, the term dates the event
    events, _ = run(text, "en", [("cocaine", "commodity"), ("Zulia", "place")], times=[chavez])
    assert by_type(events, "seizure")[0].time.start == dt.date(1999, 2, 2)


def test_time_of_the_statement_does_not_date_the_event():
    text = "Seven people died in a massacre in Tumaco, police said on Tuesday."
    times = [_time(text, "on Tuesday", "2013-05-14", "2013-05-14", "day")]
    events, _ = run(text, "en", [("Tumaco", "place")], times=times)
    assert by_type(events, "violence")[0].time is None


@pytest.mark.parametrize("text,base,target", [
    ("Homicides in Monterrey rose six-fold, from 112 in 2009 to 604 in 2010.", "in 2009", "in 2010"),
    ("Coca cultivation in Narino fell from 64,000 hectares in 2011 to 48,000 in 2012.", "in 2011", "2012"),
])
def test_a_comparison_dates_the_event_by_its_new_value(text, base, target):
    y0, y1 = int(base[-4:]), int(target[-4:])
    times = [_time(text, base, f"{y0}-01-01", f"{y0}-12-31", "year"),
             _time(text, target, f"{y1}-01-01", f"{y1}-12-31", "year")]
    place = "Monterrey" if "Monterrey" in text else "Narino"
    events, _ = run(text, "en", [(place, "place"), ("Coca", "commodity")] if "Coca" in text else [(place, "place")],
                    times=times)
    assert events and all(ev.time.start == dt.date(y1, 1, 1) for ev in events), [ev.time for ev in events]


def test_an_article_after_from_is_not_the_target_of_the_comparison():
    # "from a previous record of ... in 2016" holds the article "a": 2016 is still the baseline
    text = "Cocaine production in Colombia rose from a previous record of 900 tons in 2016 to 1,200 in 2017."
    times = [_time(text, "in 2016", "2016-01-01", "2016-12-31", "year"),
             _time(text, "in 2017", "2017-01-01", "2017-12-31", "year")]
    events, _ = run(text, "en", [("Colombia", "place"), ("Cocaine", "commodity")], times=times)
    assert events and all(ev.time.start == dt.date(2017, 1, 1) for ev in events), [ev.time for ev in events]


def _since(text: str, phrase: str, year: int, published: dt.date) -> TimeExpr:
    """A "since" expression as timex gives it: the range up to publication, anchored at the year."""
    i = text.index(phrase)
    return TimeExpr(i, i + len(phrase), phrase, TimeSpan(dt.date(year, 1, 1), published, "range", phrase),
                    TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", phrase))


@pytest.mark.parametrize("text,lang", [
    ("The trafficker had been on the run since 2012, when he was arrested in Callao.", "en"),
    ("El narcotraficante estaba prófugo desde 2012, cuando fue detenido en Callao.", "es"),
])
def test_since_x_when_dates_the_clause_to_x(text, lang):
    since = _since(text, "since 2012" if lang == "en" else "desde 2012", 2012, dt.date(2016, 8, 3))
    events, _ = run(text, lang, [("Callao", "place")], times=[since])
    arrest = by_type(events, "arrest")[0]
    assert (arrest.time.start, arrest.time.end) == (dt.date(2012, 1, 1), dt.date(2012, 12, 31))


def test_a_trigger_inside_a_dated_since_clause_takes_its_date():
    text = "On Wednesday Bolivia made its first extradition since the government expelled the DEA from Chapare in 2008."
    since = _since(text, "since the government expelled the DEA from Chapare in 2008", 2008, dt.date(2014, 6, 5))
    wednesday = _time(text, "On Wednesday", "2014-06-04", "2014-06-04", "day")
    events, _ = run(text, "en", [("Chapare", "place"), ("DEA", "state_agency")], times=[wednesday, since])
    expelled = [ev for ev in events if ev.trigger.start > since.start]
    assert expelled and all((ev.time.start, ev.time.end) == (dt.date(2008, 1, 1), dt.date(2008, 12, 31))
                            for ev in expelled), [(ev.type, ev.time) for ev in events]


def test_since_x_without_when_keeps_the_range():
    text = "Mexican cartels have had a presence in Quito since 2012."
    since = _since(text, "since 2012", 2012, dt.date(2016, 8, 3))
    events, _ = run(text, "en", [("Quito", "place"), ("Mexican cartels", "criminal_group")], times=[since])
    presence = by_type(events, "group_presence")[0]
    assert (presence.time.start, presence.time.end) == (dt.date(2012, 1, 1), dt.date(2016, 8, 3))


def test_undated_lead_takes_the_date_stated_next():
    text = ("Soldiers seized 40 tons of marijuana in Tijuana. "
            "Acting on a tip, they raided a warehouse there on May 1, the army said.")
    times = [_time(text, "on May 1", "2012-05-01", "2012-05-01", "day")]
    events, _ = run(text, "en", [("Tijuana", "place"), ("marijuana", "commodity")], times=times,
                    quantities=[_qty(text, "40 tons", 40, "t")])
    seizure = by_type(events, "seizure")[0]
    assert seizure.evidence[0].start == 0 and seizure.time.start == dt.date(2012, 5, 1)


def test_only_sentences_before_the_first_date_look_ahead():
    text = ("Police arrested two men in Lima on Monday. Agents also seized 40 kilos of cocaine in Callao. "
            "The drugs were bound for Spain, where a buyer was arrested on Tuesday.")
    times = [_time(text, "on Monday", "2013-05-13", "2013-05-13", "day"),
             _time(text, "on Tuesday", "2013-05-14", "2013-05-14", "day")]
    events, _ = run(text, "en", [("Lima", "place"), ("Callao", "place"), ("cocaine", "commodity"),
                                 ("Spain", "place")], times=times, quantities=[_qty(text, "40 kilos", 40, "kg")])
    seizure = by_type(events, "seizure")[0]
    # the seizure sentence follows a dated one: it may inherit that date, never the one after it
    assert seizure.time is None or seizure.time.start == dt.date(2013, 5, 13)


def test_dateline_does_not_date_an_undated_lead():
    text = "Quito, Mar 3 (EFE).- Police arrested four men in Manta. Nobody was hurt."
    times = [_time(text, "Mar 3", "2015-03-03", "2015-03-03", "day")]
    events, _ = run(text, "en", [("Manta", "place")], times=times)
    assert by_type(events, "arrest")[0].time is None


@pytest.mark.parametrize("text,release", [
    ("Estimates released by the US drug office in June put coca cultivation in Colombia at 200,000 hectares "
     "in 2017.", "in June"),
    ("A March 2014 report counted 50,000 hectares of coca cultivation in Colombia in 2013.", "March 2014"),
    ("The 2018 World Drug Report counted 50,000 hectares of coca cultivation in Colombia in 2013.", "2018"),
])
def test_the_release_of_a_report_does_not_date_its_figures(text, release):
    y = 2017 if "2017" in text else 2013
    year = f"in {y}"
    times = [_time(text, release, "2018-06-01", "2018-06-30", "month"),
             _time(text, year, f"{y}-01-01", f"{y}-12-31", "year")]
    events, _ = run(text, "en", [("Colombia", "place"), ("coca", "commodity")], times=times)
    cultivation = by_type(events, "cultivation")[0]
    assert cultivation.time.start == dt.date(y, 1, 1)


def test_narrative_time_runs_on_for_two_sentences():
    text = ("Gunmen attacked a bar in Celaya on Saturday. The owner had refused to pay. "
            "Police later arrested two men in Celaya. Nobody else was hurt. Nothing was stolen. "
            "Soldiers arrested a third man in Celaya.")
    times = [_time(text, "on Saturday", "2013-05-11", "2013-05-11", "day")]
    events, _ = run(text, "en", [("Celaya", "place")], times=times)
    first, last = sorted(by_type(events, "arrest"), key=lambda ev: ev.evidence[0].start)
    assert first.time is not None and first.time.start == dt.date(2013, 5, 11)
    assert last.time is None  # four sentences after the last stated time


def test_the_narrative_runs_on_with_the_day_not_the_year_that_contains_it():
    text = ("Police seized two tons of cocaine in Colchane on Monday, one of the largest hauls this year. "
            "The driver was arrested at the scene in Colchane.")
    times = [_time(text, "on Monday", "2014-02-10", "2014-02-10", "day"),
             _time(text, "this year", "2014-01-01", "2014-02-12", "range")]
    events, _ = run(text, "en", [("Colchane", "place"), ("cocaine", "commodity")], times=times)
    assert by_type(events, "arrest")[0].time.start == dt.date(2014, 2, 10)


def test_the_narrative_does_not_run_on_with_the_baseline_of_a_comparison():
    text = ("Uruguay recorded 218 homicides in Montevideo during the first half of 2018, up from 131 during the "
            "same period last year. Officials said 40 percent of these homicides in Montevideo were related to gangs.")
    times = [_time(text, "during the first half of 2018", "2018-01-01", "2018-06-30", "range"),
             _time(text, "during the same period last year", "2017-01-01", "2017-06-30", "range")]
    events, _ = run(text, "en", [("Montevideo", "place")], times=times)
    last = max(by_type(events, "violence"), key=lambda ev: ev.evidence[0].start)
    assert last.time.start == dt.date(2018, 1, 1)


def test_a_short_phrase_may_stand_between_the_trigger_and_its_time():
    text = "Extraditado desde Colombia en 2012, fue detenido en ese país en 2009 por narcotráfico."
    times = [_time(text, "en 2012", "2012-01-01", "2012-12-31", "year"),
             _time(text, "en 2009", "2009-01-01", "2009-12-31", "year")]
    events, _ = run(text, "es", [("Colombia", "place")], times=times)
    assert by_type(events, "arrest")[0].time.start == dt.date(2009, 1, 1)
    assert by_type(events, "extradition")[0].time.start == dt.date(2012, 1, 1)


def test_time_right_after_the_trigger_wins():
    text = "Ayer, agentes de la Felcn informaron que un coronel fue aprehendido el lunes en Sucre."
    times = [
        _time(text, "Ayer", "2014-07-22", "2014-07-22", "day"),
        _time(text, "el lunes", "2014-07-21", "2014-07-21", "day"),
    ]
    events, _ = run(text, "es", [("Sucre", "place")], times=times)
    assert by_type(events, "arrest")[0].time.start == dt.date(2014, 7, 21)


def test_a_time_that_modifies_the_trigger_noun_dates_it():
    # "the January 2008 arrest of X and December 2009 death of Y": the arrest is of January 2008,
    # though "December 2009" follows the trigger more closely
    text = "The gang was reeling after the January 2008 arrest of Alfredo in Culiacan and December 2009 death of Arturo."
    times = [_time(text, "January 2008", "2008-01-01", "2008-01-31", "month"),
             _time(text, "December 2009", "2009-12-01", "2009-12-31", "month")]
    events, _ = run(text, "en", [("Culiacan", "place")], times=times)
    assert by_type(events, "arrest")[0].time.start == dt.date(2008, 1, 1)


def test_dateline_does_not_date_the_event():
    text = "Quito, Mar 3 (EFE).- Police arrested four men in Manta."
    times = [_time(text, "Mar 3", "2015-03-03", "2015-03-03", "day")]
    events, _ = run(text, "en", [("Manta", "place")], times=times)
    assert by_type(events, "arrest")[0].time is None


def test_day_earlier_in_the_clause_beats_a_containing_year():
    text = ("Police on Wednesday raided the largest cocaine laboratory found in Beni this year, "
            "and arrested three men.")
    times = [
        _time(text, "on Wednesday", "2013-05-15", "2013-05-15", "day"),
        _time(text, "this year", "2013-01-01", "2013-05-16", "range"),
    ]
    events, _ = run(text, "en", [("Beni", "place")], times=times)
    assert by_type(events, "arrest")[0].time.start == dt.date(2013, 5, 15)


def test_time_after_said_that_dates_the_event():
    text = "El comandante dijo que en 2013 se registraron 14 secuestros en Santa Cruz."
    times = [_time(text, "en 2013", "2013-01-01", "2013-12-31", "year")]
    events, _ = run(text, "es", [("Santa Cruz", "place")], times=times)
    assert by_type(events, "extortion_kidnapping")[0].time.start == dt.date(2013, 1, 1)


def test_quantity_units_by_type():
    text = "Gunmen killed 12 people in Tumaco."
    events, _ = run(text, "en", [("Tumaco", "place")], quantities=[_qty(text, "12 people", 12, "people")])
    violence = by_type(events, "violence")[0]
    assert violence.quantity.unit == "deaths" and violence.quantity.value == 12


def test_quantity_range_keeps_the_lower_bound():
    # the annotations report a range by its lower bound (docs/annotation.md, section 8)
    text = "Each plane carries 300 to 400 kilos of cocaine from Peru to Bolivia."
    q = _qty(text, "300 to 400 kilos", 300, "kg", high=400)
    events, _ = run(text, "en", [("cocaine", "commodity"), ("Peru", "place"), ("Bolivia", "place")], quantities=[q])
    route = by_type(events, "trafficking_route")[0]
    assert route.quantity.value == 300 and route.quantity.unit == "kg"


def test_restatement_is_kept_once():
    text = "Police arrested five men in Cali. The five men were arrested in Cali."
    events, _ = run(text, "en", [("Cali", "place")])
    assert len(by_type(events, "arrest")) == 1


def test_blank_line_ends_a_sentence():
    text = "Five men were arrested in a later raid\n\nInvestigators say the drug came from Peru."
    pieces = split_paragraphs([Sentence(0, len(text), text)])
    assert [(p.start, p.end, p.text) for p in pieces] == [
        (0, 38, "Five men were arrested in a later raid"),
        (40, len(text), "Investigators say the drug came from Peru."),
    ]
    assert all(text[p.start : p.end] == p.text for p in pieces)


def test_found_with_a_decimal_amount_is_a_seizure():
    text = "Anti-drug agents found 1.1 tons of cocaine on a barge in Villeta."
    q = _qty(text, "1.1 tons", 1100, "kg")
    events, _ = run(text, "en", [("cocaine", "commodity"), ("Villeta", "place")], quantities=[q])
    assert len(by_type(events, "seizure")) == 1


def spanish_triggers(sentence: str, place: str, etype: str) -> list[str]:
    """The trigger texts of the ``etype`` events found in a Spanish sentence that names ``place``."""
    events, _ = run(sentence, "es", [(place, "place")])
    return [sentence[e.trigger.start : e.trigger.end] for e in by_type(events, etype)]


@pytest.mark.parametrize("sentence", [
    "Agentes estatales apresaron a dos hombres armados en Fresnillo.",
    "La policía recapturó en Jerez a un reo que se había fugado.",
])
def test_spanish_arrest_verbs_apresar_and_recapturar(sentence):
    place = "Fresnillo" if "Fresnillo" in sentence else "Jerez"
    (trigger,) = spanish_triggers(sentence, place, "arrest")
    assert trigger.lower().startswith(("apres", "recaptur"))


@pytest.mark.parametrize("sentence, trigger", [
    ("Veinte kilos de cocaína fueron asegurados por soldados en Guadalupe.", "fueron asegurados"),
    ("La Marina interceptó 300 kilos de cocaína frente a Manzanillo.", "interceptó"),
])
def test_spanish_seizure_passive_asegurados_and_interceptar(sentence, trigger):
    place = "Guadalupe" if "Guadalupe" in sentence else "Manzanillo"
    amount = "Veinte kilos" if sentence.startswith("Veinte") else "300 kilos"
    value = 20 if sentence.startswith("Veinte") else 300
    events, _ = run(sentence, "es", [(place, "place"), ("cocaína", "commodity")],
                    quantities=[_qty(sentence, amount, value, "kg")])
    seizures = by_type(events, "seizure")
    assert len(seizures) == 1
    assert sentence[seizures[0].trigger.start : seizures[0].trigger.end] == trigger
    assert seizures[0].quantity is not None and seizures[0].quantity.value == value


def test_spanish_seizure_passive_needs_an_amount_or_commodity():
    assert spanish_triggers("Los documentos fueron asegurados en Guadalupe.", "Guadalupe", "seizure") == []


@pytest.mark.parametrize("sentence", [
    "Dos policías perdieron la vida en un camino de Zitácuaro.",
    "Un comerciante murió tras recibir varios disparos en Zitácuaro.",
    "Los agentes abatieron a tres atacantes en Zitácuaro.",
    "Desconocidos apuñalaron a un taxista en Zitácuaro.",
    "Un grupo armado lanzó una granada contra la comandancia de Zitácuaro.",
])
def test_spanish_violence_death_and_attack_verbs(sentence):
    events, names = run(sentence, "es", [("Zitácuaro", "place")])
    violence = by_type(events, "violence")
    assert len(violence) == 1
    assert [names[i] for i in violence[0].roles["location"]] == ["Zitácuaro"]


def test_spanish_perdio_la_vida_is_the_whole_trigger():
    assert spanish_triggers("Un soldado perdió la vida en Zitácuaro.", "Zitácuaro", "violence") == ["perdió la vida"]


@pytest.mark.parametrize("sentence, trigger", [
    ("Ayer fueron desplegados 800 soldados en Culiacán para vigilar las carreteras.", "fueron desplegados"),
    ("El congreso de Uruguay legalizó la venta de marihuana en farmacias de Montevideo.", "legalizó"),
    ("La fiscalía ofreció una recompensa por el paradero de un jefe de plaza de Culiacán.", "ofreció una recompensa"),
    ("Esta mañana arribaron unos 500 efectivos federales a Culiacán.", "arribaron unos 500 efectivos"),
])
def test_spanish_policy_deployments_legalization_and_rewards(sentence, trigger):
    place = "Montevideo" if "Montevideo" in sentence else "Culiacán"
    assert spanish_triggers(sentence, place, "policy") == [trigger]


def test_spanish_arrival_without_forces_is_not_a_deployment():
    assert spanish_triggers("Esta mañana arribaron unos 500 turistas a Culiacán.", "Culiacán", "policy") == []


@pytest.mark.parametrize("sentence, trigger", [
    ("La fiscalía investiga al alcalde de Uruapan por sus nexos con el crimen organizado.", "nexos con el crimen organizado"),
    ("Un diputado acusó al jefe policial de Uruapan de estar involucrado con la delincuencia organizada.",
     "involucrado con la delincuencia organizada"),
    ("Según el testigo, el exalcalde de Uruapan negoció con el narcotráfico una tregua.", "negoció con el narcotráfico"),
    ("El general fue procesado en Uruapan por actos de protección al cártel.", "protección al cártel"),
])
def test_spanish_corruption_ties_to_organized_crime(sentence, trigger):
    assert spanish_triggers(sentence, "Uruapan", "corruption") == [trigger]


def test_spanish_ties_to_a_neighbour_are_not_corruption():
    sentence = "El alcalde de Uruapan mantiene lazos con el gobierno vecino."
    assert spanish_triggers(sentence, "Uruapan", "corruption") == []


# --- one event per place and period (docs/annotation.md, sections 3-4) ---------------------------------------


def _places_of(ev, names):
    return sorted(names[i] for r in ("location", "origin", "destination", "transit") for i in ev.roles.get(r, []))


def test_figures_for_two_places_are_two_events():
    text = "Last month there were 40 homicides in Leon, and 75 in the state of Guanajuato."
    q = [_qty(text, "40 homicides", 40, "homicides"), _qty(text, "75", 75, "deaths")]
    events, names = run(text, "en", [("Leon", "place"), ("Guanajuato", "place")], quantities=q)
    viol = sorted(by_type(events, "violence"), key=lambda e: e.quantity.value)
    assert [(e.quantity.value, e.quantity.unit, _places_of(e, names)) for e in viol] == [
        (40, "deaths", ["Leon"]), (75, "deaths", ["Guanajuato"])]


def test_a_figure_and_its_baseline_period_are_two_events():
    text = "Police recorded 210 murders in Tegucigalpa in 2015, down from 260 in 2014."
    t = [_time(text, "2015", "2015-01-01", "2015-12-31", "year"), _time(text, "2014", "2014-01-01", "2014-12-31", "year")]
    q = [_qty(text, "210 murders", 210, "deaths"), _qty(text, "260", 260, "deaths")]
    events, names = run(text, "en", [("Tegucigalpa", "place")], times=t, quantities=q)
    viol = sorted(by_type(events, "violence"), key=lambda e: e.time.start)
    assert [(e.quantity.value, e.time.start.year, _places_of(e, names)) for e in viol] == [
        (260, 2014, ["Tegucigalpa"]), (210, 2015, ["Tegucigalpa"])]


def test_a_date_after_a_clause_break_belongs_to_the_next_figure():
    text = "En 2013 se registraron 500 homicidios en Sonora, mientras que en 2012 la cifra fue de 430."
    t = [_time(text, "2013", "2013-01-01", "2013-12-31", "year"), _time(text, "2012", "2012-01-01", "2012-12-31", "year")]
    q = [_qty(text, "500 homicidios", 500, "deaths"), _qty(text, "430", 430, "deaths")]
    events, _ = run(text, "es", [("Sonora", "place")], times=t, quantities=q)
    pairs = sorted((e.time.start.year, e.quantity.value) for e in by_type(events, "violence"))
    assert pairs == [(2012, 430), (2013, 500)]


def test_places_without_their_own_figures_stay_one_event():
    text = "The Gulf Clan operates in Choco, Antioquia and Cordoba."
    spec = [("Gulf Clan", "criminal_group"), ("Choco", "place"), ("Antioquia", "place"), ("Cordoba", "place")]
    events, names = run(text, "en", spec)
    presence = by_type(events, "group_presence")
    assert len(presence) == 1
    assert _places_of(presence[0], names) == ["Antioquia", "Choco", "Cordoba"]


def test_figures_of_one_occurrence_stay_one_event():
    # two measures of one seizure (tons and kilos), and a conversion in brackets, are not two events
    text = "Police seized 2 tons of marijuana and 300 kilos of cocaine in Arica."
    q = [_qty(text, "2 tons", 2, "t"), _qty(text, "300 kilos", 300, "kg")]
    events, _ = run(text, "en", [("marijuana", "commodity"), ("cocaine", "commodity"), ("Arica", "place")], quantities=q)
    assert len(by_type(events, "seizure")) == 1
    text = "Gangs earned 90 million pesos (about $30,000) a week from extortion in Cucuta."
    q = [_qty(text, "90 million pesos", 90e6, "pesos"), _qty(text, "$30,000", 30000, "usd")]
    events, _ = run(text, "en", [("Cucuta", "place")], quantities=q)
    assert len(by_type(events, "extortion_kidnapping")) == 1


def test_doses_seized_are_counted_as_units():
    # docs/annotation.md, section 8: counts of objects are units ("51 dosis de mariguana")
    text = "La policía aseguró 51 dosis de mariguana en Fresnillo."
    q = [_qty(text, "51 dosis", 51, "doses")]
    events, _ = run(text, "es", [("mariguana", "commodity"), ("Fresnillo", "place")], quantities=q)
    qty = by_type(events, "seizure")[0].quantity
    assert (qty.value, qty.unit) == (51, "units")


def test_figures_sharing_place_and_date_stay_one_event():
    text = "In March, 12 people were wounded and 5 killed in Rosario."
    t = [_time(text, "March", "2020-03-01", "2020-03-31", "month")]
    q = [_qty(text, "12 people", 12, "people"), _qty(text, "5", 5, "deaths")]
    events, _ = run(text, "en", [("Rosario", "place")], times=t, quantities=q)
    assert len(by_type(events, "violence")) == 1


# --- paraphrases added to the cue lexicon (each sentence written for these tests) ----------------------------

PARAPHRASES = [
    ("en", "policy", "The State Department offered a $2 million reward for the capture of the Tucan.", "offered a $2 million reward", []),
    ("en", "policy", "A massive manhunt for the escaped boss continues in Sonora.", "manhunt", [("Sonora", "place")]),
    ("en", "policy", "A judge in Quito issued an arrest warrant for the former minister.", "issued an arrest warrant", [("Quito", "place")]),
    ("en", "policy", "The president declared a state of siege in Alta Verapaz.", "state of siege", [("Alta Verapaz", "place")]),
    ("en", "policy", "Soldiers destroyed 14 clandestine airstrips in Beni.", "destroyed 14 clandestine airstrips", [("Beni", "place")]),
    ("en", "policy", "Over 2,000 prisoners were released in Caracas.", "prisoners were released", [("Caracas", "place")]),
    ("en", "policy", "The gang leader was transferred to a maximum security prison in Tocoron.", "transferred to a maximum security prison", [("Tocoron", "place")]),
    ("en", "policy", "Treasury added three Sinaloa accountants to its Kingpin List.", "Kingpin List", []),
    ("en", "policy", "The embassy issued a travel warning for Tamaulipas.", "travel warning", [("Tamaulipas", "place")]),
    ("es", "policy", "Washington incluyó a dos empresas de Culiacán en la lista negra.", "lista negra", [("Culiacán", "place")]),
    ("en", "illicit_market", "Rifles taken from army depots end up on the black market in Tegucigalpa.", "black market", [("Tegucigalpa", "place")]),
    ("en", "illicit_market", "Gun smuggling across the border into Guatemala has grown.", "Gun smuggling", [("Guatemala", "place")]),
    ("en", "illicit_market", "Two sergeants sold grenades to a gang in San Salvador.", "sold grenades", [("San Salvador", "place")]),
    ("en", "illicit_market", "Poachers smuggled hundreds of parrots out of Bolivia.", "smuggled hundreds of parrots", [("Bolivia", "place")]),
    ("en", "illicit_market", "Cargo theft on the highways of Puebla keeps rising.", "Cargo theft", [("Puebla", "place")]),
    ("en", "illicit_market", "A gang controls retail drug sales in the Lima district of Comas.", "retail drug sales", [("Comas", "place")]),
    ("es", "illicit_market", "La policía investiga la venta ilegal de armas en Guayaquil.", "venta ilegal", [("Guayaquil", "place")]),
    ("en", "cooperation", "Honduras received $40 million in US security aid this year.", "security aid", [("Honduras", "place")]),
    ("en", "cooperation", "Brazil will provide technical assistance to Bolivia on border radars.", "technical assistance", [("Bolivia", "place")]),
    ("en", "group_presence", "A criminal group operates in the port of Bluefields.", "operates", [("Bluefields", "place")]),
    ("en", "group_presence", "The Sierra Madre is home to the Sinaloa Cartel.", "home to", [("Sierra Madre", "place"), ("Sinaloa Cartel", "criminal_group")]),
    ("en", "group_presence", "Barrio 18 has increased its presence in Villa Nueva.", "increased its presence", [("Barrio 18", "criminal_group"), ("Villa Nueva", "place")]),
    ("es", "group_presence", "Los Rastrojos tienen su base de operaciones en Cúcuta.", "base de operaciones", [("Los Rastrojos", "criminal_group"), ("Cúcuta", "place")]),
    ("en", "group_presence", "Southern Sinaloa was long the domain of the Beltran Leyva Organization.", "the domain of", [("Sinaloa", "place"), ("Beltran Leyva Organization", "criminal_group")]),
    ("en", "group_presence", "Remnants of the Rastrojos remain active in Narino.", "remain active", [("Rastrojos", "criminal_group"), ("Narino", "place")]),
    ("en", "corruption", "Two officers in Tumaco were caught protecting drug traffickers.", "protecting drug traffickers", [("Tumaco", "place")]),
    ("en", "corruption", "Three judges in Cartagena were accused of releasing gang members.", "judges in Cartagena were accused of", [("Cartagena", "place")]),
    ("en", "corruption", "Prison guards in Apodaca were complicit in the escape.", "complicit", [("Apodaca", "place")]),
    ("es", "corruption", "El exgobernador de Tabasco fue acusado de peculado.", "peculado", [("Tabasco", "place")]),
    ("en", "corruption", "A senator from Antioquia faces allegations of drug ties.", "allegations of drug ties", [("Antioquia", "place")]),
    ("es", "corruption", "Un comandante de Reynosa recibió sobornos del Cártel del Golfo.", "recibió sobornos del", [("Reynosa", "place")]),
    ("en", "extortion_kidnapping", "The gunmen held four engineers as hostages near Tumaco.", "hostages", [("Tumaco", "place")]),
    ("en", "extortion_kidnapping", "The militia charges bus drivers weekly fees in Sao Goncalo.", "charges bus drivers weekly fees", [("Sao Goncalo", "place")]),
    ("en", "violence", "Two journalists were found dead outside Acapulco.", "found dead", [("Acapulco", "place")]),
    ("en", "violence", "Officials expect a wave of violence in Zacatecas after the arrest.", "wave of violence", [("Zacatecas", "place")]),
    ("en", "policy", "The government created a special police unit in Tegucigalpa.", "created a special police unit", [("Tegucigalpa", "place")]),
    ("es", "policy", "El gobernador inauguró una base de la Guardia Estatal en Fresnillo.", "inauguró", [("Fresnillo", "place")]),
    ("en", "trafficking_route", "The port of Guayaquil has become a launching point for cocaine bound for Europe.", "launching point", [("Guayaquil", "place"), ("Europe", "place")]),
    ("en", "trafficking_route", "Police counted 60 clandestine airstrips for cocaine flights in Beni.", "clandestine airstrips", [("Beni", "place")]),
    ("en", "trafficking_route", "The network moved the cocaine by truck to Santos.", "moved the cocaine by truck to", [("Santos", "place")]),
    ("es", "trafficking_route", "El puerto de Manzanillo es clave para el trasiego de cocaína.", "trasiego de cocaína", [("Manzanillo", "place")]),
    ("es", "trafficking_route", "Crece el trasiego de cocaína en Manzanillo.", "trasiego de cocaína", [("Manzanillo", "place")]),
]


@pytest.mark.parametrize("lang,etype,sentence,trigger,spec", PARAPHRASES,
                         ids=[f"{p[0]}-{p[1]}-{p[3]}" for p in PARAPHRASES])
def test_paraphrase_cues(lang, etype, sentence, trigger, spec):
    spec = spec + [(w, "commodity") for w in ("cocaína", "cocaine") if w in sentence]
    events, _ = run(sentence, lang, spec)
    found = by_type(events, etype)
    assert found, [e.type for e in events]
    assert sentence[found[0].trigger.start : found[0].trigger.end] == trigger


@pytest.mark.parametrize("lang,sentence", [
    ("es", "De acuerdo con la policía, el barco salió de Buenaventura."),
    ("pt", "De acordo com a polícia, o barco saiu de Santos."),
    ("es", "La acusada llegó a un acuerdo con la fiscalía de Miami."),
])
def test_according_to_and_plea_deals_are_not_cooperation(lang, sentence):
    place = next(p for p in ("Buenaventura", "Santos", "Miami") if p in sentence)
    events, _ = run(sentence, lang, [(place, "place")])
    assert not by_type(events, "cooperation")


@pytest.mark.parametrize("lang,sentence,place,etype", [
    ("en", "The cartel's strategy in Sinaloa is to buy off local police.", "Sinaloa", "policy"),
    ("en", "Activists in Montevideo debated the legalization of cannabis.", "Montevideo", "policy"),
    ("en", "Officials in Lima were tasked with writing a report.", "Lima", "policy"),
    ("es", "La estrategia de los Zetas en Coahuila fue sembrar el terror.", "Coahuila", "policy"),
    ("es", "El límite entre ambos estados pasa por Torreón.", "Torreón", "policy"),
    ("en", "Most of the cocaine produced in Peru is sold in Brazil.", "Peru", "production"),
])
def test_generic_words_are_not_policy_or_production(lang, sentence, place, etype):
    spec = [(place, "place")] + ([("cocaine", "commodity")] if "cocaine" in sentence else [])
    events, _ = run(sentence, lang, spec)
    assert not by_type(events, etype)


def test_reach_alone_is_not_presence():
    events, _ = run("The Sinaloa Cartel is within reach of the army in Culiacan.", "en",
                    [("Sinaloa Cartel", "criminal_group"), ("Culiacan", "place")])
    assert not by_type(events, "group_presence")


@pytest.mark.parametrize("sentence, lang, etype, expected", [
    # a charge is not an occurrence of the crime
    ("The mayor of Toluca was charged with kidnapping and extortion on Monday.", "en", "extortion_kidnapping", 0),
    ("A court in Toluca sentenced the man, who was wanted for drug trafficking, kidnapping and theft.", "en", "extortion_kidnapping", 0),
    ("Police in Toluca arrested three men on kidnapping charges.", "en", "extortion_kidnapping", 0),
    ("Los tres hombres detenidos en Toluca fueron acusados de secuestro y extorsión.", "es", "extortion_kidnapping", 0),
    ("Un juez de Toluca dictó formal prisión al sujeto, procesado por secuestro agravado.", "es", "extortion_kidnapping", 0),
    ("El hombre fue detenido en Toluca por los delitos de homicidio calificado, secuestro y extorsión.", "es", "extortion_kidnapping", 0),
    # nor is a unit, a law or a purpose named after it
    ("The Special Kidnapping Unit of the police in Toluca presented its annual report.", "en", "extortion_kidnapping", 0),
    ("The National Anti-Extortion Force opened an office in Toluca.", "en", "extortion_kidnapping", 0),
    ("A police unit formed to combat extortion in Toluca published its figures.", "en", "extortion_kidnapping", 0),
    ("Congress in Toluca passed a new extortion law.", "en", "extortion_kidnapping", 0),
    ("La Fiscalía Especializada en Secuestro abrió una oficina en Toluca.", "es", "extortion_kidnapping", 0),
    ("El gobernador anunció en Toluca un plan de lucha contra el secuestro.", "es", "extortion_kidnapping", 0),
    # but neither hides an occurrence stated with it
    ("He was accused of the kidnapping of two students in Toluca last year.", "en", "extortion_kidnapping", 1),
    ("The Special Kidnapping Unit rescued a businessman who had been kidnapped in Toluca.", "en", "extortion_kidnapping", 1),
    ("Fue sentenciado por participar en el secuestro de tres migrantes en Toluca.", "es", "extortion_kidnapping", 1),
    ("Dos comerciantes fueron secuestrados en Toluca por un grupo armado.", "es", "extortion_kidnapping", 1),
    # held captive, deprived of liberty, a person kidnapped
    ("La División de Secuestros rescató a un comerciante que estaba cautivo en Toluca.", "es", "extortion_kidnapping", 1),
    ("Los soldados liberaron en Toluca a dos personas privadas de su libertad.", "es", "extortion_kidnapping", 1),
    ("Un grupo armado secuestró a dos comerciantes en Toluca.", "es", "extortion_kidnapping", 1),
    ("O empresário ficou dez dias em cativeiro em Toluca.", "pt", "extortion_kidnapping", 1),
    # goods right before an arrest participle were taken, not people
    ("The 18 tons of cocaine apprehended at the port of Santos went unclaimed.", "en", "arrest", 0),
    ("Police said the weapons captured in Santos came from Paraguay.", "en", "arrest", 0),
    ("Las armas capturadas en Santos venían de Paraguay.", "es", "arrest", 0),
    ("Police in Santos captured the drug lord and two of his guards.", "en", "arrest", 1),
    ("The weapons were found after police captured two men in Santos.", "en", "arrest", 1),
])
def test_charges_units_purposes_and_goods_are_not_occurrences(sentence, lang, etype, expected):
    place = "Santos" if "Santos" in sentence else "Toluca"
    events, _ = run(sentence, lang, [(place, "place")])
    assert len(by_type(events, etype)) == expected


def test_undated_lead_does_not_take_a_background_year_stated_next():
    text = ("Police arrested eight men who ran a methamphetamine lab in Lagos. "
            "The lab could make 500 kilos a week, the agency said. "
            "Labs of this kind were first found in the country in 2009.")
    times = [_time(text, "in 2009", "2009-01-01", "2009-12-31", "year")]
    events, _ = run(text, "en", [("Lagos", "place"), ("methamphetamine", "commodity")], times=times)
    arrest = by_type(events, "arrest")[0]
    assert arrest.time is None


def test_undated_lead_takes_a_month_stated_next():
    text = ("Police arrested eight men who ran a methamphetamine lab in Lagos. "
            "The raid took place in February, the agency said.")
    times = [_time(text, "in February", "2016-02-01", "2016-02-29", "month")]
    events, _ = run(text, "en", [("Lagos", "place"), ("methamphetamine", "commodity")], times=times)
    arrest = by_type(events, "arrest")[0]
    assert (arrest.time.start, arrest.time.end) == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))


@pytest.mark.parametrize("text, lang", [
    ("Police in Lerdo arrested Juan Pérez, a resident of Gómez Palacio, on Monday.", "en"),
    ("Policías detuvieron en Lerdo a un hombre con domicilio en el municipio de Gómez Palacio.", "es"),
    ("Los agentes detuvieron en Lerdo a dos jóvenes originarios de Gómez Palacio.", "es"),
])
def test_a_persons_home_is_not_where_the_event_happened(text, lang):
    events, names = run(text, lang, [("Lerdo", "place"), ("Gómez Palacio", "place")])
    arrest = by_type(events, "arrest")[0]
    assert [names[i] for i in arrest.roles["location"]] == ["Lerdo"]


@pytest.mark.parametrize("text", [
    "Policías detuvieron en Lerdo a un hombre originario de Torreón, Coahuila.",
    "Policías detuvieron en Lerdo a dos hombres cuyos familiares radican en Torreón.",
    "Policías detuvieron en Lerdo a dos hombres que viajaban con placas de circulación del estado de Coahuila.",
])
def test_a_home_a_place_written_after_it_and_a_registration_do_not_locate_the_event(text):
    spec = [(p, "place") for p in ("Lerdo", "Torreón", "Coahuila") if p in text]
    events, names = run(text, "es", spec)
    arrest = by_type(events, "arrest")[0]
    assert [names[i] for i in arrest.roles["location"]] == ["Lerdo"]


def test_the_violence_lived_in_a_place_happens_there():
    text = "La violencia que se vive en Torreón dejó 20 homicidios en mayo."
    events, names = run(text, "es", [("Torreón", "place")])
    assert [names[i] for i in by_type(events, "violence")[0].roles["location"]] == ["Torreón"]


def test_a_home_or_registration_is_not_carried_to_the_next_sentence():
    text = ("Un enfrentamiento en Genaro Codina dejó cinco muertos. "
            "Los agresores viajaban en dos autos con placas de circulación del estado de Nuevo León. "
            "Tras el tiroteo, los agentes detuvieron a uno de los agresores.")
    events, names = run(text, "es", [("Genaro Codina", "place"), ("Nuevo León", "place")])
    arrest = by_type(events, "arrest")[0]
    assert [names[i] for i in arrest.roles["location"]] == ["Genaro Codina"]


def test_the_home_of_a_person_is_no_place_of_a_sentence_without_another():
    text = "El detenido, con domicilio en el municipio de Gómez Palacio, viajaba en una camioneta robada."
    events, _ = run(text, "es", [("Gómez Palacio", "place")])
    assert all("location" not in e.roles for e in events)


@pytest.mark.parametrize("text, lang, location, destination", [
    ("Authorities in Panama seized a cocaine shipment destined for Spain.", "en", ["Panama"], ["Spain"]),
    ("The cocaine was shipped from Peru and later sold in Spain.", "en", [], ["Spain"]),
    ("Police found cocaine aboard a ship destined for the Spanish port of Valencia.", "en", [], ["Valencia"]),
    ("Autoridades en Panamá hallaron un cargamento de cocaína con destino a España.", "es", ["Panamá"], ["España"]),
])
def test_in_a_place_is_a_route_destination_only_after_arriving_or_selling(text, lang, location, destination):
    spec = [(p, "place") for p in ("Panama", "Panamá", "Spain", "España", "Peru", "Valencia") if p in text]
    events, names = run(text, lang, spec + [("cocaine" if lang == "en" else "cocaína", "commodity")])
    route = by_type(events, "trafficking_route")[0]
    assert [names[i] for i in route.roles.get("location", [])] == location
    assert [names[i] for i in route.roles.get("destination", [])] == destination


def test_the_opening_date_of_a_place_does_not_date_the_event():
    text = "Traffickers use the port of Natal, which opened in 1932, to ship cocaine to Rotterdam in February."
    times = [_time(text, "in 1932", "1932-01-01", "1932-12-31", "year"),
             _time(text, "in February", "2019-02-01", "2019-02-28", "month")]
    events, _ = run(text, "en", [("Natal", "place"), ("Rotterdam", "place"), ("cocaine", "commodity")], times=times)
    route = by_type(events, "trafficking_route")[0]
    assert route.time.start == dt.date(2019, 2, 1)


def test_a_creation_that_is_the_event_keeps_its_date():
    text = "The government established a curfew in Tegucigalpa in 2012, officials said on Monday."
    times = [_time(text, "in 2012", "2012-01-01", "2012-12-31", "year"),
             _time(text, "on Monday", "2015-05-11", "2015-05-11", "day")]
    events, _ = run(text, "en", [("Tegucigalpa", "place")], times=times)
    policy = by_type(events, "policy")
    assert policy and policy[0].time.start == dt.date(2012, 1, 1)


def test_a_long_explicit_comparison_still_dates_the_baseline():
    text = ("Marines seized 15 tons of cocaine in Tumaco this year, up from the 6.1 tons they confiscated "
            "during the first five months of 2015.")
    times = [_time(text, "this year", "2016-01-01", "2016-06-10", "range"),
             _time(text, "during the first five months of 2015", "2015-01-01", "2015-05-31", "range")]
    events, _ = run(text, "en", [("Tumaco", "place"), ("cocaine", "commodity")], times=times,
                    quantities=[_qty(text, "15 tons", 15, "t"), _qty(text, "6.1 tons", 6.1, "t")])
    seizure = by_type(events, "seizure")[0]
    assert seizure.time.start == dt.date(2016, 1, 1) and seizure.quantity.value == 15


def test_men_who_came_for_the_goods_were_arrested():
    events, _ = run("Four men sent to collect the packages were arrested in Santos.", "en", [("Santos", "place")])
    assert len(by_type(events, "arrest")) == 1


@pytest.mark.parametrize("text, lang, value", [
    ("En el año se denunciaron ocho mil 17 extorsiones en el país.", "es", 8017),
    ("Se registraron dos mil 300 secuestros.", "es", 2300),
    ("Foram registrados dois mil 150 sequestros.", "pt", 2150),
    ("Se registraron mil 704 secuestros.", "es", 1704),
])
def test_spanish_and_portuguese_thousands_written_as_a_word_and_digits(text, lang, value):
    from crimegraph.extract.quantities import find_quantities

    found = find_quantities(text, lang)
    assert [(q.value, q.unit) for q in found] == [(value, "cases")]


def test_thousands_word_does_not_swallow_a_following_count():
    from crimegraph.extract.quantities import find_quantities

    found = find_quantities("Llegaron ocho mil personas y 17 vehículos.", "es")
    assert [q.value for q in found] == [8000, 17]


@pytest.mark.parametrize("text, lang, kept", [
    ("The drugs sell for as much as $300,000 a kilogram in Tokyo (compared to $6,000 in Lagos).", "en", []),
    ("Police seized $2 million and 30 kilos of cocaine, worth $900 per kilo on the street.", "en", [2e6, 30]),
    ("La droga se vende en 2 mil dólares el kilo frente a 500 dólares en Culiacán.", "es", []),
    ("A cocaína é vendida a R$ 30 mil o quilo.", "pt", []),
])
def test_a_price_per_unit_is_not_an_amount(text, lang, kept):
    from crimegraph.extract.quantities import find_quantities

    assert [q.value for q in find_quantities(text, lang)] == kept


@pytest.mark.parametrize("text, lang, phrase, start", [
    ("Un juez de Mesa sentenció hoy a un hombre por el secuestro de tres migrantes en mayo pasado.", "es",
     "en mayo pasado", "2013-05-01"),
    ("A court in Mesa on Monday convicted a man over the kidnapping of two migrants in May.", "en",
     "in May", "2013-05-01"),
])
def test_a_noun_trigger_takes_the_time_after_its_object(text, lang, phrase, start):
    first = "hoy" if lang == "es" else "on Monday"
    times = [_time(text, first, "2013-12-10", "2013-12-10", "day"),
             _time(text, phrase, start, "2013-05-31", "month")]
    events, _ = run(text, lang, [("Mesa", "place")], times=times)
    kidnapping = by_type(events, "extortion_kidnapping")[0]
    assert kidnapping.time.start == dt.date.fromisoformat(start)


def test_spanish_arrest_or_seizure_achieved_with_lograr_or_permitir():
    arrest = "En el operativo se logró detener a tres presuntos narcotraficantes en Nogales."
    assert spanish_triggers(arrest, "Nogales", "arrest") == ["logró detener"]
    assert spanish_triggers("Los agentes lograron capturar en Nogales al jefe.", "Nogales", "arrest") == ["lograron capturar"]
    seizure = "La revisión permitió decomisar cocaína en Nogales."
    events, _ = run(seizure, "es", [("Nogales", "place"), ("cocaína", "commodity")])
    assert [seizure[e.trigger.start : e.trigger.end] for e in by_type(events, "seizure")] == ["permitió decomisar"]


@pytest.mark.parametrize("text, lang, values", [
    ("Police counted 43 kidnappings in Rosario in 2011, 31 in 2012 and 51 in 2013.", "en", [43, 31, 51]),
    ("There were 182 murders in June, up from 166 in May.", "en", [182, 166]),
    ("Se registraron 43 secuestros en 2011, 31 en 2012 y 51 en 2013.", "es", [43, 31, 51]),
    ("Police seized 4 tons of cocaine in May, and 3 of the crew were arrested.", "en", [4]),
])
def test_a_bare_number_in_a_dated_series_shares_the_unit_before_it(text, lang, values):
    from crimegraph.extract.quantities import find_quantities

    assert [q.value for q in find_quantities(text, lang)] == values


def test_a_dated_series_of_figures_gives_one_event_per_period():
    from crimegraph.extract.quantities import find_quantities

    text = "Police counted 43 kidnappings in Rosario in 2011, 31 in 2012 and 51 in 2013."
    times = [_time(text, f"in {y}", f"{y}-01-01", f"{y}-12-31", "year") for y in (2011, 2012, 2013)]
    events, _ = run(text, "en", [("Rosario", "place")], times=times, quantities=find_quantities(text, "en"))
    found = sorted((e.time.start.year, e.quantity.value) for e in by_type(events, "extortion_kidnapping"))
    assert found == [(2011, 43), (2012, 31), (2013, 51)]


@pytest.mark.parametrize("lang,text,report,report_day,event,event_day", [
    ("es", "Desde Lima se conoció hoy la detención en Bolivia, el pasado 3 de mayo, de dos pilotos peruanos.",
     "hoy", "2014-05-09", "el pasado 3 de mayo", "2014-05-03"),
    ("en", "Officials announced on Friday the arrest in Bolivia, last Tuesday, of two Peruvian pilots.",
     "on Friday", "2014-05-09", "last Tuesday", "2014-05-06"),
    # alone, the report's date still dates the event
    ("en", "Officials announced on Friday the arrest of two Peruvian pilots in Bolivia.",
     "on Friday", "2014-05-09", None, "2014-05-09"),
])
def test_the_day_a_report_came_out_gives_way_to_the_event_own_day(lang, text, report, report_day, event, event_day):
    times = [_time(text, report, report_day, report_day, "day")]
    if event:
        times.append(_time(text, event, event_day, event_day, "day"))
    events, _ = run(text, lang, [("Bolivia", "place")], times=times)
    assert by_type(events, "arrest")[0].time.start == dt.date.fromisoformat(event_day)


def test_an_undated_lead_does_not_take_the_day_of_a_statement_that_follows():
    text = ("Las detenciones por narcotráfico crecieron en Sonora. "
            "La fiscalía informó este martes que en abril hubo 40 casos.")
    times = [_time(text, "este martes", "2014-05-06", "2014-05-06", "day"),
             _time(text, "en abril", "2014-04-01", "2014-04-30", "month")]
    events, _ = run(text, "es", [("Sonora", "place")], times=times)
    lead = [e for e in by_type(events, "arrest") if e.evidence[0].start == 0][0]
    assert lead.time is not None and lead.time.start == dt.date(2014, 4, 1)


@pytest.mark.parametrize("lang,text,since,start,end,anchor_end", [
    ("es", "Los cinco policías, que fueron detenidos desde marzo de 2011, siguen en Chiapas.",
     "desde marzo de 2011", "2011-03-01", "2014-05-02", "2011-03-31"),
    ("en", "The pilot has been jailed since 2010 in Lima.", "since 2010", "2010-01-01", "2014-05-02", "2010-12-31"),
])
def test_held_since_a_date_was_arrested_then(lang, text, since, start, end, anchor_end):
    i = text.index(since)
    span = TimeSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end), "range", since)
    anchor = TimeSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(anchor_end), "month", since)
    times = [TimeExpr(i, i + len(since), since, span, anchor)]
    place = "Chiapas" if lang == "es" else "Lima"
    events, _ = run(text, lang, [(place, "place")], times=times)
    arrest = by_type(events, "arrest")[0]
    assert (arrest.time.start, arrest.time.end) == (anchor.start, anchor.end)


@pytest.mark.parametrize("lang,text,said,said_day,place", [
    ("en", "Officials said on May 6 that police arrested two men in Cali.", "on May 6", "2014-05-06", "Cali"),
    ("es", "La fiscalía informó este martes que la policía detuvo a dos hombres en Cali.", "este martes", "2014-05-06",
     "Cali"),
])
def test_the_day_of_a_statement_dates_the_event_it_reports_when_nothing_else_does(lang, text, said, said_day, place):
    times = [_time(text, said, said_day, said_day, "day")]
    events, _ = run(text, lang, [(place, "place")], times=times)
    assert by_type(events, "arrest")[0].time.start == dt.date.fromisoformat(said_day)


def test_the_same_trigger_in_a_later_clause_with_its_own_date_is_another_event():
    text = "Police arrested two men in Oruro on Monday, and soldiers arrested three more on Thursday."
    times = [_time(text, "on Monday", "2016-05-02", "2016-05-02", "day"),
             _time(text, "on Thursday", "2016-05-05", "2016-05-05", "day")]
    events, _ = run(text, "en", [("Oruro", "place")], times=times)
    assert sorted(str(e.time.start) for e in by_type(events, "arrest")) == ["2016-05-02", "2016-05-05"]


@pytest.mark.parametrize("text", [
    # the same date: one occurrence, told twice
    "Police arrested two men in Oruro on Monday, and the men were arrested without a fight.",
    # no clause between the two trigger words
    "Police arrested two men in Oruro on Monday who had been arrested before in 2009.",
])
def test_a_second_trigger_without_a_date_of_its_own_in_its_own_clause_adds_nothing(text):
    times = [_time(text, "on Monday", "2016-05-02", "2016-05-02", "day")]
    if "in 2009" in text:
        times.append(_time(text, "in 2009", "2009-01-01", "2009-12-31", "year"))
    events, _ = run(text, "en", [("Oruro", "place")], times=times)
    assert len(by_type(events, "arrest")) == 1


@pytest.mark.parametrize("lang, etype, text, spec", [
    ("en", "arrest", "Four of the gunmen turned themselves in to police in Rosario.", [("Rosario", "place")]),
    ("es", "arrest", "Dos de los sicarios se entregaron a la policía en Torreón.", [("Torreón", "place")]),
    ("pt", "arrest", "Dois dos pistoleiros se entregaram à polícia em Corumbá.", [("Corumbá", "place")]),
    ("en", "violence", "Investigators found three mass graves near Iguala.", [("Iguala", "place")]),
    ("es", "violence", "Hallaron una fosa clandestina en el municipio de Tlajomulco.", [("Tlajomulco", "place")]),
    ("pt", "violence", "A polícia achou uma cova clandestina em Altamira.", [("Altamira", "place")]),
    ("en", "cultivation", "Police destroyed two coca farms in Honduras.", [("Honduras", "place")]),
])
def test_surrenders_graves_and_coca_farms(lang, etype, text, spec):
    events, _ = run(text, lang, spec)
    assert by_type(events, etype)


def test_goods_taken_in_a_later_dated_clause_are_no_second_arrest():
    text = "Police arrested two men in Oruro on Monday, and the 18 tons of cocaine apprehended on Thursday sat in a depot."
    times = [_time(text, "on Monday", "2016-05-02", "2016-05-02", "day"),
             _time(text, "on Thursday", "2016-05-05", "2016-05-05", "day")]
    events, _ = run(text, "en", [("Oruro", "place")], times=times)
    assert [str(e.time.start) for e in by_type(events, "arrest")] == ["2016-05-02"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Bolivia is a cocaine hub. The government denies that foreign cartels operate in the country."),
    ("es", "Bolivia es un centro de la cocaína. El gobierno niega que cárteles extranjeros operen en el país."),
    ("pt", "A Bolívia é um centro da cocaína. O governo nega que facções criminosas atuem no país."),
])
def test_groups_named_by_a_common_noun_in_the_country_are_a_presence(lang, text):
    # "the country" is the place (the document's country); the subjunctive "operen"/"atuem" is a trigger
    country = "Bolívia" if lang == "pt" else "Bolivia"
    bolivia = Entity("e1", "place", country, [Mention(m.start(), m.end(), country) for m in re.finditer(country, text)],
                     country="BO", precision="country")
    events = detect_events(text, _sentences(text), lang, MentionIndex([bolivia]), [], [])
    found = by_type(events, "group_presence")
    assert len(found) == 1 and found[0].roles["location"] == ["e1"]
    assert found[0].evidence[0].start == text.index(text.split(". ")[1])


@pytest.mark.parametrize("text", [
    "A quadrilha levava cocaína da Bolívia para o porto de Santos.",
    "Os traficantes levaram a cocaína da Bolívia para o porto de Santos.",
])
def test_levar_directs_a_portuguese_route(text):
    events, names = run(text, "pt", [("cocaína", "commodity"), ("Bolívia", "place"), ("Santos", "place")])
    route = by_type(events, "trafficking_route")
    assert len(route) == 1
    assert [names[i] for i in route[0].roles["origin"]] == ["Bolívia"]
    assert [names[i] for i in route[0].roles["destination"]] == ["Santos"]


@pytest.mark.parametrize("text,expected", [
    ("Officials say cocaine processing is spreading from Santa Cruz to Oruro.", 1),
    ("Police found a cocaine processing lab in Oruro.", 0),  # a lab, not production
])
def test_cocaine_processing_is_production(text, expected):
    events, _ = run(text, "en", [("cocaine", "commodity"), ("Oruro", "place")])
    assert len(by_type(events, "production")) == expected


@pytest.mark.parametrize("text,expected", [
    ("Se estima que el 80 por ciento de la cocaína de Bolivia va a Brasil.", ["Brasil"]),
    ("La cocaína de Bolivia va a llegar a Brasil por el río.", []),  # "va a llegar": a future, no route verb
])
def test_spanish_ir_a_directs_a_route(text, expected):
    events, names = run(text, "es", [("cocaína", "commodity"), ("Bolivia", "place"), ("Brasil", "place")])
    routes = by_type(events, "trafficking_route")
    assert [names[i] for r in routes for i in r.roles.get("destination", [])] == expected


@pytest.mark.parametrize("lang,text,drug", [
    ("en", "The area planted with marijuana in Pernambuco grew.", "marijuana"),
    ("es", "Los plantíos de mariguana en Sinaloa crecieron.", "mariguana"),
    ("pt", "A área de cultivo de maconha em Pernambuco cresceu.", "maconha"),
    ("pt", "A polícia encontrou roças de maconha em Pernambuco.", "maconha"),
])
def test_fields_of_a_drug_crop_are_cultivation(lang, text, drug):
    place = "Sinaloa" if lang == "es" else "Pernambuco"
    events, names = run(text, lang, [(drug, "commodity"), (place, "place")])
    found = by_type(events, "cultivation")
    assert len(found) == 1 and [names[i] for i in found[0].roles["location"]] == [place]


@pytest.mark.parametrize("lang,text", [
    ("en", "The Bolivian government expelled the DEA from Bolivia in 2008."),
    ("en", "The DEA was expelled from Bolivia by the Bolivian government."),
    ("es", "El Gobierno boliviano expulsó el lunes a la DEA de Bolivia."),
    ("pt", "O Governo boliviano expulsou a DEA da Bolívia."),
])
def test_the_agency_expelled_is_the_policy_subject_not_its_agent(lang, text):
    gov = "Gobierno boliviano" if lang == "es" else "Governo boliviano" if lang == "pt" else "Bolivian government"
    place = "Bolívia" if lang == "pt" else "Bolivia"
    events, names = run(text, lang, [("DEA", "state_agency"), (gov, "government"), (place, "place")])
    policy = by_type(events, "policy")
    assert len(policy) == 1
    assert [names[i] for i in policy[0].roles["subject"]] == ["DEA"]
    assert [names[i] for i in policy[0].roles.get("agent", [])] == [gov]


@pytest.mark.parametrize("text,spec,etype,expected", [
    # before an active verb the actor does it; before a passive or after the verb it suffers it; after "by" it does it
    ("Navy marines gunned down Arturo Beltran in Cuernavaca.",
     [("Navy marines", "state_agency"), ("Arturo Beltran", "person"), ("Cuernavaca", "place")], "violence",
     {"perpetrator": ["Navy marines"], "victim": ["Arturo Beltran"]}),
    ("The Urabenos massacred eight members of the Rastrojos in Cucuta.",
     [("Urabenos", "criminal_group"), ("Rastrojos", "criminal_group"), ("Cucuta", "place")], "violence",
     {"perpetrator": ["Urabenos"], "victim": ["Rastrojos"]}),
    ("Four members of Barrio 18 were shot dead in Ilopango.",
     [("Barrio 18", "criminal_group"), ("Ilopango", "place")], "violence", {"victim": ["Barrio 18"]}),
    ("Un policía fue asesinado por Los Zetas en Monterrey.",
     [("Los Zetas", "criminal_group"), ("Monterrey", "place")], "violence", {"perpetrator": ["Los Zetas"]}),
    ("President Ortega appointed General Denis Membreno to head the unit in Managua.",
     [("President Ortega", "person"), ("General Denis Membreno", "person"), ("Managua", "place")], "policy",
     {"agent": ["President Ortega"], "subject": ["General Denis Membreno"]}),
])
def test_the_actor_before_or_after_the_verb_does_or_suffers_it(text, spec, etype, expected):
    lang = "es" if "policía" in text else "en"
    events, names = run(text, lang, spec)
    found = by_type(events, etype)
    assert len(found) == 1
    roles = {r: [names[i] for i in ids] for r, ids in found[0].roles.items() if r != "location"}
    assert roles == expected


def test_a_plans_future_time_does_not_date_the_sentences_after_it():
    text = "The government plans to deploy troops in Oruro next year. Police arrested two men in Oruro."
    times = [_time(text, "next year", "2025-01-01", "2025-12-31", "year")]
    ents = _entities(text, [("Oruro", "place")])
    events = detect_events(text, _sentences(text), "en", MentionIndex(ents), times, [],
                           published=dt.date(2024, 5, 10))
    assert by_type(events, "policy")[0].time.start == dt.date(2025, 1, 1)  # the plan keeps its own time
    assert by_type(events, "arrest")[0].time is None
    # a past time still runs on
    text = "The government deployed troops in Oruro last year. Police arrested two men in Oruro."
    times = [_time(text, "last year", "2023-01-01", "2023-12-31", "year")]
    events = detect_events(text, _sentences(text), "en", MentionIndex(_entities(text, [("Oruro", "place")])), times,
                           [], published=dt.date(2024, 5, 10))
    assert by_type(events, "arrest")[0].time.start == dt.date(2023, 1, 1)


@pytest.mark.parametrize("lang,text,place", [
    ("es", "El gobierno planea desplegar 1.000 soldados más en Oruro.", "Oruro"),
    ("pt", "O governo vai enviar mil soldados para Corumbá.", "Corumbá"),
    ("pt", "O governo deslocou 500 policiais para Corumbá.", "Corumbá"),
])
def test_sending_troops_is_a_policy_in_spanish_and_portuguese(lang, text, place):
    events, _ = run(text, lang, [(place, "place")])
    assert len(by_type(events, "policy")) == 1
