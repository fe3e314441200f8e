"""crimegraph: organized-crime reporting into an evidence-linked, geocoded database."""

import logging

from crimegraph.model import SCHEMA_ID, Document, Entity, Event, Facts

__all__ = ["SCHEMA_ID", "Document", "Entity", "Event", "Facts", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
