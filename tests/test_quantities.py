"""Quantities: exact spans, canonical units and values, hedges and ranges, in en/es/pt."""

from __future__ import annotations

import pytest

from crimegraph.errors import CrimegraphError
from crimegraph.extract.quantities import QuantityExpr, find_quantities, joined_head_count, parse_number

# (lang, sentence, expected text, value, unit, approximate, low, high)
CASES = [
    # --- English ---------------------------------------------------------------------------
    ("en", "Police seized 3,000 kilos of cocaine.", "3,000 kilos", 3000, "kg", False, None, None),
    ("en", "They found 1.2 tons of marijuana.", "1.2 tons", 1.2, "t", False, None, None),
    ("en", "Agents seized 500 grams of heroin.", "500 grams", 0.5, "kg", False, None, None),
    ("en", "The boat carried 200 pounds of cocaine.", "200 pounds", 90.718474, "kg", False, None, None),
    ("en", "Officials seized 45 kg of paste.", "45 kg", 45, "kg", False, None, None),
    ("en", "Officials seized 45kg of paste.", "45kg", 45, "kg", False, None, None),
    ("en", "Some 80 percent of the cocaine goes to Brazil.", "Some 80 percent", 0.8, "share", True, None, None),
    ("en", "Brazil receives 80% of it.", "80%", 0.8, "share", False, None, None),
    ("en", "The cartel moved between 2 and 3 tons a month.", "between 2 and 3 tons", 2, "t", True, 2, 3),
    ("en", "Each plane carries 2-3 tons.", "2-3 tons", 2, "t", True, 2, 3),
    ("en", "Fines range from $100 to $300 there.", "from $100 to $300", 100, "usd", True, 100, 300),
    ("en", "He faces a fine of up to $1.2 million.", "up to $1.2 million", 1.2e6, "usd", True, None, None),
    ("en", "He paid US$ 50,000 in bribes.", "US$ 50,000", 50000, "usd", False, None, None),
    ("en", "He laundered 5 million dollars.", "5 million dollars", 5e6, "usd", False, None, None),
    ("en", "They paid 10,000 euros.", "10,000 euros", 10000, "eur", False, None, None),
    ("en", "The gang has an estimated 2,000 members.", "an estimated 2,000 members", 2000, "members", True, None, None),
    ("en", "Police arrested 12 people in the raid.", "12 people", 12, "people", False, None, None),
    ("en", "Police detained five suspects.", "five suspects", 5, "people", False, None, None),
    ("en", "They captured 13 members of the gang.", "13 members", 13, "members", False, None, None),
    ("en", "Police arrested 12 alleged gang members.", "12 alleged gang members", 12, "members", False, None, None),
    ("en", "Gunmen killed 5 in the square.", "5", 5, "deaths", False, None, None),
    ("en", "The attack killed 5 people.", "5 people", 5, "deaths", False, None, None),
    ("en", "The clash left 7 dead.", "7 dead", 7, "deaths", False, None, None),
    ("en", "Soldiers destroyed three laboratories.", "three laboratories", 3, "labs", False, None, None),
    ("en", "Soldiers destroyed three cocaine labs.", "three cocaine labs", 3, "labs", False, None, None),
    ("en", "Hundreds of people fled.", "Hundreds of people", 100, "people", True, None, None),
    ("en", "The group moved two tons a week.", "two tons", 2, "t", False, None, None),
    ("en", "They found a dozen weapons.", "a dozen weapons", 12, "weapons", False, None, None),
    ("en", "Coca covers more than 4,000 hectares.", "more than 4,000 hectares", 4000, "hectares", True, None, None),
    ("en", "Coca covered 96,084 ha in 2015.", "96,084 ha", 96084, "hectares", False, None, None),
    ("en", "Cultivation rose to about 48,000 hectares.", "about 48,000 hectares", 48000, "hectares", True, None, None),
    ("en", "They stole 1.5 million liters of fuel.", "1.5 million liters", 1.5e6, "liters", False, None, None),
    ("en", "Police seized six vehicles.", "six vehicles", 6, "vehicles", False, None, None),
    ("en", "Officers found two aircraft at the strip.", "two aircraft", 2, "aircraft", False, None, None),
    ("en", "It seized nearly 25 metric tons.", "nearly 25 metric tons", 25, "t", True, None, None),
    ("en", "Twenty-five people were arrested.", "Twenty-five people", 25, "people", False, None, None),
    ("en", "About two hundred and fifty soldiers arrived.", "About two hundred and fifty soldiers", 250, "soldiers", True, None, None),
    ("en", "Half a ton was found.", "Half a ton", 0.5, "t", False, None, None),
    ("en", "Almost 1,200 kilos were seized.", "Almost 1,200 kilos", 1200, "kg", True, None, None),
    # percentage changes take unit "percent" (value in percent); shares of a whole stay "share"
    ("en", "Kidnappings rose 20 percent in 2013.", "20 percent", 20, "percent", False, None, None),
    ("en", "Murders dropped by some 42 percent.", "some 42 percent", 42, "percent", True, None, None),
    ("en", "Officials reported a 17 percent increase in homicides.", "17 percent", 17, "percent", False, None, None),
    ("en", "Output increased by 113% over five years.", "113%", 113, "percent", False, None, None),
    ("en", "Poppy now covers 40 percent more land than cannabis.", "40 percent", 40, "percent", False, None, None),
    ("en", "Thefts rose to 30 percent of all cases.", "30 percent", 0.3, "share", False, None, None),
    ("en", "Gangs made up 20 percent of the inmates.", "20 percent", 0.2, "share", False, None, None),
    ("en", "Seizures fell between 5 and 10 percent.", "between 5 and 10 percent", 5, "percent", True, 5, 10),
    # homicide counts are deaths
    ("en", "The state recorded 90 homicides in June.", "90 homicides", 90, "deaths", False, None, None),
    ("en", "Officials counted 1,150 murders that year.", "1,150 murders", 1150, "deaths", False, None, None),
    ("en", "There were 14 killings in the port.", "14 killings", 14, "deaths", False, None, None),
    # "and" + number + unit: the unit belongs to the nearer number only
    ("en", "The rate was 26.46 and 12,626 people died.", "12,626 people", 12626, "people", False, None, None),
    ("en", "Police held 3 and 12 suspects were freed.", "12 suspects", 12, "people", False, None, None),
    # a homicide rate
    ("en", "The city had 16.3 murders per 100,000 residents.", "16.3 murders per 100,000 residents", 16.3, "rate", False, None, None),
    # --- Spanish ---------------------------------------------------------------------------
    ("es", "Incautaron 3.000 kilos de cocaína.", "3.000 kilos", 3000, "kg", False, None, None),
    ("es", "Hallaron 1,2 toneladas de marihuana.", "1,2 toneladas", 1.2, "t", False, None, None),
    ("es", "Hallaron 7.4 toneladas en el puerto.", "7.4 toneladas", 7.4, "t", False, None, None),
    ("es", "El 80 por ciento de la droga va a Brasil.", "80 por ciento", 0.8, "share", False, None, None),
    ("es", "El 79% de los encuestados respondió.", "79%", 0.79, "share", False, None, None),
    ("es", "El erario perdió unos 10 millones de dólares.", "unos 10 millones de dólares", 1e7, "usd", True, None, None),
    ("es", "Ofrecieron $25 millones a los agentes.", "$25 millones", 2.5e7, "pesos", False, None, None),
    ("es", "Ofrecieron 25 millones de pesos a los agentes.", "25 millones de pesos", 2.5e7, "pesos", False, None, None),
    # a peso named by its country, or by its code, is that country's currency
    ("es", "Decomisaron 7 millones de pesos mexicanos.", "7 millones de pesos mexicanos", 7e6, "mxn", False, None, None),
    ("es", "Pagaron MX$ 500 mil por el rescate.", "MX$ 500 mil", 5e5, "mxn", False, None, None),
    ("en", "Police seized 3.5 million Chilean pesos in cash.", "3.5 million Chilean pesos", 3.5e6, "clp", False, None, None),
    ("en", "The gang earned 2 million Colombian pesos a week.", "2 million Colombian pesos", 2e6, "cop", False, None, None),
    ("es", "Pagó una fianza de 150.000 dólares.", "150.000 dólares", 150000, "usd", False, None, None),
    ("es", "Recibió 240.8 millones de dólares.", "240.8 millones de dólares", 240.8e6, "usd", False, None, None),
    ("es", "Colombia tiene 6 mil millones de dólares.", "6 mil millones de dólares", 6e9, "usd", False, None, None),
    ("es", "Hubo 12 detenidos en Lima.", "12 detenidos", 12, "people", False, None, None),
    ("es", "Capturaron a dos personas en la finca.", "dos personas", 2, "people", False, None, None),
    ("es", "Cayeron 9 presuntos integrantes de la red.", "9 presuntos integrantes", 9, "members", False, None, None),
    ("es", "Sembraron tres mil plantas.", "tres mil plantas", 3000, "plants", False, None, None),
    ("es", "Movían hasta 5 toneladas al mes.", "hasta 5 toneladas", 5, "t", True, None, None),
    ("es", "Cientos de personas huyeron.", "Cientos de personas", 100, "people", True, None, None),
    ("es", "Desmantelaron 12 fábricas de droga.", "12 fábricas", 12, "labs", False, None, None),
    ("es", "Destruyeron tres laboratorios clandestinos.", "tres laboratorios", 3, "labs", False, None, None),
    ("es", "Transportaban entre 2 y 3 toneladas.", "entre 2 y 3 toneladas", 2, "t", True, 2, 3),
    ("es", "Cargaban de 2 a 3 toneladas.", "de 2 a 3 toneladas", 2, "t", True, 2, 3),
    ("es", "Llevaban dos toneladas de cocaína.", "dos toneladas", 2, "t", False, None, None),
    ("es", "Los cultivos ocupan 62 mil 500 hectáreas.", "62 mil 500 hectáreas", 62500, "hectares", False, None, None),
    ("es", "Los cultivos ocupan 60.400 hectáreas.", "60.400 hectáreas", 60400, "hectares", False, None, None),
    ("es", "La guerra dejó más de 70 mil muertos.", "más de 70 mil muertos", 70000, "deaths", True, None, None),
    ("es", "El sicario asesinó a 5 en el bar.", "5", 5, "deaths", False, None, None),
    ("es", "Detuvieron a cerca de 30 personas.", "cerca de 30 personas", 30, "people", True, None, None),
    ("es", "Alrededor de 300 policías llegaron.", "Alrededor de 300 policías", 300, "police", True, None, None),
    ("es", "Decomisaron 84 kilos de metanfetamina.", "84 kilos", 84, "kg", False, None, None),
    ("es", "Aseguraron 500 gramos de cocaína.", "500 gramos", 0.5, "kg", False, None, None),
    ("es", "Hallaron treinta y dos armas de fuego.", "treinta y dos armas de fuego", 32, "weapons", False, None, None),
    ("es", "Se incautaron casi 2 toneladas.", "casi 2 toneladas", 2, "t", True, None, None),
    # "creció": a percentage change keeps the percent number, unit "percent"
    ("es", "El consumo creció mil 600 por ciento.", "mil 600 por ciento", 1600, "percent", False, None, None),
    ("es", "Gastó aproximadamente 300 mdd.", "aproximadamente 300 mdd", 3e8, "usd", True, None, None),
    ("es", "Hubo un aumento del 15% en los robos.", "15%", 15, "percent", False, None, None),
    ("es", "Los secuestros bajaron un 7 por ciento.", "7 por ciento", 7, "percent", False, None, None),
    ("es", "La incautación se incrementó en 41% frente al año anterior.", "41%", 41, "percent", False, None, None),
    ("es", "Las capturas se multiplicaron en un 700%.", "700%", 700, "percent", False, None, None),
    ("es", "Los robos subieron un 12% más que en enero.", "12%", 12, "percent", False, None, None),
    ("es", "La ciudad registró 81 homicidios en marzo.", "81 homicidios", 81, "deaths", False, None, None),
    ("es", "Hubo 12 asesinatos en la zona.", "12 asesinatos", 12, "deaths", False, None, None),
    ("es", "La tasa fue de 45 homicidios por cada 100.000 habitantes.", "45 homicidios por cada 100.000 habitantes", 45, "rate", False, None, None),
    ("es", "Hallaron 3,5 y 12 toneladas en dos puertos.", "12 toneladas", 12, "t", False, None, None),
    # --- Portuguese ------------------------------------------------------------------------
    ("pt", "Ele receberia R$ 90 mil pelo transporte.", "R$ 90 mil", 90000, "brl", False, None, None),
    ("pt", "Foram bloqueados US$ 10 milhões.", "US$ 10 milhões", 1e7, "usd", False, None, None),
    ("pt", "Cerca de 80 por cento da droga vai para a Europa.", "Cerca de 80 por cento", 0.8, "share", True, None, None),
    ("pt", "Apreenderam duas toneladas de cocaína.", "duas toneladas", 2, "t", False, None, None),
    ("pt", "A PF destruiu dois laboratórios.", "dois laboratórios", 2, "labs", False, None, None),
    ("pt", "Foram apreendidas quase 2 toneladas.", "quase 2 toneladas", 2, "t", True, None, None),
    ("pt", "Mais de 50 pessoas foram presas.", "Mais de 50 pessoas", 50, "people", True, None, None),
    ("pt", "O avião levava cerca de 1,5 tonelada.", "cerca de 1,5 tonelada", 1.5, "t", True, None, None),
    ("pt", "Centenas de pessoas fugiram.", "Centenas de pessoas", 100, "people", True, None, None),
    ("pt", "A PF prendeu 13 pessoas.", "13 pessoas", 13, "people", False, None, None),
    ("pt", "O prejuízo passa de R$ 1 milhão.", "R$ 1 milhão", 1e6, "brl", False, None, None),
    ("pt", "O setor movimenta R$ 1,5 bilhão.", "R$ 1,5 bilhão", 1.5e9, "brl", False, None, None),
    ("pt", "O avião trazia 662 kg de cocaína.", "662 kg", 662, "kg", False, None, None),
    ("pt", "Eles transportaram 174 quilos de pasta.", "174 quilos", 174, "kg", False, None, None),
    ("pt", "A polícia apreendeu 3.000 quilos.", "3.000 quilos", 3000, "kg", False, None, None),
    ("pt", "A PF prendeu seis integrantes da facção.", "seis integrantes", 6, "members", False, None, None),
    ("pt", "A facção tem 13 membros no estado.", "13 membros", 13, "members", False, None, None),
    ("pt", "O ataque deixou 56 mortos.", "56 mortos", 56, "deaths", False, None, None),
    ("pt", "Os criminosos mataram 4 na chacina.", "4", 4, "deaths", False, None, None),
    ("pt", "Foram levadas entre 2 e 3 toneladas.", "entre 2 e 3 toneladas", 2, "t", True, 2, 3),
    ("pt", "Mais de 300 policiais participaram.", "Mais de 300 policiais", 300, "police", True, None, None),
    ("pt", "O garimpo ocupa 20 mil hectares.", "20 mil hectares", 20000, "hectares", False, None, None),
    ("pt", "Foram vinte e cinco presos.", "vinte e cinco presos", 25, "people", False, None, None),
    ("pt", "A apreensão somou cento e vinte quilos.", "cento e vinte quilos", 120, "kg", False, None, None),
    ("pt", "Pagaram 5 mil euros.", "5 mil euros", 5000, "eur", False, None, None),
    ("pt", "Os roubos aumentaram 25% em 2017.", "25%", 25, "percent", False, None, None),
    ("pt", "Houve uma queda de 30 por cento nos furtos.", "30 por cento", 30, "percent", False, None, None),
    ("pt", "O estado teve 320 homicídios no ano.", "320 homicídios", 320, "deaths", False, None, None),
    ("pt", "Foram 40 assassinatos na região.", "40 assassinatos", 40, "deaths", False, None, None),
    ("pt", "A taxa foi de 30 homicídios por 100 mil habitantes.", "30 homicídios por 100 mil habitantes", 30, "rate", False, None, None),
]


