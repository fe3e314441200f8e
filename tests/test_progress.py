"""Long runs show a progress bar with counts and rate on a terminal, and nothing when piped."""

from __future__ import annotations

import io

from crimegraph.jobs import progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_piped():
    stream = io.StringIO()  # not a terminal
    assert list(progress(range(5), 5, "ingest", stream=stream)) == [0, 1, 2, 3, 4]
    assert stream.getvalue() == ""


def test_bar_with_counts_and_rate_on_a_terminal():
    stream = FakeTerminal()
    assert list(progress(range(7), 7, "ingest", stream=stream)) == list(range(7))
    out = stream.getvalue()
    assert "ingest" in out and "7/7" in out and "doc/s" in out
