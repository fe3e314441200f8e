"""The learned sentence classifier: features, scoring, decisions, training, and its use in detection.

Every sentence below was written for these tests.
"""

from __future__ import annotations

import gzip
import json
import math

import numpy as np
import pytest

from crimegraph.errors import ConfigError
from crimegraph.extract.entities import MentionIndex
from crimegraph.extract.event_classifier import SentenceClassifier, SentenceEmbedder, default_classifier, sentence_features
from crimegraph.extract.events import detect_events, rule_events, sentence_views
from crimegraph.extract.train_events import (CONFIDENCE_FLOORS, CueExample, Row, additions_ece, best_threshold,
                                             decision_scores, fit_calibration, fit_cue_confidence, stacked_floor, train,
                                             type_thresholds)
from crimegraph.model import EVENT_TYPES
from test_events_rules import _entities, _sentences


def _views(text: str, spec: list[tuple[str, str]]):
    ents = _entities(text, spec)
    return sentence_views(text, _sentences(text), MentionIndex(ents), [], []), ents


def _model(weights: dict[str, dict[str, float]], add: float = 0.5, intercept: float = -3.0) -> SentenceClassifier:
    types = sorted(EVENT_TYPES)
    return SentenceClassifier(types, {t: weights.get(t, {}) for t in types}, {t: intercept for t in types}, add, {})


def test_features_replace_mentions_by_their_type_and_record_cue_levels():
    text = "The Gulf Clan has expanded its reach into Choco."
    (view,), _ = _views(text, [("Gulf Clan", "criminal_group"), ("Choco", "place")])
    feats = sentence_features(view, "en", {"group_presence": 2, "policy": 1})
    assert "w:GROUP" in feats and "w:PLACE" in feats
    assert "w:choco" not in feats and "w:gulf" not in feats  # names never become word features
    assert "b:into_PLACE" in feats and "s:expan" in feats
    assert {"cue:group_presence:1", "cue:group_presence:2", "cue:policy:1"} <= set(feats)
    assert "cue:policy:2" not in feats
    assert {"ent:criminal_group", "ent:place", "lang:en", "pos:0"} <= set(feats)


def test_numbers_are_one_feature():
    text = "Police found 1,200 kilos in Cali."
    (view,), _ = _views(text, [("Cali", "place")])
    feats = sentence_features(view, "en", {})
    assert "w:NUM" in feats and not any(f.startswith("w:1") for f in feats)


def test_probabilities_are_the_logistic_of_the_weight_sum():
    model = _model({"violence": {"w:killed": 2.0, "ent:place": 0.5}}, intercept=-1.0)
    p = model.probabilities(["w:killed", "ent:place", "w:unknown"])
    assert p["violence"] == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert p["arrest"] == pytest.approx(1 / (1 + math.exp(1.0)))


def test_decide_adds_only_types_no_cue_found_and_above_the_threshold():
    text = "The Gulf Clan has expanded its reach into Choco."
    (view,), _ = _views(text, [("Gulf Clan", "criminal_group"), ("Choco", "place")])
    model = _model({"group_presence": {"s:expan": 4.0, "w:GROUP": 1.0}, "violence": {"w:GROUP": 1.0}})
    assert [t for t, _ in model.decide(text, view, "en", {}, set())] == ["group_presence"]
    assert model.decide(text, view, "en", {}, {"group_presence"}) == []


def test_trigger_is_the_word_weighing_most_for_the_type():
    text = "The Gulf Clan has expanded its reach into Choco."
    (view,), _ = _views(text, [("Gulf Clan", "criminal_group"), ("Choco", "place")])
    model = _model({"group_presence": {"w:reach": 0.5, "w:expanded": 2.0, "w:GROUP": 9.0}})
    s, e = model.trigger(view.sent, "group_presence", view)
    assert text[s:e] == "expanded"  # placeholders never become triggers
    assert model.trigger(view.sent, "arrest", view) is None
    # a function word never triggers, however much it weighs
    model = _model({"group_presence": {"w:into": 5.0, "w:its": 4.0, "w:reach": 0.5}})
    s, e = model.trigger(view.sent, "group_presence", view)
    assert text[s:e] == "reach"