def _case_id(case) -> str:
    return f"{case[0]}:{case[2]}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_quantity(case):
    lang, sentence, expected, value, unit, approximate, low, high = case
    found = find_quantities(sentence, lang)
    assert [q.text for q in found] == [expected]
    q = found[0]
    assert sentence[q.start:q.end] == expected
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.approximate is approximate
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)


NEGATIVES = [
    ("en", "In 2012 police launched an operation."),
    ("en", "The 2012 elections were violent."),
    ("en", "On October 8, 2013, officials met."),
    ("en", "He carried an AK-47 and two G3s."),
    ("en", "The 21st century began."),
    ("en", "He was sentenced to 20 years in prison."),
    ("en", "Article 15 of the law applies."),
    ("en", "One of the suspects escaped."),
    ("es", "En 2012 la policía lanzó un operativo."),
    ("es", "El 15 de julio se reunieron."),
    ("es", "Fue condenado a 15 años de prisión."),
    ("es", "Dos de los detenidos escaparon."),
    ("es", "El número 30 ha sido retirado."),
    ("es", "Una persona fue detenida."),
    ("es", "Entre 2010 y 2012 creció la violencia."),
    ("pt", "Em 2012 a polícia lançou uma operação."),
    ("pt", "No dia 15 de julho houve uma reunião."),
    ("pt", "Ele foi condenado a 30 anos."),
    ("pt", "A segunda vez foi pior."),
    # a fraction of a time or distance, or "half" with nothing it is a share of
    ("en", "The raid lasted half an hour."),
    ("en", "They met a third of a mile from the border."),
    ("en", "The other half stayed home."),
    ("es", "El operativo duró un cuarto de hora."),
    ("es", "Se detuvieron a mitad de camino."),
    ("pt", "A operação durou meia hora."),
]


