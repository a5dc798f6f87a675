"""Accounts: the desk's sign-in stops guessing, cookies are locked down in production, and
passwords are hashed as Django recommends (Argon2 first)."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, override_settings

LOGIN = "/desk/login/"


@pytest.fixture
def editor_account(db):
    cache.clear()
    get_user_model().objects.create_superuser("ed", "ed@example.org", "right-password-42")
    yield
    cache.clear()


def _try(client: Client, password: str, username: str = "ed", address: str = "203.0.113.5"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/desk/"},
        REMOTE_ADDR=address,
    )


@override_settings(LOGIN_FAILURES_PER_USER=5, LOGIN_FAILURES_PER_ADDRESS=30)
def test_guessing_is_locked_out_after_five_failures(editor_account) -> None:
    client = Client()
    for _ in range(5):
        assert _try(client, "wrong").status_code == 200  # the form again, with its error
    locked = _try(client, "right-password-42")  # even the right password, while locked
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURES_PER_USER=5, LOGIN_FAILURES_PER_ADDRESS=30)
def test_the_lock_is_per_username_and_address(editor_account) -> None:
    for _ in range(5):
        _try(Client(), "wrong")
    other_address = Client()
    assert _try(other_address, "right-password-42", address="198.51.100.7").status_code == 302
    assert other_address.session["_auth_user_id"]


@override_settings(LOGIN_FAILURES_PER_USER=5, LOGIN_FAILURES_PER_ADDRESS=8)
def test_one_address_spraying_many_usernames_is_stopped(editor_account) -> None:
    for n in range(8):
        _try(Client(), "wrong", username=f"user{n}")
    assert _try(Client(), "right-password-42").status_code == 429


@override_settings(LOGIN_FAILURES_PER_USER=5)
def test_success_clears_the_count(editor_account) -> None:
    for _ in range(4):
        _try(Client(), "wrong")
    assert _try(Client(), "right-password-42").status_code == 302
    for _ in range(4):
        assert _try(Client(), "wrong").status_code == 200


def test_production_cookies_and_hashing(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("NUTGRAF_HTTPS", raising=False)
    monkeypatch.setenv("NUTGRAF_DATA_DIR", str(tmp_path))
    from nutgraf.web.settings import base

    base = importlib.reload(base)
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.SESSION_COOKIE_HTTPONLY and base.CSRF_COOKIE_HTTPONLY
    assert base.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert base.CSRF_COOKIE_SAMESITE in ("Lax", "Strict")
    assert base.SECURE_HSTS_SECONDS >= 31536000 and base.SECURE_SSL_REDIRECT
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base.PASSWORD_HASHERS


def test_argon2_hashes_and_checks_a_password() -> None:
    from django.contrib.auth.hashers import check_password, make_password

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        hashed = make_password("correct horse battery staple")
        assert hashed.startswith("argon2$argon2id$")
        assert check_password("correct horse battery staple", hashed)
        assert not check_password("wrong", hashed)


def test_cookies_sent_over_https_carry_the_flags(db, settings) -> None:
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.CSRF_COOKIE_HTTPONLY = True
    response = Client().get(LOGIN, secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
