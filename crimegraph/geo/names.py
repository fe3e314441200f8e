"""Name normalization shared by the index build and the look-ups."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["norm", "is_latin", "name_variants"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"\s*([-/])\s*")


def norm(text: str) -> str:
    """Casefolded, accent-free, single-spaced form used as the look-up key."""
    text = text.translate(_QUOTES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT_SPACE.sub(r"\1", text.casefold())
    text = text.replace(".", "")
    return _SPACE.sub(" ", text).strip()


def is_latin(text: str) -> bool:
    """True when every letter is Latin script and the name has no digits."""
    for ch in text:
        if ch.isdigit():
            return False
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return any(ch.isalpha() for ch in text)


_PREFIXES = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "), ("san ", "s "))


def name_variants(key: str) -> set[str]:
    """Extra keys for a normalized name: Saint/St, Mount/Mt, Fort/Ft, without a leading
    article ("the gambia" -> "gambia")."""
    out = {key}
    for long, short in _PREFIXES[:4]:
        if key.startswith(long):
            out.add(short + key[len(long):])
    if key.startswith("the "):
        out.add(key[4:])
    return out
