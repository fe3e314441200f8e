"""Publication dates from metadata strings: ISO 8601, RFC 822, and a few unambiguous forms.

Returns None for anything it cannot read with confidence; the caller keeps the document
and logs a warning. A date keeps the calendar day the publisher wrote: "2013-10-08T23:30-05:00"
is 8 October, not converted to UTC.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
import time

__all__ = ["parse_date"]

logger = logging.getLogger(__name__)

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$", re.I)
_ISO_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T\d{2}:?\d{2}(?::?\d{2})?Z?)?$")
_SLASHED_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_HAS_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_timestamp(value: float) -> dt.date | None:
    if value > 1e11:  # milliseconds
        value /= 1000
    try:
        return _make(*dt.datetime.fromtimestamp(value, tz=dt.timezone.utc).timetuple()[:3])
    except (OverflowError, OSError, ValueError):
        return None


def _words(text: str, day_first: bool | None) -> dt.date | None:
    """Dates written with a month name: "October 8, 2013", "8 de octubre de 2013"."""
    import dateparser  # slow to import: only when a worded date appears

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["absolute-time"],  # never "yesterday": metadata dates are absolute
    }
    if day_first is not None:
        settings["DATE_ORDER"] = "DMY" if day_first else "MDY"
    parsed = dateparser.parse(text, languages=["en", "es", "pt"], settings=settings)
    return _make(parsed.year, parsed.month, parsed.day) if parsed else None


def parse_date(value: object, day_first: bool | None = None) -> dt.date | None:
    """Read a publication date; None when absent or not readable without guessing.

    Accepts dates and datetimes, ``time.struct_time`` (feedparser), Unix timestamps,
    ISO 8601 ("2013-10-08", "2013-10-08T12:00:00Z"), RFC 822 ("Tue, 08 Oct 2013 12:00:00
    GMT") and dates with month names in English, Spanish or Portuguese. Numeric
    day/month orders ("08/10/2013") only with ``day_first`` set.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return _make(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, (int, float)):
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    match = _ISO.match(text) or _ISO_COMPACT.match(text) or _SLASHED_YMD.match(text)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC_DMY.match(text)
    if match:
        if day_first is None:
            return None
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        return _make(year, second, first) if day_first else _make(year, first, second)
    if re.fullmatch(r"\d{9,13}", text):
        return _from_timestamp(float(text))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _make(parsed.year, parsed.month, parsed.day)
    if _HAS_MONTH_WORD.search(text) and len(text) <= 80:
        return _words(text, day_first)
    return None
