"""The gazetteer: an SQLite index of places and their names, opened read-only."""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
from pathlib import Path

from crimegraph.errors import ResourceMissing
from crimegraph.geo.build import build_gazetteer, default_index_path, index_version
from crimegraph.geo.lexicon import demonyms
from crimegraph.geo.names import norm
from crimegraph.geo.types import Candidate

__all__ = ["Gazetteer", "demonym_country"]

log = logging.getLogger(__name__)

_COLUMNS = "p.id, p.name, p.feature, p.cc, p.admin1, p.admin1_id, p.admin2, p.admin2_id, p.lat, p.lon, p.population, p.slug"


@functools.lru_cache(maxsize=100_000)
def demonym_country(word: str) -> str | None:
    """ISO alpha-2 of a nationality word ("Bolivian", "brasileños"), else None."""
    return demonyms().get(norm(word))


class Gazetteer:
    """Look-ups of places by name, by id, and of countries by ISO code.

    Open with :meth:`open`; the index is built on first use when missing.
    """

    def __init__(self, con: sqlite3.Connection, path: Path):
        self._con = con
        self._lock = threading.Lock()
        self.path = path
        self.meta = dict(con.execute("SELECT key, value FROM meta"))
        self._countries = {
            row[3]: self._row(row, 0)
            for row in con.execute(f"SELECT {_COLUMNS} FROM place p WHERE p.feature = 'PCLI'")
        }
        self._lookup = functools.lru_cache(maxsize=200_000)(self._lookup_uncached)
        self._by_id = functools.lru_cache(maxsize=50_000)(self._get_uncached)

    @classmethod
    def open(cls, path: Path | None = None) -> "Gazetteer":
        """Open the index at ``path`` (default: :func:`default_index_path`), building it first
        when the file does not exist."""
        path = Path(path) if path else default_index_path()
        if not path.exists():
            log.info("gazetteer index %s not found: building it (once, under a minute)", path)
            build_gazetteer(path)
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            version = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ResourceMissing(
                f"gazetteer index {path}: cannot be read ({exc}); delete it and run python -m crimegraph.geo.build"
            ) from exc
        if version is None or version[0] != index_version():
            log.warning("gazetteer index %s has version %s, expected %s", path, version and version[0], index_version())
        return cls(con, path)

    @staticmethod
    def _row(row: tuple, match: int) -> Candidate:
        return Candidate(*row, match=match)

    def _lookup_uncached(self, key: str) -> tuple[Candidate, ...]:
        with self._lock:
            rows = self._con.execute(
                f"SELECT {_COLUMNS}, n.match FROM name n JOIN place p ON p.id = n.id WHERE n.key = ?", (key,)
            ).fetchall()
        return tuple(self._row(r[:-1], r[-1]) for r in rows)

    def _get_uncached(self, place_id: int) -> Candidate | None:
        with self._lock:
            row = self._con.execute(f"SELECT {_COLUMNS} FROM place p WHERE p.id = ?", (place_id,)).fetchone()
        return self._row(row, 0) if row else None

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place that ``name`` (any case, accents optional) may refer to."""
        key = norm(name)
        if not key:
            return ()
        if name.rstrip().endswith("."):
            return self._lookup(key) + self._lookup(key + ".")
        return self._lookup(key)

    def lookup_key(self, key: str) -> tuple[Candidate, ...]:
        """Like :meth:`lookup`, for a key already normalized with :func:`crimegraph.geo.names.norm`."""
        return self._lookup(key)

    def get(self, place_id: int) -> Candidate | None:
        return self._by_id(place_id)

    def country(self, cc: str) -> Candidate | None:
        """The country record for an ISO 3166-1 alpha-2 code."""
        return self._countries.get(cc.upper())

    def demonym_country(self, word: str) -> str | None:
        """ISO alpha-2 of a nationality word ("Bolivian", "brasileños"), else None."""
        return demonym_country(word)

    def close(self) -> None:
        self._con.close()