@pytest.mark.parametrize("lang,sentence,expected,value,unit,approximate", [
    # half of a scale: "medio millón" is 500,000, not a half and a million
    ("es", "Pagaron medio millón de dólares al juez.", "medio millón de dólares", 5e5, "usd", False),
    ("en", "They paid half a million dollars to the judge.", "half a million dollars", 5e5, "usd", False),
    ("pt", "Pagaram meio milhão de reais ao juiz.", "meio milhão de reais", 5e5, "brl", False),
    # a percentage after a hedge and its article
    ("es", "Cerca del 80 por ciento de la cocaína va a Brasil.", "Cerca del 80 por ciento", 0.8, "share", True),
    ("es", "Casi el 90 por ciento de la droga sale por mar.", "Casi el 90 por ciento", 0.9, "share", True),
    # groups of ten or twelve counted with "de"
    ("pt", "A polícia prendeu duas dezenas de suspeitos.", "duas dezenas de suspeitos", 20, "people", False),
    ("es", "Llegó una docena de hombres armados.", "una docena de hombres", 12, "people", False),
    # fractions of a whole are shares
    ("en", "About half of the cocaine comes from Peru.", "About half", 0.5, "share", True),
    ("en", "Two-thirds of the cocaine goes to Europe.", "Two-thirds", 2 / 3, "share", False),
    ("es", "La mitad de la cocaína sale por Arica.", "La mitad", 0.5, "share", False),
    ("es", "Dos tercios de los envíos van a Europa.", "Dos tercios", 2 / 3, "share", False),
    ("pt", "Metade da cocaína segue para a Europa.", "Metade", 0.5, "share", False),
    # people named by the crime they are held for
    ("en", "Police arrested a dozen gunmen in the town.", "a dozen gunmen", 12, "people", False),
    ("es", "Detuvieron a 37 presuntos secuestradores.", "37 presuntos secuestradores", 37, "people", False),
])
def test_halves_hedged_shares_groups_and_fractions(lang, sentence, expected, value, unit, approximate):
    found = find_quantities(sentence, lang)
    assert [(q.text, q.unit, q.approximate) for q in found] == [(expected, unit, approximate)]
    assert found[0].value == pytest.approx(value)


