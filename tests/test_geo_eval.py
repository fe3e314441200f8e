"""eval geo figures on a tiny hand-written gold file (no shared data needed)."""

from __future__ import annotations

import json

import pytest

from crimegraph.errors import InputError
from crimegraph.evaluate.geo import evaluate_geo, format_geo_report, resolution_scores
from crimegraph.geo import Gazetteer, Place
from crimegraph.geo.goldsets import GoldToponym, read_geo_corpus

TEXT = "Police raided a lab near Oruro, Bolivia, and seized a truck bound for Chile."
LGL_STYLE = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text>{TEXT}</text><toponyms>
<toponym><start>25</start><end>30</end><phrase>Oruro</phrase>
  <gaztag geonameid="3909234"><name>Oruro</name><lat>-17.98333</lat><lon>-67.15</lon></gaztag></toponym>
<toponym><start>32</start><end>39</end><phrase>Bolivia</phrase>
  <gaztag geonameid="3923057"><name>Bolivia</name><lat>-17.0</lat><lon>-65.0</lon></gaztag></toponym>
<toponym><start>70</start><end>75</end><phrase>Chile</phrase>
  <gaztag geonameid="3895114"><name>Chile</name><lat>-30.0</lat><lon>-71.0</lon></gaztag></toponym>
</toponyms></article></articles>"""


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


def test_reader_checks_offsets(tmp_path):
    path = tmp_path / "tiny.xml"
    path.write_text(LGL_STYLE, encoding="utf-8")
    (doc,) = read_geo_corpus(path)
    assert [doc.text[t.start : t.end] for t in doc.toponyms] == ["Oruro", "Bolivia", "Chile"]
    bad = tmp_path / "bad.xml"
    bad.write_text("<html/>", encoding="utf-8")
    with pytest.raises(InputError):
        read_geo_corpus(bad)


def test_scores_by_hand():
    gold = [GoldToponym(0, 1, "a", 0.0, 0.0, 1), GoldToponym(0, 1, "b", 0.0, 0.0, None)]
    near = Place("a", 1, None, None, None, 0.0, 1.0, "point", "PPL", 1.0)  # ~111 km east
    scores = resolution_scores(gold, [near, None])
    assert scores["accuracy_161km"] == 0.5
    assert scores["unresolved"] == 1
    assert scores["exact_geonames"] == 1.0
    assert 111 < scores["median_error_km"] < 20039
    assert scores["mean_error_km"] == pytest.approx((111.2 + 20039) / 2, abs=1)


def test_evaluate_geo_on_a_tiny_corpus(tmp_path, gazetteer):
    path = tmp_path / "tiny.xml"
    path.write_text(LGL_STYLE, encoding="utf-8")
    result = evaluate_geo(path, end_to_end=False, gazetteer=gazetteer)
    system = result["resolution"]["system"]
    assert system["toponyms"] == 3 and system["accuracy_161km"] == 1.0 and system["exact_geonames"] == 1.0
    assert "population_baseline" in result["resolution"] and result["toponyms_per_second"] > 0
    json.dumps(result)  # --json prints it as one object
    report = format_geo_report(result)
    assert "acc@161km" in report and "population_baseline" in report and "toponyms/s" in report
