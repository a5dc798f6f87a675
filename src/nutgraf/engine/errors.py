"""The engine's exceptions: one small tree, so callers catch one thing.

    NutgrafError                 anything the engine refuses, with one clear sentence
    ├── InputError               the input cannot be read: missing file, empty, binary, too big
    │   └── EncodingError        the bytes are not text in any encoding we can trust
    ├── FetchError               a URL could not be fetched: unreachable, slow, refused, too big
    │   └── BlockedAddressError  the URL points at a private, loopback or forbidden address
    ├── ExtractionError          the page holds no article text
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


class FetchError(NutgrafError):
    """A URL could not be fetched."""


class BlockedAddressError(FetchError):
    """A URL resolves to an address the fetcher must never contact."""


class ExtractionError(NutgrafError):
    """The page was read but holds no article text."""


class PipelineError(NutgrafError):
    """Stages were given whose requirements are not met by the stages before them."""
