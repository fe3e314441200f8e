"""The curated knowledge base: actors, commodities, nationalities and heads of state.

Nothing is read at import; ``KnowledgeBase.load()`` reads the packaged YAML (and any analyst
files passed to it). See docs/knowledge-base.md.
"""

from crimegraph.kb.actors import KnowledgeBase, validate_kb
from crimegraph.kb.records import CommodityRecord, HeadOfState, KBRecord, Nationality

__all__ = ["KnowledgeBase", "validate_kb", "KBRecord", "CommodityRecord", "HeadOfState", "Nationality"]
