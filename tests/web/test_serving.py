"""`nutgraf serve` as people run it: slow clients, and nginx in front (deploy/nginx.conf).

- 200 connections that trickle their headers or a POST body do not stop the site answering
  (`nutgraf bench slowclients` measures how fast; here only that it answers).
- deploy/nginx.conf, run by a real nginx (Debian's package; `.ci/run` installs it): pages go
  through, nginx serves the static files itself, slow clients wait in nginx, and the site
  counts clients by the address nginx adds as the last X-Forwarded-For hop, which a client
  cannot forge (NUTGRAF_BEHIND_PROXY=1).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from .live import ROOT, clean_environment, free_port, wait_until_up

pytestmark = pytest.mark.slow

SLOW = 200
ANSWER_WITHIN = 30.0  # seconds: a generous "did not hang", not a speed check
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("served")
    subprocess.run(
        [sys.executable, "-m", "nutgraf.cli", "serve", "--prepare-only", "--data-dir", str(data_dir)],
        env=clean_environment(data_dir), cwd=ROOT, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return data_dir


@contextmanager
def served(data_dir: Path, **settings: str) -> Iterator[str]:
    """`nutgraf serve` on a free port, as a person starts it; yields its base URL."""
    port = free_port()
    log = data_dir / f"serve-{port}.log"
    command = [sys.executable, "-m", "nutgraf.cli", "serve", "--data-dir", str(data_dir)]
    command += ["--port", str(port), "--workers", "2"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, env=clean_environment(data_dir, **settings), cwd=ROOT,
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_up(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextmanager
def slow_clients(port: int, count: int = SLOW) -> Iterator[list[socket.socket]]:
    """`count` connections sending half a request (headers, or a POST's body) and no more."""
    with ExitStack() as stack:
        clients = []
        for n in range(count):
            client = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=10))
            if n % 2:
                client.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
            else:
                client.sendall(
                    b"POST /api/v1/briefs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                    b'{"text": "a'
                )
            clients.append(client)
        yield clients


def get(url: str, *, source: str = "127.0.0.1", headers: dict[str, str] | None = None):
    """(status, headers, body) of a GET from the local address `source`."""
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
    path = url.split(f":{port}", 1)[1] or "/"
    with socket.create_connection((host, int(port)), timeout=ANSWER_WITHIN,
                                  source_address=(source, 0)) as connection:  # fmt: skip
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), fields, body


def test_the_site_answers_while_200_slow_clients_hold_connections(site_dir):
    with served(site_dir) as url:
        port = int(url.rsplit(":", 1)[1])
        with slow_clients(port):
            for _ in range(5):
                status, _, body = get(url + "/healthz")
                assert status == 200 and b'"database": "ok"' in body
            assert get(url + "/")[0] == 200


# -- nginx in front ----------------------------------------------------------------------------


def nginx_config(tmp: Path, *, listen: int, upstream: int, static: Path) -> Path:
    """deploy/nginx.conf with this test's ports and paths, inside a minimal main configuration."""
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    replaced = server.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    replaced = replaced.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    replaced = replaced.replace("alias /srv/nutgraf/var/static/;", f"alias {static}/;")
    replaced = replaced.replace("/var/cache/nginx/nutgraf", str(tmp / "cache"))
    assert replaced.count("CHANGE") == server.count("CHANGE")  # same file, only values changed
    assert replaced != server
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
        (tmp / folder).mkdir(exist_ok=True)
    main = f"""
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{replaced}
}}
"""
    path = tmp / "nginx.conf"
    path.write_text(main)
    return path


@contextmanager
def nginx(config: Path, port: int) -> Iterator[str]:
    log = config.parent / "nginx.out"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(config.parent)], stdout=output, stderr=output
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_up(url, server, config.parent / "error.log")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


@pytest.fixture
def behind_nginx(site_dir, tmp_path) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx; .ci/run installs it)")
    # Three API reads a minute per client: the limit shows which address the site counts.
    with served(site_dir, NUTGRAF_BEHIND_PROXY="1", NUTGRAF_API_READ_RATE="3/60") as site:
        upstream, listen = int(site.rsplit(":", 1)[1]), free_port()
        config = nginx_config(
            tmp_path, listen=listen, upstream=upstream, static=site_dir / "static"
        )
        with nginx(config, listen) as front:
            yield front


def test_nginx_passes_pages_and_serves_static_files_itself(behind_nginx):
    status, headers, page = get(behind_nginx + "/")
    assert status == 200 and b"<!doctype html>" in page.lower()
    assert headers["server"].startswith("nginx")
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', page).group(1).decode()
    status, headers, _ = get(behind_nginx + stylesheet)
    assert status == 200
    assert headers["cache-control"] == "public, immutable"  # nginx's location, not Django's
    assert "max-age=31536000" not in headers.get("cache-control", "")


def test_nginx_holds_slow_clients(behind_nginx):
    port = int(behind_nginx.rsplit(":", 1)[1])
    with slow_clients(port):
        for _ in range(3):
            assert get(behind_nginx + "/healthz")[0] == 200


def test_the_site_counts_the_client_nginx_saw_not_one_it_claims(behind_nginx):
    url = behind_nginx + "/api/v1/stories"
    for source in ("127.0.0.3", "127.0.0.4"):  # the second only if a minute's window ended
        started = time.time()
        # One client claiming a new address each time is still one client ...
        statuses = [
            get(url, source=source, headers={"X-Forwarded-For": f"203.0.113.{n}"})[0]
            for n in range(1, 5)
        ]
        if started // 60 == time.time() // 60:
            break
    assert statuses == [200, 200, 200, 429]
    # ... and another client behind the same nginx is counted on its own.
    assert get(url, source="127.0.0.2")[0] == 200


def test_nginx_keeps_shared_pages_a_second_and_never_personal_ones(behind_nginx):
    status, headers, _ = get(behind_nginx + "/")
    assert status == 200
    assert headers["cache-control"] == "max-age=0, s-maxage=1"  # stories/caching.py
    # The copy nginx kept, or (a second later) the same copy revalidated with its ETag.
    _, again, _ = get(behind_nginx + "/")
    assert again["x-cache-status"] in ("HIT", "REVALIDATED", "UPDATING", "STALE"), again
    status, _, body = get(behind_nginx + "/", headers={"If-None-Match": headers["etag"]})
    assert status == 304 and not body
    for cookie in ("nutgraf_comments=x", "sessionid=x"):
        status, personal, _ = get(behind_nginx + "/", headers={"Cookie": cookie})
        assert status == 200 and personal["x-cache-status"] == "BYPASS"
        assert "private" in personal["cache-control"]
