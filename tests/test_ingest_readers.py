"""Every input kind and every rejection reason, on fixtures in tests/fixtures/inputs/."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
import shutil
from pathlib import Path

import pytest

from crimegraph.errors import ConfigError
from crimegraph.ingest import IngestOptions, Rejection, content_id, count_items, iter_documents
from crimegraph.model import Document

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
STORY = (
    "Police in the capital arrested five members of a street gang accused of running an extortion racket "
    "against bus drivers, the interior ministry said on Wednesday."
)


def read(paths, options=IngestOptions(), **kwargs):
    return list(iter_documents(paths, options, **kwargs))


def docs_of(results):
    return [r for r in results if isinstance(r, Document)]


def rejections_of(results):
    return {r.item: r.reason for r in results if isinstance(r, Rejection)}


# --- plain text ---------------------------------------------------------------------------------------


def test_plain_text_first_line_is_headline():
    (doc,) = read([INPUTS / "article.txt"])
    assert doc.title == "Gang leader extradited after two years in custody"
    assert doc.text.startswith("A man described by prosecutors")
    assert "extradited after two years" not in doc.text
    assert doc.language == "en"
    assert doc.published is None
    assert doc.origin == f"{INPUTS / 'article.txt'}:1"
    assert doc.id == content_id(doc.text)


def test_plain_text_front_matter_gives_metadata(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "---\ntitle: Bus drivers extorted\ndate: 2016-04-06\nurl: https://x.example/1\nsource: Capital Post\n---\n"
        + STORY,
        encoding="utf-8",
    )
    (doc,) = read([path])
    assert (doc.title, doc.published, doc.url, doc.source) == (
        "Bus drivers extorted", dt.date(2016, 4, 6), "https://x.example/1", "Capital Post")
    assert doc.text == STORY


def test_single_line_text_has_no_headline(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(STORY, encoding="utf-8")
    (doc,) = read([path])
    assert doc.title is None and doc.text == STORY


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_main_text_without_boilerplate_and_metadata_from_meta_tags():
    (doc,) = read([INPUTS / "article.html"])
    assert doc.title == "Police dismantle cocaine lab near river port"
    # article:published_time wins over JSON-LD (03-15) and <time> (03-16); its own calendar day, not UTC
    assert doc.published == dt.date(2021, 3, 14)
    assert doc.url == "https://ledger.example.org/2021/03/cocaine-lab-river-port"  # og:url before canonical
    assert doc.source == "Harbor Ledger"
    assert "Anti-narcotics police raided a makeshift laboratory" in doc.text
    assert "afraid to speak to the authorities" in doc.text
    for boilerplate in ("Subscribe now", "All rights reserved", "Careers", "Advertise", "weather"):
        assert boilerplate not in doc.text
    assert not doc.text.startswith("Police dismantle")  # the headline is not repeated in the body


def test_html_date_fallbacks_json_ld_then_time(tmp_path):
    body = "<p>" + STORY + "</p><p>" + STORY.replace("five", "six") + "</p>"
    ld = '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2015-02-03"}]}</script>'
    (tmp_path / "ld.html").write_text(f"<html><head>{ld}</head><body><article>{body}</article></body></html>", "utf-8")
    (tmp_path / "time.html").write_text(
        f'<html><body><article><time datetime="2014-12-01T10:00:00Z">1 Dec</time>{body}</article></body></html>', "utf-8")
    ld_doc, time_doc = docs_of(read([tmp_path / "ld.html", tmp_path / "time.html"]))
    assert ld_doc.published == dt.date(2015, 2, 3)
    assert time_doc.published == dt.date(2014, 12, 1)


def test_html_with_no_text_is_rejected(tmp_path):
    empty = tmp_path / "shell.html"
    empty.write_text("<html><head><title>x</title></head><body><div></div></body></html>", "utf-8")
    nav = tmp_path / "nav.html"
    nav.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    rejected = rejections_of(read([empty, nav]))
    assert rejected[str(empty)] == "malformed HTML: no main text found in the page"
    assert rejected[f"{nav}:1"] == "text too short (4 characters; minimum 20)"


# --- JSON and JSONL -----------------------------------------------------------------------------------


def test_jsonl_synonyms_and_one_rejection_per_bad_line():
    path = INPUTS / "reports.jsonl"
    results = read([path])
    docs = docs_of(results)
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:7"]
    first, second, third = docs
    assert (first.title, first.published, first.url, first.source, first.language) == (
        "Navy intercepts semi-submersible", dt.date(2017, 8, 21), "https://sea.example.org/semi", "Sea Watch", "en")
    assert (second.published, second.language) == (dt.date(2017, 8, 22), "es")
    assert (third.published, third.language) == (dt.date(2017, 8, 24), "pt")
    rejected = rejections_of(results)
    assert set(rejected) == {f"{path}:3", f"{path}:4", f"{path}:5"}
    assert rejected[f"{path}:3"].startswith("malformed JSON")
    assert rejected[f"{path}:4"].startswith("record has no text")
    assert rejected[f"{path}:5"] == "not a JSON object (found list)"


def test_json_array_and_wrapped_records(tmp_path):
    records = [{"headline": "A", "article": STORY, "date": "2016-04-06"}, {"title": "no text"}]
    (tmp_path / "list.json").write_text(json.dumps(records), "utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": records[:1]}), "utf-8")
    (tmp_path / "bad.json").write_text('{"title": "x", "text": ', "utf-8")
    results = read([tmp_path / "list.json", tmp_path / "wrapped.json", tmp_path / "bad.json"])
    docs = docs_of(results)
    assert [d.origin for d in docs] == [f"{tmp_path / 'list.json'}:1", f"{tmp_path / 'wrapped.json'}:1"]
    assert docs[0].id == docs[1].id and docs[0].published == dt.date(2016, 4, 6)
    rejected = rejections_of(results)
    assert rejected[f"{tmp_path / 'list.json'}:2"].startswith("record has no text")
    assert rejected[str(tmp_path / "bad.json")].startswith("malformed JSON")


# --- CSV and TSV --------------------------------------------------------------------------------------


def test_csv_default_columns_by_header_and_custom_date_column():
    path = INPUTS / "reports.csv"
    results = read([path], IngestOptions(date_column="when"))
    docs = docs_of(results)
    assert [d.origin for d in docs] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert (docs[0].title, docs[0].source, docs[0].url, docs[0].published) == (
        "Mayor charged over contract kickbacks", "Coast Daily", "https://coast.example.org/a1", dt.date(2020, 11, 2))
    assert docs[1].language == "es"
    assert docs[2].published is None  # "not a date": kept, undated
    assert rejections_of(results) == {f"{path}:4": "malformed CSV row: expected 6 fields, found 7"}


def test_csv_semicolon_sniffed_and_invalid_date_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="crimegraph.ingest"):
        read([INPUTS / "reports.csv"], IngestOptions(date_column="when"))
    assert any("not a date" in m and "reports.csv:5" in m for m in caplog.messages)


def test_tsv_with_custom_columns():
    path = INPUTS / "reports.tsv"
    assert rejections_of(read([path]))[str(path)].startswith("no text column in the header")
    options = IngestOptions(text_column="Nota", title_column="encabezado", date_column="Dia")
    es, pt = read([path], options)
    assert (es.title, es.published, es.language) == ("Laboratorio clandestino hallado", dt.date(2022, 2, 11), "es")
    assert (pt.title, pt.published, pt.language) == ("Garimpo ilegal fechado", dt.date(2022, 2, 12), "pt")


def test_headerless_tsv_by_column_number(tmp_path):
    path = tmp_path / "rows.tsv"
    path.write_text(f'"{STORY}"\t0\t1\n"{STORY.replace("five", "nine")}"\t1\t0\n', "utf-8")
    docs = read([path], IngestOptions(text_column="1"))
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2"]
    assert "nine members" in docs[1].text
    assert count_items([path], IngestOptions(text_column="1")) == 2


def test_unterminated_quote_rejects_the_row(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text(f'title,text\nok,"{STORY}"\nbad,"never closed\n', "utf-8")
    results = read([path])
    assert len(docs_of(results)) == 1
    assert rejections_of(results)[f"{path}:3"].startswith("malformed CSV row")


# --- feeds --------------------------------------------------------------------------------------------


def test_rss2_entries():
    path = INPUTS / "feed-rss2.xml"
    results = read([path])
    first, second = docs_of(results)
    assert first.title == "Decomisan dos toneladas de marihuana en un camión de frutas"
    assert first.published == dt.date(2019, 7, 9)  # RFC 822
    assert first.url == "https://wire.example.net/2019/07/decomiso-marihuana"
    assert first.source == "Frontier Wire"
    assert first.language == "es"
    assert "<p>" not in first.text and "\n" in first.text  # HTML description turned into paragraphs
    assert second.language == "en" and second.origin == f"{path}:2"
    assert rejections_of(results) == {f"{path}:3": "feed entry has no content or summary"}


def test_atom_entries_use_content_and_published_date():
    first, second = read([INPUTS / "feed-atom.atom"])
    assert first.published == dt.date(2018, 5, 2)  # local calendar day of 2018-05-02T21:15-03:00
    assert first.text.startswith("A Polícia Federal apreendeu")
    assert first.url == "https://observatorio.example.com.br/2018/05/aviao-cocaina"
    assert second.published == dt.date(2018, 5, 1)  # updated, when there is no published
    assert {first.language, second.language} == {"pt"}
    assert first.source == "Observatório da Fronteira"


def test_malformed_feed_rejected(tmp_path):
    garbage = tmp_path / "garbage.xml"
    garbage.write_text("<<<this is not a feed>>> & <", "utf-8")
    truncated = tmp_path / "truncated.rss"
    truncated.write_text("<rss><channel><title>x</title><item><title>unclosed", "utf-8")
    rejected = rejections_of(read([garbage, truncated]))
    assert rejected[str(garbage)].startswith("malformed feed")
    # feedparser recovers the entry of a truncated feed; it has no body, so only it is rejected
    assert rejected[f"{truncated}:1"] == "feed entry has no content or summary"


# --- folders, stdin, gzip -----------------------------------------------------------------------------


def test_folder_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    shutil.copy(INPUTS / "article.txt", tmp_path / "sub" / "b.txt")
    shutil.copy(INPUTS / "reports.jsonl", tmp_path / "a.jsonl")
    (tmp_path / ".hidden.txt").write_text(STORY, "utf-8")
    (tmp_path / ".git" / "x.txt").write_text(STORY, "utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04junk")
    results = read([tmp_path])
    items = [r.origin if isinstance(r, Document) else r.item for r in results]
    assert all(".hidden" not in i and ".git" not in i and "docx" not in i for i in items)
    assert [d.origin for d in docs_of(results)][-1] == f"{tmp_path / 'sub' / 'b.txt'}:1"
    assert len(docs_of(results)) == 4


def test_stdin_sniffed_formats():
    jsonl = b'{"title": "t", "text": "%s"}\n{"text": "%s"}\n' % (STORY.encode(), STORY.replace("five", "two").encode())
    docs = read(["-"], stdin=io.BytesIO(jsonl))
    assert [d.origin for d in docs] == ["<stdin>:1", "<stdin>:2"]
    (html_doc,) = read(["-"], stdin=io.BytesIO((INPUTS / "article.html").read_bytes()))
    assert html_doc.title == "Police dismantle cocaine lab near river port"
    (text_doc,) = read(["-"], stdin=io.BytesIO(("Headline\n\n" + STORY).encode()))
    assert text_doc.title == "Headline" and text_doc.text == STORY
    (feed_doc, _) = docs_of(read(["-"], stdin=io.BytesIO((INPUTS / "feed-rss2.xml").read_bytes())))
    assert feed_doc.source == "Frontier Wire"


def test_stdin_with_given_format():
    data = b"title\ttext\nA\t" + STORY.encode() + b"\n"
    (doc,) = read(["-"], IngestOptions(format="tsv"), stdin=io.BytesIO(data))
    assert doc.title == "A" and doc.origin == "<stdin>:2"


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "stream.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"text": STORY, "published": "2016-04-06"}) + "\n")
    (doc,) = read([path])
    assert doc.published == dt.date(2016, 4, 6)


def test_count_items_estimates_lines_and_entries(tmp_path):
    assert count_items([INPUTS / "reports.jsonl"]) == 7
    assert count_items([INPUTS / "reports.csv"]) == 4
    assert count_items([INPUTS / "feed-atom.atom", INPUTS / "article.txt"]) == 3
    assert count_items(["-"]) is None


# --- options ------------------------------------------------------------------------------------------


def test_overrides_for_date_language_and_source():
    options = IngestOptions(published=dt.date(2000, 1, 2), language="es", source="Override")
    (doc,) = read([INPUTS / "german.txt"], options)  # a given language is trusted
    assert (doc.published, doc.language, doc.source) == (dt.date(2000, 1, 2), "es", "Override")


@pytest.mark.parametrize(
    "kwargs", [{"format": "docx"}, {"language": "spanish"}, {"delimiter": "||"}, {"min_chars": 10, "max_chars": 5}]
)
def test_invalid_options_raise_config_error(kwargs):
    with pytest.raises(ConfigError):
        IngestOptions(**kwargs)


def test_day_first_dates_need_the_option(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": STORY, "date": "08/10/2013"}) + "\n", "utf-8")
    (undated,) = read([path])
    assert undated.published is None
    (dated,) = read([path], IngestOptions(day_first=True))
    assert dated.published == dt.date(2013, 10, 8)
