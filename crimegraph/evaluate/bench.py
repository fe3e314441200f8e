"""`crimegraph bench`: throughput and peak memory of the full extraction beside bare spaCy.

Both run in the same process over the same texts (the InSight Crime articles): first the bare
``en_core_web_sm`` ``nlp.pipe``, then the full crimegraph extraction with the English, Spanish and
Portuguese pipelines, the knowledge base, the gazetteer and the topic model loaded. Peak memory is
the process's maximum resident set size at the end, so it covers everything loaded.
"""

from __future__ import annotations

import csv
import resource
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from crimegraph.errors import ResourceMissing

__all__ = ["bench", "format_bench_report", "load_insightcrime_texts"]


def load_insightcrime_texts(data_dir: Path, limit: int | None = None) -> list[str]:
    folder = Path(data_dir) / "insightcrime"
    if not folder.is_dir():
        raise ResourceMissing(f"InSight Crime articles not found at {folder} (use --data)")
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    for name in ("train.tsv", "dev.tsv"):
        with open(folder / name, encoding="utf-8", newline="") as f:
            texts.extend(row[0] for row in csv.reader(f, delimiter="\t") if row)
    return texts[:limit] if limit else texts


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bench(data_dir: Path, limit: int | None = None, batch_size: int = 16,
          event_embeddings: bool = False) -> dict[str, Any]:
    """``event_embeddings``: time the extraction with the event classifier that reads sentence
    embeddings (the ``event_embeddings`` setting) instead of the default one."""
    import spacy

    from crimegraph.extract.pipeline import SPACY_PIPELINES, Extractor
    from crimegraph.ingest.normalize import content_id, normalize_text
    from crimegraph.model import Document

    texts = [normalize_text(t) for t in load_insightcrime_texts(data_dir, limit)]
    words = sum(len(t.split()) for t in texts)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bare = spacy.load(SPACY_PIPELINES["en"])
    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=batch_size):
        pass
    bare_s = time.perf_counter() - start
    del bare

    extractor = Extractor(event_embeddings=event_embeddings)
    load_start = time.perf_counter()
    extractor.warm_up()
    load_s = time.perf_counter() - load_start
    docs = [Document(id=content_id(t), text=t, language="en") for t in texts]
    start = time.perf_counter()
    n_events = 0
    for facts in extractor.extract_many(docs, batch_size=batch_size):
        n_events += len(facts.events)
    full_s = time.perf_counter() - start
    result = {
        "documents": len(texts),
        "words": words,
        "bare_spacy": {"pipeline": SPACY_PIPELINES["en"], "seconds": round(bare_s, 2),
                       "docs_per_s": round(len(texts) / bare_s, 2), "words_per_s": round(words / bare_s, 1)},
        "crimegraph": {"seconds": round(full_s, 2), "docs_per_s": round(len(texts) / full_s, 2),
                       "words_per_s": round(words / full_s, 1), "events": n_events,
                       "load_seconds": round(load_s, 2)},
        "event_embeddings": event_embeddings,
        "speed_ratio": round(bare_s / full_s, 3),
        "peak_memory_mb": round(_peak_mb(), 1),
    }
    return result


def format_bench_report(r: dict[str, Any]) -> str:
    b, c = r["bare_spacy"], r["crimegraph"]
    return "\n".join([
        f"{r['documents']} documents, {r['words']} words",
        f"{'':22}{'docs/s':>10}{'words/s':>12}{'seconds':>10}",
        f"{'bare ' + b['pipeline']:22}{b['docs_per_s']:>10}{b['words_per_s']:>12}{b['seconds']:>10}",
        f"{'crimegraph extract' + (' (+emb)' if r.get('event_embeddings') else ''):22}{c['docs_per_s']:>10}{c['words_per_s']:>12}{c['seconds']:>10}",
        f"speed ratio (crimegraph / bare): {r['speed_ratio']}   target >= 0.6",
        f"peak memory (all pipelines, gazetteer, models loaded): {r['peak_memory_mb']} MB   target <= 1536 MB",
        f"events extracted: {c['events']}; resources loaded in {c['load_seconds']} s",
    ])