@pytest.mark.parametrize("lang,sentence", NEGATIVES, ids=[f"{l}:{s[:30]}" for l, s in NEGATIVES])
def test_no_false_positives(lang, sentence):
    assert find_quantities(sentence, lang) == []


@pytest.mark.parametrize(
    "phrase,lang,value",
    [
        ("3.000", "es", 3000), ("3,000", "en", 3000), ("1,2", "es", 1.2), ("1.5", "en", 1.5),
        ("1.234,5", "es", 1234.5), ("1,234.5", "en", 1234.5), ("1.234.567", "pt", 1234567),
        ("1.2 million", "en", 1.2e6), ("62 mil 500", "es", 62500), ("tres mil", "es", 3000),
        ("dos mil millones", "es", 2e9), ("treinta y dos", "es", 32), ("un millón", "es", 1e6),
        ("duas", "pt", 2), ("cento e vinte", "pt", 120), ("dois mil e quinhentos", "pt", 2500),
        ("1,5 bilhão", "pt", 1.5e9), ("a dozen", "en", 12), ("twenty-five", "en", 25),
        ("two hundred and fifty", "en", 250), ("three million", "en", 3e6),
        ("quinientos", "es", 500), ("diecisiete", "es", 17), ("dezessete", "pt", 17),
    ],
)
def test_parse_number(phrase, lang, value):
    assert parse_number(phrase, lang) == pytest.approx(value)


