"""Calendar arithmetic for time expressions: pure functions from (what, publication) to dates.

Every function returns ``(start, end)`` as ``datetime.date`` (end inclusive) or ``None``
when the date does not exist (31 February) or needs a publication date that is missing.
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = [
    "Period",
    "day",
    "month",
    "year",
    "week_of",
    "add_months",
    "month_on_or_before",
    "date_on_or_before",
    "weekday_on_or_before",
    "weekday_before",
    "weekday_after",
    "relative",
    "year_part",
    "month_part",
    "two_digit_year",
]

Period = tuple[dt.date, dt.date]

YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "h1": (1, 6),
    "h2": (7, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
}

MONTH_PARTS: dict[str, tuple[int, int]] = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def day(y: int, m: int, d: int) -> Period | None:
    try:
        date = dt.date(y, m, d)
    except ValueError:
        return None
    return date, date


def month(y: int, m: int) -> Period | None:
    if not (1 <= m <= 12 and dt.MINYEAR < y < dt.MAXYEAR):
        return None
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def year(y: int) -> Period | None:
    if not dt.MINYEAR < y < dt.MAXYEAR:
        return None
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def week_of(date: dt.date) -> Period:
    """Monday..Sunday of the week that contains ``date``."""
    monday = date - dt.timedelta(days=date.weekday())
    return monday, monday + dt.timedelta(days=6)


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + n
    return index // 12, index % 12 + 1


def month_on_or_before(m: int, published: dt.date) -> Period | None:
    """The latest month ``m`` on or before the publication month."""
    y = published.year if m <= published.month else published.year - 1
    return month(y, m)


def date_on_or_before(m: int, d: int, published: dt.date) -> Period | None:
    """The latest ``d`` of month ``m`` on or before publication (29 Feb: the latest leap year)."""
    for y in range(published.year, published.year - 8, -1):
        found = day(y, m, d)
        if found and found[0] <= published:
            return found
    return None


def day_of_month_on_or_before(d: int, published: dt.date) -> Period | None:
    """"el pasado día 20": day ``d`` of the publication month, or of the latest month before it that has
    that day (within two months back)."""
    for back in range(3):
        found = day(*add_months(published.year, published.month, -back), d)
        if found and found[0] <= published:
            return found
    return None


def weekday_on_or_before(wd: int, published: dt.date) -> Period:
    date = published - dt.timedelta(days=(published.weekday() - wd) % 7)
    return date, date


def weekday_before(wd: int, published: dt.date) -> Period:
    """The latest weekday ``wd`` strictly before publication ("last Tuesday")."""
    return weekday_on_or_before(wd, published - dt.timedelta(days=1))


def weekday_after(wd: int, published: dt.date) -> Period:
    """The first weekday ``wd`` strictly after publication ("next Tuesday")."""
    delta = (wd - published.weekday()) % 7 or 7
    date = published + dt.timedelta(days=delta)
    return date, date


def relative(unit: str, offset: int, published: dt.date) -> tuple[Period, str] | None:
    """A calendar unit ``offset`` units away from the one holding publication.

    Returns the period and its granularity. Units: day, week, month, year, decade (a
    ten-year range counted back from publication), ytd (year to date), mtd (month to date),
    wtd (week to date).
    """
    if unit == "day":
        date = published + dt.timedelta(days=offset)
        return (date, date), "day"
    if unit == "week":
        return week_of(published + dt.timedelta(weeks=offset)), "week"
    if unit == "month":
        period = month(*add_months(published.year, published.month, offset))
        return (period, "month") if period else None
    if unit == "year":
        period = year(published.year + offset)
        return (period, "year") if period else None
    if unit == "decade":
        period = year(published.year + 10 * offset)
        return (period, "year") if period else None
    if unit == "ytd":
        return (dt.date(published.year, 1, 1), published), "range"
    if unit == "mtd":
        return (published.replace(day=1), published), "range"
    if unit == "wtd":
        return (week_of(published)[0], published), "range"
    return None


def year_part(y: int, part: str) -> Period | None:
    first, last = YEAR_PARTS[part]
    start, end = month(y, first), month(y, last)
    return (start[0], end[1]) if start and end else None


def month_part(y: int, m: int, part: str) -> Period | None:
    whole = month(y, m)
    if whole is None:
        return None
    first, last = MONTH_PARTS.get(part, (1, 31))
    return whole[0].replace(day=first), whole[1].replace(day=min(last, whole[1].day))


def two_digit_year(yy: int) -> int:
    """'90 -> 1990, '05 -> 2005 (news about organized crime: 1930..2029)."""
    return 1900 + yy if yy >= 30 else 2000 + yy
