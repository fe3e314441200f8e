"""Settings: data with defaults and help text; a user's TOML file and environment variables override them.

Order of precedence (last wins): defaults here, ``~/.config/crimegraph/config.toml`` (or the file named by
``CRIMEGRAPH_CONFIG``), environment variables ``CRIMEGRAPH_<NAME>``, command-line options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crimegraph.errors import ConfigError

__all__ = ["Setting", "SETTINGS", "Config", "load_config", "data_dir"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


def data_dir() -> Path:
    """Where crimegraph keeps its database and built indexes (``CRIMEGRAPH_DATA_DIR``)."""
    env = os.environ.get("CRIMEGRAPH_DATA_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "crimegraph"


SETTINGS = (
    Setting("db", None, "Database: an SQLite file path. Default: <data dir>/crimegraph.sqlite"),
    Setting("max_chars", 200_000, "Reject documents longer than this many characters"),
    Setting("min_chars", 20, "Reject documents shorter than this many characters"),
    Setting("batch_size", 16, "Documents per spaCy batch during extraction"),
    Setting("processes", 1, "Worker processes for extraction (ingest, bench)"),
    Setting("host", "127.0.0.1", "Address the web app listens on"),
    Setting("port", 8000, "Port the web app listens on"),
    Setting("topic_embeddings", False, "Score English topics with the embedding head too (+0.03 F1, about 2x slower extraction)"),
    Setting("event_embeddings", False, "Event classifier that also reads each sentence's multilingual embedding (held-out event F1 0.554 against 0.526, extraction about 3.4x slower; docs/extraction.md)"),
    Setting("tile_url", None, "Optional map tile URL template; the bundled offline basemap is used otherwise"),
)


@dataclass(frozen=True)
class Config:
    values: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    @property
    def db_path(self) -> Path:
        return Path(self.values["db"]) if self.values.get("db") else data_dir() / "crimegraph.sqlite"


def _coerce(setting: Setting, raw: Any, where: str) -> Any:
    if setting.default is None or raw is None:
        return raw
    kind = type(setting.default)
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{where}: setting {setting.name!r} expects true or false, got {raw!r}")
    try:
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: setting {setting.name!r} expects {kind.__name__}, got {raw!r}") from exc


def load_config(path: Path | None = None, **overrides: Any) -> Config:
    values = {s.name: s.default for s in SETTINGS}
    known = {s.name: s for s in SETTINGS}
    file = path or Path(os.environ.get("CRIMEGRAPH_CONFIG", Path.home() / ".config" / "crimegraph" / "config.toml"))
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: not valid TOML ({exc})") from exc
        for key, raw in data.items():
            if key not in known:
                raise ConfigError(f"{file}: unknown setting {key!r}; known: {', '.join(sorted(known))}")
            values[key] = _coerce(known[key], raw, str(file))
    for name, setting in known.items():
        env = os.environ.get(f"CRIMEGRAPH_{name.upper()}")
        if env is not None:
            values[name] = _coerce(setting, env, f"CRIMEGRAPH_{name.upper()}")
    for key, raw in overrides.items():
        if raw is not None:
            values[key] = _coerce(known[key], raw, f"option --{key}")
    return Config(values)