def test_detection_adds_a_classifier_event_with_roles_from_the_sentence():
    text = "The Gulf Clan now calls the shots in Choco."
    spec = [("Gulf Clan", "criminal_group"), ("Choco", "place")]
    ents = _entities(text, spec)
    mentions = MentionIndex(ents)
    (view,) = sentence_views(text, _sentences(text), mentions, [], [])
    found, _levels = rule_events(text, view, "en", [])
    assert "group_presence" not in found  # the cue lexicon misses this phrasing
    model = _model({"group_presence": {"w:shots": 5.0}})
    events = detect_events(text, _sentences(text), "en", mentions, [], [], classifier=model)
    added = [e for e in events if e.detector == "classifier"]
    assert [e.type for e in added] == ["group_presence"]
    ev = added[0]
    assert text[ev.trigger.start:ev.trigger.end] == "shots"
    assert ev.roles == {"actor": ["e1"], "location": ["e2"]}
    assert ev.confidence == pytest.approx(1 / (1 + math.exp(-2.0)), abs=1e-3)
    without = detect_events(text, _sentences(text), "en", mentions, [], [])
    assert without == []


def test_cue_events_carry_the_classifier_probability_of_their_type():
    text = "Police arrested two men in Cali."
    mentions = MentionIndex(_entities(text, [("Cali", "place")]))
    model = _model({"arrest": {"w:arrested": 4.0}, "seizure": {"w:arrested": 1.0}})
    (ev,) = detect_events(text, _sentences(text), "en", mentions, [], [], classifier=model)
    assert ev.detector == "cue" and ev.type == "arrest"
    assert ev.support == pytest.approx(1 / (1 + math.exp(-1.0)))  # the arrest probability, not the seizure one
    (alone,) = detect_events(text, _sentences(text), "en", mentions, [], [])
    assert alone.support is None


def test_round_trip_and_bad_files(tmp_path):
    model = _model({"arrest": {"w:arrested": 1.25}}, add=0.4)
    model.cue_confidence = {"weights": {"bias": -1.0, "type_logit": 0.8}, "prior": {"arrest": 0.2}}
    path = tmp_path / "m.json.gz"
    path.write_bytes(model.to_bytes())
    again = SentenceClassifier.load(path)
    assert again.weights["arrest"] == {"w:arrested": 1.25} and again.add == 0.4
    assert again.cue_confidence == model.cue_confidence
    assert SentenceClassifier.load(_saved(tmp_path, _model({}))).cue_confidence == {}
    with pytest.raises(ConfigError, match="not found"):
        SentenceClassifier.load(tmp_path / "missing.json.gz")
    (tmp_path / "bad.json.gz").write_bytes(b"not gzip")
    with pytest.raises(ConfigError, match="bad.json.gz"):
        SentenceClassifier.load(tmp_path / "bad.json.gz")
    (tmp_path / "old.json.gz").write_bytes(gzip.compress(json.dumps({"format": 0}).encode()))
    with pytest.raises(ConfigError, match="format"):
        SentenceClassifier.load(tmp_path / "old.json.gz")


def _saved(tmp_path, model: SentenceClassifier):
    path = tmp_path / "plain.json.gz"
    path.write_bytes(model.to_bytes())
    return path


def _examples_and_rows(n: int = 200) -> tuple[list[CueExample], list[Row], list[dict[str, float]]]:
    """Cue events whose correctness the classifier's probability tells and the features do not."""
    examples, rows, probs = [], [], []
    for i in range(n):
        right = i % 3 != 0
        doc = f"doc{i % 20}"
        examples.append(CueExample(doc, doc, "arrest", 100 * i, {"bias": 1.0, "own_place": float(i % 2)}, right))
        rows.append(Row(doc, [], frozenset({"arrest"}), frozenset({"arrest"}) if right else frozenset(),
                        (doc, 100 * i, 100 * i + 50)))
        probs.append({"arrest": (0.7 if right else 0.3) + (i % 5) * 0.02})
    return examples, rows, probs


