"""The web app in a real headless Chromium: clicking an event shows its sentence; no injected script runs."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

from crimegraph.store import open_store
from crimegraph.web.app import create_app
from factories import make_facts

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = ("The FELCN destroyed a laboratory near Oruro. The hacked police site showed "
           "<script>alert('x')</script> and <img src=x onerror=alert(1)> to visitors.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    store = open_store(tmp_path_factory.mktemp("browser") / "db.sqlite")
    facts = make_facts(HOSTILE, title="Hacked site")
    store.put_facts(facts)
    store.put_facts(make_facts("Police said the FELCN found a laboratory in Oruro. It was big.", title="Second lab"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "web server did not start"
    yield f"http://127.0.0.1:{port}", facts.document.id
    srv.should_exit = True
    thread.join(5)
    store.close()


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    assert shutil.which("chromium") or shutil.os.path.exists(CHROMIUM), "Debian chromium is not installed (scripts/test installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        )
        pg = browser.new_page()
        yield pg
        browser.close()


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
