"""How much of what the extractor finds is linked to the knowledge base.

``kb_coverage(texts, langs)`` runs the extractor's actor stages over the texts and counts the
named (non-generic) entities of the organization types the knowledge base covers, how many of
them carry a ``kb_id``, and which unlinked names come back most often: the list to read when
deciding what records or aliases to add.

    python -m crimegraph.kb.coverage --data ../shared/data --split dev --rows 100:200
    python -m crimegraph.kb.coverage --data ../shared/data --split train --limit 300
    python -m crimegraph.kb.coverage --data ../shared/data --split ljz --limit 300
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from crimegraph.errors import CrimegraphError
from crimegraph.model import Document

__all__ = ["COVERED_TYPES", "kb_coverage", "read_texts", "main"]

log = logging.getLogger(__name__)

COVERED_TYPES = ("criminal_group", "state_agency", "government", "international_org", "media")
STAGES = ["nlp", "actors", "places", "entities"]


class CoverageDataError(CrimegraphError):
    """The evaluation data asked for is missing or unreadable."""


def _documents(texts: Sequence[str], langs: Sequence[str]) -> Iterator[Document]:
    from crimegraph.ingest.normalize import normalize_text

    for i, (text, lang) in enumerate(zip(texts, langs, strict=True)):
        norm = normalize_text(text)
        digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()
        yield Document(id=f"sha256:{digest}", text=norm, language=lang, origin=f"coverage:{i}")


def kb_coverage(texts: Sequence[str], langs: Sequence[str], *, extractor: Any = None, top: int = 40) -> dict[str, Any]:
    """Linked share of the named actors the extractor finds in ``texts``.

    Counts entities (one per actor per document) of the types in ``COVERED_TYPES`` that are not
    generic. Returns ``{"documents", "named", "linked", "share", "by_type": {type: [named,
    linked]}, "unlinked": [(name, type, documents), ...]}`` with the ``top`` most frequent
    unlinked names.
    """
    if extractor is None:
        from crimegraph.extract.pipeline import Extractor

        extractor = Extractor(stages=STAGES)
    named = linked = 0
    by_type: dict[str, list[int]] = {t: [0, 0] for t in COVERED_TYPES}
    unlinked: Counter[tuple[str, str]] = Counter()
    n_docs = 0
    for facts in extractor.extract_many(_documents(texts, langs)):
        n_docs += 1
        for ent in facts.entities:
            if ent.type not in COVERED_TYPES or ent.generic:
                continue
            named += 1
            by_type[ent.type][0] += 1
            if ent.kb_id:
                linked += 1
                by_type[ent.type][1] += 1
            else:
                unlinked[(ent.name, ent.type)] += 1
    return {
        "documents": n_docs,
        "named": named,
        "linked": linked,
        "share": round(linked / named, 4) if named else None,
        "by_type": by_type,
        "unlinked": [(name, etype, n) for (name, etype), n in unlinked.most_common(top)],
    }


def _insightcrime(path: Path) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[0] for row in csv.reader(fh, delimiter="\t") if row]


def _ljz(path: Path) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append(f"{rec.get('title') or ''}.\n\n{rec['text']}")
    return out


def read_texts(data: Path, split: str) -> tuple[list[str], list[str]]:
    """Texts and languages of one evaluation split: ``train``/``dev`` (InSight Crime) or ``ljz``."""
    if split in ("train", "dev"):
        path = data / "insightcrime" / f"{split}.tsv"
        reader, lang = _insightcrime, "en"
    elif split == "ljz":
        path = data / "ljz" / "crime.jsonl"
        reader, lang = _ljz, "es"
    else:
        raise CoverageDataError(f"split {split!r}: unknown; use train, dev or ljz")
    if not path.is_file():
        raise CoverageDataError(f"split {split!r}: {path} does not exist")
    texts = reader(path)
    return texts, [lang] * len(texts)


def _rows(spec: str | None, limit: int | None, n: int) -> slice:
    if spec:
        a, _, b = spec.partition(":")
        return slice(int(a) if a else 0, int(b) if b else n)
    return slice(0, limit if limit is not None else n)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m crimegraph.kb.coverage", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--split", default="dev", choices=["train", "dev", "ljz"])
    ap.add_argument("--rows", help="row range start:end (0-based, end excluded), e.g. 100:200")
    ap.add_argument("--limit", type=int, help="first N rows (ignored with --rows)")
    ap.add_argument("--top", type=int, default=40, help="how many unlinked names to list")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(list(argv) if argv is not None else None)
    try:
        texts, langs = read_texts(args.data, args.split)
    except CoverageDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sel = _rows(args.rows, args.limit, len(texts))
    res = kb_coverage(texts[sel], langs[sel], top=args.top)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    share = f"{res['share']:.1%}" if res["share"] is not None else "n/a"
    print(f"{args.split} rows {sel.start}:{sel.stop}: {res['documents']} documents, "
          f"{res['linked']}/{res['named']} named actors linked ({share})")
    for etype, (n, k) in res["by_type"].items():
        print(f"  {etype:18} {k}/{n}")
    print("most frequent unlinked:")
    for name, etype, n in res["unlinked"]:
        print(f"  {n:3}  {etype:18} {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
