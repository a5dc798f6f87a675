"""A real nutgraf site for the API's fuzzing: a fresh SQLite database with the sample stories
(prepared by `nutgraf serve --prepare-only`), an editor's API token, and gunicorn on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.web.live import ROOT, clean_environment, free_port, wait_until_up

MAKE_TOKEN = (
    "from django.contrib.auth import get_user_model; "
    "from nutgraf.web.api.services import token_create; "
    "print(token_create(name='fuzzing', user=get_user_model().objects.get(username='editor'))[1])"
)


@dataclass(frozen=True, slots=True)
class LiveSite:
    url: str
    token: str
    log: Path


@contextmanager
def live_site(data_dir: Path, **settings: str) -> Iterator[LiveSite]:
    """Prepare a site in `data_dir` and serve it until the block ends."""
    env = clean_environment(data_dir, PYTHONPATH=str(ROOT), **settings)
    prepare = [sys.executable, "-m", "nutgraf.cli", "serve", "--prepare-only"]
    subprocess.run(
        [*prepare, "--data-dir", str(data_dir)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )
    env.update(
        SECRET_KEY=(data_dir / "secret_key").read_text().strip(),
        DJANGO_SETTINGS_MODULE="tests.web.api.server_settings",
    )
    token = subprocess.run(
        [sys.executable, "-m", "nutgraf.web", "shell", "-c", MAKE_TOKEN],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()[-1]  # the shell first says what it imported
    port = free_port()
    log = data_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "nutgraf.web.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--worker-class",
        "gthread",
        "--threads",
        "2",
        "--timeout",
        "120",
        "--log-level",
        "warning",
        # No cap on the request line or headers: fuzzed query strings run to many kilobytes, and
        # what is under test is the API's answer to them, not gunicorn's 414 page.
        "--limit-request-line",
        "0",
        "--limit-request-field_size",
        "0",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=output)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_up(url, server, log)
            yield LiveSite(url=url, token=token, log=log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
