"""Ingest: read reports from files, folders, feeds and stdin into normalized Documents.

``iter_documents(paths, options)`` yields a ``crimegraph.model.Document`` for every good
item and a ``Rejection`` (item, reason) for every bad one. Near-duplicates are found with
``NearDuplicateIndex`` (MinHash + LSH). See docs/ingest.md.
"""

from __future__ import annotations

import logging

from crimegraph.ingest.dates import parse_date
from crimegraph.ingest.dedup import NearDuplicateIndex, jaccard, signature
from crimegraph.ingest.language import detect_language, identify_language
from crimegraph.ingest.normalize import content_id, normalize_text
from crimegraph.ingest.options import FORMATS, SUPPORTED_LANGUAGES, IngestOptions, Rejection
from crimegraph.ingest.pipeline import count_items, iter_documents

__all__ = [
    "FORMATS",
    "SUPPORTED_LANGUAGES",
    "IngestOptions",
    "Rejection",
    "iter_documents",
    "count_items",
    "detect_language",
    "identify_language",
    "parse_date",
    "NearDuplicateIndex",
    "signature",
    "jaccard",
    "content_id",
    "normalize_text",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
