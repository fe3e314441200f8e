"""Bytes to text: binary detection, byte-order marks, strict decoding with clear reasons."""

from __future__ import annotations

import codecs

from crimegraph.errors import InputError

__all__ = ["binary_reason", "bom_encoding", "decode", "decode_line", "HEAD_BYTES"]

HEAD_BYTES = 8192

_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(set(range(0, 32)) - {9, 10, 12, 13, 27})


def bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def binary_reason(head: bytes, encoding: str | None = None) -> str | None:
    """Why the first bytes of a file say it is not text, or None if it may be text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({kind}); convert it to text first"
    wide = encoding is not None and codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    if wide or (bom_encoding(head) or "").startswith(("utf-16", "utf-32")):
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    if head:
        control = sum(1 for byte in head if byte in _CONTROL_BYTES)
        if control / len(head) > 0.1:
            return "binary file (mostly control bytes)"
    return None


def _utf8_hint(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return (
        f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}); "
        "set the encoding option (e.g. latin-1 or cp1252) if the file uses another encoding"
    )


def decode(data: bytes, item: str, encoding: str | None = None) -> str:
    """Decode a whole file: the given encoding, else a byte-order mark, else strict UTF-8."""
    name = encoding or bom_encoding(data[:4]) or "utf-8"
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        if encoding is None and name == "utf-8":
            raise InputError(item, _utf8_hint(exc)) from exc
        raise InputError(item, f"cannot decode as {name} (offset {exc.start})") from exc


def decode_line(line: bytes, encoding: str) -> tuple[str, str | None]:
    """Decode one line of a line format: (text, None) or (text with escapes, reason)."""
    try:
        return line.decode(encoding), None
    except UnicodeDecodeError as exc:
        reason = _utf8_hint(exc) if codecs.lookup(encoding).name == "utf-8" else f"cannot decode as {encoding}"
        return line.decode(encoding, errors="surrogateescape"), reason
