"""Gazetteer and geocoder: toponym recognition and resolution to GeoNames places.

Heavy resources are opened on demand: ``Gazetteer.open()`` reads (and on first use builds)
the on-disk index; nothing is loaded at import time.
"""

from __future__ import annotations

import logging

from crimegraph.geo.build import build_gazetteer, default_index_path
from crimegraph.geo.gazetteer import Gazetteer
from crimegraph.geo.geocoder import Geocoder
from crimegraph.geo.types import Candidate, Place, Toponym, place_kb_id

__all__ = ["Gazetteer", "Geocoder", "Toponym", "Place", "Candidate", "place_kb_id", "build_gazetteer", "default_index_path"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
