"""The knowledge base: packaged data, look-ups in three languages, validation of analyst files."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimegraph.errors import ConfigError
from crimegraph.kb import loader
from crimegraph.kb.actors import KnowledgeBase, validate_kb
from crimegraph.kb.fold import fold, fold_key
from crimegraph.kb.records import ACTOR_TYPES


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- packaged data ---------------------------------------------------------------------------


def test_packaged_kb_is_valid():
    assert validate_kb() == []


def test_packaged_kb_size_and_fields(kb):
    records = kb.records
    assert len(records) >= 200
    import pycountry

    for rec in records:
        assert rec.id.startswith("crimegraph:") and rec.name.strip(), rec
        assert rec.type in ACTOR_TYPES, rec.id
        if rec.type != "international_org":
            assert rec.country is None or pycountry.countries.get(alpha_2=rec.country) is not None, rec.id
        else:
            assert rec.country is None, rec.id
    multilingual = [r for r in records if sum(1 for forms in r.aliases.values() if forms) >= 2]
    assert len(multilingual) / len(records) >= 0.75
    types = {r.type for r in records}
    assert {"criminal_group", "state_agency", "government", "international_org", "media", "organization"} <= types


def test_every_country_of_the_americas_has_a_government(kb):
    americas = "AR BO BR CA CL CO CR CU DO EC SV GT HN HT JM MX NI PA PY PE US UY VE BZ GY SR TT BS BB AG DM GD KN LC VC"
    for code in americas.split():
        rec = kb.get(f"crimegraph:gov/{code.lower()}")
        assert rec is not None and rec.type == "government" and rec.country == code


def test_capitals_are_not_government_aliases(kb):
    for capital in ("La Paz", "Bogotá", "Brasília", "Lima", "Quito", "Caracas", "Washington"):
        assert kb.lookup(capital) == [], capital


def test_second_load_reads_the_cache_not_the_yaml(tmp_path, monkeypatch):
    """A new process loads the knowledge base from the on-disk cache: no YAML is parsed again."""
    monkeypatch.setenv("CRIMEGRAPH_CACHE_DIR", str(tmp_path))
    loader._MEMO.clear()  # earlier tests' in-memory copies would keep the empty cache folder empty
    first = KnowledgeBase.load()  # fills the on-disk cache
    assert list((tmp_path / "kb").glob("*.pickle"))
    loader._MEMO.clear()  # a new process starts with an empty memory
    fold_key.cache_clear()

    def no_parse(*args, **kwargs):
        raise AssertionError("the YAML was parsed again although the cache is warm")

    monkeypatch.setattr(loader.yaml, "load", no_parse)
    second = KnowledgeBase.load()
    assert second.lookup("PCC") and [a.id for a in second.lookup("PCC")] == [a.id for a in first.lookup("PCC")]


# --- look-ups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "surface", ["PCC", "First Capital Command", "Primeiro Comando da Capital", "primeiro comando da capital", "Primer Comando de la Capital"]
)
def test_pcc_in_three_languages(kb, surface):
    assert [r.id for r in kb.lookup(surface)] == ["crimegraph:group/pcc"]


@pytest.mark.parametrize(
    "surface",
    [
        "FELCN",
        "Fuerza Especial de Lucha Contra el Narcotráfico",
        "fuerza especial de lucha contra el narcotrafico",  # no accents, lower case
        "FUERZA ESPECIAL DE LUCHA CONTRA EL NARCOTRÁFICO",
        "Bolivia's anti-drug police",
        "anti-narcotics police",
    ],
)
def test_felcn(kb, surface):
    assert [r.id for r in kb.lookup(surface)] == ["crimegraph:agency/felcn"]
    rec = kb.get("crimegraph:agency/felcn")
    assert rec.type == "state_agency" and rec.country == "BO"


def test_acronyms_are_case_sensitive(kb):
    assert kb.lookup("pcc") == []
    assert kb.lookup("felcn") == []
    assert kb.lookup("Pcc") == []  # three letters: no title-case form ("Mas", "Dea" are words)
    assert [r.id for r in kb.lookup("ELN")] == ["crimegraph:group/eln"]


@pytest.mark.parametrize("surface,rid", [("Felcn", "crimegraph:agency/felcn"), ("Farc", "crimegraph:group/farc"), ("Unodc", "crimegraph:org/unodc")])
def test_long_acronyms_match_in_title_case(kb, surface, rid):
    assert [r.id for r in kb.lookup(surface)] == [rid]


@pytest.mark.parametrize("surface", ["the Bolivian government", "el gobierno boliviano", "o governo boliviano", "gobierno de Bolivia", "governo da Bolívia"])
def test_government_aliases(kb, surface):
    assert [r.id for r in kb.lookup(surface)] == ["crimegraph:gov/bo"]


def test_shared_alias_returns_every_record(kb):
    ids = {r.id for r in kb.lookup("Policía Nacional")}
    assert {"crimegraph:agency/co-police", "crimegraph:agency/pe-police", "crimegraph:agency/ec-police"} <= ids


def test_commodity_lookup(kb):
    for surface in ("pasta base", "pasta básica de cocaína", "cocaine base paste", "paco", "pasta-base"):
        assert kb.commodity(surface).id == "crimegraph:commodity/cocaine-base-paste", surface
    assert kb.commodity("maconha").id == "crimegraph:commodity/marijuana"
    assert kb.commodity("Amapola").id == "crimegraph:commodity/opium-poppy"
    assert kb.commodity("huachicol").id == "crimegraph:commodity/fuel"
    assert kb.commodity("La Paz") is None


def test_nationality_lookup(kb):
    assert kb.nationality("Colombian") == "CO"
    assert kb.nationality("colombianas") == "CO"
    assert kb.nationality("norte-americano") == "US"
    assert kb.nationality("estadounidenses") == "US"
    assert kb.nationality("U.S.") == "US"
    assert kb.nationality("us") is None  # the pronoun is not the demonym "US"
    assert kb.nationality("brasileiras") == "BR"
    assert kb.country_code("Bolívia") == "BO"
    assert kb.country_code("Estados Unidos") == "US"


def test_heads_of_state(kb):
    countries = {h.country for h in kb.heads_named("Morales")}
    assert countries == {"BO", "GT"}
    assert {h.country for h in kb.heads_named("Bolsonaro")} == {"BR"}


def test_heads_of_state_terms_have_consistent_days(kb):
    dated = [h for h in kb.heads_of_state if h.took_office]
    assert len(dated) > 90
    for h in dated:
        assert h.start is None or h.took_office.year == h.start, h
        assert h.left_office is None or (h.left_office >= h.took_office and (h.end is None or h.left_office.year == h.end)), h
    by_country: dict[str, list] = {}
    for h in dated:
        by_country.setdefault(h.country, []).append(h)
    for heads in by_country.values():  # successive terms of one country do not overlap
        heads.sort(key=lambda h: h.took_office)
        for a, b in zip(heads, heads[1:]):
            assert a.left_office is not None and a.left_office < b.took_office, (a, b)


def test_head_of_state_with_a_bad_day_is_reported(tmp_path):
    problems = validate_kb([write(tmp_path, "heads.yaml", """
