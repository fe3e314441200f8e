"""The web app in a real headless Chromium: clicking an event shows its sentence; no injected script runs."""

from __future__ import annotations

import pytest

from crimegraph.store import open_store
from crimegraph.web.app import create_app
from factories import live_server, make_facts

pytestmark = pytest.mark.browser

HOSTILE = ("The FELCN destroyed a laboratory near Oruro. The hacked police site showed "
           "<script>alert('x')</script> and <img src=x onerror=alert(1)> to visitors.")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("browser") / "db.sqlite")
    facts = make_facts(HOSTILE, title="Hacked site")
    store.put_facts(facts)
    store.put_facts(make_facts("Police said the FELCN found a laboratory in Oruro. It was big.", title="Second lab"))
    with live_server(create_app(store)) as url:
        yield url, facts.document.id
    store.close()


@pytest.fixture(scope="module")
def page(chromium):
    pg = chromium.new_page()
    yield pg
    pg.close()


def test_clicking_an_event_highlights_its_sentence(server, page):
    base, doc_id = server
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/documents/{doc_id}")
    assert page.locator(".evidence.active").count() == 0
    page.locator('.event[data-event="v1"]').click()
    page.wait_for_selector(".evidence.active")
    highlighted = "".join(page.locator(".evidence.active").all_inner_texts())
    assert highlighted.startswith("The FELCN destroyed a laboratory near Oruro.")
    assert "hacked" not in highlighted
    # the injected markup is shown as text and never executed
    assert "<script>alert('x')</script>" in page.locator("#doc-text").inner_text()
    assert page.locator("#doc-text script, #doc-text img").count() == 0
    assert dialogs == []


def test_search_from_the_list(server, page):
    base, _ = server
    page.goto(base + "/")
    assert "2 documents" in page.locator("#result-count").inner_text()
    page.fill('input[name="q"]', "hacked")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**q=hacked**")
    assert "1 document match" in page.locator("#result-count").inner_text()
    page.click(".doc .title")
    assert page.locator("h1").inner_text() == "Hacked site"