def test_the_cue_confidence_learns_from_the_out_of_fold_probability():
    examples, rows, probs = _examples_and_rows()
    model, report = fit_cue_confidence(examples, rows, probs, folds=5)
    assert model["weights"]["type_logit"] > 1.0
    assert report["with_type_logit"]["roc_auc"] > 0.95 > 0.6 > report["cue_features_alone"]["roc_auc"]
    assert report["with_type_logit"]["log_loss"] < report["cue_features_alone"]["log_loss"]
    assert report["events"] == 200 and report["right"] == sum(e.right for e in examples)


def test_the_stacked_floor_is_the_lowest_as_precise_as_the_cue_model_and_no_larger():
    alone = {"0.45": {"precision": 0.64, "events": 1000}}
    both = {str(f): {"precision": p, "events": n} for f, p, n in
            zip(CONFIDENCE_FLOORS, (0.6, 0.63, 0.65, 0.67, 0.69, 0.71, 0.73), (1400, 1200, 1000, 900, 800, 700, 600))}
    assert stacked_floor(alone, both, 0.45) == 0.4
    both["0.4"]["events"] = 1050  # as precise but keeps more events than the cue model: not yet
    assert stacked_floor(alone, both, 0.45) == 0.45
    worse = {str(f): {"precision": 0.5, "events": 10} for f in CONFIDENCE_FLOORS}
    assert stacked_floor(alone, worse, 0.45) == 0.45  # never less precise: keep the cue model's floor


def test_a_cue_event_outside_every_sentence_is_an_error():
    examples, rows, probs = _examples_and_rows(20)
    examples[3].start = 10**6
    with pytest.raises(ValueError, match="doc3.*1000000"):
        fit_cue_confidence(examples, rows, probs, folds=2)


def _rows() -> list[Row]:
    """Synthetic sentences: "w:seized" marks seizures; cues found half of them."""
    rows = []
    for i in range(60):
        seized = i % 3 == 0
        feats = ["w:police", f"w:filler{i % 7}"] + (["w:seized"] if seized else ["w:said"])
        found = frozenset({"seizure"}) if seized and i % 2 == 0 else frozenset()
        rows.append(Row(f"doc{i % 10}", feats, found, frozenset({"seizure"}) if seized else frozenset()))
    return rows


def test_training_learns_a_telling_word_and_chooses_a_threshold_by_cross_validation():
    rows = _rows()
    model, report = train(rows, folds=5, c_grid=(1.0,))
    p = model.probabilities(["w:police", "w:seized"])
    assert p["seizure"] > 0.8 and p["arrest"] < 0.2
    assert model.probabilities(["w:police", "w:said"])["seizure"] < 0.2
    chosen = report["chosen"]["cross_validated"]
    assert chosen["recall"] == 1.0 and chosen["precision"] == 1.0
    assert report["cue_rules_alone"]["recall"] == pytest.approx(0.5)


def test_decision_scores_count_cue_events_and_additions():
    rows = _rows()
    probs = [{"seizure": 0.9 if "w:seized" in r.features else 0.1} for r in rows]
    assert decision_scores(rows, probs, 0.5)["f1"] == 1.0
    assert decision_scores(rows, probs, 0.95)["recall"] == pytest.approx(0.5)
    add, scores = best_threshold(rows, probs)
    assert 0.1 < add <= 0.9 and scores["f1"] == 1.0


def test_a_frequent_type_gets_its_own_threshold_when_it_pays():
    rows = [Row(f"d{i % 5}", [], frozenset(), frozenset({"policy"}) if i % 2 == 0 else frozenset()) for i in range(100)]
    # the classifier is right about policy but never confident: 0.3 on policy sentences, 0.1 elsewhere
    probs = [{"policy": 0.3 if "policy" in r.labels else 0.1} for r in rows]
    by_type = type_thresholds(rows, probs, add=0.45, min_positive=10)
    assert 0.1 < by_type["policy"] <= 0.3
    assert type_thresholds(rows, probs, add=0.45, min_positive=60) == {}  # too few examples
    model = _model({}, add=0.45)
    model.add_by_type = by_type
    assert model.threshold("policy") == by_type["policy"] and model.threshold("arrest") == 0.45