kind: heads_of_state
heads:
  - {name: Ana Ruiz, country: MX, from: 2030, to: 2036, took_office: "1 December 2030"}
  - {name: Luis Mora, country: MX, from: 2036, to: 2042, took_office: 2036-12-01, left_office: 2036-01-01}
""")])
    assert any("Ana Ruiz" in p and "took_office" in p for p in problems), problems
    assert any("Luis Mora" in p and "left_office" in p and "before" in p for p in problems), problems


def test_a_date_yaml_cannot_build_is_reported_not_raised(tmp_path):
    problems = validate_kb([write(tmp_path, "heads.yaml", """
kind: heads_of_state
heads:
  - {name: Ana Ruiz, country: MX, from: 2030, to: 2036, took_office: 2030-13-01}
""")])
    assert any("heads.yaml" in p and "month must be in 1..12" in p for p in problems), problems


def test_fold_keeps_length():
    for text in ("Fuerza Especial de Lucha Contra el Narcotráfico", "İstanbul ’Ndrangheta – Ñandú", "Bolívia's"):
        assert len(fold(text)) == len(text)
    assert fold("Policía Federal") == "policia federal"


# --- analyst files: overrides and validation -------------------------------------------------


def test_user_file_adds_and_overrides(tmp_path):
    path = write(
        tmp_path,
        "mine.yaml",
        """
