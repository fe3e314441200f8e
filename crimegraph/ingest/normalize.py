"""Text normalization and content hashing: the identity of a document."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["normalize_text", "content_id"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """NFC, unified newlines, no control characters, single spaces, at most one blank line.

    Offsets of every fact refer to the string this returns.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def content_id(text: str) -> str:
    """Stable key of a document: sha256 of its normalized text, case-folded.

    Two copies of a report that differ only in whitespace, Unicode form or case get the
    same id, so ingesting either stores one document.
    """
    key = normalize_text(text).casefold()
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
