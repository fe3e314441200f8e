"""Floors on the event figures of the whole annotated set (README), so that a regression fails CI.

The floors sit a little under the measured figures (`crimegraph eval events`); raise them when the
figures rise, never lower them to get green.
"""

from __future__ import annotations

import pytest

from crimegraph.evaluate.run import evaluate_extraction
from crimegraph.extract.pipeline import Extractor

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result(shared_data):
    return evaluate_extraction(shared_data, extractor=Extractor(stages=[
        "nlp", "actors", "places", "times", "quantities", "entities", "events"]))


def test_every_facts_document_is_schema_valid(result):
    assert result["schema_invalid"] == 0 and result["documents"] >= 140


@pytest.mark.parametrize("part,precision,f1", [("tuning", 0.74, 0.77), ("held_out", 0.52, 0.51)])
def test_strict_event_floors(result, part, precision, f1):
    overall = result[part]["strict"]["overall"]
    assert overall["precision"] >= precision and overall["f1"] >= f1, overall


@pytest.mark.parametrize("attribute,floor", [("time", 0.70), ("place", 0.76), ("quantity", 0.65), ("attribution", 0.74),
                                             ("modality", 0.77)])
def test_held_out_attribute_floors(result, attribute, floor):
    assert result["held_out"]["attributes"][attribute]["accuracy"] >= floor, result["held_out"]["attributes"][attribute]


@pytest.mark.parametrize("part,floor", [("tuning", 0.44), ("held_out", 0.40)])
def test_role_floors(result, part, floor):
    """Gold actor and commodity roles found in the same role (measured at e5dedde: tuning 0.459, held-out 0.425)."""
    assert result[part]["roles"]["overall"]["accuracy"] >= floor, result[part]["roles"]


def test_the_embedding_classifier_holds_its_held_out_floors_and_beats_the_words_alone(shared_data, result):
    """The event_embeddings option (measured at 499977f: held-out P 0.567, F1 0.552 against 0.510 and
    0.506 for the default words-only classifier) must stay worth its cost."""
    embedded = evaluate_extraction(shared_data, extractor=Extractor(stages=[
        "nlp", "actors", "places", "times", "quantities", "entities", "events"], event_embeddings=True))
    with_emb, words = embedded["held_out"]["strict"]["overall"], result["held_out"]["strict"]["overall"]
    assert with_emb["precision"] >= 0.55 and with_emb["f1"] >= 0.54, with_emb
    assert with_emb["f1"] >= words["f1"] + 0.02, (with_emb, words)
    assert embedded["schema_invalid"] == 0


def test_confidence_ranks_held_out_events(result):
    """An analyst's confidence filter must buy precision: on held-out, the events at 0.7 or above are
    clearly more often right than all events together (measured 0.657 against 0.501)."""
    overall = result["held_out"]["strict"]["overall"]["precision"]
    at = {r["min_confidence"]: r for r in result["held_out"]["by_confidence"]}
    assert at[0.7]["precision"] >= overall + 0.10 and at[0.7]["events"] >= 100, (overall, at[0.7])
    assert at[0.5]["precision"] <= at[0.6]["precision"] <= at[0.7]["precision"], at


def test_sentence_classifier_adds_recall_on_held_out(shared_data, result):
    """The learned classifier must find held-out events the cue lexicon alone misses, at a net F1 gain."""
    cues_only = evaluate_extraction(shared_data, extractor=Extractor(stages=[
        "nlp", "actors", "places", "times", "quantities", "entities", "events"], event_classifier=None))
    with_clf, without = result["held_out"]["strict"]["overall"], cues_only["held_out"]["strict"]["overall"]
    assert with_clf["recall"] >= without["recall"] + 0.02, (with_clf, without)
    assert with_clf["f1"] > without["f1"], (with_clf, without)


def test_confidences_are_calibrated_on_held_out(shared_data):
    """Expected calibration error of the shipped confidences, cue events and classifier events apart."""
    from crimegraph.evaluate.run import detector_calibration, load_sets, split_parts

    sets = load_sets(shared_data)
    _tuning, held_out = split_parts(sets)
    result = detector_calibration([sets[n][i] for n, i in held_out])
    for name in ("held_out_shipped_cue", "held_out_shipped_classifier"):
        assert result[name]["events"] >= 50 and result[name]["ece"] <= 0.12, (name, result[name])
