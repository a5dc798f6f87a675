"""A real feed server on 127.0.0.1 for the scale tests: an RSS feed of sample articles with
ETag/Last-Modified and 304s, a sitemap, robots.txt, and switches to fail, to forget its
validators, to hold an article's first answer back, and counters of what it was asked."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from nutgraf.web.stories.samples import sample_paths


@dataclass
class FeedSite:
    articles: dict[str, bytes]  # path -> HTML
    port: int = 0
    failing: bool = False
    honour_validators: bool = True
    robots: str = "User-agent: *\nDisallow: /private/\n"
    version: int = 1
    hold: dict[str, float] = field(default_factory=dict)  # path -> seconds its first answer waits
    asked: Counter[str] = field(default_factory=Counter)
    answered: Counter[tuple[str, int]] = field(default_factory=Counter)
    in_flight: Counter[str] = field(default_factory=Counter)
    most_in_flight: Counter[str] = field(default_factory=Counter)
    arrived: dict[str, threading.Event] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def etag(self) -> str:
        return f'"feed-v{self.version}"'

    def feed_xml(self) -> bytes:
        items = "".join(
            f"<item><title>Sample {n}</title><link>{self.base}{path}</link>"
            f"<pubDate>{formatdate(1_700_000_000 + n * 3600, usegmt=True)}</pubDate></item>"
            for n, path in enumerate(self.articles)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Local desk feed</title><link>{self.base}/</link>{items}</channel></rss>"
        ).encode()

    def sitemap_xml(self) -> bytes:
        urls = "".join(f"<url><loc>{self.base}{p}</loc></url>" for p in self.articles)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()


def sample_articles(count: int) -> dict[str, bytes]:
    return {f"/news/{p.stem}.html": p.read_bytes() for p in sample_paths()[:count]}


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send(self, status: int, body: bytes = b"", kind: str = "text/html", **headers: str):
            with site.lock:  # counted before the answer leaves, so the client never sees it first
                site.answered[(self.path, status)] += 1
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            with site.lock:
                site.asked[path] += 1
                first = site.asked[path] == 1
                site.in_flight[path] += 1
                site.most_in_flight[path] = max(site.most_in_flight[path], site.in_flight[path])
                site.arrived.setdefault(path, threading.Event()).set()
            try:
                if first and path in site.hold:
                    time.sleep(site.hold[path])
                self.answer(path)
            finally:
                with site.lock:
                    site.in_flight[path] -= 1

        def answer(self, path: str) -> None:
            if path == "/robots.txt":
                return self.send(200, site.robots.encode(), "text/plain")
            if site.failing:
                return self.send(503, b"down for maintenance", "text/plain")
            if path in ("/feed.xml", "/private/feed.xml", "/sitemap.xml"):
                validators = {
                    "ETag": site.etag,
                    "Last_Modified": formatdate(1_700_000_000 + site.version, usegmt=True),
                }
                if site.honour_validators and self.headers.get("If-None-Match") == site.etag:
                    return self.send(304, **validators)
                body = site.sitemap_xml() if path == "/sitemap.xml" else site.feed_xml()
                return self.send(200, body, "application/xml", **validators)
            if path in site.articles:
                return self.send(200, site.articles[path])
            return self.send(404, b"not here", "text/plain")

    return Handler


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client killed mid-answer (the SIGKILL test) is expected, not news


@contextmanager
def feed_site(articles: dict[str, bytes]) -> Iterator[FeedSite]:
    site = FeedSite(articles=articles)
    server = _Server(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
