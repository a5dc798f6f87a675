"""The network seam: one URL in, the bytes of the page out, or one clear FetchError.

`Fetcher` is the protocol the rest of the engine depends on; tests pass their own. `HttpFetcher`
is the real one, built on http.client so that every step a hostile URL could abuse is ours:

    1. parse     only http and https, no user:password@, only allowed ports
    2. resolve   once per hop (getaddrinfo, or the resolver given), then refuse loopback,
                 private, link-local, multicast, reserved, shared (100.64/10) and metadata
                 addresses, and IPv6 forms wrapping them (mapped, NAT64, 6to4)
    3. connect   to the vetted address itself (Host header and TLS SNI carry the name), so a
                 DNS answer that changes between check and connect cannot move the request
    4. read      in chunks against one total deadline and a cap on decompressed size
    5. redirect  by hand, repeating 1-4 for every hop, up to max_redirects

Guarantees: nothing but FetchError (or its child BlockedAddressError) escapes `fetch`; no
connection is opened to an address the policy refuses; the whole fetch, redirects included,
ends within `deadline` seconds (plus scheduling slack); `content` never exceeds `max_bytes`;
an error names the URL's host as it was given, never an address the name resolved to.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, urljoin, urlsplit

from nutgraf.engine.errors import BlockedAddressError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Decides whether a non-public address may be contacted: (host, port, address) -> allowed.
PrivatePolicy = Callable[[str, int, IPAddress], bool]
#: Turns (host, port) into the addresses to try, as strings; raises OSError when it cannot.
Resolver = Callable[[str, int], Sequence[str]]

MIB = 1024 * 1024
USER_AGENT = "nutgraf/0.1 (+https://github.com/nutgraf/nutgraf; article explainer)"
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/markdown",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
    }
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024

_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")
_METADATA = ipaddress.IPv4Address("169.254.169.254")


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch returns: the final URL after redirects and the decoded-transfer body."""

    url: str
    status: int
    content: bytes
    media_type: str  # lower-case, without parameters, e.g. "text/html"
    charset: str | None  # as declared in Content-Type, lower-case
    headers: tuple[tuple[str, str], ...] = ()


class Fetcher(Protocol):
    """Anything that turns a URL into a FetchResult or raises FetchError."""

    def fetch(self, url: str) -> FetchResult: ...


