"""Bad input: each reason once, naming the item; good items still come through; hash identity; dates."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from crimegraph.ingest import IngestOptions, Rejection, content_id, iter_documents, parse_date
from crimegraph.model import Document

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
STORY = (
    "Police in the capital arrested five members of a street gang accused of running an extortion racket "
    "against bus drivers, the interior ministry said on Wednesday."
)


def only(path: Path, options: IngestOptions = IngestOptions()) -> Rejection:
    (result,) = list(iter_documents([path], options))
    assert isinstance(result, Rejection), result
    return result


def test_empty_file():
    assert only(INPUTS / "empty.txt") == Rejection(str(INPUTS / "empty.txt"), "empty file")


def test_binary_files():
    assert only(INPUTS / "blob.txt").reason == "binary file (contains NUL bytes)"
    assert only(INPUTS / "image.txt").reason.startswith("binary file (PNG image)")


def test_latin1_file_needs_its_encoding():
    rejection = only(INPUTS / "latin1.txt")
    assert rejection.item == str(INPUTS / "latin1.txt")
    assert rejection.reason.startswith("not valid UTF-8 (byte 0xe1 at offset 2)")
    (doc,) = list(iter_documents([INPUTS / "latin1.txt"], IngestOptions(encoding="latin-1")))
    assert doc.title == "Tráfico de armas en la frontera"
    assert "La policía incautó" in doc.text and doc.language == "es"


def test_undecodable_line_rejected_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": STORY}, ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9 ' + STORY.encode() + b'"}\n' + good.replace(b"five", b"six") + b"\n")
    results = list(iter_documents([path]))
    assert [type(r) for r in results] == [Document, Rejection, Document]
    assert results[1].item == f"{path}:2" and results[1].reason.startswith("not valid UTF-8")


def test_oversize_document(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Headline\n" + ("The cartel moved cocaine through the port. " * 5000), "utf-8")
    rejection = only(path)
    assert rejection.item == f"{path}:1"
    assert rejection.reason.startswith("document too long (214,999 characters; limit 200,000)")
    (doc,) = list(iter_documents([path], IngestOptions(max_chars=300_000)))
    assert len(doc.text) == 214_999


def test_oversize_row_in_csv_is_rejected_and_next_row_kept(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(f'text\n"{"word " * 600}"\n"{STORY}"\n', "utf-8")
    results = list(iter_documents([path], IngestOptions(max_chars=500)))
    assert isinstance(results[0], Rejection) and results[0].item == f"{path}:2"
    assert results[0].reason.startswith("document too long")
    assert isinstance(results[1], Document)


def test_unknown_language_german():
    rejection = only(INPUTS / "german.txt")
    assert rejection == Rejection(f"{INPUTS / 'german.txt'}:1", "unknown language (detected: de)")


def test_too_short_text(tmp_path):
    path = tmp_path / "short.jsonl"
    path.write_text('{"text": "Gang boss held."}\n{"text": "!!! ??? ... 12 34 56 78"}\n', "utf-8")
    first, second = iter_documents([path])
    assert first == Rejection(f"{path}:1", "text too short (15 characters; minimum 20)")
    assert second == Rejection(f"{path}:2", "unknown language (detected: none, too little text to tell)")


def test_missing_path():
    missing = INPUTS / "does-not-exist.txt"
    assert only(missing) == Rejection(str(missing), "no such file or directory")


def test_every_good_item_still_comes_through():
    results = list(iter_documents([INPUTS]))
    docs = [r for r in results if isinstance(r, Document)]
    rejected = [r for r in results if isinstance(r, Rejection)]
    assert len(docs) == 12
    assert len({d.id for d in docs}) == 12
    assert all(r.item.startswith(str(INPUTS)) and r.reason for r in rejected)
    assert len(rejected) == 11


# --- identity ---------------------------------------------------------------------------------------


def test_whitespace_and_case_variants_share_an_id(tmp_path):
    variants = [STORY, "  " + STORY.upper() + "\n\n", STORY.replace(" ", "  ").replace(",", ",\t"), STORY.replace(" ", "\u00a0")]
    ids = set()
    for number, text in enumerate(variants):
        path = tmp_path / f"v{number}.txt"
        path.write_text("Same headline\n" + text, "utf-8")
        (doc,) = iter_documents([path])
        ids.add(doc.id)
    assert ids == {content_id(STORY)}
    assert content_id(STORY.replace("five", "six")) != content_id(STORY)


def test_decomposed_unicode_gets_the_same_id():
    composed = "La policía incautó cocaína en el puerto."
    decomposed = composed.replace("í", "i\u0301").replace("ó", "o\u0301")
    assert decomposed != composed and content_id(decomposed) == content_id(composed)


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2013-10-08", dt.date(2013, 10, 8)),
        ("2013-10-08T12:00:00Z", dt.date(2013, 10, 8)),
        ("2013-10-08T23:30:00-05:00", dt.date(2013, 10, 8)),
        ("2013-10-08 12:00:00.123+0000", dt.date(2013, 10, 8)),
        ("Tue, 08 Oct 2013 12:00:00 GMT", dt.date(2013, 10, 8)),
        ("Tue, 8 Oct 2013 22:00:00 -0300", dt.date(2013, 10, 8)),
        ("20131008", dt.date(2013, 10, 8)),
        ("October 8, 2013", dt.date(2013, 10, 8)),
        ("8 de octubre de 2013", dt.date(2013, 10, 8)),
        ("08/10/2013", None),
        ("2013-02-30", None),
        ("yesterday evening", None),
        ("", None),
        (None, None),
        (time.struct_time((2013, 10, 8, 0, 0, 0, 1, 281, 0)), dt.date(2013, 10, 8)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_numeric_dates_follow_the_day_first_option():
    assert parse_date("08/10/2013", day_first=True) == dt.date(2013, 10, 8)
    assert parse_date("08/10/2013", day_first=False) == dt.date(2013, 8, 10)
    assert parse_date("31/10/2013", day_first=False) is None
