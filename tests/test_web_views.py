"""Map, actor and place pages and /api/v1/events.geojson over a store filled with hand-built facts."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from crimegraph.ingest.normalize import content_id, normalize_text
from crimegraph.model import Attribution, Document, Entity, Event, Facts, Mention, Span, TimeSpan
from crimegraph.store import EventQuery, open_store
from crimegraph.store import geo_queries as gq
from crimegraph.web import views
from crimegraph.web.app import create_app
from factories import make_facts

HOSTILE_DOC = ("The FELCN destroyed a laboratory near Oruro. The hacked police site showed "
               "<script>alert('x')</script> and <img src=x onerror=alert(1)> to visitors.")
# Written for these tests: a Brazilian group in Bolivia, a seizure on the border, an arrest at an
# unresolved place, and a lab whose evidence sentence carries markup.
RICH_TEXT = (
    "The PCC expanded its presence in Santa Cruz, officials said. "
    "Federal police seized cocaine from Santa Cruz in Corumbá on Tuesday. "
    "Officers arrested Juan Pérez near Chacalluta. "
    "Graffiti reading <script>alert('pwn')</script> covered the lab that Federal police found in Corumbá "
    "<img src=x onerror=alert(2)>."
)
SANTA_CRUZ = "geonames:3904907"
CORUMBA = "geonames:3465090"
PCC = "crimegraph:group/pcc"
FEDERAL_POLICE = "crimegraph:agency/br-federal-police"
GEOJSON_PROPERTIES = {"document_id", "title", "published", "event_id", "event_type", "place", "place_role",
                      "place_kb_id", "country", "admin1", "precision", "time_start", "time_end", "modality",
                      "confidence", "evidence"}


def make_rich_facts() -> Facts:
    text = normalize_text(RICH_TEXT)
    doc = Document(id=content_id(text), text=text, title="PCC <i>moves</i> & police seize", language="en",
                   published=dt.date(2014, 3, 1), source="Test Wire", url="https://example.org/rich")

    def mention(word: str, nth: int = 0) -> Mention:
        i = -1
        for _ in range(nth + 1):
            i = text.index(word, i + 1)
        return Mention(i, i + len(word), word)

    def sentence(n: int) -> Span:
        starts = [0] + [m.end() for m in re.finditer(r"(?<=[.>])\s+(?=[A-Z])", text)]
        start = starts[n]
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        return Span(start, len(text[:end].rstrip()))

    entities = [
        Entity("e1", "criminal_group", "PCC", [mention("PCC")], kb_id=PCC, country="BR"),
        Entity("e2", "place", "Santa Cruz", [mention("Santa Cruz"), mention("Santa Cruz", 1)], kb_id=SANTA_CRUZ,
               country="BO", admin1="BO-S", lat=-17.9, lon=-61.1, precision="admin1"),
        Entity("e3", "state_agency", "Federal police", [mention("Federal police"), mention("Federal police", 1)],
               kb_id=FEDERAL_POLICE, country="BR"),
        Entity("e4", "commodity", "cocaine", [mention("cocaine")], kb_id="crimegraph:commodity/cocaine"),
        Entity("e5", "place", "Corumbá", [mention("Corumbá"), mention("Corumbá", 1)], kb_id=CORUMBA, country="BR",
               admin1="BR-MS", lat=-19.01, lon=-57.65, precision="point"),
        Entity("e6", "person", "Juan Pérez", [mention("Juan Pérez")]),
        Entity("e7", "place", "Chacalluta", [mention("Chacalluta")]),
    ]
    events = [
        Event("v1", "group_presence", {"actor": ["e1"], "location": ["e2"]}, [sentence(0)],
              time=TimeSpan(dt.date(2014, 2, 1), dt.date(2014, 2, 28), "month", "this month"),
              attribution=Attribution(speaker="officials"), modality="claim", confidence=0.7),
        Event("v2", "seizure", {"agent": ["e3"], "commodity": ["e4"], "origin": ["e2"], "location": ["e5"]},
              [sentence(1)], time=TimeSpan(dt.date(2014, 2, 25), dt.date(2014, 2, 25), "day", "on Tuesday"),
              confidence=0.9),
        Event("v3", "arrest", {"subject": ["e6"], "location": ["e7"]}, [sentence(2)], confidence=0.8),
        Event("v4", "drug_lab", {"agent": ["e3"], "location": ["e5"]}, [sentence(3)],
              time=TimeSpan(dt.date(2014, 2, 1), dt.date(2014, 2, 28), "month", "in February"), confidence=0.6),
    ]
    return Facts(doc, entities, events, [])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("views") / "views.sqlite")
    st.put_facts(make_facts(HOSTILE_DOC, title="<b>Hacked</b> site & lab"))
    st.put_facts(make_facts("Police said the FELCN found a laboratory in Oruro. Nothing else.", title="Second",
                            published="2012-03-01", language="es", source="El Deber"))
    st.put_facts(make_rich_facts())
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store):
    app = create_app(store)
    with TestClient(app) as c:
        yield c


RICH_ID = make_rich_facts().document.id
HOSTILE_ID = make_facts(HOSTILE_DOC).document.id


def features(client, **params) -> list[dict]:
    r = client.get("/api/v1/events.geojson", params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/geo+json")
    data = r.json()
    assert data["type"] == "FeatureCollection"
    return data["features"]


def places_of(feats: list[dict]) -> list[tuple[str, str, str]]:
    return sorted((f["properties"]["event_id"], f["properties"]["place"], f["properties"]["place_role"]) for f in feats)


# -- GeoJSON -------------------------------------------------------------------------------------


def test_geojson_one_point_per_event_and_located_place(client):
    feats = features(client)
    for f in feats:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        assert GEOJSON_PROPERTIES <= set(f["properties"])
    rich = [f for f in feats if f["properties"]["document_id"] == RICH_ID]
    # v3 happens at Chacalluta, which has no coordinates: no point for it
    assert places_of(rich) == [("v1", "Santa Cruz", "location"), ("v2", "Corumbá", "location"),
                               ("v2", "Santa Cruz", "origin"), ("v4", "Corumbá", "location")]
    corumba = next(f for f in rich if f["properties"]["event_id"] == "v2" and f["properties"]["place"] == "Corumbá")
    assert corumba["geometry"]["coordinates"] == [-57.65, -19.01]  # GeoJSON order: lon, lat
    p = corumba["properties"]
    assert (p["event_type"], p["place_kb_id"], p["country"], p["admin1"], p["precision"]) == (
        "seizure", CORUMBA, "BR", "BR-MS", "point")
    assert (p["time_start"], p["time_end"], p["published"]) == ("2014-02-25", "2014-02-25", "2014-03-01")
    assert p["evidence"] == "Federal police seized cocaine from Santa Cruz in Corumbá on Tuesday."
    assert len([f for f in feats if f["properties"]["place"] == "Oruro"]) == 2


def test_geojson_filters(client):
    assert places_of(features(client, type="seizure")) == [("v2", "Corumbá", "location"), ("v2", "Santa Cruz", "origin")]
    assert places_of(features(client, actor=PCC)) == [("v1", "Santa Cruz", "location")]
    assert places_of(features(client, actor="juan pérez")) == []  # an actor found by name, at no mapped place
    # a country keeps the events with a place there, and only their places there
    assert places_of(features(client, type="seizure", country="br")) == [("v2", "Corumbá", "location")]
    assert places_of(features(client, type="seizure", country="BO")) == [("v2", "Santa Cruz", "origin")]
    assert {f["properties"]["country"] for f in features(client, country="BO")} == {"BO"}
    # dates are the events' times: both FELCN labs are dated July 2013
    assert {f["properties"]["document_id"] for f in features(client, date_to="2013-12-31")} == {HOSTILE_ID, make_facts(
        "Police said the FELCN found a laboratory in Oruro. Nothing else.").document.id}
    # a period overlapping the range counts: February (v1, v4) yes, the 25th (v2) no
    assert {f["properties"]["event_id"] for f in features(client, date_from="2014-02-26")} == {"v1", "v4"}
    assert features(client, type="violence") == []


def test_geojson_counts_and_timeline(client):
    data = client.get("/api/v1/events.geojson").json()
    assert data["total"] == 6 and data["events"] == 6
    # v3 has no time: it counts in the month it was published (2014-03)
    assert data["timeline"] == [{"month": "2013-07", "events": 2}, {"month": "2014-02", "events": 3},
                                {"month": "2014-03", "events": 1}]
    one = client.get("/api/v1/events.geojson", params={"limit": 1}).json()
    assert one["total"] == 6 and one["events"] == 1 and one["timeline"] == [{"month": "2014-03", "events": 1}]
    assert one["features"] == []  # the newest event (v3) has no mapped place


@pytest.mark.parametrize("query", ["type=bogus", "limit=0", "limit=999999", "date_from=yesterday", "country=BOL"])
def test_geojson_bad_parameters_use_the_error_envelope(client, query):
    r = client.get("/api/v1/events.geojson?" + query)
    assert r.status_code == 422
    assert set(r.json()) == {"error"} and r.json()["error"]["status"] == 422


def test_feature_collection_without_the_web_layer(store):
    data = gq.event_feature_collection(store, EventQuery(type="drug_lab", country="BR"))
    assert [(f["properties"]["event_id"], f["properties"]["place"]) for f in data["features"]] == [("v4", "Corumbá")]
    assert data["total"] == 1


# -- map page ------------------------------------------------------------------------------------


def test_map_page_carries_the_filters_to_the_api(client, monkeypatch):
    monkeypatch.setattr(views, "vendor_ready", lambda: True)
    html = client.get("/map", params={"type": "seizure", "country": "BR", "actor": PCC, "date_from": "2014-01-01"}).text
    api = re.search(r'id="map"[^>]*data-api="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert api.startswith("/api/v1/events.geojson?")
    params = dict(kv.split("=", 1) for kv in api.split("?", 1)[1].split("&"))
    assert {k: unquote(v) for k, v in params.items()} == {
        "type": "seizure", "country": "BR", "actor": PCC, "date_from": "2014-01-01", "limit": str(views.MAP_LIMIT)}
    assert '<option value="seizure" selected>' in html
    assert 'name="date_from" value="2014-01-01"' in html
    assert "vendor/leaflet/leaflet.js" in html and "vendor/world-atlas/countries-50m.json" in html
    assert 'id="timeline"' in html and "data-tile-url" not in html
    # the API URL of the page answers
    assert client.get(api).status_code == 200


def test_map_page_says_how_to_build_missing_libraries(client, monkeypatch):
    monkeypatch.setattr(views, "vendor_ready", lambda: False)
    r = client.get("/map")
    assert r.status_code == 200
    assert "scripts/build-assets" in r.text and 'id="map-missing"' in r.text
    assert "leaflet.js" not in r.text and 'id="map"' not in r.text


def test_map_page_uses_a_configured_tile_server(store, monkeypatch):
    monkeypatch.setattr(views, "vendor_ready", lambda: True)
    app = create_app(store)
    app.state.tile_url = "https://tiles.example.org/{z}/{x}/{y}.png"
    app.state.tile_attribution = "© Example & co"
    with TestClient(app) as c:
        html = c.get("/map").text
        assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
        assert 'data-tile-attribution="© Example &amp; co"' in html


def test_map_page_rejects_bad_filters(client):
    assert client.get("/map", params={"type": "bogus"}).status_code == 422
    r = client.get("/map", params={"date_to": "31/12/2013"})
    assert r.status_code == 422 and "date_to" in r.text


def test_vendor_files_are_those_the_build_script_copies():
    script = (Path(__file__).resolve().parent.parent / "scripts" / "build-assets").read_text()
    for name in views.VENDOR_FILES:
        assert name.split("/")[-1] in script, name


# -- actors --------------------------------------------------------------------------------------


def test_actor_list_counts_and_type_filter(client):
    html = client.get("/actors").text
    rows = re.findall(r'<a href="(/actors/[^"]+)">([^<]+)</a>', html)
    # most mentioned first (ties: more documents first); linked actors under their knowledge-base names
    assert rows[:2] == [("/actors/crimegraph:agency/felcn", "Fuerza Especial de Lucha Contra el Narcotráfico"),
                        (f"/actors/{FEDERAL_POLICE}", "Polícia Federal")]
    assert ("/actors/name:Juan%20P%C3%A9rez", "Juan Pérez") in rows
    assert not any("commodity" in href for href, _ in rows)  # commodities only on request
    felcn = re.search(r'crimegraph:agency/felcn">.*?</tr>', html, re.S).group(0)
    assert re.findall(r'class="num">(\d+)<', felcn) == ["2", "2", "2"]  # mentions, documents, events
    people = client.get("/actors", params={"type": "person"}).text
    assert "Juan Pérez" in people and "agency/felcn" not in people
    assert "cocaine" in client.get("/actors", params={"type": "commodity"}).text
    assert client.get("/actors", params={"type": "place"}).status_code == 422


def test_actor_page_from_the_knowledge_base(client):
    r = client.get(f"/actors/{PCC}")
    assert r.status_code == 200
    html = r.text
    assert '<h1 class="cg-h1">Primeiro Comando da Capital</h1>' in html  # the knowledge base's name
    assert "First Capital Command" in html and "criminal_group" in html  # aliases and type from the KB
    counts = re.search(r'id="counts">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<strong>(\d+)</strong>", counts) == ["1", "1", "1"]
    assert re.search(r'<span class="label">group_presence</span>.*?<span class="n">1</span>', html)
    assert f'href="/places/{SANTA_CRUZ}">Santa Cruz</a>' in html
    assert "The PCC expanded its presence in Santa Cruz, officials said." in html
    assert f'href="/documents/{RICH_ID}#v1"' in html
    assert "data-api=\"/api/v1/events.geojson?actor=crimegraph%3Agroup%2Fpcc" in html


def test_actor_page_of_an_unlinked_person(client):
    r = client.get("/actors/name:juan pérez")  # names match whatever their case
    assert r.status_code == 200
    assert "Juan Pérez" in r.text and "not in the knowledge base" in r.text
    assert "Officers arrested Juan Pérez near Chacalluta." in r.text
    assert 'href="/places/name:Chacalluta">Chacalluta</a>' in r.text


def test_actor_and_place_pages_escape_evidence(client):
    for url in (f"/actors/{FEDERAL_POLICE}", f"/places/{CORUMBA}", "/actors/crimegraph:agency/felcn",
                "/places/geonames:3909234"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "<b>Hacked</b>" not in html and "<i>moves</i>" not in html, url
    police = client.get(f"/actors/{FEDERAL_POLICE}").text
    assert "&lt;script&gt;alert(&#39;pwn&#39;)&lt;/script&gt;" in police
    assert "&lt;img src=x onerror=alert(2)&gt;" in police
    assert "PCC &lt;i&gt;moves&lt;/i&gt; &amp; police seize" in police
    felcn = client.get("/actors/crimegraph:agency/felcn").text
    assert "&lt;b&gt;Hacked&lt;/b&gt; site &amp; lab" in felcn


@pytest.mark.parametrize("url", ["/actors/crimegraph:group/nobody", "/actors/name:Nobody At All",
                                 "/places/geonames:1", "/places/name:Atlantis",
                                 f"/actors/{SANTA_CRUZ}", f"/places/{PCC}"])
def test_unknown_actor_or_place_is_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"] and "no " in r.text


# -- places --------------------------------------------------------------------------------------


def test_place_list_and_country_filter(client):
    html = client.get("/places").text
    rows = re.findall(r'<a href="(/places/[^"]+)">([^<]+)</a>', html)
    assert {name for _, name in rows} == {"Santa Cruz", "Corumbá", "Oruro", "Chacalluta"}
    corumba = re.search(r'Corumbá</a>.*?</tr>', html, re.S).group(0)
    assert re.findall(r'class="num">(\d+)<', corumba) == ["2", "1", "2"]
    assert "unresolved" in re.search(r'Chacalluta</a>.*?</tr>', html, re.S).group(0)
    brazil = client.get("/places", params={"country": "br"}).text
    assert "Corumbá" in brazil and "Santa Cruz" not in brazil and "Oruro" not in brazil


def test_place_page(client, monkeypatch):
    monkeypatch.setattr(views, "vendor_ready", lambda: True)
    html = client.get(f"/places/{CORUMBA}").text
    assert '<h1 class="cg-h1">Corumbá</h1>' in html and "BR-MS" in html and "precision point" in html
    assert "-19.0100, -57.6500" in html
    types = dict(re.findall(r'<span class="label">(\w+)</span>.*?<span class="n">(\d+)</span>', html))
    assert types == {"drug_lab": "1", "seizure": "1"}
    actors = re.search(r'id="place-actors">(.*?)</ol>', html, re.S).group(1)
    assert f'href="/actors/{FEDERAL_POLICE}">Polícia Federal</a>' in actors and "2 events" in actors
    assert 'href="/actors/crimegraph:commodity/cocaine">cocaine</a>' in html
    rows = json.loads(re.search(r"data-rows='([^']*)'", html).group(1))
    assert rows == [{"month": "2014-02", "events": 2}]
    point = json.loads(re.search(r"data-point='([^']*)'", html).group(1))
    assert point == {"lat": -19.01, "lon": -57.65, "name": "Corumbá", "precision": "point"}
    assert f'href="/documents/{RICH_ID}"' in html


def test_place_page_of_an_unresolved_place(client):
    html = client.get("/places/name:Chacalluta").text
    assert "No coordinates" in html and "data-point" not in html
    assert 'href="/actors/name:Juan%20P%C3%A9rez">Juan Pérez</a>' in html
    assert f'href="/documents/{RICH_ID}#v3"' in html


# -- links from the document page ----------------------------------------------------------------


def test_document_page_links_every_entity_to_a_page_that_exists(client):
    html = client.get(f"/documents/{RICH_ID}").text
    links = set(re.findall(r'class="entlink" href="([^"]+)"', html))
    assert "/actors/crimegraph%3Agroup/pcc" in links and "/places/name%3AChacalluta" in links
    assert "/actors/name%3AJuan%20P%C3%A9rez" in links
    assert len(links) == 7
    for href in links:
        assert client.get(href).status_code == 200, href


def test_entity_key_and_href():
    assert gq.entity_key({"kb_id": PCC, "name": "PCC", "type": "criminal_group"}) == PCC
    assert gq.entity_key({"kb_id": None, "name": "Juan Pérez", "type": "person"}) == "name:Juan Pérez"
    assert views.entity_href({"kb_id": None, "name": "A/B #1", "type": "place"}) == "/places/name:A/B%20%231"
    assert views.entity_href(gq.ActorRow(PCC, "PCC", "criminal_group", "BR")) == f"/actors/{PCC}"


def test_place_page_loads_the_map_libraries_only_for_a_located_place(client, monkeypatch):
    monkeypatch.setattr(views, "vendor_ready", lambda: True)
    located = client.get(f"/places/{CORUMBA}").text
    assert "vendor/leaflet/leaflet.js" in located and "vendor/leaflet/leaflet.css" in located
    unlocated = client.get("/places/name:Chacalluta")
    assert unlocated.status_code == 200
    assert "vendor/leaflet/leaflet.js" not in unlocated.text and "map.js" in unlocated.text
