"""The engine's exceptions: one small tree, so callers catch one thing.

    NutgrafError                 anything the engine refuses, with one clear sentence
    ├── InputError               the input cannot be read: missing file, empty, binary, too big
    │   ├── EncodingError        the bytes are not text in any encoding we can trust
    │   └── TextTooLongError     the article's text is longer than the engine reads (budget.py)
    ├── FetchError               a URL could not be fetched: unreachable, slow, refused, too big
    │   └── BlockedAddressError  the URL points at a private, loopback or forbidden address
    ├── ExtractionError          the page holds no article text
    ├── TimeBudgetError          the brief used its time budget (Options.time_budget)
    └── PipelineError            the stages given do not wire together (a programming error)

Every message is a full sentence meant for the person who ran the command; the CLI prints it
as is, never a traceback.
"""

from __future__ import annotations


class NutgrafError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(NutgrafError):
    """The input cannot be read as an article."""


class EncodingError(InputError):
    """The input's bytes do not decode as text."""


class TextTooLongError(InputError):
    """The article's extracted text is longer than MAX_TEXT_CHARS (budget.py)."""


class FetchError(NutgrafError):
    """A URL could not be fetched."""


class BlockedAddressError(FetchError):
    """A URL resolves to an address the fetcher must never contact."""


class ExtractionError(NutgrafError):
    """The page was read but holds no article text."""


class TimeBudgetError(NutgrafError):
    """The brief was stopped between two stages because it had used its time budget."""


class PipelineError(NutgrafError):
    """Stages were given whose requirements are not met by the stages before them."""
