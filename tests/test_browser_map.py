"""The map in a real headless Chromium: markers, a popup with escaped evidence and working links, the
timeline, and no request leaving the machine (the basemap is bundled)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from crimegraph.store import open_store
from crimegraph.web import views
from crimegraph.web.app import create_app
from factories import live_server, make_facts
from test_web_views import CORUMBA, HOSTILE_DOC, PCC, RICH_ID, make_rich_facts

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not views.vendor_ready():
        pytest.skip("map libraries not built: run scripts/build-assets (scripts/setup does)")
    store = open_store(tmp_path_factory.mktemp("browser_map") / "db.sqlite")
    store.put_facts(make_facts(HOSTILE_DOC, title="Hacked site"))
    store.put_facts(make_rich_facts())
    with live_server(create_app(store)) as url:
        yield url
    store.close()


@pytest.fixture
def page(chromium):
    """A fresh page that records dialogs and refuses (and records) every request off this machine."""
    pg = chromium.new_page(viewport={"width": 1280, "height": 900})
    pg.dialogs = []
    pg.offsite = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            pg.offsite.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    yield pg
    pg.close()


def test_marker_popup_shows_escaped_evidence_and_links_to_the_sentence(server, page):
    page.goto(f"{server}/map")
    page.wait_for_selector("#map[data-loaded]")
    markers = page.locator("path.cg-marker")
    assert markers.count() == 3  # Oruro, Santa Cruz, Corumbá (Chacalluta has no coordinates)
    assert page.locator(f'path.cg-marker[data-place="{CORUMBA}"]').get_attribute("data-events") == "2"
    page.wait_for_selector("#map[data-basemap-ready]")
    assert page.locator(".leaflet-basemap-pane path").count() > 100  # the bundled world countries

    page.locator(f'path.cg-marker[data-place="{CORUMBA}"]').click()
    popup = page.wait_for_selector(".leaflet-popup-content .cg-popup")
    text = popup.inner_text()
    assert "Corumbá" in text and "BR-MS" in text
    assert "Graffiti reading <script>alert('pwn')</script> covered the lab" in text  # shown as text
    assert "<img src=x onerror=alert(2)>" in text
    assert page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
    types = page.locator(".cg-popup-type").all_inner_texts()
    assert sorted(types) == ["drug_lab", "seizure"]

    link = page.locator(".cg-popup-event", has_text="Graffiti").locator("a.cg-popup-doc")
    assert link.get_attribute("href") == f"/documents/{RICH_ID}#v4"
    link.click()
    page.wait_for_url(f"**/documents/**#v4")
    page.wait_for_selector('.event.selected[data-event="v4"]')
    assert "Graffiti reading <script>alert('pwn')</script>" in "".join(page.locator(".evidence.active").all_inner_texts())
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.offsite == []


def test_place_link_in_popup_opens_the_place_page(server, page):
    page.goto(f"{server}/map")
    page.wait_for_selector("#map[data-loaded]")
    page.locator('path.cg-marker[data-place="geonames:3904907"]').click()
    page.locator(".cg-popup h3 a").click()
    page.wait_for_url("**/places/geonames:3904907")
    assert page.locator("h1").inner_text() == "Santa Cruz"
    page.wait_for_selector("#timeline rect.bar")
    assert page.offsite == []


def test_timeline_reflects_filters_and_filters_by_month(server, page):
    page.goto(f"{server}/map")
    page.wait_for_selector("#timeline rect.bar")
    bars = {b.get_attribute("data-month"): b.get_attribute("data-events") for b in page.locator("#timeline rect.bar").all()}
    assert bars == {"2013-07": "1", "2014-02": "3", "2014-03": "1"}
    page.locator('#timeline rect.bar[data-month="2014-02"]').click()
    page.wait_for_url("**date_from=2014-02-01**")
    assert "date_to=2014-02-28" in page.url
    page.wait_for_selector("#map[data-loaded]")
    assert sorted(page.locator("path.cg-marker").evaluate_all("els => els.map(e => e.getAttribute('data-place'))")) == [
        CORUMBA, "geonames:3904907"]
    assert "3 events" in page.locator("#map-status").inner_text()
    assert page.offsite == []


def test_actor_page_map_shows_its_places(server, page):
    page.goto(f"{server}/actors/{PCC}")
    page.wait_for_selector("#map[data-loaded]")
    assert page.locator("path.cg-marker").evaluate_all("els => els.map(e => e.getAttribute('data-place'))") == [
        "geonames:3904907"]
    assert page.dialogs == [] and page.offsite == []
