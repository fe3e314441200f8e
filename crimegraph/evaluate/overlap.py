"""Find documents that share their text with other documents (republished wire copy).

The same story can reach two corpora: a wire report republished by La Jornada Zacatecas is in
``ljz/crime.jsonl`` and, as one of the project's Spanish evaluation articles, in ``news-es-pt``.
A training annotation of such a story would let the classifier see an evaluation document, so
training drops them (``crimegraph.extract.train_events``) and a test checks the training files.

Two texts overlap when the share of the shorter text's word 8-grams (the near-duplicate
detector's shingles, ``crimegraph.ingest.dedup.shingles``) that also occur in the other reaches
``THRESHOLD``. Unrelated news articles share
almost none (set phrases are shorter than eight words); copies with a new lead or a trimmed end
share most.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from crimegraph.ingest.dedup import shingles

__all__ = ["SHINGLE_WORDS", "THRESHOLD", "shared_share", "overlapping"]

SHINGLE_WORDS = 8
THRESHOLD = 0.2


def shared_share(a: set[str], b: set[str]) -> float:
    """Share of the smaller shingle set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def overlapping(docs: Sequence[Any], others: Iterable[Any],
                threshold: float = THRESHOLD) -> list[tuple[Any, Any, float]]:
    """(doc, other, share) for every doc of ``docs`` sharing its text with one of ``others``.

    Both hold gold documents (``GoldDoc``: ``.document.text``); each doc is reported once, with
    the first other it overlaps.
    """
    other_sets = [(o, shingles(o.document.text, SHINGLE_WORDS)) for o in others]
    found = []
    for doc in docs:
        own = shingles(doc.document.text, SHINGLE_WORDS)
        for other, theirs in other_sets:
            share = shared_share(own, theirs)
            if share >= threshold:
                found.append((doc, other, share))
                break
    return found