@pytest.mark.parametrize("phrase,lang", [("dos y tres", "es"), ("two three", "en"), ("kilos", "en"), ("1,23,4", "en")])
def test_parse_number_rejects_non_numbers(phrase, lang):
    assert parse_number(phrase, lang) is None


def test_several_quantities_in_order_with_offsets():
    text = "Police seized 3,000 kilos of cocaine and 1.2 tons of marijuana, and arrested 12 people."
    found = find_quantities(text, "en")
    assert [(q.text, q.unit) for q in found] == [("3,000 kilos", "kg"), ("1.2 tons", "t"), ("12 people", "people")]
    assert [text[q.start:q.end] for q in found] == [q.text for q in found]


def test_year_before_unit_in_sentence_is_not_a_count():
    found = find_quantities("In 2012 police arrested 2,000 people.", "en")
    assert [(q.text, q.value) for q in found] == [("2,000 people", 2000)]


def test_given_time_expressions_are_reused():
    import datetime as dt

    from crimegraph.extract.timex import TimeExpr, find_times

    text = "On July 15, 2013 police seized 15 tons."
    times = find_times(text, "en", dt.date(2013, 10, 8))
    assert [q.text for q in find_quantities(text, "en", times=times)] == ["15 tons"]
    # the given spans are what blocks numbers: pretend "15 tons" were a time expression
    start = text.index("15 tons")
    fake = [TimeExpr(start, start + 7, "15 tons", None)]
    assert find_quantities(text, "en", times=fake) == []


