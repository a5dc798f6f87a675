"""A real site for the comments tests: prepared by `nutgraf serve --prepare-only`, served by
gunicorn on 127.0.0.1, and a reader's browser reduced to http.client (cookies, CSRF token and
the form's signed timestamp carried over from the story page)."""

from __future__ import annotations

import contextlib
import http.client
import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from tests.web.live import ROOT, clean_environment, free_port, wait_until_up


def site_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment of a fresh site in `data_dir`, migrated and loaded with the samples."""
    env = clean_environment(data_dir, DJANGO_SETTINGS_MODULE="nutgraf.web.settings.base", **extra)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "nutgraf.cli",
            "serve",
            "--prepare-only",
            "--data-dir",
            str(data_dir),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
        timeout=300,
    )
    env["SECRET_KEY"] = (data_dir / "secret_key").read_text().strip()
    return env


@dataclass
class Server:
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, log: Path, workers: int = 2, threads: int = 1
) -> Iterator[Server]:
    """gunicorn on 127.0.0.1 with an access log line per request: "pid status request"."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "nutgraf.web.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--access-logfile",
        "-",
        "--access-logformat",
        "%(p)s %(s)s %(r)s",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            wait_until_up(f"http://127.0.0.1:{port}", process, log)
            yield Server(port=port, log=log)
        finally:
            process.terminate()
            process.wait(timeout=60)


def story_path(server: Server) -> str:
    with urllib.request.urlopen(server.url + "/feeds/rss.xml", timeout=10) as response:
        feed = response.read().decode()
    link = feed.split("<link>", 2)[2].split("</link>", 1)[0]
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@dataclass
class Reader:
    """One reader's browser: a connection, its cookies and the form it was shown."""

    server: Server
    story: str
    forwarded_for: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    hidden: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def _request(self, method: str, path: str, body: str = "") -> tuple[int, dict[str, str], bytes]:
        headers = {"Host": f"127.0.0.1:{self.server.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.server.port, timeout=60
                )
            try:
                self.connection.request(method, path, body=body or None, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed between requests: open another.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), content

    def open_story(self) -> str:
        """The story page, and this browser's tokens for its form, as the page's script
        fetches them (the page itself is shared and carries none)."""
        status, _, content = self._request("GET", self.story)
        assert status == 200, status
        page = content.decode()
        assert 'class="comment-form"' in page, "no comment form on the page"
        status, _, tokens = self._request("GET", self.story + "comments/tokens/")
        assert status == 200, status
        self.hidden = json.loads(tokens)
        return page

    def post_comment(self, **fields: str) -> tuple[int, dict[str, str], bytes]:
        data = {"website": "", "subject": "", "parent": "", **self.hidden, **fields}
        return self._request("POST", self.story + "comments/", urlencode(data))

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
