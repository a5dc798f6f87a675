"""The numpy entity decoder finds exactly what spaCy's own decoding finds, faster."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
from thinc.api import NumpyOps

from nutgraf.engine import nlp
from nutgraf.engine.entity_decoder import EntityDecoder, fast_decoder
from nutgraf.engine.extract import extract_article
from nutgraf.engine.fast_ops import MatmulOps
from nutgraf.engine.records import Source
from nutgraf.engine.sentences import split_sentences


def _sample_texts() -> list[str]:
    """The bundled sample articles: plain Markdown and the site's HTML pages."""
    samples = resources.files("nutgraf") / "samples"
    texts = [(samples / n).read_text(encoding="utf-8") for n in ("harbor-strike.md",)]
    for page in sorted((samples / "site").iterdir(), key=lambda p: p.name):
        if page.name.endswith(".html"):
            source = Source(
                location=page.name,
                content=page.read_bytes(),
                media_type="text/html",
                charset="utf-8",
            )
            texts.append(extract_article(source).text)
    return texts


def _marked_doc(text: str):
    doc = nlp.load_model().make_doc(text)
    nlp._mark_sentence_starts(doc, split_sentences(text))
    return doc


def _entities(doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.mark.parametrize("text", _sample_texts(), ids=lambda t: t[:30])
def test_decoder_finds_what_spacy_finds(text: str) -> None:
    model = nlp.load_model()
    ours, theirs = _marked_doc(text), _marked_doc(text)
    EntityDecoder(model.get_pipe("ner")).decode(ours)
    model.get_pipe("ner")(theirs)
    assert _entities(theirs), "the sample should name someone or something"
    assert _entities(ours) == _entities(theirs)


def test_entities_stop_at_sentence_starts() -> None:
    text = "The meeting ended in New\n\nYork Harbor officials left. Acme Corp said nothing."
    doc = _marked_doc(text)
    EntityDecoder(nlp.load_model().get_pipe("ner")).decode(doc)
    starts = {token.i for token in doc if token.is_sent_start}
    assert len(starts) == 3
    for entity in doc.ents:
        assert not any(entity.start < i < entity.end for i in starts), entity.text


def test_empty_doc_gets_no_entities() -> None:
    doc = nlp.load_model().make_doc("")
    EntityDecoder(nlp.load_model().get_pipe("ner")).decode(doc)
    assert doc.ents == ()


def test_unsupported_recogniser_falls_back_to_spacy() -> None:
    """A recogniser the decoder does not know how to run gives None, never a wrong decoder."""
    import spacy

    blank = spacy.blank("en")
    recogniser = blank.add_pipe("ner")
    recogniser.add_label("ORG")
    blank.initialize()
    recogniser.model.attrs["unseen_classes"] = {1}
    assert fast_decoder(recogniser) is None
    assert fast_decoder(nlp.load_model().get_pipe("ner")) is not None


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True)])
def test_matmul_ops_multiply_like_thinc(trans1: bool, trans2: bool) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5, 3) if not trans1 else (3, 5)).astype("f")
    y = rng.standard_normal((3, 4) if not trans2 else (4, 3)).astype("f")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert np.allclose(MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2), expected, atol=1e-5)
    out = np.zeros((5, 4), dtype="f")
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert np.allclose(out, expected, atol=1e-5)
