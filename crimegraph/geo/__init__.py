"""Gazetteer and geocoder: toponym recognition and resolution to GeoNames places.

Heavy resources are opened on demand: ``Gazetteer.open()`` reads (and on first use builds)
the on-disk index; nothing is loaded at import time.
"""

from __future__ import annotations

import importlib
import logging

__all__ = ["Gazetteer", "Geocoder", "Toponym", "Place", "Candidate", "place_kb_id", "build_gazetteer", "default_index_path"]

_WHERE = {
    "Gazetteer": "crimegraph.geo.gazetteer",
    "Geocoder": "crimegraph.geo.geocoder",
    "Toponym": "crimegraph.geo.types",
    "Place": "crimegraph.geo.types",
    "Candidate": "crimegraph.geo.types",
    "place_kb_id": "crimegraph.geo.types",
    "build_gazetteer": "crimegraph.geo.build",
    "default_index_path": "crimegraph.geo.build",
}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    """Import the public names lazily (so ``python -m crimegraph.geo.build`` runs cleanly)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'crimegraph.geo' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
