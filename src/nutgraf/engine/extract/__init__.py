"""Stage 2, extract: a Source's bytes in, clean article text and metadata out.

    1. decode     decoding.decode_content: BOM, declared charset, UTF-8, then detection
    2. read       html.read_html (trafilatura, with our clean-up), text.read_plain,
                  markdown.read_markdown (markdown-it-py)
    3. lay out    body.finish: paragraphs joined by a blank line, headings as offsets

Guarantees: `extract_article` returns an Article whose text is at least MIN_TEXT characters of
paragraphs joined by a blank line, with headings outside the text (`Heading.start` is where the
section begins in it); or raises a NutgrafError (EncodingError, ExtractionError), never anything
else, whatever bytes it is given.
"""

from __future__ import annotations

from nutgraf.engine.errors import ExtractionError, NutgrafError
from nutgraf.engine.extract.body import MIN_TEXT, finish
from nutgraf.engine.extract.decoding import decode_content
from nutgraf.engine.extract.html import read_html
from nutgraf.engine.extract.markdown import read_markdown
from nutgraf.engine.extract.text import read_plain
from nutgraf.engine.records import Article, Source

__all__ = ["MIN_TEXT", "decode_content", "extract_article"]


def extract_article(source: Source) -> Article:
    """Extract the article from an ingested Source; see the module docstring for guarantees."""
    text = decode_content(source.content, source.charset, html=source.media_type == "text/html")
    try:
        if source.media_type == "text/markdown":
            body, title, meta = read_markdown(text)
            return finish(body, title, source, meta)
        if source.media_type == "text/plain":
            body, title, meta = read_plain(text)
            return finish(body, title, source, meta)
        return read_html(text, source)
    except NutgrafError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many kinds on hostile input; callers get NutgrafError only
        raise ExtractionError(f"The page could not be read as an article ({exc}).") from None