def test_unknown_language_is_an_error():
    with pytest.raises(CrimegraphError, match="'fr'"):
        find_quantities("3 kilos", "fr")


def test_result_type_is_frozen():
    q = find_quantities("3 kilos", "en")[0]
    assert isinstance(q, QuantityExpr)
    with pytest.raises(AttributeError):
        q.value = 4  # type: ignore[misc]


def test_real_articles_offsets_and_units(shared_data):
    """On real reports: offsets consistent, values positive, shares mostly within 0..1."""
    import json

    files = sorted((shared_data / "news-es-pt").glob("*.json"))
    assert files, "no articles in news-es-pt"
    found = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for q in find_quantities(doc["text"], doc["language"]):
            assert doc["text"][q.start:q.end] == q.text
            assert q.value > 0
            assert q.unit == q.unit.lower()
            found.append(q)
    assert len(found) > 100
    units = {q.unit for q in found}
    assert {"kg", "t", "usd", "brl", "people", "share", "hectares"} <= units


# --- counts of cases, changes "from A to B", and what an event takes ----------------------


def _units(text, lang):
    return [(q.text, q.value, q.unit, q.superseded) for q in find_quantities(text, lang)]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Police registered 145 kidnappings in the state.", ("145 kidnappings", 145, "cases")),
    ("es", "Se presentaron 38 denuncias ante la fiscalía.", ("38 denuncias", 38, "cases")),
    ("es", "Fueron desplegados mil 500 elementos de la Policía Federal.", ("mil 500 elementos", 1500, "police")),
])
def test_reported_crimes_and_agents_are_counted(lang, text, expected):
    assert [(t, v, u) for t, v, u, _ in _units(text, lang)] == [expected]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Gunmen shot dead 27 farm workers near the border.", ("27 farm workers", 27, "deaths")),
    ("en", "Police questioned 43 students after the march.", ("43 students", 43, "people")),
    ("en", "The murder of three local journalists shocked the town.", ("three local journalists", 3, "deaths")),
    ("es", "Fueron asesinados tres periodistas en el puerto.", ("tres periodistas", 3, "deaths")),
    ("pt", "A chacina de 9 pescadores chocou a cidade.", ("9 pescadores", 9, "deaths")),
    ("es", "Detuvieron a cinco comerciantes en el mercado.", ("cinco comerciantes", 5, "people")),
    ("pt", "A polícia resgatou 12 trabalhadores numa fazenda.", ("12 trabalhadores", 12, "people")),
])
def test_people_named_by_their_occupation_are_counted(lang, text, expected):
    assert [(t, v, u) for t, v, u, _ in _units(text, lang)] == [expected]


