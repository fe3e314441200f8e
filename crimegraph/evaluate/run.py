"""`crimegraph eval events`: run the full extractor over the annotated set and score it.

The gold files (offsets and labels only) ship with the package; the texts are joined from the
shared evaluation data at run time. Every facts document produced is also checked against the
facts@1 schema, and the number of invalid ones is part of the result.
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path
from typing import Any

from crimegraph.errors import ResourceMissing

__all__ = ["gold_files", "evaluate_extraction", "format_extraction_report", "predict"]


def gold_files() -> list[Path]:
    folder = resources.files("crimegraph.evaluate") / "gold"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))


def predict(gold: list[Any], extractor: Any = None) -> list[dict[str, Any]]:
    from crimegraph.extract.pipeline import Extractor

    extractor = extractor or Extractor()
    return [f.to_dict() for f in extractor.extract_many([g.document for g in gold])]


def evaluate_extraction(data_dir: Path, gold: list[str] | None = None, limit: int | None = None,
                        extractor: Any = None) -> dict[str, Any]:
    from crimegraph.evaluate.events import load_gold, score_events
    from crimegraph.schema.validate import validate_facts

    if not Path(data_dir).is_dir():
        raise ResourceMissing(f"shared evaluation data not found at {data_dir} (use --data)")
    paths = [Path(p) for p in gold] if gold else gold_files()
    docs = load_gold(paths, Path(data_dir))
    if limit:
        docs = docs[:limit]
    started = time.perf_counter()
    predicted = predict(docs, extractor)
    seconds = time.perf_counter() - started
    result = score_events(docs, predicted)
    invalid = [f["document"]["id"] for f in predicted if validate_facts(f)]
    result["schema_invalid"] = len(invalid)
    result["documents"] = len(docs)
    result["gold_files"] = [p.name for p in paths]
    result["seconds"] = round(seconds, 2)
    return result


def format_extraction_report(result: dict[str, Any]) -> str:
    from crimegraph.evaluate.events import format_events_report

    head = (f"{result['documents']} documents from {', '.join(result['gold_files'])}; "
            f"{result['schema_invalid']} facts documents failed the schema; {result['seconds']} s\n")
    return head + format_events_report(result)
