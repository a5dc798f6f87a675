"""What the live-server tests share: a free port, a clean environment, waiting for /healthz."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Settings of the test process that must not leak into a site started for a test.
_OWN_SETTINGS = ("DJANGO_", "NUTGRAF_", "DATABASE_URL", "CACHE_URL", "SECRET_KEY")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment without its site settings, for a site in `data_dir`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_OWN_SETTINGS)}
    env.update({"NUTGRAF_DATA_DIR": str(data_dir), "NUTGRAF_HTTPS": "0"})
    env.update(extra)
    return env


def wait_until_up(
    url: str, server: subprocess.Popen[bytes], log: Path, seconds: float = 60
) -> None:
    """Return once `url`/healthz answers; raise with the server's log if it exits or stalls."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("gunicorn did not start: " + log.read_text()) from None
            time.sleep(0.2)
