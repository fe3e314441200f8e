"""Word lists used by actor recognition (data/lexicon.yaml), as a typed object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crimegraph.kb.fold import fold_key

__all__ = ["Lexicon"]

PerLang = dict[str, tuple[str, ...]]


def _per_lang(value: Any) -> PerLang:
    if not isinstance(value, dict):
        return {}
    return {str(k): tuple(fold_key(str(w)) for w in (v or ())) for k, v in value.items()}


def _flat(value: Any) -> frozenset[str]:
    if isinstance(value, dict):
        return frozenset(fold_key(str(w)) for v in value.values() for w in (v or ()))
    return frozenset(fold_key(str(w)) for w in (value or ()))


@dataclass(frozen=True)
class Lexicon:
    """Folded word lists; per-language lists are keyed by ISO 639-1 code."""

    criminal_heads: PerLang = field(default_factory=dict)
    criminal_weak_heads: PerLang = field(default_factory=dict)
    criminal_modifiers: PerLang = field(default_factory=dict)
    state_heads: PerLang = field(default_factory=dict)
    role_heads: PerLang = field(default_factory=dict)
    role_modifiers: PerLang = field(default_factory=dict)
    state_cues: frozenset[str] = frozenset()
    media_cues: PerLang = field(default_factory=dict)
    government_words: PerLang = field(default_factory=dict)
    demonym_blockers: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Lexicon":
        crim = raw.get("generic_criminal") or {}
        state = raw.get("generic_state") or {}
        return cls(
            criminal_heads=_per_lang(crim.get("heads")),
            criminal_weak_heads=_per_lang(crim.get("weak_heads")),
            criminal_modifiers=_per_lang(crim.get("modifiers")),
            state_heads=_per_lang(state.get("heads")),
            role_heads=_per_lang(raw.get("role_heads")),
            role_modifiers=_per_lang(raw.get("role_modifiers")),
            state_cues=_flat(raw.get("state_cues")),
            media_cues=_per_lang(raw.get("media_cues")),
            government_words=_per_lang(raw.get("government_words")),
            demonym_blockers=_flat(raw.get("demonym_blockers")),
        )

    @staticmethod
    def words(table: PerLang, lang: str | None) -> tuple[str, ...]:
        """The list for ``lang``; all languages together when ``lang`` is unknown."""
        if lang in table:
            return table[lang]
        return tuple(dict.fromkeys(w for forms in table.values() for w in forms))