def test_additions_are_calibrated_out_of_fold():
    # additions at probability 0.3 that are right 60% of the time: under-confident
    rows = [Row(f"d{i % 5}", [], frozenset(), frozenset({"policy"}) if i % 5 < 3 else frozenset()) for i in range(100)]
    probs = [{"policy": 0.3} for _ in rows]
    before = additions_ece(rows, probs, 0.25, {})
    a, b = fit_calibration(rows, probs, 0.25, {})
    assert before == pytest.approx(0.3)
    assert additions_ece(rows, probs, 0.25, {}, (a, b)) < 0.01
    model = _model({}, add=0.25)
    assert model.confidence(0.3) == pytest.approx(0.3)  # no calibration: the probability itself
    model.calibration = (a, b)
    assert model.confidence(0.3) == pytest.approx(0.6, abs=0.01)


def test_shipped_model_loads_and_says_what_it_was_trained_on():
    model = default_classifier()
    assert model is not None
    assert sorted(model.types) == sorted(EVENT_TYPES)
    assert model.meta["trained_on"] >= 200 and 0.0 < model.add < 1.0
    # the shipped model knows the common phrasings of presence and violence
    assert model.weights["violence"].get("s:murde", 0) > 0


# -- the model that also reads sentence embeddings (event_embeddings) ------------------------------------

class _FakeEmbedder:
    """Embeds a sentence as [1, 0] when it mentions a raid and [0, 1] otherwise; records its calls."""

    name = SentenceEmbedder.name

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return np.asarray([[1.0, 0.0] if "raid" in t else [0.0, 1.0] for t in texts])


def _dense_model(scale: float = 2.0) -> SentenceClassifier:
    types = sorted(EVENT_TYPES)
    dense = {t: [0.0, 0.0] for t in types}
    dense["seizure"] = [3.0, -1.0]
    return SentenceClassifier(types, {t: {} for t in types}, {t: -1.0 for t in types}, 0.5, {},
                              embedding=SentenceEmbedder.name, dense=dense, dense_scale=scale)


def test_the_embedding_enters_the_score_scaled():
    model = _dense_model(scale=2.0)
    assert model.probabilities([], np.array([1.0, 0.0]))["seizure"] == pytest.approx(1 / (1 + math.exp(-5.0)))
    assert model.probabilities([], np.array([0.0, 1.0]))["seizure"] == pytest.approx(1 / (1 + math.exp(3.0)))
    assert model.probabilities([], np.array([1.0, 0.0]))["arrest"] == pytest.approx(1 / (1 + math.exp(1.0)))
    with pytest.raises(ValueError, match="sentence embeddings"):
        model.probabilities(["w:raid"])


def test_an_embedding_model_round_trips_and_a_foreign_embedding_is_refused(tmp_path):
    model = _dense_model()
    path = tmp_path / "m.json.gz"
    path.write_bytes(model.to_bytes())
    loaded = SentenceClassifier.load(path)
    assert loaded.embedding == SentenceEmbedder.name and loaded.dense_scale == 2.0
    v = np.array([0.3, 0.7])
    assert loaded.probabilities(["w:x"], v) == model.probabilities(["w:x"], v)
    data = json.loads(gzip.decompress(path.read_bytes()))
    data["embedding"] = "some-other-encoder"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(ConfigError, match="some-other-encoder"):
        SentenceClassifier.load(path)
    words_only = _model({})
    assert "embedding" not in json.loads(gzip.decompress(words_only.to_bytes())) and words_only.embedder is None


