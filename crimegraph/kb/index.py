"""A token-aligned dictionary matcher over names, tolerant of case and accents.

Names are keyed by their folded form (see ``fold``); all-capital forms (acronyms such as
"PCC", "U.S.") are keyed exactly and matched case-sensitively. Matching walks from each token
start and extends token by token while the folded text is still a prefix of some name, so it
costs a handful of dictionary look-ups per token and does not depend on how a tokenizer splits
"S.Paulo" or "Bolivia's".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crimegraph.kb.fold import FUNCTION_WORDS, fold, fold_key

__all__ = ["Entry", "Hit", "SurfaceIndex", "needs_capital", "is_exact_form"]


def is_exact_form(surface: str) -> bool:
    """All-capital forms with at least one letter ("PCC", "U.S.", "MS-13") are matched exactly."""
    return any(c.isalpha() for c in surface) and surface.upper() == surface


def needs_capital(surface: str) -> bool:
    """A name written with a capitalised content word only matches capitalised text."""
    return any(w[:1].isupper() and fold(w) not in FUNCTION_WORDS for w in surface.split())


@dataclass(frozen=True)
class Entry:
    """One name of one target (a record id) as written in the knowledge base."""

    target: str
    surface: str
    exact: bool
    capital: bool  # the text must capitalise at least one content word


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entries: tuple[Entry, ...]


class SurfaceIndex:
    def __init__(self) -> None:
        self._folded: dict[str, list[Entry]] = {}
        self._exact: dict[str, list[Entry]] = {}
        self._folded_prefixes: set[str] = set()
        self._exact_prefixes: set[str] = set()

    def add(self, surface: str, target: str, *, exact: bool | None = None, capital: bool | None = None) -> None:
        exact = is_exact_form(surface) if exact is None else exact
        if exact:
            key = " ".join(surface.split())
            table, prefixes = self._exact, self._exact_prefixes
        else:
            key = fold_key(surface)
            table, prefixes = self._folded, self._folded_prefixes
        if not key:
            return
        entry = Entry(target=target, surface=surface, exact=exact, capital=needs_capital(surface) if capital is None else capital)
        bucket = table.setdefault(key, [])
        if all(e.target != target for e in bucket):
            bucket.append(entry)
        for i in range(1, len(key) + 1):
            prefixes.add(key[:i])

    def add_all(self, surfaces: Iterable[str], target: str) -> None:
        for s in surfaces:
            self.add(s, target)

    def lookup(self, surface: str) -> list[Entry]:
        """Entries for a whole string: exact forms first, then folded ones."""
        out = list(self._exact.get(" ".join(surface.split()), ()))
        out.extend(self._folded.get(fold_key(surface), ()))
        return out

    def find(self, text: str, folded: str, starts: Sequence[int], ends: Sequence[int]) -> list[Hit]:
        """Longest match from every token start; ``starts``/``ends`` are token boundaries."""
        ends_sorted = sorted(set(ends))
        hits: list[Hit] = []
        for s in sorted(set(starts)):
            first = bisect.bisect_right(ends_sorted, s)
            best: Hit | None = None
            for table, prefixes, source in (
                (self._folded, self._folded_prefixes, folded),
                (self._exact, self._exact_prefixes, text),
            ):
                for e in ends_sorted[first:]:
                    key = " ".join(source[s:e].split())
                    if key not in prefixes:
                        break
                    entries = table.get(key)
                    if entries:
                        entries = [en for en in entries if self._case_ok(en, text[s:e])]
                        if entries and (best is None or e > best.end):
                            best = Hit(s, e, tuple(entries))
            if best is not None:
                hits.append(best)
        return hits

    @staticmethod
    def _case_ok(entry: Entry, matched: str) -> bool:
        if entry.exact or not entry.capital:
            return True
        if matched.isupper():
            return True
        return any(w[:1].isupper() and fold(w) not in FUNCTION_WORDS for w in matched.split())
