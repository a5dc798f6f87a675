"""Turn DATABASE_URL into Django's DATABASES entry.

    sqlite:///relative/path.sqlite3     sqlite:////absolute/path.sqlite3
    postgres://user:password@host:5432/name?sslmode=require

SQLite gets the settings a busy single-machine site needs: WAL journal (readers never wait for
the writer), a busy timeout (a writer waits instead of failing), and IMMEDIATE transactions (a
transaction takes the write lock at BEGIN, so two writers cannot deadlock on lock upgrade).
Both keep connections open between requests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SQLITE_INIT = (
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA cache_size=-20000;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA mmap_size=134217728;"
)


def database_from_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """One DATABASES entry for `url`; relative SQLite paths are resolved against `base_dir`."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        raw = unquote(url.split("://", 1)[1])
        if raw in ("", "/", ":memory:", "/:memory:"):
            name: str | Path = ":memory:"
        else:
            path = Path(raw[1:]) if raw.startswith("/") and not raw.startswith("//") else None
            name = (base_dir / path) if path is not None else Path(raw[1:])
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            # Opening a connection runs the PRAGMAs above: a millisecond a request if each
            # request opened its own; a web process keeps one, checked before reuse.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": SQLITE_INIT,
            },
        }
    if scheme in ("postgres", "postgresql", "pgsql"):
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {scheme or 'nothing'!r}."
    )
