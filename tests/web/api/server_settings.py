"""Settings of the live server the fuzzing tests start: the production ones, with every URL's
host name answered as 127.0.0.1. The engine's fetcher refuses that address before connecting, so
URLs that schemathesis invents exercise the real refusal path and never leave this machine."""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.web.settings.base import *  # noqa: F403

API_FETCH_RESOLVER = "tests.web.api.server_settings.loopback_resolver"


def loopback_resolver(host: str, port: int) -> Sequence[str]:
    return ["127.0.0.1"]
