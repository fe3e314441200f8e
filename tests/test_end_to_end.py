"""From files to stored facts to API answers, through the real pipeline and the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crimegraph.cli import main
from crimegraph.extract.pipeline import Extractor
from crimegraph.jobs import ingest
from crimegraph.samples import corpus_dir
from crimegraph.schema.validate import validate_facts
from crimegraph.store import open_store
from crimegraph.web.app import create_app

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
REPORT_EN = """Bolivian police destroy cocaine lab near Chilean border

Bolivia's anti-drug police destroyed a cocaine laboratory in Oruro department, near the border with Chile, in July,
the newspaper La Razón reported on Tuesday. Agents of the FELCN arrested four people and seized 120 kilograms of
cocaine base paste at the site. Officials say an estimated 80 percent of the cocaine processed in Bolivia goes to Brazil,
where the First Capital Command (PCC) controls much of the trade.
"""


@pytest.fixture(scope="module")
def extractor():
    ex = Extractor()
    ex.warm_up()
    return ex


def _run_cli(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crimegraph.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=600, env={**os.environ, **(env or {})})


def test_extract_prints_schema_valid_linked_geocoded_facts(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT_EN, encoding="utf-8")
    run = _run_cli("extract", str(path), "--published", "2013-10-08")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    facts = json.loads(lines[0])
    assert validate_facts(facts) == []
    by_name = {e["name"]: e for e in facts["entities"]}
    assert facts["document"]["title"].startswith("Bolivian police destroy")
    oruro = next(e for e in facts["entities"] if e["type"] == "place" and e["name"].startswith("Oruro"))
    assert oruro["country"] == "BO" and oruro["admin1"] == "BO-O" and oruro["lat"] < -15
    kb_ids = {e["kb_id"] for e in facts["entities"]}
    assert {"crimegraph:group/pcc", "crimegraph:agency/felcn"} <= kb_ids, by_name.keys()
    types = {v["type"] for v in facts["events"]}
    assert {"drug_lab", "arrest", "seizure", "trafficking_route"} <= types
    lab = next(v for v in facts["events"] if v["type"] == "drug_lab")
    assert lab["time"] == {"start": "2013-07-01", "end": "2013-07-31", "granularity": "month", "text": "in July"}
    route = next(v for v in facts["events"] if v["type"] == "trafficking_route")
    assert route["quantity"]["unit"] == "share" and abs(route["quantity"]["value"] - 0.8) < 1e-9


def test_extract_reads_stdin_and_rejects_bad_items(tmp_path):
    run = _run_cli("extract", "-", "--language", "es", "--published", "2013-07-15",
                   stdin="La FELCN destruyó una fábrica de cocaína en el Chapare y detuvo a tres personas, informó la policía.")
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)
    assert facts["document"]["language"] == "es" and validate_facts(facts) == []
    run = _run_cli("extract", str(FIXTURES / "empty.txt"), str(FIXTURES / "article.txt"))
    assert run.returncode == 1
    assert "empty.txt" in run.stderr and len(run.stdout.strip().splitlines()) == 1


def test_ingest_folder_with_broken_files_stores_every_good_one(tmp_path, extractor):
    folder = tmp_path / "mixed"
    shutil.copytree(corpus_dir() / "pt", folder / "good")
    for name in ("empty.txt", "image.txt", "latin1.txt", "german.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "broken.jsonl").write_text('{"title": "ok", "text": "%s"}\n{not json\n' % (
        "A polícia federal apreendeu 500 quilos de cocaína em Corumbá, na fronteira com a Bolívia, na sexta-feira."),
        encoding="utf-8")
    rejected: list = []
    with open_store(tmp_path / "db.sqlite") as store:
        report = ingest([str(folder)], store, extractor, on_reject=rejected.append, show_progress=False)
        n_good = len(list((corpus_dir() / "pt").glob("*.json"))) + 1
        assert report.stored + report.duplicates == n_good
        items = " ".join(r.item for r in rejected)
        for name in ("empty.txt", "image.txt", "latin1.txt", "german.txt", "broken.jsonl:2"):
            assert name in items, (name, [(r.item, r.reason) for r in rejected])
        assert len(rejected) == 5
        # the same folder again adds nothing
        again = ingest([str(folder)], store, extractor, show_progress=False)
        assert again.stored == 0 and again.duplicates == 0 and again.already_stored == n_good
        assert store.stats()["documents"] + store.stats()["duplicates"] == n_good


def test_cli_ingest_exit_code_and_summary(tmp_path):
    db = tmp_path / "cli.sqlite"
    run = _run_cli("ingest", str(FIXTURES / "article.txt"), str(FIXTURES / "empty.txt"), "--db", str(db), "--json")
    assert run.returncode == 1
    summary = json.loads(run.stdout)
    assert summary["stored"] == 1 and len(summary["rejected"]) == 1
    assert "empty.txt" in summary["rejected"][0]["item"] and summary["rejected"][0]["reason"]
    assert "rejected" in run.stderr and "1 stored" in run.stderr


def _stored_ids(db: Path) -> set[str]:
    if not db.exists():
        return set()  # the ingest has not created it yet
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    except sqlite3.OperationalError:
        return set()
    try:
        return {r[0] for r in con.execute("SELECT id FROM documents")} | {r[0] for r in con.execute("SELECT id FROM duplicates")}
    except sqlite3.OperationalError:  # tables not migrated yet
        return set()
    finally:
        con.close()


def _consistent(db: Path) -> None:
    """Every stored document has exactly the entities and events its facts JSON lists."""
    con = sqlite3.connect(db)
    for doc_id, facts in con.execute("SELECT id, facts FROM documents"):
        data = json.loads(facts)
        n_ent = con.execute("SELECT count(*) FROM entities WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        n_ev = con.execute("SELECT count(*) FROM events WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        assert (n_ent, n_ev) == (len(data["entities"]), len(data["events"])), doc_id
    con.close()


def test_kill_9_during_ingest_then_rerun_completes_the_set(tmp_path):
    db = tmp_path / "killed.sqlite"
    corpus = str(corpus_dir())
    proc = subprocess.Popen([sys.executable, "-m", "crimegraph.cli", "ingest", corpus, "--db", str(db), "--batch-size", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and len(_stored_ids(db)) < 5 and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    partial = _stored_ids(db)
    assert 5 <= len(partial) < 47
    _consistent(db)
    run = _run_cli("ingest", corpus, "--db", str(db), "--json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["already_stored"] == len(partial)
    assert len(_stored_ids(db)) == 47
    _consistent(db)


def test_files_to_api_answers(tmp_path, extractor):
    with open_store(tmp_path / "api.sqlite") as store:
        ingest([str(corpus_dir())], store, extractor, show_progress=False)
        for facts in store.iter_facts():
            assert validate_facts(facts) == [], facts["document"]["title"]
        with TestClient(create_app(store)) as client:
            labs = client.get("/api/v1/events", params={"type": "drug_lab", "country": "BO"}).json()
            assert labs["total"] >= 3
            for ev in labs["items"]:
                assert any(e["country"] == "BO" for e in ev["entities"].values() if e["type"] == "place")
                assert ev["sentence"] and ev["document"]["id"].startswith("sha256:")
            pcc = client.get("/api/v1/events", params={"actor": "crimegraph:group/pcc"}).json()
            assert pcc["total"] >= 2
            es = client.get("/api/v1/documents", params={"language": "es", "q": "cocaína"}).json()
            assert es["total"] >= 5 and all(i["language"] == "es" for i in es["items"])
            dups = [client.get(f"/api/v1/documents/{i['id']}/duplicates").json()["items"]
                    for i in client.get("/api/v1/documents", params={"limit": 100}).json()["items"]]
            assert sum(len(d) for d in dups) == 3
            hacked = client.get("/api/v1/documents", params={"q": "alert"}).json()["items"]
            assert hacked
            page = client.get(f"/documents/{hacked[0]['id']}").text
            assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_export_formats(tmp_path, extractor, capsys):
    db = tmp_path / "export.sqlite"
    with open_store(db) as store:
        ingest([str(corpus_dir() / "es")], store, extractor, show_progress=False)
        n_docs, n_events = store.stats()["documents"], store.stats()["events"]
    assert main(["export", "--format", "jsonl", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == n_docs and all(validate_facts(json.loads(line)) == [] for line in lines)
    out = tmp_path / "events.csv"
    assert main(["export", "--format", "csv", "--db", str(db), "-o", str(out)]) == 0
    import csv
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == n_events and rows[0]["evidence"]
    geo = tmp_path / "events.geojson"
    assert main(["export", "--format", "geojson", "--db", str(db), "-o", str(geo)]) == 0
    features = json.loads(geo.read_text(encoding="utf-8"))["features"]
    assert features and all(-90 <= f["geometry"]["coordinates"][1] <= 90 for f in features)
    # a confidence floor keeps only the events at or above it, in every format
    confidences = sorted(float(r["confidence"]) for r in rows)
    floor = confidences[len(confidences) // 2]
    wanted = sum(c >= floor for c in confidences)
    assert 0 < wanted < len(rows)
    assert main(["export", "--format", "csv", "--db", str(db), "-o", str(out), "--min-confidence", str(floor)]) == 0
    kept = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(kept) == wanted and all(float(r["confidence"]) >= floor for r in kept)
    assert main(["export", "--format", "jsonl", "--db", str(db), "--min-confidence", str(floor)]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert len(docs) == n_docs and sum(len(d["events"]) for d in docs) == wanted
    assert all(validate_facts(d) == [] for d in docs)
    assert main(["export", "--format", "geojson", "--db", str(db), "-o", str(geo), "--min-confidence", "1"]) == 0
    assert all(f["properties"]["confidence"] >= 1 for f in json.loads(geo.read_text(encoding="utf-8"))["features"])
    with pytest.raises(SystemExit):
        main(["export", "--format", "csv", "--db", str(db), "--min-confidence", "high"])
    assert "not a number from 0 to 1" in capsys.readouterr().err


def test_every_command_has_help_with_examples():
    from crimegraph.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) >= {"ingest", "extract", "serve", "export", "eval", "bench", "demo", "kb"}
    for name, p in sub.choices.items():
        assert "examples:" in p.format_help() and f"crimegraph {name}" in p.format_help(), name
