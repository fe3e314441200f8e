"""The eval and bench commands: scorer arithmetic, and one JSON object from each command."""

from __future__ import annotations

import json

import pytest

from crimegraph.cli import main
from crimegraph.evaluate.ner import score_spans, spans_from_iob


def test_iob_spans_accept_iob1_and_iob2():
    assert spans_from_iob(["B-PER", "I-PER", "O", "B-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC")}
    assert spans_from_iob(["I-ORG", "I-ORG", "I-LOC", "O"]) == {(0, 2, "ORG"), (2, 3, "LOC")}
    assert spans_from_iob(["B-LOC", "B-LOC"]) == {(0, 1, "LOC"), (1, 2, "LOC")}
    assert spans_from_iob(["O", "O"]) == set()


def test_entity_level_scores():
    gold = [{(0, 2, "PER"), (3, 4, "LOC")}, {(0, 1, "ORG")}]
    pred = [{(0, 2, "PER"), (3, 4, "ORG")}, {(0, 1, "ORG"), (2, 3, "MISC")}]
    r = score_spans(gold, pred)
    assert r["overall"]["precision"] == 0.5 and r["overall"]["recall"] == round(2 / 3, 4)
    assert r["per_label"]["PER"]["f1"] == 1.0 and r["per_label"]["LOC"]["f1"] == 0.0


def _json(capsys, argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_eval_events_on_the_project_samples_without_shared_data(capsys):
    r = _json(capsys, ["eval", "events", "--gold", "samples", "--json"])
    assert r["schema_invalid"] == 0 and r["documents"] >= 44
    overall = r["by_set"]["samples"]["strict"]["overall"] if "by_set" in r else r["strict"]["overall"]
    assert overall["gold"] >= 300 and 0 < overall["precision"] <= 1


def test_eval_events_without_the_classifier_runs_the_cue_rules_alone(capsys, monkeypatch):
    import crimegraph.evaluate.run as run

    used = []
    real = run.evaluate_extraction

    def spy(*args, **kwargs):
        used.append(kwargs.get("extractor"))
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "evaluate_extraction", spy)
    with_classifier = _json(capsys, ["eval", "events", "--gold", "samples", "--limit", "12", "--json"])
    cues_alone = _json(capsys, ["eval", "events", "--gold", "samples", "--limit", "12", "--json", "--no-classifier"])
    assert used[0] is None and used[1].event_classifier is None
    n = lambda r: r["by_set"]["samples"]["strict"]["overall"]["predicted"]
    assert n(cues_alone) < n(with_classifier)


@pytest.mark.slow
def test_eval_ner_json(capsys, shared_data):
    r = _json(capsys, ["eval", "ner", "--limit", "150", "--json", "--data", str(shared_data)])
    assert r["sentences"] == 150
    assert r["project_ner"]["overall"]["f1"] > r["stock"]["overall"]["f1"]


@pytest.mark.slow
def test_eval_geo_json_reports_every_corpus(capsys, shared_data):
    r = _json(capsys, ["eval", "geo", "--limit", "2", "--json", "--data", str(shared_data)])
    assert set(r["corpora"]) == {"lgl.xml", "GWN.xml", "GeoVirus.xml"}
    for result in r["corpora"].values():
        assert 0 <= result["resolution"]["system"]["accuracy_161km"] <= 1
        assert "population_baseline" in result["resolution"]


@pytest.mark.slow
def test_bench_json(capsys, shared_data):
    r = _json(capsys, ["bench", "--limit", "12", "--json", "--data", str(shared_data)])
    assert r["documents"] == 12 and r["crimegraph"]["docs_per_s"] > 0 and r["bare_spacy"]["docs_per_s"] > 0
    assert r["peak_memory_mb"] < 1536
