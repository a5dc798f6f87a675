"""Does an edited point still rest on the sentences it cites?

The engine writes every key point and FAQ answer from source sentences. An editor may reword
them; the citations stay attached, so the desk runs the engine's own support check
(nutgraf.engine.check_support) on the new words. A point that fails gets a flag with the
reason; the editor decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.engine import Sentence, check_support


def support_problem(*, text: str, cited: Sequence[str]) -> str | None:
    """Why `text` is not supported by the `cited` sentences, or None when it is."""
    if not text.strip():
        return None
    if not cited:
        return "cites no source sentence"
    sentences = tuple(
        Sentence(id=index, text=sentence, start=0, end=len(sentence))
        for index, sentence in enumerate(cited)
    )
    support = check_support(text, sentences, tuple(range(len(sentences))))
    if support.supported:
        return None
    if support.missing:
        listed = ", ".join(repr(item) for item in support.missing[:4])
        return f"not in the cited sentences: {listed}"
    return f"only {support.coverage:.0%} of its words are in the cited sentences"
