"""Document text as safe HTML: every piece of text escaped, mentions and event evidence marked.

The text is cut at every boundary of a mention or an evidence span; each piece is escaped on its
own and wrapped in elements that say which entity and which events it belongs to. No text from a
report is ever emitted unescaped.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

__all__ = ["render_text", "snippet_html"]


def render_text(facts: dict[str, Any]) -> Markup:
    text: str = facts["document"]["text"]
    cuts = {0, len(text)}
    mentions: list[tuple[int, int, dict[str, Any]]] = []
    for ent in facts["entities"]:
        for m in ent["mentions"]:
            mentions.append((m["start"], m["end"], ent))
            cuts.update((m["start"], m["end"]))
    evidence: list[tuple[int, int, str]] = []
    for ev in facts["events"]:
        for span in ev["evidence"]:
            evidence.append((span["start"], span["end"], ev["id"]))
            cuts.update((span["start"], span["end"]))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    for start, end in zip(points, points[1:]):
        if start == end:
            continue
        piece = str(escape(text[start:end])).replace("\n", "<br>\n")
        ent = next((e for s, t, e in mentions if s <= start and end <= t), None)
        if ent is not None:
            title = ent["name"] + (f" · {ent['kb_id']}" if ent.get("kb_id") else "")
            if ent["type"] == "place" and ent.get("country"):
                title += f" · {ent.get('admin1') or ent['country']}"
            piece = (
                f'<mark class="ent ent-{escape(ent["type"])}" data-entity="{escape(ent["id"])}" '
                f'title="{escape(title)}">{piece}</mark>'
            )
        events = [v for s, t, v in evidence if s <= start and end <= t]
        if events:
            piece = f'<span class="evidence" data-events="{escape(" ".join(events))}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))


def snippet_html(snippet: str) -> Markup:
    """A full-text snippet whose matches the store marked with [[ ]]: escaped, matches in <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace("[[", '<mark class="hit">').replace("]]", "</mark>"))
