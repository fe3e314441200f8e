"""Topic embeddings: windows over a report, pooling, the on-disk embedding cache, shipped settings."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pytest

from crimegraph.errors import ConfigError
from crimegraph.extract.topics import (
    E5Embedder,
    EmbeddingCache,
    TopicModel,
    TopicTrainConfig,
    document_vectors,
    embed_view,
    embed_windows,
)


class _AxisEmbedder:
    """Embeds a window as the unit vector of the axis named by its first word ('a0', 'a1', ...)."""

    dim = 4

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, int(t.split()[0][1:])] = 1.0
        return out


def test_embed_windows_cut_consecutive_word_windows():
    text = "a0 w w a1 w w a2 w"
    assert embed_windows(text, 3, 1) == ["a0 w w"]
    assert embed_windows(text, 3, 2) == ["a0 w w", "a1 w w"]
    assert embed_windows(text, 3, 9) == ["a0 w w", "a1 w w", "a2 w"]
    assert embed_windows("", 3, 2) == [""]
    # the first window is what a one-window model has always read
    assert embed_windows(text, 3, 4)[0] == embed_view(text, 3)


def test_document_vectors_pool_windows():
    emb = _AxisEmbedder()
    texts = ["a0 w a1 w a1 w", "a2 w"]  # windows of 2 words: (a0, a1, a1) and (a2)
    mean = document_vectors(emb, texts, TopicTrainConfig(embed_words=2, embed_windows=3, embed_pool="mean"))
    # mean of e0, e1, e1 = (1/3, 2/3, 0, 0), normalized
    assert mean.shape == (2, 4)
    assert np.allclose(mean[0], np.array([1, 2, 0, 0]) / np.sqrt(5), atol=1e-6)
    assert np.allclose(mean[1], [0, 0, 1, 0])
    assert len(emb.calls) == 1 and len(emb.calls[0]) == 4  # one batch for all windows
    both = document_vectors(emb, texts, TopicTrainConfig(embed_words=2, embed_windows=3, embed_pool="first+mean"))
    assert both.shape == (2, 8)
    assert np.allclose(both[0], np.array([1, 0, 0, 0, 1 / 3, 2 / 3, 0, 0]) / np.linalg.norm([1, 1 / 3, 2 / 3]), atol=1e-6)
    first_only = document_vectors(emb, texts, TopicTrainConfig(embed_words=2, embed_windows=1))
    assert np.allclose(first_only, [[1, 0, 0, 0], [0, 0, 1, 0]])
    with pytest.raises(ConfigError, match="embed_pool 'max'"):
        document_vectors(emb, texts, TopicTrainConfig(embed_pool="max"))


class _CountingE5(E5Embedder):
    """E5Embedder whose model is replaced by a cheap deterministic function (counts what it computes)."""

    def __init__(self, cache_path) -> None:
        super().__init__(cache_path=cache_path)
        self.computed: list[str] = []

    def _embed(self, texts):
        self.computed.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % self.dim] = 1.0
            out[i, 0] += 0.5
        return out


def test_embedding_cache_computes_each_text_once(tmp_path):
    path = tmp_path / "emb.sqlite"
    first = _CountingE5(path)
    a = first.embed(["one text", "another text"])
    assert first.computed == ["one text", "another text"]
    second = _CountingE5(path)  # a new process: same file
    b = second.embed(["another text", "a third", "one text"])
    assert second.computed == ["a third"]
    assert np.array_equal(b[0], a[1]) and np.array_equal(b[2], a[0])
    assert np.array_equal(b[1], second._embed(["a third"])[0])


def test_embedding_cache_keys_by_model_and_text(tmp_path):
    cache = EmbeddingCache(tmp_path / "c.sqlite", "model-a", 3)
    cache.put(["x"], np.array([[1, 2, 3]], dtype=np.float32))
    assert np.array_equal(cache.get(["x"])[0], [1, 2, 3])
    assert cache.get(["y"]) == [None]
    assert EmbeddingCache(tmp_path / "c.sqlite", "model-b", 3).get(["x"]) == [None]


def test_embedding_cache_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CRIMEGRAPH_TOPICS_EMBED_CACHE", str(tmp_path / "env.sqlite"))
    assert E5Embedder().cache is not None and E5Embedder().cache.path == tmp_path / "env.sqlite"
    assert E5Embedder(env_cache=False).cache is None  # the event classifier's per-sentence embedder
    assert E5Embedder(tmp_path / "own.sqlite", env_cache=False).cache.path == tmp_path / "own.sqlite"
    monkeypatch.delenv("CRIMEGRAPH_TOPICS_EMBED_CACHE")
    assert E5Embedder().cache is None


def test_shipped_model_records_the_default_settings():
    """`train` with the default config reproduces the shipped file: its recorded config must be the default."""
    model = TopicModel.load()
    assert model.meta["config"] == asdict(TopicTrainConfig())
    assert model.config.embed_windows == 1 and model.embed_coef.shape == (7, 384)


def test_old_model_files_without_window_settings_still_load(tmp_path):
    import json

    from crimegraph.extract.topics import DEFAULT_MODEL_PATH, _write_npz

    with np.load(DEFAULT_MODEL_PATH, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    for key in ("embed_windows", "embed_pool"):  # a file written before windows existed
        meta["config"].pop(key)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    _write_npz(tmp_path / "old.npz", arrays)
    loaded = TopicModel.load(tmp_path / "old.npz")
    assert loaded.config.embed_windows == 1 and loaded.config.embed_pool == "mean"
