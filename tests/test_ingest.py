"""read_source: paths, stdin and URLs in; a Source or one clear InputError/FetchError out."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from nutgraf.engine.errors import FetchError, InputError
from nutgraf.engine.fetch import FetchResult
from nutgraf.engine.ingest import read_source

PAGES = Path(__file__).parent / "fixtures" / "pages"
HTML = b"<!DOCTYPE html><html><body><p>A short page about a bridge.</p></body></html>"


class StubFetcher:
    """A Fetcher that never opens a socket."""

    def __init__(self, result: FetchResult | None = None, error: Exception | None = None) -> None:
        self.result, self.error, self.urls = result, error, []

    def fetch(self, url: str) -> FetchResult:
        self.urls.append(url)
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("harbour_bridge.html", "text/html"),
        ("council_budget.txt", "text/plain"),
        ("rover.md", "text/markdown"),
    ],
)
def test_reads_files_by_suffix(name: str, media_type: str) -> None:
    source = read_source(str(PAGES / name))
    assert source.media_type == media_type
    assert source.content == (PAGES / name).read_bytes()
    assert source.location == str(PAGES / name)
    assert source.url is None


@pytest.mark.parametrize(
    ("content", "media_type"),
    [(HTML, "text/html"), (b"Just a line of words.\n", "text/plain")],
)
def test_unknown_suffix_is_sniffed(tmp_path: Path, content: bytes, media_type: str) -> None:
    path = tmp_path / "page.dat"
    path.write_bytes(content)
    assert read_source(str(path)).media_type == media_type


def test_utf16_html_with_bom_is_sniffed_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_bytes(HTML.decode().encode("utf-16"))
    assert read_source(str(path)).media_type == "text/html"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="There is no file at"):
        read_source(str(tmp_path / "nope.html"))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="is empty"):
        read_source(str(path))


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(InputError, match="larger than the 100-byte limit"):
        read_source(str(path), max_bytes=100)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (gzip.compress(b"<html></html>"), "gzip"),
        (b"<html>\x00\x00\x00\x01binary", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_binary_content_is_refused(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "thing.html"
    path.write_bytes(content)
    with pytest.raises(InputError, match=kind):
        read_source(str(path))


def test_stdin_is_sniffed() -> None:
    source = read_source("-", stdin=io.BytesIO(HTML))
    assert source.location == "-"
    assert source.media_type == "text/html"
    text = read_source("-", stdin=io.BytesIO(b"Plain words, no markup."))
    assert text.media_type == "text/plain"


def test_stdin_over_the_limit_and_empty() -> None:
    with pytest.raises(InputError, match="larger than"):
        read_source("-", stdin=io.BytesIO(b"x" * 101), max_bytes=100)
    with pytest.raises(InputError, match="empty"):
        read_source("-", stdin=io.BytesIO(b""))


def test_url_goes_through_the_fetcher() -> None:
    fetcher = StubFetcher(
        FetchResult(
            url="https://example.com/final",
            status=200,
            content=HTML,
            media_type="application/xhtml+xml",
            charset="utf-8",
        )
    )
    source = read_source("https://example.com/start", fetcher=fetcher)
    assert fetcher.urls == ["https://example.com/start"]
    assert source.url == "https://example.com/final"
    assert source.location == "https://example.com/start"
    assert source.media_type == "text/html"
    assert source.charset == "utf-8"


def test_html_served_as_text_plain_is_html() -> None:
    fetcher = StubFetcher(FetchResult("http://e.com/", 200, HTML, "text/plain", None))
    assert read_source("http://e.com/", fetcher=fetcher).media_type == "text/html"


def test_fetch_errors_pass_through() -> None:
    fetcher = StubFetcher(error=FetchError("The server answered 404 for http://e.com/."))
    with pytest.raises(FetchError, match="404"):
        read_source("http://e.com/", fetcher=fetcher)


def test_binary_url_content_is_refused() -> None:
    fetcher = StubFetcher(FetchResult("http://e.com/", 200, b"%PDF-1.4", "text/html", None))
    with pytest.raises(InputError, match="PDF"):
        read_source("http://e.com/", fetcher=fetcher)


@pytest.mark.parametrize("location", ["ftp://example.com/a.html", "file:///etc/passwd"])
def test_other_url_schemes_are_refused(location: str) -> None:
    with pytest.raises(InputError, match="Only http and https"):
        read_source(location, fetcher=StubFetcher())
