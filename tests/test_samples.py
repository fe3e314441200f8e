"""The bundled sample corpus and its expected facts: shape, coverage and consistency."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from crimegraph.errors import ConfigError
from crimegraph.model import EVENT_TYPES, GRANULARITIES, MODALITIES, PRECISIONS, TOPICS, TRENDS
from crimegraph.samples import (
    REPORT_FIELDS,
    corpus_dir,
    expected_path,
    load_expected,
    load_reports,
    report_paths,
)

MIN_PER_LANGUAGE = {"en": 22, "es": 16, "pt": 6}
SCRIPT_PAYLOAD = "<script>alert('x')</script>"
ANALYSIS_HEADING = "InSight Crime Analysis"


@pytest.fixture(scope="module")
def reports():
    return load_reports()


@pytest.fixture(scope="module")
def expected():
    return load_expected()


@pytest.fixture(scope="module")
def detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH, Language.PORTUGUESE).build()


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_language_counts(reports):
    counts = Counter(r.language for r in reports)
    for language, minimum in MIN_PER_LANGUAGE.items():
        assert counts[language] >= minimum, f"{language}: {counts[language]} reports, want >= {minimum}"
    assert set(counts) == set(MIN_PER_LANGUAGE)


def test_every_file_is_json_with_the_required_fields():
    paths = report_paths()
    assert paths, f"no reports under {corpus_dir()}"
    for path in paths:
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert set(raw) == set(REPORT_FIELDS), path.name
        assert raw["language"] == path.parent.name, path.name
        for key in ("title", "text", "source"):
            assert isinstance(raw[key], str) and raw[key].strip(), f"{path.name}: {key}"
        assert raw["url"] is None or raw["url"].startswith("https://example.org/"), path.name
        assert not raw["text"].startswith(raw["title"]), f"{path.name}: text must not repeat the title"


def test_published_dates_within_2012_2014(reports):
    for report in reports:
        assert dt.date(2012, 1, 1) <= report.published <= dt.date(2014, 12, 31), report.file


def test_lengths_are_news_sized(reports):
    for report in reports:
        words = len(report.text.split())
        assert 150 <= words <= 700, f"{report.file}: {words} words"


def test_several_sources(reports):
    sources = {r.source for r in reports}
    assert len(sources) >= 5
    # no single outlet dominates the corpus
    assert max(Counter(r.source for r in reports).values()) <= len(reports) // 4


def test_texts_are_already_normalized(reports):
    from crimegraph.ingest.normalize import normalize_text

    for report in reports:
        assert normalize_text(report.text) == report.text, f"{report.file}: offsets would shift on ingest"


def test_language_detected_as_written(reports, detector):
    for report in reports:
        detected = detector.detect_language_of(report.text)
        assert detected is not None, report.file
        assert detected.iso_code_639_1.name.lower() == report.language, report.file


def test_one_report_quotes_a_script_tag(reports):
    quoting = [r.file for r in reports if SCRIPT_PAYLOAD in r.text]
    assert len(quoting) == 1, quoting


def test_every_report_has_expected_facts(reports, expected):
    assert sorted(d.file for d in expected) == sorted(r.file for r in reports)
    for doc in expected:
        assert doc.events, f"{doc.file}: no expected events"
        assert doc.topics, f"{doc.file}: no topics"
        assert set(doc.topics) <= set(TOPICS), doc.file


def test_evidence_quotes_are_found_at_their_spans(expected):
    for doc in expected:
        for event in doc.events:
            span = event.evidence_span
            assert doc.text[span.start : span.end] == event.evidence
            assert doc.text.count(event.evidence) == 1, f"{doc.file}: ambiguous quote {event.evidence!r}"


def test_event_labels_are_ontology_labels(expected):
    for doc in expected:
        for event in doc.events:
            assert event.type in EVENT_TYPES, f"{doc.file}: {event.type}"
            assert event.modality in MODALITIES
            assert event.polarity in ("positive", "negative")
            assert event.trend is None or event.trend in TRENDS
            if event.trend is not None:
                assert event.type in ("production", "cultivation", "group_presence", "trafficking_route"), (
                    f"{doc.file}: trend on {event.type}"
                )
            if event.time is not None:
                assert event.time.granularity in GRANULARITIES


def test_all_event_types_are_covered_in_each_language_family(expected):
    found = Counter(event.type for doc in expected for event in doc.events)
    assert set(found) == set(EVENT_TYPES), sorted(set(EVENT_TYPES) - set(found))
    non_english = Counter(e.type for d in expected if d.language != "en" for e in d.events)
    assert len(non_english) >= 12, sorted(set(EVENT_TYPES) - set(non_english))


def test_place_codes_are_real_iso_codes(expected):
    for doc in expected:
        for event in doc.events:
            for place in event.places:
                assert place.precision in PRECISIONS
                if place.country is not None:
                    assert pycountry.countries.get(alpha_2=place.country), f"{doc.file}: {place}"
                if place.admin1 is not None:
                    assert pycountry.subdivisions.get(code=place.admin1), f"{doc.file}: {place}"
                if place.precision == "admin1":
                    assert place.admin1, f"{doc.file}: department/state without ISO 3166-2 code: {place.name}"


def test_times_resolve_against_publication(expected):
    for doc in expected:
        for event in doc.events:
            if event.time is None:
                continue
            assert event.time.start <= event.time.end
            if event.modality != "planned":
                assert event.time.end <= doc.published, f"{doc.file}: {event.type} ends after publication"
            if event.time.granularity == "day":
                assert event.time.start == event.time.end
            if event.time.granularity == "week":
                assert event.time.start.weekday() == 0 and (event.time.end - event.time.start).days == 6


def test_weekday_expressions_name_the_right_day(expected):
    days = {
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
        "lunes": 0, "martes": 1, "miércoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "domingo": 6,
        "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
    }  # fmt: skip
    checked = 0
    for doc in expected:
        for event in doc.events:
            if event.time is None or event.time.granularity != "day":
                continue
            named = [wd for name, wd in days.items() if name in event.time.text.lower()]
            if named:
                assert event.time.start.weekday() == named[0], f"{doc.file}: {event.time}"
                assert 0 <= (doc.published - event.time.start).days < 7, f"{doc.file}: not the latest such day"
                checked += 1
    assert checked >= 15


def test_analysis_sections_are_marked_as_analysis(expected):
    pieces = [d for d in expected if ANALYSIS_HEADING in d.text]
    assert len(pieces) >= 3
    for doc in pieces:
        heading = doc.text.index(ANALYSIS_HEADING)
        after = [e for e in doc.events if e.evidence_span.start > heading]
        assert after, f"{doc.file}: nothing annotated in the analysis section"
        assert all(e.attribution.analysis for e in after), doc.file
        assert not any(e.attribution.analysis for e in doc.events if e.evidence_span.start < heading), doc.file


def test_near_duplicate_pairs_are_similar_but_not_identical(expected):
    by_file = {d.file: d for d in expected}
    pairs = [(d, by_file[d.near_duplicate_of]) for d in expected if d.near_duplicate_of]
    assert len(pairs) >= 3
    assert {copy.language for copy, _ in pairs} == {"en", "es", "pt"}
    for copy, original in pairs:
        assert copy.text != original.text
        assert copy.report.source != original.report.source
        assert jaccard(copy.text, original.text) >= 0.7, (copy.file, original.file)


def test_unrelated_reports_are_not_near_duplicates(expected):
    paired = {frozenset((d.file, d.near_duplicate_of)) for d in expected if d.near_duplicate_of}
    worst = 0.0
    for i, a in enumerate(expected):
        for b in expected[i + 1 :]:
            if frozenset((a.file, b.file)) not in paired:
                worst = max(worst, jaccard(a.text, b.text))
    assert worst < 0.2


def test_loader_rejects_a_quote_missing_from_the_text(tmp_path: Path, expected):
    doc = expected[0]
    bad = tmp_path / "expected.yaml"
    bad.write_text(
        "documents:\n"
        f"  - file: {doc.file}\n"
        "    topics: [drug_trafficking]\n"
        "    events:\n"
        "      - type: seizure\n"
        "        evidence: a sentence that was never written in this report\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=rf"{re.escape(doc.file)}: event 1 \(seizure\).*does not occur"):
        load_expected(bad)


def test_loader_rejects_labels_outside_the_ontology(tmp_path: Path, expected):
    doc = expected[0]
    quote = doc.events[0].evidence
    bad = tmp_path / "expected.yaml"
    bad.write_text(
        "documents:\n"
        f"  - file: {doc.file}\n"
        "    events:\n"
        "      - type: drug_bust\n"
        f"        evidence: {json.dumps(quote, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="event type 'drug_bust'"):
        load_expected(bad)


def test_expected_file_lives_beside_the_corpus():
    assert expected_path().parent == corpus_dir().parent
    assert expected_path().is_file()
