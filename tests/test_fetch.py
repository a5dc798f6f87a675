"""HttpFetcher against a real http.server on 127.0.0.1: what it fetches and what it refuses."""

from __future__ import annotations

import gzip
import io
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nutgraf.engine.errors import BlockedAddressError, FetchError
from nutgraf.engine.fetch import HttpFetcher, is_public_address

PAGE = b"<html><head><title>Hello</title></head><body><p>Hello, world.</p></body></html>"


def _bomb() -> bytes:
    """200 MB of zeros, gzip-compressed to a few hundred KB on the wire."""
    buffer = io.BytesIO()
    block = b"\0" * (1024 * 1024)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as stream:
        for _ in range(200):
            stream.write(block)
    return buffer.getvalue()


class _Handler(BaseHTTPRequestHandler):
    hits: list[str]
    bomb: bytes = b""
    redirect_to: str = ""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        kind: str = "text/html; charset=utf-8",
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.hits.append(self.path)
        path = self.path
        try:
            if path == "/page":
                self._send(200, PAGE, extra=(("X-Host-Seen", self.headers.get("Host", "")),))
            elif path.startswith("/hop/"):
                left = int(path.rsplit("/", 1)[1])
                target = "/page" if left == 0 else f"/hop/{left - 1}"
                self._send(302, b"", extra=(("Location", target),))
            elif path == "/slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(300):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/slow-headers":
                for byte in b"HTTP/1.1 200 OK\r\nX-Drip: " + b"a" * 300:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
            elif path == "/bomb":
                self._send(200, self.bomb, extra=(("Content-Encoding", "gzip"),))
            elif path == "/gzip":
                self._send(200, gzip.compress(PAGE), extra=(("Content-Encoding", "gzip"),))
            elif path == "/deflate":
                self._send(200, zlib.compress(PAGE), extra=(("Content-Encoding", "deflate"),))
            elif path == "/pdf":
                self._send(200, b"%PDF-1.4 ...", kind="application/pdf")
            elif path == "/latin1":
                latin = "text/html; charset=ISO-8859-1"
                self._send(200, "<p>café</p>".encode("latin-1"), kind=latin)
            elif path == "/missing":
                self._send(404, b"not here")
            elif path == "/to-internal":
                self._send(302, b"", extra=(("Location", self.redirect_to),))
            else:
                self._send(200, b"canary")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the fetcher hung up on purpose


def _serve(handler: type[_Handler]) -> Iterator[tuple[ThreadingHTTPServer, list[str]]]:
    hits: list[str] = []
    handler.hits = hits
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server, hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb()


@pytest.fixture
def server(bomb: bytes) -> Iterator[tuple[ThreadingHTTPServer, list[str]]]:
    handler = type("Handler", (_Handler,), {"bomb": bomb})
    yield from _serve(handler)


@pytest.fixture
def canary() -> Iterator[tuple[ThreadingHTTPServer, list[str]]]:
    handler = type("Canary", (_Handler,), {})
    yield from _serve(handler)


