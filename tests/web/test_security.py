"""Security headers on every page, and Django's deploy checks clean under production settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nutgraf.web.settings.database import database_from_url


def test_headers_on_pages(client, published):
    for url in ("/", published[0].get_absolute_url(), "/feeds/rss.xml", "/nope/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response["Permissions-Policy"]


def test_no_inline_script_on_pages(client, published):
    html = client.get(published[0].get_absolute_url()).content.decode()
    for chunk in html.split("<script")[1:]:
        head = chunk.split(">", 1)[0]
        assert 'type="application/ld+json"' in head or "src=" in head, head


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "a-production-secret-" + "k" * 50,
        "ALLOWED_HOSTS": "news.example.org",
        "NUTGRAF_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "nutgraf.web", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret(tmp_path):
    env = {"PATH": os.environ["PATH"], "NUTGRAF_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "nutgraf.web", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_defaults(monkeypatch, tmp_path):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("NUTGRAF_HTTPS", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NUTGRAF_DATA_DIR", str(tmp_path))
    from nutgraf.web.settings import base

    base = importlib.reload(base)
    assert base.DEBUG is False
    assert base.SECURE_HSTS_SECONDS >= 31536000 and base.SESSION_COOKIE_SECURE
    database = base.DATABASES["default"]
    assert database["NAME"] == str(tmp_path / "nutgraf.sqlite3")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["timeout"] >= 5


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:///var/site.sqlite3", "sqlite3", "/base/var/site.sqlite3"),
        ("sqlite:////abs/site.sqlite3", "sqlite3", "/abs/site.sqlite3"),
        ("postgres://u:p%40ss@db.local:5433/news", "postgresql", "news"),
    ],
)
def test_database_urls(url, engine, name):
    from pathlib import Path

    parsed = database_from_url(url, base_dir=Path("/base"))
    assert parsed["ENGINE"].endswith(engine)
    assert parsed["NAME"] == name
    if engine == "postgresql":
        assert parsed["PASSWORD"] == "p@ss" and parsed["PORT"] == "5433"


def test_desk_has_its_own_policy(client, db):
    response = client.get("/desk/login/")
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert "script-src 'self';" in response["Content-Security-Policy"]
