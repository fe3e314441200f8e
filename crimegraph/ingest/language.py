"""Language identification: English, Spanish or Portuguese, or a named refusal.

lingua detectors, each built on first use:
- restricted to en/es/pt, high accuracy: picks among the supported languages;
- "is it another language?" for texts of 200+ characters: low accuracy mode (trigram
  models only, cheap) over about thirty common languages; reliable at that length;
- the same question for shorter texts: high accuracy over en/es/pt and the languages most
  often confused with them (fr, it, ca, de, nl, ro); loaded only when a short text comes.
Measured figures are in docs/ingest.md.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crimegraph.ingest.options import SUPPORTED_LANGUAGES

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["LanguageGuess", "identify_language", "detect_language", "normalize_language_code"]

logger = logging.getLogger(__name__)

# Languages the wide check can name; non-Latin scripts are decided by script alone.
_WIDE = (
    "EN ES PT DE FR IT NL CA RO LA EU PL TR SV DA NB FI ID TL CS HU HR SQ "
    "RU UK AR ZH JA KO EL HE HI FA"
).split()
_CONFUSABLE = "EN ES PT FR IT CA DE NL RO".split()
_SHORT_CHARS = 200
_SAMPLE_CHARS = 1000  # restricted detector
_WIDE_SAMPLE_CHARS = 600  # other-language check (reliable from ~120 characters)
_MIN_LETTERS = 12
_OTHER_MARGIN = 1.0  # another language must out-score en+es+pt together
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[_=*#~|<>\-]{3,}")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

_NAMES = {
    "english": "en", "ingles": "en", "inglés": "en", "inglês": "en", "eng": "en",
    "spanish": "es", "espanol": "es", "español": "es", "castellano": "es", "spa": "es", "espanhol": "es",
    "portuguese": "pt", "portugues": "pt", "português": "pt", "por": "pt", "portugués": "pt",
}


@dataclass(frozen=True)
class LanguageGuess:
    """``code`` is en/es/pt or None; ``detected`` names what was seen, for the rejection."""

    code: str | None
    detected: str


@functools.cache
def _restricted() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH, Language.PORTUGUESE)
        .with_minimum_relative_distance(0.05)
        .build()
    )


def _build(codes: list[str], low_accuracy: bool) -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code)) for code in codes]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


@functools.cache
def _wide() -> LanguageDetector:
    return _build(_WIDE, low_accuracy=True)


@functools.cache
def _confusable() -> LanguageDetector:
    return _build(_CONFUSABLE, low_accuracy=False)


def _sample(text: str, size: int = _SAMPLE_CHARS) -> str:
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > 0 else size]


def identify_language(text: str) -> LanguageGuess:
    """Decide en/es/pt, or say what the text looks like instead ("de", "none")."""
    sample = _sample(" ".join(_NOISE.sub(" ", text).split()))
    letters = _LETTERS.findall(sample)
    if len(letters) < _MIN_LETTERS:
        return LanguageGuess(None, "none, too little text to tell")
    short = len(sample) < _SHORT_CHARS and sum(1 for c in letters if _LATIN.match(c)) > len(letters) / 2
    detector = _confusable() if short else _wide()
    scores = detector.compute_language_confidence_values(_sample(sample, _WIDE_SAMPLE_CHARS))
    supported = sum(s.value for s in scores if s.language.iso_code_639_1.name.lower() in SUPPORTED_LANGUAGES)
    top = scores[0] if scores else None
    if top is not None:
        top_code = top.language.iso_code_639_1.name.lower()
        if top_code not in SUPPORTED_LANGUAGES and top.value > supported * _OTHER_MARGIN:
            return LanguageGuess(None, top_code)
    language = _restricted().detect_language_of(sample)
    if language is None:
        return LanguageGuess(None, "none, en/es/pt too close to call")
    code = language.iso_code_639_1.name.lower()
    return LanguageGuess(code, code)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` if it is English, Spanish or Portuguese, else None."""
    return identify_language(text).code


def normalize_language_code(value: object) -> str | None:
    """"es-MX", "ES", "spa", "Spanish" -> "es"; None when it is not recognisable."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().replace("_", "-")
    if not text:
        return None
    if text in _NAMES:
        return _NAMES[text]
    head = text.split("-", 1)[0]
    return head if re.fullmatch(r"[a-z]{2}", head) else None
