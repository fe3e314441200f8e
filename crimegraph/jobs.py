"""Core jobs behind the CLI: each takes plain arguments, does one thing and returns data.

``ingest`` reads sources, skips documents already stored (so an interrupted run resumes where it
stopped), links near-duplicates to the copy already stored, extracts facts and writes each document
in its own transaction. Bad items become ``Rejection``s; the good ones still go in.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from crimegraph.errors import CrimegraphError
from crimegraph.model import Document, Facts

__all__ = ["IngestReport", "ingest", "extract_documents", "progress"]

log = logging.getLogger(__name__)

# Jaccard similarity of word 3-shingles above which a report is the same story as one already stored.
# A wire story republished with a changed header, footer and a sentence scores 0.75-0.9; distinct
# stories on the same topic score under 0.05. 0.7 leaves a margin for the MinHash estimate (about ±0.04).
NEAR_DUPLICATE_THRESHOLD = 0.7


@dataclass
class IngestReport:
    stored: int = 0
    duplicates: int = 0  # near-duplicates linked to a stored report
    already_stored: int = 0  # exact copies (same content id) skipped
    rejected: list[Any] = field(default_factory=list)  # ingest.Rejection
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.stored} stored, {self.duplicates} near-duplicates linked, {self.already_stored} already stored, "
            f"{len(self.rejected)} rejected ({self.seconds:.1f} s)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "already_stored": self.already_stored,
            "rejected": [{"item": r.item, "reason": r.reason} for r in self.rejected],
            "seconds": round(self.seconds, 2),
        }


def progress(iterable: Iterable[Any], total: int | None, desc: str, stream: IO[str] | None = None) -> Iterator[Any]:
    """A progress bar with counts and rate on a terminal; silent when stderr is piped."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield from iterable
        return
    from tqdm import tqdm

    yield from tqdm(iterable, total=total, desc=desc, unit="doc", file=stream, dynamic_ncols=True)


def extract_documents(
    extractor: Any, documents: Iterable[Document], batch_size: int = 16, on_error: Callable[[Document, Exception], None] | None = None
) -> Iterator[Facts]:
    """Facts of each document; a document whose extraction fails is reported and skipped."""
    batch: list[Document] = []

    def run(docs: list[Document]) -> Iterator[Facts]:
        try:
            yield from list(extractor.extract_many(docs, batch_size=len(docs)))
        except Exception as exc:  # noqa: BLE001  one bad document must not sink its batch
            if len(docs) == 1:
                log.exception("extraction failed for %s", docs[0].origin or docs[0].id)
                if on_error is None:
                    raise
                on_error(docs[0], exc)
                return
            for d in docs:  # find the culprit, keep the rest
                yield from run([d])

    for doc in documents:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)


def ingest(
    paths: Iterable[str],
    store: Any,
    extractor: Any,
    options: Any = None,
    *,
    on_reject: Callable[[Any], None] | None = None,
    batch_size: int = 16,
    show_progress: bool = True,
) -> IngestReport:
    from crimegraph.ingest import IngestOptions, Rejection, count_items, iter_documents
    from crimegraph.ingest.dedup import NearDuplicateIndex, signature

    options = options or IngestOptions()
    paths = list(paths)
    report = IngestReport()
    started = time.perf_counter()
    dedup = NearDuplicateIndex.from_signatures(store.signatures(), threshold=NEAR_DUPLICATE_THRESHOLD)

    def reject(r: Any) -> None:
        report.rejected.append(r)
        if on_reject:
            on_reject(r)

    pending_sigs: dict[str, bytes] = {}  # signatures of documents read but not yet stored
    deferred: list[tuple[Document, str]] = []  # near-duplicates of documents not yet stored

    def link_duplicate(doc: Document, original: str) -> None:
        try:
            if store.put_duplicate(doc, original):
                report.duplicates += 1
            else:
                report.already_stored += 1
        except CrimegraphError as exc:
            reject(Rejection(doc.origin or doc.id, str(exc)))

    def fresh_documents() -> Iterator[Document]:
        total = count_items(paths, options) if show_progress else None
        items = iter_documents(paths, options)
        for item in progress(items, total, "ingest") if show_progress else items:
            if isinstance(item, Rejection):
                reject(item)
                continue
            if store.has_document(item.id) or item.id in pending_sigs:
                report.already_stored += 1
                continue
            sig = signature(item.text)
            original = dedup.find_signature(sig)
            if original is not None:
                if original in pending_sigs:
                    deferred.append((item, original))  # linked once its original is stored
                else:
                    link_duplicate(item, original)
                continue
            dedup.add_signature(item.id, sig)
            pending_sigs[item.id] = sig
            yield item

    def failed(doc: Document, exc: Exception) -> None:
        pending_sigs.pop(doc.id, None)
        reject(Rejection(doc.origin or doc.id, f"extraction failed: {type(exc).__name__}: {exc}"))

    for facts in extract_documents(extractor, fresh_documents(), batch_size=batch_size, on_error=failed):
        try:
            if store.put_facts(facts, signature=pending_sigs.pop(facts.document.id, None)):
                report.stored += 1
            else:
                report.already_stored += 1
        except CrimegraphError as exc:
            reject(Rejection(facts.document.origin or facts.document.id, str(exc)))
        while deferred and store.has_document(deferred[0][1]):
            link_duplicate(*deferred.pop(0))
    for doc, original in deferred:
        if store.has_document(original):
            link_duplicate(doc, original)
        else:  # its original could not be stored: this copy is the report now
            reject(Rejection(doc.origin or doc.id, f"near-duplicate of {original}, which was rejected; re-run to retry"))
    report.seconds = time.perf_counter() - started
    return report
