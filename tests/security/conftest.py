"""Real HTTP servers on the loopback interface: a canary that counts every request (and every
bare TCP connection) and a page server whose answers a test chooses.

A test that must make no connection asserts the canary's `hits` and `connections` are empty.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Responder = Callable[[str], tuple[int, tuple[tuple[str, str], ...], bytes]]


@dataclass
class Server:
    host: str
    port: int
    hits: list[str] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)
    routes: dict[str, tuple[int, tuple[tuple[str, str], ...], bytes]] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"


class _Recording(ThreadingHTTPServer):
    daemon_threads = True
    record: Server

    def verify_request(self, request: object, client_address: object) -> bool:
        # Counted before any byte is read: a connection that never sends a request counts too.
        self.record.connections.append(str(client_address))
        return True


class _Handler(BaseHTTPRequestHandler):
    server: _Recording

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        record = self.server.record
        record.hits.append(self.path)
        status, headers, body = record.routes.get(
            self.path, (200, (("Content-Type", "text/plain"),), b"canary")
        )
        try:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_POST = do_GET


def serve(host: str = "127.0.0.1") -> Iterator[Server]:
    server = _Recording((host, 0), _Handler)
    record = Server(host=host, port=server.server_address[1])
    server.record = record
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def canary() -> Iterator[Server]:
    """A server on 127.0.0.1 that nothing in a passing test may reach."""
    yield from serve("127.0.0.1")


@pytest.fixture
def outside() -> Iterator[Server]:
    """A server standing in for a public site, on another loopback address (127.0.0.2)."""
    probe = socket.socket()
    try:
        probe.bind(("127.0.0.2", 0))
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound on this machine")
    finally:
        probe.close()
    yield from serve("127.0.0.2")
