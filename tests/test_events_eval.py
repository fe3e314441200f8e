"""Event scorer: matching rules, strict/loose split, attribute accuracies, gold loading."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from crimegraph.errors import InputError
from crimegraph.evaluate.events import (
    GoldAttribution,
    GoldDoc,
    GoldEvent,
    GoldPlace,
    GoldQuantity,
    GoldTime,
    format_events_report,
    load_gold,
    score_events,
)
from crimegraph.ingest.normalize import content_id
from crimegraph.model import Document

# Invented report: offsets below are computed from it, never typed by hand.
TEXT = (
    "Police arrested 12 men in Cali on Monday. "
    "Soldiers seized 3 tons of cocaine near Tumaco, the army said. "
    "A gang killed four people in Medellin."
)


def at(sub: str, n: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(n):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def sentence(sub: str) -> tuple[int, int]:
    s, _ = at(sub)
    begin = TEXT.rfind(". ", 0, s)
    begin = 0 if begin < 0 else begin + 2
    end = TEXT.index(".", s) + 1
    return begin, end


CALI = GoldPlace("location", at("Cali"), "Cali", "CO", "CO-VAC", 3687925, 3.4372, -76.5225, "point")
TUMACO = GoldPlace("location", at("Tumaco"), "Tumaco", "CO", "CO-NAR", 3666640, 1.8067, -78.7647, "point")
MEDELLIN = GoldPlace("location", at("Medellin"), "Medellin", "CO", "CO-ANT", 3674962, 6.2518, -75.5636, "point")


def gold_doc(events, language="en") -> GoldDoc:
    doc = Document(id=content_id(TEXT), text=TEXT, published=dt.date(2020, 3, 5), language=language)
    return GoldDoc(doc, tuple(events), "test:0")


def g_arrest(**kw) -> GoldEvent:
    base = dict(
        type="arrest",
        trigger=at("arrested"),
        evidence=sentence("arrested"),
        places=(CALI,),
        time=GoldTime("2020-03-02", "2020-03-02", "day", at("on Monday")),
        quantity=GoldQuantity(12, "people", at("12")),
        attribution=GoldAttribution(),
    )
    base.update(kw)
    return GoldEvent(**base)


def g_seizure(**kw) -> GoldEvent:
    base = dict(
        type="seizure",
        trigger=at("seized"),
        evidence=sentence("seized"),
        places=(TUMACO,),
        quantity=GoldQuantity(3, "t", at("3 tons")),
        attribution=GoldAttribution(None, "the army", at("the army"), False),
    )
    base.update(kw)
    return GoldEvent(**base)


def g_violence(**kw) -> GoldEvent:
    base = dict(type="violence", trigger=at("killed"), evidence=sentence("killed"), places=(MEDELLIN,))
    base.update(kw)
    return GoldEvent(**base)


def place_entity(eid, name, mention=None, country="CO", kb_id=None, lat=None, lon=None):
    mentions = [{"start": mention[0], "end": mention[1], "text": TEXT[mention[0]:mention[1]]}] if mention else []
    return {"id": eid, "type": "place", "name": name, "kb_id": kb_id, "country": country, "lat": lat, "lon": lon,
            "mentions": mentions}


def p_event(etype, evidence, roles=None, **kw):
    ev = {"id": "v", "type": etype, "roles": roles or {}, "quantity": None, "trend": None, "time": None,
          "attribution": {"source": None, "speaker": None, "analysis": False}, "modality": "fact",
          "polarity": "positive", "confidence": 0.5, "evidence": [{"start": evidence[0], "end": evidence[1]}]}
    ev.update(kw)
    return ev


def facts(entities, events):
    return {"schema": "crimegraph/facts@1", "document": {"id": content_id(TEXT), "text": TEXT},
            "entities": entities, "events": events}


CALI_ENT = place_entity("p1", "Cali", at("Cali"))


def good_arrest(**kw):
    base = dict(
        time={"start": "2020-03-02", "end": "2020-03-02", "granularity": "day", "text": "on Monday"},
        quantity={"value": 12, "unit": "people", "text": "12"},
    )
    base.update(kw)
    return p_event("arrest", sentence("arrested"), {"location": ["p1"]}, **base)


def test_perfect_prediction_scores_one_everywhere():
    gold = [gold_doc([g_arrest(), g_seizure()])]
    tumaco = place_entity("p2", "Tumaco", at("Tumaco"))
    seizure = p_event("seizure", sentence("seized"), {"location": ["p2"]},
                      quantity={"value": 3, "unit": "t", "text": "3 tons"},
                      attribution={"source": None, "speaker": "the army", "analysis": False})
    result = score_events(gold, [facts([CALI_ENT, tumaco], [good_arrest(), seizure])])
    for mode in ("loose", "strict"):
        overall = result[mode]["overall"]
        assert (overall["tp"], overall["gold"], overall["predicted"]) == (2, 2, 2)
        assert overall["f1"] == pytest.approx(1.0)
    attrs = result["attributes"]
    assert attrs["time"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert attrs["quantity"]["total"] == 2 and attrs["quantity"]["accuracy"] == 1.0
    assert attrs["place"]["accuracy"] == 1.0 and attrs["attribution"]["accuracy"] == 1.0
    assert result["gold_events"] == 2 and result["predicted_events"] == 2


def test_wrong_type_does_not_match():
    gold = [gold_doc([g_arrest()])]
    pred = p_event("seizure", sentence("arrested"), {"location": ["p1"]})
    result = score_events(gold, [facts([CALI_ENT], [pred])])
    loose = result["loose"]
    assert loose["overall"]["tp"] == 0
    assert loose["by_type"]["arrest"]["recall"] == 0.0
    assert loose["by_type"]["seizure"]["precision"] == 0.0 and loose["by_type"]["seizure"]["predicted"] == 1


@pytest.mark.parametrize(
    "entity, expected",
    [
        (place_entity("p1", "Somewhere", at("Cali")), True),  # mention overlaps the gold span
        (place_entity("p1", "Santiago de Cali", kb_id="geonames:3687925"), True),  # same geonameid
        (place_entity("p1", "CALÍ"), True),  # same normalized name and country
        (place_entity("p1", "Cali", country="US"), False),  # same name, other country
        (place_entity("p1", "Jamundi", lat=3.26, lon=-76.54), True),  # about 20 km away
        (place_entity("p1", "Palmira", lat=3.54, lon=-76.30), False),  # about 27 km away
        (place_entity("p1", "Tumaco", at("Tumaco")), False),
    ],
)
def test_place_rules(entity, expected):
    gold = [gold_doc([g_arrest(time=None)])]
    pred = p_event("arrest", sentence("arrested"), {"location": ["p1"]})
    result = score_events(gold, [facts([entity], [pred])])
    assert result["loose"]["overall"]["tp"] == int(expected)


def test_place_only_counts_in_place_roles():
    gold = [gold_doc([g_arrest(time=None)])]
    pred = p_event("arrest", sentence("arrested"), {"agent": ["p1"]})
    assert score_events(gold, [facts([CALI_ENT], [pred])])["loose"]["overall"]["tp"] == 0


def test_gold_without_places_matches_with_or_without_predicted_places():
    gold = [gold_doc([g_violence(places=())]), gold_doc([g_violence(places=())])]
    bare = p_event("violence", sentence("killed"))
    placed = p_event("violence", sentence("killed"), {"location": ["p1"]})
    result = score_events(gold, [facts([], [bare]), facts([CALI_ENT], [placed])])
    assert result["loose"]["overall"]["tp"] == 2
    assert result["attributes"]["place"]["total"] == 0  # no gold places: not scored


def test_strict_requires_time_where_gold_has_one():
    gold = [gold_doc([g_arrest(), g_violence()])]
    wrong_time = good_arrest(time={"start": "2020-03-01", "end": "2020-03-01", "granularity": "day", "text": "x"})
    medellin = place_entity("p3", "Medellin", at("Medellin"))
    violence = p_event("violence", sentence("killed"), {"location": ["p3"]},
                       time={"start": "2019-01-01", "end": "2019-12-31", "granularity": "year", "text": "y"})
    result = score_events(gold, [facts([CALI_ENT, medellin], [wrong_time, violence])])
    assert result["loose"]["overall"]["tp"] == 2
    # the arrest has a wrong time; the violence event has no gold time, so any time passes
    assert result["strict"]["overall"]["tp"] == 1
    assert result["strict"]["by_type"]["arrest"]["tp"] == 0
    assert result["strict"]["by_type"]["violence"]["tp"] == 1
    assert result["attributes"]["time"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    missing_time = good_arrest(time=None)
    result = score_events([gold_doc([g_arrest()])], [facts([CALI_ENT], [missing_time])])
    assert result["strict"]["overall"]["tp"] == 0 and result["loose"]["overall"]["tp"] == 1


def test_one_to_one_matching_prefers_evidence_overlap():
    # two gold arrests of the same type and place: one per sentence
    second = GoldEvent("arrest", at("killed"), sentence("killed"), (CALI,), modality="claim")
    gold = [gold_doc([g_arrest(time=None), second])]
    p_second = p_event("arrest", sentence("killed"), {"location": ["p1"]}, modality="claim")
    p_first = p_event("arrest", sentence("arrested"), {"location": ["p1"]})
    result = score_events(gold, [facts([CALI_ENT], [p_second, p_first])])
    assert result["loose"]["overall"]["tp"] == 2
    # pairing in list order would put the claim on the first gold event and score 0 of 2
    assert result["attributes"]["modality"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    # three predictions for one gold event: one true positive, two false positives
    dup = [p_event("arrest", sentence("arrested"), {"location": ["p1"]}) for _ in range(3)]
    result = score_events([gold_doc([g_arrest(time=None)])], [facts([CALI_ENT], dup)])
    overall = result["loose"]["overall"]
    assert overall["tp"] == 1 and overall["precision"] == pytest.approx(1 / 3) and overall["recall"] == 1.0
    assert overall["f1"] == pytest.approx(0.5)


def test_match_without_evidence_overlap_is_allowed():
    gold = [gold_doc([g_arrest(time=None)])]
    pred = p_event("arrest", sentence("killed"), {"location": ["p1"]})
    assert score_events(gold, [facts([CALI_ENT], [pred])])["loose"]["overall"]["tp"] == 1


def test_place_accuracy_needs_every_gold_place_with_its_role():
    origin = GoldPlace("origin", at("Tumaco"), "Tumaco", "CO", None, None, None, None, "point")
    gold = [gold_doc([g_arrest(time=None, places=(CALI, origin))])]
    tumaco = place_entity("p2", "Tumaco", at("Tumaco"))
    wrong_role = p_event("arrest", sentence("arrested"), {"location": ["p1", "p2"]})
    right_role = p_event("arrest", sentence("arrested"), {"location": ["p1"], "origin": ["p2"]})
    only_cali = p_event("arrest", sentence("arrested"), {"location": ["p1"]})
    for pred, ok in ((wrong_role, 0), (right_role, 1), (only_cali, 0)):
        result = score_events(gold, [facts([CALI_ENT, tumaco], [pred])])
        assert result["loose"]["overall"]["tp"] == 1
        assert result["attributes"]["place"] == {"correct": ok, "total": 1, "accuracy": float(ok)}


@pytest.mark.parametrize(
    "quantity, ok",
    [
        ({"value": 12, "unit": "people"}, True),
        ({"value": 12.1, "unit": "people"}, True),  # within 1%
        ({"value": 12.2, "unit": "people"}, False),
        ({"value": 12, "unit": "members"}, False),
        (None, False),
    ],
)
def test_quantity_accuracy(quantity, ok):
    gold = [gold_doc([g_arrest(time=None)])]
    pred = good_arrest(quantity=quantity)
    attrs = score_events(gold, [facts([CALI_ENT], [pred])])["attributes"]
    assert attrs["quantity"] == {"correct": int(ok), "total": 1, "accuracy": float(ok)}


SPEAKER = GoldAttribution("El Tiempo", "Bogota Mayor Enrique Penalosa", None, False)


@pytest.mark.parametrize(
    "gold_attr, pred_attr, ok",
    [
        (GoldAttribution(), {"source": None, "speaker": None, "analysis": False}, True),
        (GoldAttribution(), {"source": None, "speaker": None, "analysis": True}, False),
        (GoldAttribution(), {"source": "AFP", "speaker": None, "analysis": False}, False),
        (SPEAKER, {"source": "el tiémpo", "speaker": "Mayor Enrique Penalosa", "analysis": False}, True),
        (SPEAKER, {"source": "El Tiempo", "speaker": "Penalosa", "analysis": False}, False),  # dice 0.4
        # an English article before an outlet's name does not make another outlet
        (GoldAttribution("the Guardian"), {"source": "Guardian", "speaker": None, "analysis": False}, True),
        (GoldAttribution("Guardian"), {"source": "The Guardian", "speaker": None, "analysis": False}, True),
        (GoldAttribution("the Guardian"), {"source": "Guardian Weekly", "speaker": None, "analysis": False}, False),
        (SPEAKER, {"source": "El Tiempo", "speaker": None, "analysis": False}, False),
        (SPEAKER, {"source": None, "speaker": "Mayor Enrique Penalosa", "analysis": False}, False),
        # the predicted speaker text found in the document overlaps the gold speaker span
        (GoldAttribution(None, "the army said", at("the army said"), False),
         {"source": None, "speaker": "army", "analysis": False}, True),
        (GoldAttribution(None, "the army", at("the army"), False),
         {"source": None, "speaker": "Police", "speaker_span": [0, 6], "analysis": False}, False),
    ],
)
def test_attribution_accuracy(gold_attr, pred_attr, ok):
    gold = [gold_doc([g_arrest(time=None, attribution=gold_attr)])]
    pred = good_arrest(attribution=pred_attr)
    attrs = score_events(gold, [facts([CALI_ENT], [pred])])["attributes"]
    assert attrs["attribution"]["correct"] == int(ok)


def test_attribution_parts_are_scored_one_by_one():
    gold = [gold_doc([g_arrest(time=None, attribution=SPEAKER)])]
    pred = good_arrest(attribution={"source": "El Tiempo", "speaker": "Mayor Enrique Penalosa", "analysis": True})
    result = score_events(gold, [facts([CALI_ENT], [pred])])
    assert result["attributes"]["attribution"]["correct"] == 0  # the analysis flag is wrong
    parts = result["attribution_parts"]
    assert parts["source"]["correct"] == 1 and parts["speaker"]["correct"] == 1
    assert parts["analysis"] == {"correct": 0, "total": 1, "accuracy": 0.0}


def test_modality_and_polarity_accuracy():
    gold = [gold_doc([g_arrest(time=None, modality="claim"), g_violence(polarity="negative")])]
    medellin = place_entity("p3", "Medellin", at("Medellin"))
    arrest = good_arrest(modality="claim", polarity="negative")
    violence = p_event("violence", sentence("killed"), {"location": ["p3"]}, modality="hedged", polarity="negative")
    attrs = score_events(gold, [facts([CALI_ENT, medellin], [arrest, violence])])["attributes"]
    assert attrs["modality"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert attrs["polarity"] == {"correct": 1, "total": 2, "accuracy": 0.5}


def test_actor_and_commodity_roles_are_scored_by_role():
    # gold: the police arrested (agent), the 12 men (subject, no entity predicted for it); the gang (perpetrator)
    gold = [gold_doc([
        g_arrest(time=None, roles={"agent": [at("Police")], "subject": [at("12 men")]}),
        g_violence(roles={"perpetrator": [at("A gang")]}),
    ])]
    medellin = place_entity("p3", "Medellin", at("Medellin"))
    police = {"id": "a1", "type": "state_agency", "name": "Police", "mentions": [
        {"start": at("Police")[0], "end": at("Police")[1], "text": "Police"}]}
    gang = {"id": "a2", "type": "criminal_group", "name": "gang", "mentions": [
        {"start": at("gang")[0], "end": at("gang")[1], "text": "gang"}]}
    arrest = good_arrest()
    arrest["roles"]["agent"] = ["a1"]
    violence = p_event("violence", sentence("killed"), {"location": ["p3"], "victim": ["a2"]})  # the wrong role
    roles = score_events(gold, [facts([CALI_ENT, medellin, police, gang], [arrest, violence])])["roles"]
    assert roles["overall"] == {"correct": 1, "total": 3, "accuracy": pytest.approx(1 / 3)}
    assert roles["by_role"]["agent"]["correct"] == 1
    assert roles["by_role"]["subject"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert roles["by_role"]["perpetrator"]["correct"] == 0
    assert "all roles" in format_events_report(score_events(gold, [facts([CALI_ENT], [good_arrest()])]))


def test_per_language_counts():
    gold = [gold_doc([g_arrest(time=None)], "en"), gold_doc([g_violence()], "es")]
    result = score_events(gold, [facts([CALI_ENT], [good_arrest()]), facts([], [])])
    langs = result["loose"]["by_language"]
    assert langs["en"]["f1"] == 1.0
    assert (langs["es"]["tp"], langs["es"]["gold"], langs["es"]["predicted"]) == (0, 1, 0)
    assert result["loose"]["overall"]["recall"] == 0.5


def test_misaligned_predictions_are_errors():
    gold = [gold_doc([g_arrest()])]
    with pytest.raises(InputError):
        score_events(gold, [])
    other = facts([], [])
    other["document"]["id"] = "sha256:other"
    with pytest.raises(InputError, match="test:0"):
        score_events(gold, [other])


def test_report_lists_types_and_attributes():
    gold = [gold_doc([g_arrest(), g_seizure()])]
    report = format_events_report(score_events(gold, [facts([CALI_ENT], [good_arrest()])]))
    assert "strict" in report and "loose" in report
    assert "arrest" in report and "seizure" in report and "lang=en" in report
    assert "quantity" in report and "attribution" in report
    assert "0.500" in report  # overall recall 1 of 2


# ---------------------------------------------------------------- loading


def write_tsv(dir_: Path, texts: list[str]) -> None:
    (dir_ / "insightcrime").mkdir(parents=True, exist_ok=True)
    with (dir_ / "insightcrime" / "dev.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        for t in texts:
            w.writerow([t, "1", "0", "0", "0", "0", "0", "0"])


def gold_line(row: int, text: str, **doc) -> str:
    head = {"corpus": "insightcrime/dev.tsv", "row": row, "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "language": "en", "published": "2020-03-05", "published_estimated": True}
    head.update(doc)
    s, e = TEXT.index("Police"), TEXT.index(".") + 1
    event = {"type": "arrest", "trigger": [7, 15], "evidence": [s, e], "places": [], "time": None,
             "quantity": None, "roles": {}, "attribution": {"source": None, "speaker": None,
                                                            "speaker_span": None, "analysis": False},
             "modality": "fact", "polarity": "positive", "trend": None}
    return json.dumps({"doc": head, "events": [event]})


def test_load_gold_joins_text_and_builds_document(tmp_path):
    write_tsv(tmp_path, ["Another   report.", TEXT])
    gold_file = tmp_path / "g.jsonl"
    gold_file.write_text(gold_line(1, TEXT) + "\n")
    (doc,) = load_gold([gold_file], tmp_path)
    assert doc.document.text == TEXT and doc.document.id == content_id(TEXT)
    assert doc.document.published == dt.date(2020, 3, 5) and doc.document.language == "en"
    assert doc.document.source == "InSight Crime" and doc.published_estimated
    assert doc.events[0].type == "arrest" and TEXT[slice(*doc.events[0].trigger)] == "arrested"


def test_load_gold_rejects_changed_text(tmp_path):
    write_tsv(tmp_path, ["Another report.", TEXT + " Edited."])
    gold_file = tmp_path / "g.jsonl"
    gold_file.write_text(gold_line(1, TEXT) + "\n")
    with pytest.raises(InputError, match=r"insightcrime/dev.tsv:1"):
        load_gold([gold_file], tmp_path)


def test_load_gold_news_es_pt(tmp_path):
    (tmp_path / "news-es-pt").mkdir()
    record = {"id": "es-900", "language": "es", "outlet": "Diario Inventado", "published": "2021-01-02",
              "text": TEXT}
    (tmp_path / "news-es-pt" / "es-900.json").write_text(json.dumps(record))
    gold_file = tmp_path / "g.jsonl"
    gold_file.write_text(gold_line(0, TEXT, corpus="news-es-pt", id="es-900", language="es",
                                   published="2021-01-02", published_estimated=False) + "\n")
    (doc,) = load_gold([gold_file], tmp_path)
    assert doc.document.source == "Diario Inventado" and doc.document.language == "es"
    assert doc.document.published == dt.date(2021, 1, 2)


def test_load_gold_ljz_by_id(tmp_path):
    (tmp_path / "ljz").mkdir()
    records = [{"id": "ljz-1", "outlet": "Diario Uno", "text": "Otro texto."},
               {"id": "ljz-2", "outlet": "Diario Dos", "text": TEXT}]
    (tmp_path / "ljz" / "crime.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    gold_file = tmp_path / "g.jsonl"
    gold_file.write_text(gold_line(0, TEXT, corpus="ljz/crime.jsonl", id="ljz-2", language="es",
                                   published="2013-05-02", published_estimated=False) + "\n")
    (doc,) = load_gold([gold_file], tmp_path)
    assert doc.document.text == TEXT and doc.document.source == "Diario Dos"
    missing = tmp_path / "m.jsonl"
    missing.write_text(gold_line(0, TEXT, corpus="ljz/crime.jsonl", id="ljz-9") + "\n")
    with pytest.raises(InputError, match=r"ljz-9.*not in ljz/crime.jsonl"):
        load_gold([missing], tmp_path)


# ---------------------------------------------------------------- the committed gold set

GOLD_DIR = Path(__file__).resolve().parent.parent / "crimegraph" / "evaluate" / "gold"


def test_gold_files_join_to_shared_data_and_spans_are_sound(shared_data):
    from crimegraph.model import EVENT_TYPES, MODALITIES, PRECISIONS, TRENDS

    paths = sorted(GOLD_DIR.glob("insightcrime-dev-a.jsonl"))
    assert paths, "annotator A's gold file is missing"
    docs = load_gold(paths, shared_data)
    assert len(docs) >= 30
    for doc in docs:
        text = doc.document.text
        assert doc.document.published is not None and doc.published_estimated
        assert doc.events, doc.item
        for ev in doc.events:
            assert ev.type in EVENT_TYPES and ev.modality in MODALITIES
            assert ev.trend is None or ev.trend in TRENDS
            s, e = ev.evidence
            assert 0 <= s <= ev.trigger[0] < ev.trigger[1] <= e <= len(text), doc.item
            # evidence is whole sentences: it never starts or ends inside a word
            assert not text[s].isspace() and not text[e - 1].isspace()
            assert s == 0 or not text[s - 1].isalnum(), doc.item
            for place in ev.places:
                assert place.precision in PRECISIONS
                assert 0 <= place.span[0] < place.span[1] <= len(text)
            if ev.time:
                assert ev.time.start <= ev.time.end
                assert ev.time.start <= doc.document.published.isoformat(), doc.item
            if ev.attribution.speaker_span:
                assert ev.attribution.speaker_span[1] <= len(text)


def test_gold_scores_itself_perfectly(shared_data):
    """Gold turned into facts@1 predictions must score 1.0: the scorer and the file agree."""
    docs = load_gold(sorted(GOLD_DIR.glob("insightcrime-dev-a.jsonl")), shared_data)
    predicted = []
    for doc in docs:
        entities, events = [], []
        for i, ev in enumerate(doc.events):
            roles: dict[str, list[str]] = {}
            for j, place in enumerate(ev.places):
                eid = f"p{i}_{j}"
                text = doc.document.text[place.span[0]:place.span[1]]
                entities.append({"id": eid, "type": "place", "name": place.name, "country": place.country,
                                 "mentions": [{"start": place.span[0], "end": place.span[1], "text": text}]})
                roles.setdefault(place.role, []).append(eid)
            events.append({
                "type": ev.type, "roles": roles, "evidence": [{"start": ev.evidence[0], "end": ev.evidence[1]}],
                "time": {"start": ev.time.start, "end": ev.time.end} if ev.time else None,
                "quantity": {"value": ev.quantity.value, "unit": ev.quantity.unit} if ev.quantity else None,
                "attribution": {"source": ev.attribution.source, "speaker": ev.attribution.speaker,
                                "speaker_span": ev.attribution.speaker_span, "analysis": ev.attribution.analysis},
                "modality": ev.modality, "polarity": ev.polarity,
            })
        predicted.append({"document": {"id": doc.document.id}, "entities": entities, "events": events})
    result = score_events(docs, predicted)
    assert result["strict"]["overall"]["f1"] == pytest.approx(1.0)
    assert all(a["accuracy"] in (None, 1.0) for a in result["attributes"].values())


def test_confidence_floors_keep_the_events_at_or_above_each_floor():
    from crimegraph.evaluate.run import confidence_floors

    gold = [gold_doc([g_arrest(), g_seizure()])]
    tumaco = place_entity("p2", "Tumaco", at("Tumaco"))
    right_sure = good_arrest(confidence=0.85)
    right_unsure = p_event("seizure", sentence("seized"), {"location": ["p2"]}, confidence=0.55)
    wrong_sure = p_event("violence", sentence("seized"), {"location": ["p2"]}, confidence=0.75)
    rows = confidence_floors(gold, [facts([CALI_ENT, tumaco], [right_sure, right_unsure, wrong_sure])],
                             floors=(0.5, 0.6, 0.8, 0.9))
    by_floor = {r["min_confidence"]: r for r in rows}
    assert by_floor[0.5]["events"] == 3 and by_floor[0.5]["recall"] == 1.0
    assert by_floor[0.5]["precision"] == pytest.approx(0.667, abs=1e-3)
    assert by_floor[0.6]["events"] == 2 and by_floor[0.6]["precision"] == 0.5 and by_floor[0.6]["recall"] == 0.5
    assert by_floor[0.8] == {"min_confidence": 0.8, "events": 1, "precision": 1.0, "recall": 0.5,
                             "f1": pytest.approx(0.667, abs=1e-3)}
    assert by_floor[0.9]["events"] == 0 and by_floor[0.9]["recall"] == 0.0
