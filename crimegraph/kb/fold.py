"""Case and accent folding that keeps string length, so offsets into folded text are offsets
into the original text."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "fold_key", "FUNCTION_WORDS"]

_PUNCT = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
}
_WS = re.compile(r"\s+")

# Words that do not decide whether a name is capitalised as a proper name ("La", "de", "the").
FUNCTION_WORDS = frozenset(
    "the of and for on in to against a an el la las los lo del de y e en contra para por "
    "o os as da das do dos no na nos nas com sobre ao à aos às 's".split()
)


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _PUNCT:
        return _PUNCT[ch]
    low = ch.lower()
    if len(low) != 1:
        low = low[0]
    if low.isascii():
        return low
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, one character for one character.

    ``len(fold(t)) == len(t)`` always holds; whitespace is kept as it is.
    """
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@functools.lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """Dictionary key of a name: folded, whitespace collapsed, ends stripped."""
    return _WS.sub(" ", fold(text)).strip()
