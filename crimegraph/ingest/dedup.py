"""Near-duplicate detection: MinHash signatures of word shingles and an LSH index.

The same wire story republished by two outlets with small edits shares most of its word
3-grams; the Jaccard similarity of the two shingle sets is estimated from 128 min-hashes
and a pair at or above the threshold (0.8 by default) is a near-duplicate. Locality-
sensitive hashing over bands of the signature finds candidates without comparing every
pair; each candidate is then checked against the threshold on the full signature.

Signatures are bytes so that a store can keep them and rebuild the index later:
``NearDuplicateIndex.from_signatures(rows)``. A signature carries its parameters (shingle
size, number of hashes, seed); the index refuses signatures made with other parameters.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Iterator

import numpy as np

from crimegraph.errors import InputError
from crimegraph.ingest.normalize import normalize_text

__all__ = ["NearDuplicateIndex", "signature", "jaccard", "shingles"]

_MAGIC = b"MH"
_VERSION = 1
_HEADER = struct.Struct("<2sBBHI")  # magic, version, shingle size, number of hashes, seed
_WORD = re.compile(r"\w+", re.UNICODE)
_EMPTY = np.uint32(0xFFFFFFFF)


def shingles(text: str, size: int = 3) -> set[str]:
    """Word ``size``-grams of the case-folded normalized text (the whole text if shorter)."""
    words = _WORD.findall(normalize_text(text).casefold())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: str, b: str, size: int = 3) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (for tests and tuning)."""
    sa, sb = shingles(a, size), shingles(b, size)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def _coefficients(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.Generator(np.random.PCG64(seed))
    a = rng.integers(0, 2**64 - 1, size=num_perm, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, 2**64 - 1, size=num_perm, dtype=np.uint64, endpoint=True)
    return a, b


def _minhash(text: str, size: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    grams = shingles(text, size)
    if not grams:
        return np.full(len(a), _EMPTY, dtype=np.uint32)
    keys = np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    )
    # multiply-add-shift: a strongly universal family from 32-bit keys to 32-bit values
    with np.errstate(over="ignore"):
        hashed = (a[:, None] * keys[None, :] + b[:, None]) >> np.uint64(32)
    return hashed.min(axis=1).astype(np.uint32)


def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising missed pairs above the threshold (weighted 0.7) and
    candidates below it (0.3), as in the usual MinHash LSH parameter search."""
    best, best_cost = (1, num_perm), float("inf")
    grid_low = np.linspace(0.0, threshold, 200)
    grid_high = np.linspace(threshold, 1.0, 200)
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        false_pos = np.trapezoid(1 - (1 - grid_low**rows) ** bands, grid_low)
        false_neg = np.trapezoid((1 - grid_high**rows) ** bands, grid_high)
        cost = 0.3 * false_pos + 0.7 * false_neg
        if cost < best_cost:
            best, best_cost = (bands, rows), cost
    return best


def signature(text: str, num_perm: int = 128, shingle_size: int = 3, seed: int = 1) -> bytes:
    """The MinHash signature of ``text`` as bytes (header + ``num_perm`` little-endian uint32)."""
    a, b = _coefficients(num_perm, seed)
    return _encode(_minhash(text, shingle_size, a, b), shingle_size, seed)


def _encode(values: np.ndarray, shingle_size: int, seed: int) -> bytes:
    header = _HEADER.pack(_MAGIC, _VERSION, shingle_size, len(values), seed)
    return header + values.astype("<u4").tobytes()


class NearDuplicateIndex:
    """Documents by MinHash signature; ``find`` returns the earliest near-duplicate.

    "Earliest" is the order of ``add`` calls (or of the rows given to ``from_signatures``).
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle_size: int = 3, seed: int = 1):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        if not 1 <= num_perm <= 65535 or not 1 <= shingle_size <= 255:
            raise ValueError(f"invalid num_perm={num_perm} or shingle_size={shingle_size}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self.bands, self.rows = _lsh_params(threshold, num_perm)
        self._a, self._b = _coefficients(num_perm, seed)
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._signatures: list[np.ndarray] = []
        self._buckets: list[dict[bytes, list[int]]] = [{} for _ in range(self.bands)]

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._position

    # signatures -------------------------------------------------------------
    def signature(self, text: str) -> bytes:
        return _encode(self._values(text), self.shingle_size, self.seed)

    def _values(self, text: str) -> np.ndarray:
        return _minhash(text, self.shingle_size, self._a, self._b)

    def _decode(self, sig: bytes, item: str) -> np.ndarray:
        if len(sig) < _HEADER.size:
            raise InputError(item, "invalid near-duplicate signature (too short)")
        magic, version, size, count, seed = _HEADER.unpack_from(sig)
        if magic != _MAGIC or version != _VERSION:
            raise InputError(item, "invalid near-duplicate signature (unknown format)")
        if (size, count, seed) != (self.shingle_size, self.num_perm, self.seed):
            raise InputError(
                item,
                f"near-duplicate signature made with shingle_size={size}, num_perm={count}, seed={seed}; "
                f"this index uses {self.shingle_size}, {self.num_perm}, {self.seed}: recompute it",
            )
        if len(sig) != _HEADER.size + 4 * count:
            raise InputError(item, "invalid near-duplicate signature (wrong length)")
        return np.frombuffer(sig, dtype="<u4", offset=_HEADER.size).astype(np.uint32)

    def _band_keys(self, values: np.ndarray) -> Iterator[tuple[int, bytes]]:
        for band in range(self.bands):
            yield band, values[band * self.rows : (band + 1) * self.rows].tobytes()

    # adding -------------------------------------------------------------------
    def add(self, doc_id: str, text: str) -> bytes:
        """Index ``text`` under ``doc_id``; returns its signature (to store). Re-adding an id is a no-op."""
        values = self._values(text)
        self._insert(doc_id, values)
        return _encode(values, self.shingle_size, self.seed)

    def add_signature(self, doc_id: str, sig: bytes) -> None:
        self._insert(doc_id, self._decode(sig, doc_id))

    def _insert(self, doc_id: str, values: np.ndarray) -> None:
        if doc_id in self._position:
            return
        position = len(self._ids)
        self._ids.append(doc_id)
        self._position[doc_id] = position
        self._signatures.append(values)
        if bool((values == _EMPTY).all()):
            return  # no words: never a candidate
        for band, key in self._band_keys(values):
            self._buckets[band].setdefault(key, []).append(position)

    @classmethod
    def from_signatures(cls, rows: Iterable[tuple[str, bytes]], **params: float | int) -> NearDuplicateIndex:
        """Rebuild an index from stored (id, signature) pairs, oldest first."""
        index = cls(**params)
        for doc_id, sig in rows:
            index.add_signature(doc_id, sig)
        return index

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Every (id, signature) pair in insertion order, for persisting."""
        for doc_id, values in zip(self._ids, self._signatures):
            yield doc_id, _encode(values, self.shingle_size, self.seed)

    # querying -----------------------------------------------------------------
    def matches(self, values: np.ndarray) -> list[tuple[str, float]]:
        """(id, estimated Jaccard) of every indexed document at or above the threshold, oldest first."""
        if bool((values == _EMPTY).all()):
            return []
        candidates: set[int] = set()
        for band, key in self._band_keys(values):
            candidates.update(self._buckets[band].get(key, ()))
        out = []
        for position in sorted(candidates):
            similarity = float(np.mean(self._signatures[position] == values))
            if similarity >= self.threshold:
                out.append((self._ids[position], similarity))
        return out

    def find(self, text: str, exclude: str | None = None) -> str | None:
        """Id of the earliest indexed near-duplicate of ``text`` (other than ``exclude``), or None."""
        return self._earliest(self.matches(self._values(text)), exclude)

    def find_signature(self, sig: bytes, exclude: str | None = None) -> str | None:
        return self._earliest(self.matches(self._decode(sig, exclude or "query")), exclude)

    @staticmethod
    def _earliest(matches: list[tuple[str, float]], exclude: str | None) -> str | None:
        return next((doc_id for doc_id, _ in matches if doc_id != exclude), None)