type: criminal_group
records:
  - id: crimegraph:group/pcc
    name: PCC (analyst name)
    country: BR
    aliases: {en: [First Capital Command], pt: [Primeiro Comando da Capital, Partido do Crime]}
    acronyms: [PCC]
  - id: analyst:group/los-del-sur
    name: Los del Sur
    country: BO
    aliases: {es: [Los del Sur, banda Los del Sur], en: [Southerners gang]}
""",
    )
    kb = KnowledgeBase.load([path])
    assert kb.get("crimegraph:group/pcc").name == "PCC (analyst name)"
    assert [r.id for r in kb.lookup("Partido do Crime")] == ["crimegraph:group/pcc"]
    assert [r.id for r in kb.lookup("banda los del sur")] == ["analyst:group/los-del-sur"]
    assert kb.get("analyst:group/los-del-sur").type == "criminal_group"


def _problems_for(tmp_path: Path, text: str) -> list[str]:
    return validate_kb([write(tmp_path, "bad.yaml", text)])


def test_duplicate_id_in_one_file(tmp_path):
    problems = _problems_for(
        tmp_path,
        """
type: criminal_group
records:
  - {id: "x:group/a", name: A}
  - {id: "x:group/a", name: A again}
""",
    )
    assert any("bad.yaml" in p and "x:group/a" in p and "duplicate id" in p for p in problems), problems


def test_unknown_type(tmp_path):
    problems = _problems_for(tmp_path, "records:\n  - {id: 'x:thing/a', name: A, type: cartel}\n")
    assert any("x:thing/a" in p and "unknown type 'cartel'" in p for p in problems), problems


def test_invalid_country(tmp_path):
    problems = _problems_for(tmp_path, "type: media\nrecords:\n  - {id: 'x:media/a', name: A, country: XX}\n")
    assert any("x:media/a" in p and "'XX'" in p and "ISO 3166-1" in p for p in problems), problems
    problems = _problems_for(tmp_path, "type: media\nrecords:\n  - {id: 'x:media/a', name: A, country: Bolivia}\n")
    assert any("'Bolivia'" in p for p in problems), problems


def test_empty_name(tmp_path):
    problems = _problems_for(tmp_path, "type: media\nrecords:\n  - {id: 'x:media/a', name: '  '}\n")
    assert any("x:media/a" in p and "name is missing or empty" in p for p in problems), problems


def test_bad_id_and_unknown_field(tmp_path):
    problems = _problems_for(
        tmp_path, "type: media\nrecords:\n  - {id: 'no namespace', name: A}\n  - {id: 'x:media/b', name: B, alias: [b]}\n"
    )
    assert any("'no namespace'" in p and "no valid id" in p for p in problems), problems
    assert any("x:media/b" in p and "unknown field(s) alias" in p for p in problems), problems


def test_alias_collision_with_packaged_record(tmp_path):
    problems = _problems_for(
        tmp_path,
        "type: criminal_group\nrecords:\n  - {id: 'x:group/copycat', name: Copycat, aliases: {en: [first capital command]}}\n",
    )
    hits = [p for p in problems if "first capital command" in p]
    assert hits and "x:group/copycat" in hits[0] and "crimegraph:group/pcc" in hits[0] and "bad.yaml" in hits[0], problems


def test_acronym_collision(tmp_path):
    problems = _problems_for(tmp_path, "type: criminal_group\nrecords:\n  - {id: 'x:group/p', name: P, acronyms: [PCC]}\n")
    assert any("acronym 'PCC'" in p and "x:group/p" in p for p in problems), problems


def test_declared_ambiguity_is_allowed_only_when_both_declare(tmp_path):
    both = """
