"""Stage 1, ingest: turn what the user named (a path, "-" or a URL) into a Source.

`read_source` guarantees a Source whose content is non-empty, at most `max_bytes` long and not
obviously binary, with media_type one of "text/html", "text/plain", "text/markdown"; or it raises
InputError (unreadable input) or FetchError (URL trouble) with one clear sentence.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import BinaryIO

from nutgraf.engine.errors import InputError
from nutgraf.engine.fetch import MIB, Fetcher, HttpFetcher
from nutgraf.engine.records import Source

HTML = "text/html"
TEXT = "text/plain"
MARKDOWN = "text/markdown"

SUFFIX_TYPES = {
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
}
FETCHED_TYPES = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": TEXT,
    "text/markdown": MARKDOWN,
    "application/rss+xml": HTML,
    "application/atom+xml": HTML,
    "application/xml": HTML,
    "text/xml": HTML,
}
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP, WAV or AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel/EPUB file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x00\x00\x00\x18ftyp", "a video"),
    (b"\x00\x00\x00\x20ftyp", "a video"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"SQLite format 3", "an SQLite database"),
)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_MARKUP = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|title|meta)[\s>/]",
    re.IGNORECASE,
)
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}


def read_source(
    location: str,
    *,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = 10 * MIB,
) -> Source:
    """Read a path, "-" (stdin) or an http(s) URL into a Source; see the module docstring."""
    if location == "-":
        return _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
    if _URL.match(location):
        if not location.lower().startswith(("http://", "https://")):
            raise InputError(f"Only http and https URLs can be read, not {location!r}.")
        return _read_url(location, fetcher or HttpFetcher(max_bytes=max_bytes))
    return _read_path(location, max_bytes)


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Source:
    try:
        content = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"Standard input could not be read ({exc.strerror or exc}).") from None
    if len(content) > max_bytes:
        raise InputError(f"Standard input is larger than the {max_bytes}-byte limit.")
    check_text_bytes(content, "Standard input")
    return Source(location="-", content=content, media_type=sniff_media_type(content))


def _read_url(url: str, fetcher: Fetcher) -> Source:
    result = fetcher.fetch(url)
    check_text_bytes(result.content, f"The page at {url}")
    media_type = FETCHED_TYPES.get(result.media_type, HTML)
    if media_type == TEXT and _MARKUP.search(result.content[:4096]):
        media_type = HTML  # servers that label HTML as text/plain
    return Source(
        location=url,
        content=result.content,
        media_type=media_type,
        url=result.url,
        charset=result.charset,
    )


def _read_path(location: str, max_bytes: int) -> Source:
    path = Path(location).expanduser()
    try:
        if not path.exists():
            raise InputError(f"There is no file at {location}.")
        if path.is_dir():
            raise InputError(f"{location} is a directory, not a file.")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{location} is {size} bytes, larger than the {max_bytes}-byte limit.")
        with path.open("rb") as stream:
            content = stream.read(max_bytes + 1)  # a file may grow after stat, or be a FIFO
    except PermissionError:
        raise InputError(f"{location} cannot be read: permission denied.") from None
    except OSError as exc:
        raise InputError(f"{location} cannot be read ({exc.strerror or exc}).") from None
    if len(content) > max_bytes:
        raise InputError(f"{location} is larger than the {max_bytes}-byte limit.")
    check_text_bytes(content, location)
    media_type = SUFFIX_TYPES.get(path.suffix.lower()) or sniff_media_type(content)
    return Source(location=location, content=content, media_type=media_type)


def sniff_media_type(content: bytes) -> str:
    """HTML when the start of the bytes looks like markup, plain text otherwise."""
    head = content[:8192]
    wide = _wide_encoding(head)
    if wide is not None:
        head = head.decode(wide, errors="replace").encode("utf-8")
    return HTML if _MARKUP.search(head[:4096]) else TEXT


def _wide_encoding(content: bytes) -> str | None:
    """utf-32 or utf-16 when the bytes start with such a byte-order mark."""
    if content.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return "utf-32"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return None


def check_text_bytes(content: bytes, name: str) -> None:
    """Raise InputError when `content` is empty or plainly not text (NULs, magic, control bytes)."""
    if not content.strip():
        raise InputError(f"{name} is empty.")
    for magic, kind in MAGIC:
        if content.startswith(magic):
            raise InputError(f"{name} is {kind}, not a web page or text.")
    if _wide_encoding(content) is not None:
        return  # UTF-16/32 carry NUL bytes by design; decoding judges them later
    head = content[:65536]
    if b"\x00" in head:
        raise InputError(f"{name} holds binary data, not text.")
    control = sum(1 for byte in head if byte in _CONTROL)
    if control > max(8, len(head) // 20):
        raise InputError(f"{name} holds binary data, not text.")