def test_a_year_before_an_occupation_is_not_a_head_count():
    assert _units("In 2012 students marched against the cartel.", "en") == []


def test_change_end_value_takes_the_start_unit_and_supersedes_it():
    text = "Output rose from 1,053 metric tons in 2016 to 1,379 in 2017."
    assert _units(text, "en") == [("1,053 metric tons", 1053, "t", True), ("1,379", 1379, "t", False)]


def test_change_between_bare_numbers_takes_the_sentence_count_noun():
    text = "Kidnappings in the state plummeted from 37 to 17, officials said."
    assert _units(text, "en") == [("37", 37, "cases", True), ("17", 17, "cases", False)]
    text = "Los homicidios pasaron de 112 en 2009 a 604 en 2010."
    assert _units(text, "es") == [("112", 112, "deaths", True), ("604", 604, "deaths", False)]


def test_numbers_without_a_change_or_a_noun_stay_unitless():
    assert _units("The file ran from page 12 to 40.", "en") == []
    assert _units("He counted from 1 to 10.", "en") == []


def test_a_range_is_not_a_change():
    found = find_quantities("Each boat carried from 2 to 3 tons of cocaine.", "en")
    assert [(q.value, q.low, q.high, q.unit, q.superseded) for q in found] == [(2, 2, 3, "t", False)]


def _event_quantity(text, etype, trigger):
    from crimegraph.extract import events as ev

    sent = ev.Sentence(0, len(text), text)
    units = ev.QUANTITY_UNITS[etype]
    found = find_quantities(text, "en")
    q = ev._nearest(found, text.index(trigger), sent, lambda x: x.unit in units)
    return ev._quantity(q, units) if q else None


def test_event_range_keeps_the_lower_bound():
    q = _event_quantity("Each plane carries 300 to 400 kilos of cocaine from Peru.", "seizure", "carries")
    assert (q.value, q.unit, q.approximate) == (300, "kg", True)


def test_event_prefers_the_count_over_a_percentage_and_the_end_of_a_change():
    text = "Drug-related homicides increased by 11.6 percent, from 484 in 2009 to 540 in 2010."
    q = _event_quantity(text, "violence", "homicides")
    assert (q.value, q.unit) == (540, "deaths")
    q = _event_quantity("Homicides fell 20 percent in the city last year.", "violence", "Homicides")
    assert (q.value, q.unit) == (20, "percent")