def test_detection_embeds_each_body_sentence_once_per_document_and_uses_the_vector():
    text = "Navy Raid In Port\n\nMarines carried out a raid at the port of Buenaventura. The mayor spoke to reporters."
    ents = _entities(text, [("Buenaventura", "place")])
    model = _dense_model(scale=2.0)
    model.weights["seizure"] = {"w:raid": 0.1}  # the trigger word; alone it would not reach 0.5
    model.__post_init__()
    assert model.probabilities(["w:raid"], np.array([0.0, 0.0]))["seizure"] < 0.5
    fake = _FakeEmbedder()
    model._embedder = fake
    events = detect_events(text, _sentences(text), "en", MentionIndex(ents), [], [], classifier=model)
    assert len(fake.calls) == 1
    assert fake.calls[0] == ["Marines carried out a raid at the port of Buenaventura.", "The mayor spoke to reporters."]
    added = [e for e in events if e.type == "seizure"]
    assert len(added) == 1 and text[added[0].trigger.start:added[0].trigger.end] == "raid"
    assert added[0].evidence[0].start == text.index("Marines")


def test_with_a_words_fallback_only_sentences_worth_it_are_embedded():
    text = ("Navy Raid In Port\n\nMarines carried out a raid at the port of Buenaventura. "
            "Police seized two tons of cocaine in Tumaco. The mayor spoke to reporters.")
    ents = _entities(text, [("Buenaventura", "place"), ("Tumaco", "place"), ("cocaine", "commodity")])
    model = _dense_model(scale=2.0)
    model.weights["seizure"] = {"w:raid": 0.1}
    model.__post_init__()
    types = sorted(EVENT_TYPES)
    words = SentenceClassifier(types, {t: {} for t in types}, {t: -4.0 for t in types}, 0.5, {})
    words.weights["seizure"] = {"w:raid": 3.0}  # the fallback thinks a raid sentence may be a seizure (0.27)
    words.__post_init__()
    model.fallback, model.gate = words, 0.1
    fake = _FakeEmbedder()
    model._embedder = fake
    events = detect_events(text, _sentences(text), "en", MentionIndex(ents), [], [], classifier=model)
    # the raid sentence passes the gate, the seizure has a cue event; the mayor's sentence is left to the fallback
    assert fake.calls == [["Marines carried out a raid at the port of Buenaventura.",
                           "Police seized two tons of cocaine in Tumaco."]]
    seizures = sorted(text[e.evidence[0].start:e.evidence[0].end] for e in events if e.type == "seizure")
    assert seizures == ["Marines carried out a raid at the port of Buenaventura.",
                        "Police seized two tons of cocaine in Tumaco."]
    model.gate = 0.0  # a gate of 0 embeds every sentence
    fake.calls.clear()
    detect_events(text, _sentences(text), "en", MentionIndex(ents), [], [], classifier=model)
    assert len(fake.calls[0]) == 3


def test_training_with_vectors_learns_what_only_the_embedding_tells():
    # the words are the same in every sentence; only the embedding says which are seizures
    rows, vectors = [], []
    for i in range(80):
        seized = i % 4 == 0
        rows.append(Row(f"doc{i % 10}", ["w:police", f"w:filler{i % 5}"], frozenset(),
                        frozenset({"seizure"}) if seized else frozenset()))
        vectors.append([1.0, 0.0] if seized else [0.0, 1.0])
    words, _ = train(rows, folds=5, c_grid=(1.0,))
    both, report = train(rows, folds=5, c_grid=(1.0,), vectors=np.asarray(vectors))
    assert words.embedding is None and both.embedding == SentenceEmbedder.name
    assert report["chosen"]["cross_validated"]["f1"] == 1.0
    assert both.probabilities(["w:police"], np.array([1.0, 0.0]))["seizure"] > 0.8
    assert both.probabilities(["w:police"], np.array([0.0, 1.0]))["seizure"] < 0.2
    assert words.probabilities(["w:police"])["seizure"] < 0.5  # words alone cannot tell


def test_shipped_embedding_model_loads_and_reads_e5_vectors():
    model = default_classifier(True)
    assert model is not None and model.embedding == SentenceEmbedder.name
    assert model.meta["trained_on"] >= 900 and model.meta["embedding"]["scale"] == model.dense_scale
    assert all(len(model.dense[t]) == SentenceEmbedder.dim for t in model.types)
    assert model.embedder is not None and default_classifier(False).embedder is None
    # the shipped words-only model decides the sentences not worth embedding
    assert model.fallback is not None and model.fallback.embedder is None and 0 < model.gate < 0.5


