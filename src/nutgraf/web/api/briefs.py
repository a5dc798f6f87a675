"""A brief made for an API caller and not stored: the engine's own `Brief.to_dict()`, as is.

Text and HTML become an engine `Source` exactly as the CLI makes one from a file (the `name`
given plays the file's part in `source.location`), so the API and `nutgraf brief FILE` return the
same JSON for the same input. URLs are read only through the engine's HttpFetcher, which refuses
private, loopback and link-local addresses at every redirect.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from nutgraf.engine import HttpFetcher, InputError, Options, Source, brief, brief_from_source
from nutgraf.engine.ingest import check_text_bytes

MEDIA_TYPES = {"plain": "text/plain", "markdown": "text/markdown", "html": "text/html"}
DEFAULT_NAMES = {"text/plain": "text", "text/markdown": "text", "text/html": "html"}


def api_fetcher() -> HttpFetcher:
    """The engine's fetcher; settings.API_FETCH_RESOLVER (a dotted path) swaps its DNS lookup,
    which the fuzzing tests use to keep every request on this machine."""
    path = getattr(settings, "API_FETCH_RESOLVER", None)
    resolver = import_string(path) if path else None
    if settings.FETCH_PRIVATE:  # NUTGRAF_FETCH_PRIVATE=1, as for feeds (tests, an intranet)
        return HttpFetcher(resolver=resolver, allow_private=True, allowed_ports=None)
    return HttpFetcher(resolver=resolver)


def source_from_input(
    *, text: str | None, html: str | None, text_format: str, name: str | None
) -> Source:
    """The engine Source for pasted text or HTML (raises InputError for empty or binary)."""
    media_type = MEDIA_TYPES["html"] if html is not None else MEDIA_TYPES[text_format]
    label = "The HTML" if html is not None else "The text"
    try:
        content = (html if html is not None else text or "").encode("utf-8")
    except UnicodeEncodeError:  # JSON can carry lone surrogates, which are not text
        raise InputError(f"{label} holds characters that are not valid Unicode.") from None
    location = name or DEFAULT_NAMES[media_type]
    check_text_bytes(content, label)
    return Source(location=location, content=content, media_type=media_type, charset="utf-8")


def brief_compose(
    *,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    text_format: str = "plain",
    name: str | None = None,
    points: int = 7,
    time_budget: float | None = None,
) -> dict[str, Any]:
    """The brief's JSON contract for one input. Raises NutgrafError with one clear sentence:
    TextTooLongError past the engine's MAX_TEXT_CHARS, TimeBudgetError past `time_budget`."""
    options = Options(points=points, time_budget=time_budget)
    if url is not None:
        return brief(url, fetcher=api_fetcher(), options=options).to_dict()
    source = source_from_input(text=text, html=html, text_format=text_format, name=name)
    return brief_from_source(source, options).to_dict()