def _base(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _open(server: ThreadingHTTPServer, **kwargs: object) -> HttpFetcher:
    options: dict[str, object] = {"allow_private": True, "allowed_ports": None, "deadline": 5.0}
    options.update(kwargs)
    return HttpFetcher(**options)  # type: ignore[arg-type]


def test_fetches_a_page_with_its_type_charset_and_host(server: tuple) -> None:
    srv, hits = server
    result = _open(srv).fetch(_base(srv) + "/page")
    assert result.status == 200
    assert result.content == PAGE
    assert result.media_type == "text/html"
    assert result.charset == "utf-8"
    assert ("X-Host-Seen", f"127.0.0.1:{srv.server_address[1]}") in result.headers
    assert hits == ["/page"]


@pytest.mark.parametrize("path", ["/gzip", "/deflate"])
def test_decompresses_gzip_and_deflate(server: tuple, path: str) -> None:
    srv, _ = server
    assert _open(srv).fetch(_base(srv) + path).content == PAGE


def test_follows_redirects_within_the_limit(server: tuple) -> None:
    srv, _ = server
    result = _open(srv, max_redirects=3).fetch(_base(srv) + "/hop/2")
    assert result.url == _base(srv) + "/page"
    assert result.content == PAGE


def test_refuses_a_redirect_chain_over_the_limit(server: tuple) -> None:
    srv, hits = server
    with pytest.raises(FetchError, match="redirected more than 3 times"):
        _open(srv, max_redirects=3).fetch(_base(srv) + "/hop/9")
    assert len(hits) == 4


def test_slow_drip_body_stops_at_the_deadline(server: tuple) -> None:
    srv, _ = server
    # The server drips for 30 s; only the deadline's own error says it stopped the fetch.
    with pytest.raises(FetchError, match="took longer than 1 seconds; stopped"):
        _open(srv, deadline=1.0).fetch(_base(srv) + "/slow")


def test_slow_drip_headers_stop_at_the_deadline(server: tuple) -> None:
    srv, _ = server
    # A byte every 50 ms never trips a socket timeout: the watchdog at the deadline must.
    with pytest.raises(FetchError, match="took longer than 1 seconds; stopped"):
        _open(srv, deadline=1.0).fetch(_base(srv) + "/slow-headers")


def test_gzip_bomb_is_refused_once_decompressed_past_the_cap(server: tuple, bomb: bytes) -> None:
    srv, _ = server
    assert len(bomb) < 1024 * 1024  # small on the wire
    with pytest.raises(FetchError, match="once decompressed"):
        _open(srv, max_bytes=10 * 1024 * 1024).fetch(_base(srv) + "/bomb")


def test_wrong_content_type_is_refused(server: tuple) -> None:
    srv, _ = server
    with pytest.raises(FetchError, match="application/pdf"):
        _open(srv).fetch(_base(srv) + "/pdf")


def test_declared_charset_is_reported(server: tuple) -> None:
    srv, _ = server
    result = _open(srv).fetch(_base(srv) + "/latin1")
    assert result.charset == "iso-8859-1"
    assert result.content == "<p>café</p>".encode("latin-1")


def test_error_status_is_a_fetch_error(server: tuple) -> None:
    srv, _ = server
    with pytest.raises(FetchError, match="answered 404"):
        _open(srv).fetch(_base(srv) + "/missing")


def test_unreachable_port_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="Could not connect"):
        HttpFetcher(allow_private=True, allowed_ports=None, deadline=3).fetch("http://127.0.0.1:1/")


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.1",
        "2130706433",
        "0x7f000001",
        "0177.0.0.1",
        "localhost",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[64:ff9b::7f00:1]",
        "[2002:7f00:1::]",
        "[::127.0.0.1]",
        "0.0.0.0",
        "[::]",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "[fe80::1]",
        "[fd00::1]",
    ],
)
def test_internal_addresses_are_refused_before_any_connection(canary: tuple, host: str) -> None:
    srv, hits = canary
    fetcher = HttpFetcher(allowed_ports=None, deadline=3.0)
    with pytest.raises(BlockedAddressError):
        fetcher.fetch(f"http://{host}:{srv.server_address[1]}/")
    assert hits == []


def test_redirect_into_an_internal_address_is_refused(server: tuple, canary: tuple) -> None:
    srv, srv_hits = server
    can, can_hits = canary
    first_port = srv.server_address[1]
    srv.RequestHandlerClass.redirect_to = f"http://127.0.0.1:{can.server_address[1]}/"  # type: ignore[attr-defined]
    fetcher = HttpFetcher(
        allowed_ports=None,
        deadline=3.0,
        allow_private=lambda host, port, address: port == first_port,
    )
    with pytest.raises(BlockedAddressError, match=r"127\.0\.0\.1"):
        fetcher.fetch(_base(srv) + "/to-internal")
    assert srv_hits == ["/to-internal"]
    assert can_hits == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/file", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
        ("http://user:pw@example.com/", "user name or password"),
        ("http://example.com:22/", "Port 22"),
        ("http:///nohost", "no valid host"),
        ("http://example.com:99999/", "not a valid URL"),
    ],
)
def test_bad_urls_get_one_clear_sentence(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        HttpFetcher().fetch(url)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("2002:5db8:d822::1", True),  # 6to4 around a public address
        ("64:ff9b::5db8:d822", True),  # NAT64 around a public address
        ("::ffff:10.0.0.1", False),
        ("100.127.255.255", False),
        ("255.255.255.255", False),
        ("198.18.0.1", False),
    ],
)
def test_address_policy(address: str, public: bool) -> None:
    import ipaddress

    assert is_public_address(ipaddress.ip_address(address)) is public
