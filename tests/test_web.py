"""The web app and JSON API over a store filled with hand-built facts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from crimegraph.store import open_store
from crimegraph.web.app import create_app
from factories import make_facts

HOSTILE = ("The FELCN destroyed a laboratory near Oruro. The hacked police site showed "
           "<script>alert('x')</script> and <img src=x onerror=alert(1)> to visitors.")


@pytest.fixture
def client(tmp_path):
    store = open_store(tmp_path / "web.sqlite")
    store.put_facts(make_facts(HOSTILE, title="<b>Hacked</b> site & lab"))
    store.put_facts(make_facts("Police said the FELCN found a laboratory in Oruro. Nothing else.", title="Second",
                               published="2012-03-01", language="es", source="El Deber", confidence=0.55))
    app = create_app(store)
    with TestClient(app) as c:
        c.doc_id = make_facts(HOSTILE).document.id
        yield c
    store.close()


def test_document_text_is_escaped(client):
    page = client.get(f"/documents/{client.doc_id}")
    assert page.status_code == 200
    html = page.text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Hacked&lt;/b&gt; site &amp; lab" in html  # title too


def test_document_page_highlights_mentions_and_evidence(client):
    html = client.get(f"/documents/{client.doc_id}").text
    assert '<mark class="ent ent-place" data-entity="e2"' in html
    assert 'class="evidence" data-events="v1"' in html
    assert 'data-event="v1"' in html  # the facts panel entry that selects it


def test_list_search_and_filters(client):
    assert "2 documents" in client.get("/").text
    html = client.get("/", params={"q": "hacked"}).text
    assert "1 document match" in html and '<mark class="hit">hacked</mark>' in html
    assert "1 document match" in client.get("/", params={"language": "es"}).text
    assert "0 documents match" in client.get("/", params={"date_from": "2013-01-01", "source": "El Deber"}).text


def test_api_documents_and_facts(client):
    data = client.get("/api/v1/documents", params={"q": "laboratory", "limit": 1}).json()
    assert data["total"] == 2 and len(data["items"]) == 1
    facts = client.get(f"/api/v1/documents/{client.doc_id}").json()
    assert facts["schema"] == "crimegraph/facts@1" and facts["events"][0]["type"] == "drug_lab"
    assert client.get("/api/v1/documents", params={"country": "BO", "event_type": "drug_lab"}).json()["total"] == 2


def test_api_events_filters(client):
    assert client.get("/api/v1/events", params={"type": "drug_lab"}).json()["total"] == 2
    # both events are dated July 2013 (the time of the event, not the publication, counts)
    assert client.get("/api/v1/events", params={"actor": "crimegraph:agency/felcn", "date_from": "2013-07-01"}).json()["total"] == 2
    assert client.get("/api/v1/events", params={"date_from": "2013-08-01"}).json()["total"] == 0
    assert client.get("/api/v1/events", params={"country": "PE"}).json()["total"] == 0


def test_events_filter_by_minimum_confidence(client):
    """The API, the events page and the map's GeoJSON keep only events at or above the confidence asked."""
    def titles(params):
        return [e["document"]["title"] for e in client.get("/api/v1/events", params=params).json()["items"]]

    assert sorted(titles({})) == ["<b>Hacked</b> site & lab", "Second"]
    assert titles({"min_confidence": 0.6}) == ["<b>Hacked</b> site & lab"]
    assert sorted(titles({"min_confidence": 0.55})) == ["<b>Hacked</b> site & lab", "Second"]  # at the floor: kept
    assert titles({"min_confidence": 0.9}) == []
    geo = client.get("/api/v1/events.geojson", params={"min_confidence": 0.6}).json()
    assert geo["total"] == 1 and {f["properties"]["confidence"] for f in geo["features"]} == {0.8}
    html = client.get("/events", params={"min_confidence": "0.7"}).text
    assert "1 event" in html and "Second" not in html
    assert '<option value="0.7" selected>' in html  # the form keeps the choice
    assert "0.55" in client.get("/events").text  # each row shows its confidence
    assert '<option value="0.7" selected>' in client.get("/map", params={"min_confidence": "0.7"}).text
    assert "min_confidence=0.7" in client.get("/map", params={"min_confidence": "0.7"}).text  # the data URL carries it


@pytest.mark.parametrize("url", ["/api/v1/events?min_confidence=1.5", "/events?min_confidence=high",
                                 "/map?min_confidence=-1", "/api/v1/events.geojson?min_confidence=x"])
def test_bad_confidence_floor_is_a_clear_422(client, url):
    r = client.get(url)
    assert r.status_code == 422 and "min_confidence" in r.text


@pytest.mark.parametrize("url,status", [
    ("/api/v1/documents/sha256:nope", 404),
    ("/api/v1/events?type=bogus", 422),
    ("/api/v1/events?limit=0", 422),
    ("/api/v1/documents?date_from=yesterday", 422),
    ("/api/v1/nothing-here", 404),
])
def test_api_errors_share_one_envelope(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["message"]


def test_openapi_describes_the_api(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/events"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert {"type", "country", "actor", "date_from", "date_to"} <= params


def test_missing_page_is_html_404(client):
    r = client.get("/documents/sha256:missing")
    assert r.status_code == 404 and "no document" in r.text