def test_event_units_follow_the_annotations():
    q = _event_quantity("Coca crops grew 30 percent in Narino.", "cultivation", "crops")
    assert (q.value, q.unit) == (30, "percent")
    q = _event_quantity("Some 38 extortion cases were reported in Caracas.", "extortion_kidnapping", "extortion")
    assert (q.value, q.unit) == (38, "cases")


@pytest.mark.parametrize("lang,text,phrase,value", [
    ("en", "Police arrested seven soldiers and six civilians in Cucuta.", "seven soldiers and six civilians", 13),
    ("en", "Gunmen killed two men and a woman in Acapulco.", "two men and a woman", 3),
    ("en", "Police arrested 12 people and one Colombian in Lima.", "12 people and one Colombian", 13),
    ("en", "Police arrested five Colombians and two Argentines in Rosario.", "five Colombians and two Argentines", 7),
    ("en", "Police arrested Commissioner Luis Mejia and another 15 police officers.", "15 police", 16),
    ("es", "Zapata Espinoza y otros cinco miembros del cártel fueron detenidos.", "cinco miembros", 6),
    ("es", "Asesinaron a dos hombres y una mujer en Iguala.", "dos hombres y una mujer", 3),
    ("pt", "A polícia prendeu dois homens e uma mulher em Santos.", "dois homens e uma mulher", 3),
])
def test_head_counts_joined_by_and_are_summed(lang, text, phrase, value):
    first = find_quantities(text, lang)[0]
    joined = joined_head_count(text, first, lang)
    assert (joined.text, joined.value, joined.unit) == (phrase, value, first.unit)


@pytest.mark.parametrize("text", [
    "Police arrested two men and seized three rifles.",  # a verb after "and": another statement
    "Police arrested two men and a truck.",  # not a person
    "Troops killed 20 people and 300 cattle.",
])
def test_other_things_after_and_are_not_added(text):
    first = find_quantities(text, "en")[0]
    assert joined_head_count(text, first, "en") == first


@pytest.mark.parametrize("lang,text,phrase,value", [
    ("en", "The homicide rate was 21 per 100,000 people last year.", "21 per 100,000 people", 21),
    ("en", "The murder rate remains around 26 per 100,000, five times the US rate.", "around 26 per 100,000", 26),
    ("es", "Zacatecas tuvo una tasa de 14.6 por cada 100 mil habitantes.", "14.6 por cada 100 mil habitantes", 14.6),
])
def test_a_bare_number_per_100000_is_a_rate_not_a_head_count(lang, text, phrase, value):
    found = find_quantities(text, lang)
    assert [(q.text, q.value, q.unit) for q in found] == [(phrase, value, "rate")]


@pytest.mark.parametrize("phrase,value", [
    ("2 mil 400 millones", 2.4e9),  # "mil millones": the larger scale multiplies what came before
    ("1 millón 500 mil", 1.5e6),
    ("4 millones 372 mil 186", 4372186),
    ("62 mil 500", 62500),
])
def test_spanish_numbers_in_groups(phrase, value):
    assert parse_number(phrase, "es") == value


@pytest.mark.parametrize("text,phrase,value,unit", [
    ("Se aseguraron cuatro millones 372 mil 186 pesos mexicanos.", "cuatro millones 372 mil 186 pesos mexicanos",
     4372186, "mxn"),
    ("La DEA pidió poco más de 2 mil 400 millones de dólares.", "poco más de 2 mil 400 millones de dólares", 2.4e9, "usd"),
    ("Le decomisaron tres millones 200 mil pesos.", "tres millones 200 mil pesos", 3.2e6, "pesos"),
    ("Lavaron 1 millón 500 mil dólares.", "1 millón 500 mil dólares", 1.5e6, "usd"),
])
def test_spanish_amounts_in_groups_are_read_whole(text, phrase, value, unit):
    assert [(q.text, q.value, q.unit) for q in find_quantities(text, "es")] == [(phrase, value, unit)]
