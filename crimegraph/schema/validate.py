"""Validation of facts documents: the JSON Schema plus the rules a schema cannot state (offsets, references)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["facts_schema", "validate_facts"]


@lru_cache(maxsize=1)
def facts_schema() -> dict[str, Any]:
    return json.loads((resources.files("crimegraph.schema") / "facts-1.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():  # type: ignore[no-untyped-def]
    import jsonschema

    return jsonschema.Draft202012Validator(facts_schema())


def validate_facts(data: dict[str, Any]) -> list[str]:
    """Every problem found in a facts@1 document (empty when it is valid)."""
    problems = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in _validator().iter_errors(data)]
    if problems:
        return problems
    text = data["document"]["text"]
    ids = set()
    for ent in data["entities"]:
        if ent["id"] in ids:
            problems.append(f"entities: duplicate id {ent['id']}")
        ids.add(ent["id"])
        for m in ent["mentions"]:
            if not (0 <= m["start"] < m["end"] <= len(text)) or text[m["start"] : m["end"]] != m["text"]:
                problems.append(f"entity {ent['id']}: mention {m} does not match the text at its offsets")
    for ev in data["events"]:
        for role, refs in ev["roles"].items():
            for ref in refs:
                if ref not in ids:
                    problems.append(f"event {ev['id']}: role {role} refers to unknown entity {ref}")
        for span in ev["evidence"] + ([ev["trigger"]] if "trigger" in ev else []):
            if not (0 <= span["start"] < span["end"] <= len(text)):
                problems.append(f"event {ev['id']}: span {span} outside the text")
    return problems
