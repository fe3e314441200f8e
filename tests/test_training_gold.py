"""The training annotations must not hold copies of evaluation documents."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from crimegraph.evaluate.overlap import SHINGLE_WORDS, THRESHOLD, overlapping, shared_share
from crimegraph.ingest.dedup import shingles

TRAIN_DIR = Path(__file__).resolve().parents[1] / "crimegraph" / "evaluate" / "gold" / "train"

WIRE = ("Federal police said on Monday that they had detained four men suspected of running a "
        "kidnapping ring in the port city, after a raid on a warehouse where two hostages were held "
        "for eleven days. The suspects were handed to prosecutors in the state capital.")
OTHER = ("The city council approved a new budget for street lighting and school repairs on Thursday, "
         "after a long debate about taxes that kept councillors in the chamber until late at night.")


def _doc(text: str, item: str) -> SimpleNamespace:
    return SimpleNamespace(document=SimpleNamespace(text=text), item=item)


def test_republished_copy_with_a_new_lead_overlaps():
    copy = "MEXICO CITY (wire). " + WIRE.replace("eleven days", "11 days")
    share = shared_share(shingles(copy, SHINGLE_WORDS), shingles(WIRE, SHINGLE_WORDS))
    assert share >= THRESHOLD
    found = overlapping([_doc(copy, "train:1"), _doc(OTHER, "train:2")], [_doc(WIRE, "eval:7")])
    assert [(d.item, o.item) for d, o, _ in found] == [("train:1", "eval:7")]


def test_unrelated_articles_do_not_overlap():
    assert shared_share(shingles(OTHER, SHINGLE_WORDS), shingles(WIRE, SHINGLE_WORDS)) == 0.0
    assert overlapping([_doc(OTHER, "train:2")], [_doc(WIRE, "eval:7")]) == []
    assert shared_share(set(), shingles(WIRE, SHINGLE_WORDS)) == 0.0


def test_no_training_annotation_copies_an_evaluation_document(shared_data):
    from crimegraph.evaluate.events import load_gold
    from crimegraph.evaluate.run import load_sets

    files = sorted(TRAIN_DIR.glob("*.jsonl"))
    if not files:
        pytest.skip("no training annotation files")
    training = load_gold(files, shared_data)
    evaluation = [doc for docs in load_sets(shared_data).values() for doc in docs]
    copies = [(d.item, o.item, round(s, 2)) for d, o, s in overlapping(training, evaluation)]
    assert copies == [], f"training annotations that copy evaluation documents: {copies}"