def test_extraction_embeddings_stay_out_of_the_topic_cache(tmp_path, monkeypatch):
    """Only training asks for the on-disk cache; extraction would fill it with every sentence it reads."""
    monkeypatch.setenv("CRIMEGRAPH_TOPICS_EMBED_CACHE", str(tmp_path / "topics.sqlite"))
    model = _dense_model()
    assert model.embedder is not None and model.embedder.cache is None
    assert SentenceEmbedder().cache is not None  # what training (row_vectors) uses


def test_sentence_embeddings_are_unit_vectors_that_put_like_sentences_close():
    vectors = SentenceEmbedder().embed([
        "Soldiers dismantled a cocaine laboratory in the jungle.",
        "El ejército destruyó un laboratorio de cocaína en la selva.",
        "The central bank raised interest rates by half a point.",
        "",
    ])
    assert vectors.shape == (4, SentenceEmbedder.dim)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.05  # across languages, by meaning


# -- the teacher: the embedding model labels unannotated reports for the words-only model --------------------

def test_teacher_labels_are_the_types_at_or_over_the_teachers_thresholds():
    from crimegraph.extract.train_events import teacher_labels

    teacher = _model({}, add=0.5)
    teacher.add_by_type = {"seizure": 0.2}
    probs = {t: 0.0 for t in EVENT_TYPES} | {"seizure": 0.25, "arrest": 0.45, "violence": 0.5}
    assert teacher_labels(probs, teacher) == frozenset({"seizure", "violence"})


def test_unlabeled_documents_leave_out_annotated_and_held_out_texts(tmp_path):
    from types import SimpleNamespace

    from crimegraph.extract.train_events import unlabeled_documents
    from crimegraph.ingest.normalize import normalize_text

    crime = ("Hallaron una narcofosa con tres cuerpos; el cártel dejó un mensaje y la policía detuvo a dos sicarios "
             "tras una balacera. ") * 4
    quiet = "La feria del libro abrió sus puertas con lecturas, talleres y conciertos para toda la familia. " * 6
    (tmp_path / "insightcrime").mkdir()
    (tmp_path / "insightcrime" / "train.tsv").write_text(
        "Police arrested two men in Lima.\t1\t0\t0\t0\t0\t0\t0\nA gang extorts bus drivers in Tegucigalpa.\t0\t0\t0\t1\t0\t0\t0\n",
        encoding="utf-8")
    (tmp_path / "ljz").mkdir()
    posts = [{"id": "p1", "published": "2013-05-02", "text": crime, "outlet": "La Jornada Zacatecas"},
             {"id": "p2", "published": "2013-05-03", "text": quiet, "outlet": "La Jornada Zacatecas"},
             {"id": "p3", "published": "2013-05-04", "text": crime.replace("tres", "cuatro"), "outlet": "LJZ"},
             {"id": "p4", "published": "2013-05-05", "outlet": "LJZ",
              "text": ("Un comando armado ejecutó a un comerciante que denunció la extorsión; el secuestro de su hijo "
                       "siguió a otra balacera frente al palacio municipal. ") * 4}]
    (tmp_path / "ljz" / "crime.jsonl").write_text(json.dumps(posts[2]) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "ljz" / "all.jsonl.gz", "wt", encoding="utf-8") as f:
        for p in posts:
            f.write(json.dumps(p) + "\n")
    annotated = [SimpleNamespace(item="insightcrime/train.tsv:0")]
    held_out = [SimpleNamespace(document=SimpleNamespace(text=normalize_text(posts[3]["text"])))]
    docs = unlabeled_documents(tmp_path, annotated, held_out)
    # row 0 is annotated; p2 names no crime, p3 is in crime.jsonl, p4 copies a held-out text
    assert [d.item for d in docs] == ["insightcrime/train.tsv:1", "ljz/all.jsonl.gz:p1"]
    assert all(d.events == () for d in docs)
    assert docs[1].document.language == "es" and str(docs[1].document.published) == "2013-05-02"