type: criminal_group
records:
  - {id: 'x:group/a', name: Los Hermanos del Norte, country: MX, aliases: {es: [Los Hermanos]}, ambiguous_aliases: [Los Hermanos]}
  - {id: 'x:group/b', name: Los Hermanos del Sur, country: PE, aliases: {es: [Los Hermanos]}, ambiguous_aliases: [Los Hermanos]}
"""
    assert _problems_for(tmp_path, both) == []
    one = both.replace(", ambiguous_aliases: [Los Hermanos]}\n  - {id: 'x:group/b'", "}\n  - {id: 'x:group/b'")
    problems = _problems_for(tmp_path, one)
    assert any("los hermanos" in p and "x:group/a" in p for p in problems), problems


def test_ambiguous_alias_must_be_own(tmp_path):
    problems = _problems_for(
        tmp_path, "type: media\nrecords:\n  - {id: 'x:media/a', name: A, ambiguous_aliases: [Something Else]}\n"
    )
    assert any("x:media/a" in p and "'Something Else'" in p for p in problems), problems


def test_yaml_errors_and_missing_files(tmp_path):
    problems = _problems_for(tmp_path, "records: [unclosed\n")
    assert any("bad.yaml" in p and "not valid YAML" in p for p in problems), problems
    problems = validate_kb([tmp_path / "absent.yaml"])
    assert any("absent.yaml" in p and "file not found" in p for p in problems), problems


def test_load_raises_config_error_naming_file_and_record(tmp_path):
    path = write(tmp_path, "bad.yaml", "type: media\nrecords:\n  - {id: 'x:media/a', name: A, country: XX}\n")
    with pytest.raises(ConfigError) as err:
        KnowledgeBase.load([path])
    message = str(err.value)
    assert "bad.yaml" in message and "x:media/a" in message and "'XX'" in message


def test_bad_commodity_and_nationality_files(tmp_path):
    problems = _problems_for(
        tmp_path,
        "kind: commodities\nrecords:\n  - {id: 'x:commodity/a', name: blow, aliases: {en: [cocaine]}}\n",
    )
    assert any("commodity alias 'cocaine'" in p for p in problems), problems
    problems = _problems_for(tmp_path, "kind: nationalities\ncountries:\n  ZZ: {names: {en: [Zed]}}\n  CO: {demonyms: {en: [Bolivian]}}\n")
    assert any("'ZZ'" in p for p in problems), problems
    assert any("bolivian" in p and "BO" in p and "CO" in p for p in problems), problems


@pytest.mark.parametrize("surface,code,rest", [
    ("Guatemalan Air Force", "GT", "air force"),
    ("Ecuador National Police", "EC", "national police"),
    ("Honduras' Supreme Court", "HN", "supreme court"),
    ("Policía Nacional de Colombia", "CO", "policia nacional"),
    ("Fuerza Aérea Colombiana", "CO", "fuerza aerea"),
    ("Supreme Court", None, "supreme court"),
])
def test_split_country(kb, surface, code, rest):
    assert kb.split_country(surface) == (code, rest)


def test_qualified_lookup(kb):
    assert [r.id for r in kb.qualified_lookup("Honduran Supreme Court")["HN"]] == ["crimegraph:agency/hn-supreme-court"]
    courts = kb.qualified_lookup("Supreme Court")
    assert {"MX", "HN", "BR", "US"} <= set(courts)
    assert set(kb.qualified_lookup("Supreme Court", "MX")) == {"MX"}
    assert kb.qualified_lookup("the Colombian government") == {}  # names no particular body
