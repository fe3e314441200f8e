"""Document-level unit support, spelling variants and third-round supplement entries."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from crimegraph.geo import Gazetteer, Geocoder
from crimegraph.geo.features import FEATURES, MentionGroup, document_support
from crimegraph.geo.resolve import Resolver, _spelling_variants
from crimegraph.geo.types import Candidate
from factories import spans


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture(scope="module")
def geocoder(gazetteer) -> Geocoder:
    return Geocoder(gazetteer)


def _cand(id_, admin1_id, admin2_id, feature="PPL"):
    return Candidate(id_, f"p{id_}", feature, "US", "US-XX", admin1_id, None, admin2_id, 0.0, 0.0, 1000, None, match=0)


def test_support_votes_exclude_the_group_itself():
    a = MentionGroup("a", [0], (_cand(1, 10, 100), _cand(2, 20, 200)), [])
    b = MentionGroup("b", [1], (_cand(3, 10, 100, "ADM2"),), [])
    support = document_support([a, b], {"a": np.array([0.5, 0.5]), "b": np.array([1.0])}, power=1.0)
    # b's only candidate lies in unit 10 / county 100: a full vote for a's first candidate
    assert support.votes("a", a.candidates[0]) == (1.0, 1.0)
    assert support.votes("a", a.candidates[1]) == (0.0, 0.0)
    # a spreads its vote over two units, half for b's
    assert support.votes("b", b.candidates[0]) == (0.5, 0.5)


def test_support_votes_follow_the_prior_with_a_power():
    a = MentionGroup("a", [0], (_cand(1, 10, 100), _cand(2, 20, 200)), [])
    b = MentionGroup("b", [1], (_cand(3, 10, 100),), [])
    probs = {"a": np.array([0.9, 0.1]), "b": np.array([1.0])}
    flat = document_support([a, b], probs, power=0.0).votes("b", b.candidates[0])[0]
    sharp = document_support([a, b], probs, power=1.0).votes("b", b.candidates[0])[0]
    assert flat == pytest.approx(0.5) and sharp == pytest.approx(0.9)


def test_county_and_town_agree_on_their_state(gazetteer, geocoder):
    text = (
        "A Paris man was charged Friday after Henry County deputies stopped his truck on the bypass. "
        "The Paris police chief said the Henry County jail would hold him until Monday."
    )
    tops = spans(text, "Paris", "Henry County", "Paris", "Henry County")
    places = geocoder.resolve(text, tops, "en")
    assert [p.admin1 for p in places] == ["US-TN"] * 4  # Paris, Tennessee is the seat of Henry County
    # without the support features Paris is the French capital: the features decide it
    weights = geocoder.resolver.weights.copy()
    weights[FEATURES.index("admin1_support")] = weights[FEATURES.index("admin2_support")] = 0.0
    plain = Resolver(gazetteer, weights).resolve(text, tops, "en")
    assert plain[0].country == "FR"


def test_a_country_is_not_pulled_to_a_town_by_its_states(geocoder):
    text = "Cartel violence in Sinaloa, Sonora and Chihuahua has spread across Mexico, officials said."
    places = geocoder.resolve(text, spans(text, "Sinaloa", "Sonora", "Chihuahua", "Mexico"), "en")
    assert places[3].feature == "PCLI" and places[3].country == "MX"


def test_spelling_variants():
    assert _spelling_variants("al-minya") == ["al minya", "minya"]
    assert _spelling_variants("w columbia") == ["west columbia"]
    assert "loudon county" in _spelling_variants("loudon co")
    assert "tewksbury" in _spelling_variants("tewksbury twp")
    assert _spelling_variants("lima") == []


def test_variant_spellings_resolve(geocoder):
    text = "Police in Al-Minya and in Loudon Co. and W. Columbia reported arrests."
    minya, loudon, columbia = geocoder.resolve(text, spans(text, "Al-Minya", "Loudon Co.", "W. Columbia"), "en")
    assert minya.country == "EG"
    assert loudon.feature == "ADM2" and loudon.admin1 == "US-TN"
    assert columbia.name == "West Columbia"


def test_unit_point_covers_the_whole_province(gazetteer):
    ontario = next(c for c in gazetteer.lookup("Ontario") if c.feature == "ADM1")
    # the towns lie in the south; the province reaches 56.9 N
    assert 48.5 < ontario.lat < 50.5 and -86.0 < ontario.lon < -83.5


def test_third_round_supplement_places(geocoder):
    text = "Cocaine was found at Schiphol and at Heathrow, and in Kibera and the Niger Delta."
    places = geocoder.resolve(text, spans(text, "Schiphol", "Heathrow", "Kibera", "Niger Delta"), "en")
    assert Counter(p.country for p in places) == Counter({"NL": 1, "GB": 1, "KE": 1, "NG": 1})
    assert places[1].slug == "gb-heathrow"
