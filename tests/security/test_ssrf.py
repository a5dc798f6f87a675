"""SSRF: every spelling of an internal address, redirects into them, and a DNS answer that
changes between check and connect. A canary on 127.0.0.1 must count zero connections.

The "public" site is a server on 127.0.0.2 that the fetcher's private-address policy is told to
treat as public; everything else on the loopback interface stays forbidden.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator

import pytest

from nutgraf.engine import read_source
from nutgraf.engine.errors import BlockedAddressError, FetchError
from nutgraf.engine.fetch import HttpFetcher
from tests.security.conftest import Server, _Handler, _Recording

PAGE = b"<html><head><title>Outside</title></head><body><p>From outside.</p></body></html>"
HTML = (("Content-Type", "text/html; charset=utf-8"),)

# The list, each pointing at the canary on 127.0.0.1 (or at nothing: 0.0.0.0 and :: reach
# local listeners on Linux, the others are not routed here at all but must still be refused).
SPELLINGS = [
    "127.0.0.1",
    "127.1",
    "2130706433",
    "0x7f000001",
    "0x7f.1",
    "0177.0.0.1",
    "localhost",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[64:ff9b::127.0.0.1]",
    "[64:ff9b::7f00:1]",
    "[2002:7f00:1::]",
    "[2002:7f00:0001:0:0:0:0:1]",
    "[::127.0.0.1]",
    "0.0.0.0",
    "0",
    "[::]",
    "169.254.169.254",
    "[::ffff:169.254.169.254]",
    "100.64.0.1",
    "100.127.255.254",
    "10.0.0.1",
    "172.16.0.1",
    "192.168.0.1",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "[fe80::1]",
    "[fc00::1]",
    "[ff02::1]",
]


def _as_public(*public: str):
    allowed = {ipaddress.ip_address(a) for a in public}
    return lambda host, port, address: address in allowed


@pytest.fixture
def twin() -> Iterator[tuple[Server, Server]]:
    """(outside on 127.0.0.2:P, canary on 127.0.0.1:P): the same port, so only the address
    the fetcher connects to decides which one a request reaches."""
    servers: list[_Recording] = []
    try:
        for _attempt in range(20):
            outside = _Recording(("127.0.0.2", 0), _Handler)
            try:
                canary = _Recording(("127.0.0.1", outside.server_address[1]), _Handler)
            except OSError:
                outside.server_close()
                continue
            servers = [outside, canary]
            break
        else:
            pytest.skip("no port free on both 127.0.0.1 and 127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound on this machine")
    records = []
    for srv in servers:
        srv.record = Server(host=srv.server_address[0], port=srv.server_address[1])
        records.append(srv.record)
        threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield records[0], records[1]
    finally:
        for srv in servers:
            srv.shutdown()
            srv.server_close()


class FlippingResolver:
    """Answers `first` on the first question and `then` on every later one (DNS rebinding)."""

    def __init__(self, first: list[str], then: list[str]) -> None:
        self.answers = [first, then]
        self.asked = 0

    def __call__(self, host: str, port: int) -> list[str]:
        answer = self.answers[min(self.asked, 1)]
        self.asked += 1
        return answer


@pytest.mark.parametrize("host", SPELLINGS)
def test_every_spelling_is_refused_before_connecting(canary: Server, host: str) -> None:
    fetcher = HttpFetcher(allowed_ports=None, deadline=3.0)
    with pytest.raises(BlockedAddressError):
        fetcher.fetch(f"http://{host}:{canary.port}/")
    assert canary.connections == []


@pytest.mark.parametrize("host", SPELLINGS)
def test_redirect_into_every_spelling_is_refused(
    outside: Server, canary: Server, host: str
) -> None:
    outside.routes["/go"] = (302, (("Location", f"http://{host}:{canary.port}/"),), b"")
    fetcher = HttpFetcher(allowed_ports=None, deadline=3.0, allow_private=_as_public("127.0.0.2"))
    with pytest.raises(BlockedAddressError):
        fetcher.fetch(outside.base + "/go")
    assert outside.hits == ["/go"]
    assert canary.connections == []


def test_name_rebound_to_loopback_after_the_check_never_reaches_it(
    twin: tuple[Server, Server],
) -> None:
    outside, canary = twin
    outside.routes["/page"] = (200, HTML, PAGE)
    resolver = FlippingResolver(["127.0.0.2"], ["127.0.0.1"])
    fetcher = HttpFetcher(
        allowed_ports=None,
        deadline=3.0,
        allow_private=_as_public("127.0.0.2"),
        resolver=resolver,
    )
    result = fetcher.fetch(f"http://news.example:{outside.port}/page")
    assert result.content == PAGE
    assert resolver.asked == 1  # asked once, and the answer checked is the answer connected to
    assert outside.hits == ["/page"]
    assert canary.connections == []


def test_name_rebound_between_redirect_hops_is_refused(twin: tuple[Server, Server]) -> None:
    outside, canary = twin
    outside.routes["/hop"] = (302, (("Location", "/page"),), b"")
    resolver = FlippingResolver(["127.0.0.2"], ["127.0.0.1"])
    fetcher = HttpFetcher(
        allowed_ports=None,
        deadline=3.0,
        allow_private=_as_public("127.0.0.2"),
        resolver=resolver,
    )
    # Refused at the second hop (asked twice, the first hop served); the address is not named.
    with pytest.raises(BlockedAddressError, match="private or reserved address"):
        fetcher.fetch(f"http://news.example:{outside.port}/hop")
    assert resolver.asked == 2
    assert outside.hits == ["/hop"]
    assert canary.connections == []


def test_an_answer_mixing_public_and_loopback_is_refused_whole(
    twin: tuple[Server, Server],
) -> None:
    outside, canary = twin
    fetcher = HttpFetcher(
        allowed_ports=None,
        deadline=3.0,
        allow_private=_as_public("127.0.0.2"),
        resolver=lambda host, port: ["127.0.0.2", "127.0.0.1"],
    )
    with pytest.raises(BlockedAddressError):
        fetcher.fetch(f"http://news.example:{outside.port}/page")
    assert outside.connections == [] and canary.connections == []


def test_only_ports_80_and_443_by_default(outside: Server) -> None:
    fetcher = HttpFetcher(allow_private=_as_public("127.0.0.2"))
    assert fetcher.allowed_ports == (80, 443)
    with pytest.raises(BlockedAddressError, match=f"Port {outside.port}"):
        fetcher.fetch(outside.base + "/")
    assert outside.connections == []


def test_at_most_five_redirects_by_default(outside: Server) -> None:
    for n in range(10):
        outside.routes[f"/r{n}"] = (302, (("Location", f"/r{n + 1}"),), b"")
    fetcher = HttpFetcher(allowed_ports=None, allow_private=_as_public("127.0.0.2"))
    assert fetcher.max_redirects == 5
    with pytest.raises(FetchError, match="more than 5 times"):
        fetcher.fetch(outside.base + "/r0")
    assert len(outside.hits) == 6


def test_engine_ingest_goes_through_the_same_checks(canary: Server) -> None:
    for host in ("127.1", "[::ffff:127.0.0.1]", "169.254.169.254"):
        with pytest.raises(BlockedAddressError):
            read_source(f"http://{host}:{canary.port}/")
        with pytest.raises(BlockedAddressError):
            read_source(f"http://{host}/")
    assert canary.connections == []
