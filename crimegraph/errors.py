"""One exception root. Messages say what went wrong with which item, and what to do."""

from __future__ import annotations

__all__ = ["CrimegraphError", "InputError", "ConfigError", "StoreError", "ResourceMissing"]


class CrimegraphError(Exception):
    """Root of every error crimegraph raises on purpose."""


class InputError(CrimegraphError):
    """A single input item (a file, a line, a record) cannot be read.

    ``item`` names it ("reports/a.jsonl:12") so that the CLI can print one clear line.
    """

    def __init__(self, item: str, reason: str):
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class ConfigError(CrimegraphError):
    """A setting or a knowledge-base file is invalid."""


class StoreError(CrimegraphError):
    """The database cannot be opened, migrated or written."""


class ResourceMissing(CrimegraphError):
    """A model or data package is not installed; the message names the install step."""