def is_public_address(address: IPAddress) -> bool:
    """True when `address` is an ordinary internet address a fetcher may contact."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(embedded)
        if address in _NAT64_LOCAL:
            return False
    elif address in _SHARED or address == _METADATA:
        return False
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form wraps (mapped, NAT64, 6to4, compatible), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0 and int(address) > 1:  # deprecated ::a.b.c.d
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str  # as the server should see it (IDNA-encoded)
    port: int
    path: str  # request target: path and query


class _Clock:
    """One deadline for the whole fetch."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return max(self.end - time.monotonic(), 0.0)

    def remaining(self) -> float:
        """Seconds left; raises FetchError once the deadline has passed."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise FetchError(f"The fetch took longer than {self.seconds:g} seconds; stopped.")
        return left


class HttpFetcher:
    """Fetch http(s) URLs safely; see the module docstring for the guarantees.

    `allow_private` is False (refuse every non-public address), True (allow all: tests and
    trusted intranets only) or a PrivatePolicy called for each non-public address.
    `allowed_ports` None allows any port. `resolver` is the DNS seam (tests pass one whose
    answer changes between calls); it is asked once per hop and the answer it gave is the one
    connected to.
    """

    def __init__(
        self,
        *,
        deadline: float = 15.0,
        max_bytes: int = 10 * MIB,
        max_redirects: int = 5,
        allowed_ports: tuple[int, ...] | None = (80, 443),
        allow_private: bool | PrivatePolicy = False,
        user_agent: str = USER_AGENT,
        tls_context: ssl.SSLContext | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allowed_ports = allowed_ports
        self.allow_private = allow_private
        self.user_agent = user_agent
        self.tls_context = tls_context or ssl.create_default_context()
        self.resolver = resolver or system_resolver

    def fetch(
        self,
        url: str,
        *,
        headers: Sequence[tuple[str, str]] = (),
        keep_statuses: frozenset[int] = frozenset(),
    ) -> FetchResult:
        """`headers` are sent as well (If-None-Match, If-Modified-Since); a final status in
        `keep_statuses` (304, or 404 for robots.txt) is returned with no content, not raised."""
        clock = _Clock(self.deadline)
        current = url
        for _hop in range(self.max_redirects + 1):
            target = self._parse(current)
            addresses = self._resolve(target, clock)
            status, got, location, body = self._request(target, addresses, clock, headers)
            if status in REDIRECT_STATUSES and location is not None:
                current = urljoin(current, location.strip())
                continue
            if status in REDIRECT_STATUSES:
                raise FetchError(f"The server redirected {current} without saying where to.")
            if status in keep_statuses:
                return FetchResult(current, status, b"", "", None, got)
            if not 200 <= status < 300:
                raise FetchError(f"The server answered {status} for {current}.")
            media_type, charset = _content_type(got)
            return FetchResult(current, status, body, media_type, charset, got)
        raise FetchError(f"{url} redirected more than {self.max_redirects} times.")

    def _parse(self, url: str) -> _Target:
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError as exc:
            raise FetchError(f"{url!r} is not a valid URL ({exc}).") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"Only http and https URLs can be fetched, not {url!r}.")
        if parts.username is not None or parts.password is not None:
            raise FetchError("URLs with a user name or password in them are not fetched.")
        host = (parts.hostname or "").rstrip(".")
        if not host or any(ch.isspace() or ch in "/\\" or ord(ch) < 32 for ch in host):
            raise FetchError(f"{url!r} has no valid host name.")
        try:
            host = host.encode("idna").decode("ascii") if not host.isascii() else host
        except UnicodeError:
            raise FetchError(f"{url!r} has a host name that cannot be encoded.") from None
        port = port if port is not None else (443 if scheme == "https" else 80)
        if self.allowed_ports is not None and port not in self.allowed_ports:
            raise BlockedAddressError(f"Port {port} is not allowed; only {self.allowed_ports}.")
        path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
        if parts.query:
            path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
        return _Target(scheme, host, port, path)

    def _resolve(self, target: _Target, clock: _Clock) -> tuple[IPAddress, ...]:
        answer = _resolve_within(self.resolver, target.host, target.port, clock)
        addresses: list[IPAddress] = []
        for text in answer:
            raw = str(text).split("%", 1)[0]
            try:
                address = ipaddress.ip_address(raw)
            except ValueError:
                continue
            if not is_public_address(address) and not self._private_allowed(target, address):
                # Never the address itself: anyone may ask for a brief of a URL, and the answer
                # must not map this site's internal names for them.
                raise BlockedAddressError(
                    f"{target.host} resolves to a private or reserved address, "
                    "which is never fetched."
                )
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise FetchError(f"{target.host} does not resolve to any address.")
        return tuple(addresses)

    def _private_allowed(self, target: _Target, address: IPAddress) -> bool:
        if isinstance(self.allow_private, bool):
            return self.allow_private
        return bool(self.allow_private(target.host, target.port, address))

    def _request(
        self,
        target: _Target,
        addresses: tuple[IPAddress, ...],
        clock: _Clock,
        extra: Sequence[tuple[str, str]] = (),
    ) -> tuple[int, tuple[tuple[str, str], ...], str | None, bytes]:
        live = [_connect(addresses, target.port, clock)]
        # The watchdog closes the socket at the deadline, whatever http.client is blocked on.
        watchdog = threading.Timer(clock.left(), lambda: _shut(live[-1]))
        watchdog.daemon = True
        watchdog.start()
        try:
            return self._exchange(live, target, clock, extra)
        except FetchError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            clock.remaining()  # a watchdog shutdown surfaces here: report it as the timeout
            raise FetchError(f"Could not fetch from {target.host}: {_reason(exc)}.") from None
        finally:
            watchdog.cancel()
            for sock in live:
                _shut(sock)
                sock.close()

    def _exchange(
        self,
        live: list[socket.socket],
        target: _Target,
        clock: _Clock,
        extra: Sequence[tuple[str, str]] = (),
    ) -> tuple[int, tuple[tuple[str, str], ...], str | None, bytes]:
        conn: http.client.HTTPConnection
        sock = live[-1]
        if target.scheme == "https":
            sock.settimeout(clock.remaining())
            sock = self.tls_context.wrap_socket(sock, server_hostname=target.host)
            live.append(sock)
            conn = http.client.HTTPSConnection(target.host, target.port, context=self.tls_context)
        else:
            conn = http.client.HTTPConnection(target.host, target.port)
        conn.sock = sock  # pinned: http.client never resolves the name itself
        sock.settimeout(clock.remaining())
        conn.putrequest("GET", target.path, skip_accept_encoding=True)
        conn.putheader("User-Agent", self.user_agent)
        conn.putheader("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
        conn.putheader("Accept-Encoding", "gzip, deflate")
        conn.putheader("Connection", "close")
        for name, value in extra:
            if "\r" in value or "\n" in value:
                raise FetchError(f"The {name} header holds a line break; not sent.")
            conn.putheader(name, value)
        conn.endheaders()
        sock.settimeout(clock.remaining())
        response = conn.getresponse()
        headers = tuple((name, value) for name, value in response.getheaders())
        if response.status in REDIRECT_STATUSES:
            return response.status, headers, response.getheader("Location"), b""
        if 200 <= response.status < 300:
            _content_type(headers)  # refuse unwanted types before reading the body
            length = response.getheader("Content-Length")
            if length and length.strip().isdigit() and int(length) > self.max_bytes:
                raise FetchError(f"The page is larger than {self.max_bytes} bytes.")
            body = self._read_body(sock, response, clock)
            return response.status, headers, None, body
        return response.status, headers, None, b""

    def _read_body(
        self, sock: socket.socket, response: http.client.HTTPResponse, clock: _Clock
    ) -> bytes:
        decoder = _Decoder(response.getheader("Content-Encoding"), self.max_bytes)
        wire = 0
        while True:
            sock.settimeout(clock.remaining())
            # read1 returns after one socket read, so a slow drip is checked against the clock.
            chunk = response.read1(CHUNK)
            clock.remaining()
            if not chunk:
                break
            wire += len(chunk)
            if wire > self.max_bytes:
                raise FetchError(f"The page is larger than {self.max_bytes} bytes.")
            decoder.feed(chunk)
        return decoder.finish()


class _Decoder:
    """Undoes gzip/deflate Content-Encoding without ever holding more than `limit` bytes."""

    def __init__(self, encoding: str | None, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        name = (encoding or "identity").strip().lower()
        self.zlib: zlib._Decompress | None
        if name in ("", "identity"):
            self.zlib = None
        elif name in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif name == "deflate":
            self.zlib = zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib-wrapped; raw below
        else:
            raise FetchError(f"The server used an unsupported content encoding ({name}).")
        self.raw_fallback = name == "deflate"

    def feed(self, data: bytes) -> None:
        if self.zlib is None:
            self._keep(data)
            return
        try:
            self._inflate(data)
        except zlib.error:
            if not (self.raw_fallback and self.size == 0):
                raise FetchError("The compressed page is corrupt.") from None
            self.raw_fallback = False  # some servers send raw deflate without the zlib header
            self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            try:
                self._inflate(data)
            except zlib.error:
                raise FetchError("The compressed page is corrupt.") from None

    def _inflate(self, data: bytes) -> None:
        assert self.zlib is not None
        pending = data
        while pending:
            out = self.zlib.decompress(pending, self.limit - self.size + 1)
            self._keep(out)
            pending = self.zlib.unconsumed_tail
            if not out and not pending:
                break

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(f"The page is larger than {self.limit} bytes once decompressed.")
        self.parts.append(data)

    def finish(self) -> bytes:
        if self.zlib is not None:
            try:
                self._keep(self.zlib.flush(self.limit - self.size + 1))
            except zlib.error:
                raise FetchError("The compressed page is corrupt.") from None
        return b"".join(self.parts)


def _content_type(headers: tuple[tuple[str, str], ...]) -> tuple[str, str | None]:
    value = next((v for k, v in headers if k.lower() == "content-type"), "")
    media_type, _, params = value.partition(";")
    media_type = media_type.strip().lower() or "text/html"  # servers that omit it serve HTML
    if media_type not in ACCEPTED_TYPES:
        raise FetchError(f"The URL serves {media_type}, not a web page or text.")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'").lower()
    return media_type, charset


def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's answer for (host, port): every address, as a string."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _resolve_within(resolver: Resolver, host: str, port: int, clock: _Clock) -> Sequence[str]:
    """Resolvers have no timeout of their own: run one in a daemon thread bounded by the clock."""
    outcome: list[object] = []

    def resolve() -> None:
        try:
            outcome.append(list(resolver(host, port)))
        except (OSError, UnicodeError) as exc:
            outcome.append(exc)

    worker = threading.Thread(target=resolve, daemon=True, name="nutgraf-resolve")
    worker.start()
    worker.join(clock.remaining())
    clock.remaining()
    if not outcome:
        raise FetchError(f"Resolving {host} took too long.")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise FetchError(f"{host} could not be resolved ({_reason(result)}).")
    return result  # type: ignore[return-value]


def _connect(addresses: tuple[IPAddress, ...], port: int, clock: _Clock) -> socket.socket:
    last: OSError | None = None
    for address in addresses:
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(clock.remaining())
            sock.connect((str(address), port))
            return sock
        except OSError as exc:
            sock.close()
            last = exc
        except FetchError:
            sock.close()
            raise
    clock.remaining()
    raise FetchError(f"Could not connect to port {port}: {_reason(last)}.")


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the peer or by us
        sock.shutdown(socket.SHUT_RDWR)


def _reason(exc: BaseException | None) -> str:
    if exc is None:
        return "no address answered"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "the connection timed out"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "its TLS certificate could not be verified"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text).rstrip(".")
