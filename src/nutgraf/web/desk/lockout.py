"""Sign-in throttling for the desk: password guessing stops after a few tries.

Failures are counted in the shared cache (Redis when CACHE_URL names it, so every web process
sees the same counts) per username and client address, and per address alone (one address
trying many usernames):

    LOGIN_FAILURES_PER_USER     failures of one username from one address      default 5
    LOGIN_FAILURES_PER_ADDRESS  failures from one address, any username         default 30
    LOGIN_LOCKOUT_SECONDS       how long the count lasts from the first failure default 900

Past either limit the desk answers 429 without checking the password, so a correct guess
made while locked out is worth nothing. A successful sign-in clears its username's count.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _limits() -> tuple[int, int, int]:
    return (
        int(getattr(settings, "LOGIN_FAILURES_PER_USER", 5)),
        int(getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 30)),
        int(getattr(settings, "LOGIN_LOCKOUT_SECONDS", 900)),
    )


def client_address(request: HttpRequest | None) -> str:
    # REMOTE_ADDR only: a client sets X-Forwarded-For to whatever it likes.
    return str(request.META.get("REMOTE_ADDR", "")) if request is not None else ""


def _keys(username: str, address: str) -> tuple[str, str]:
    user = hashlib.sha256(f"{username.strip().lower()}\0{address}".encode()).hexdigest()[:32]
    return f"login-fail:user:{user}", f"login-fail:addr:{address}"


def login_locked(*, username: str, address: str) -> bool:
    """True when sign-in for `username` from `address` is refused for now."""
    per_user, per_address, _ = _limits()
    user_key, address_key = _keys(username, address)
    counts = cache.get_many([user_key, address_key])
    return counts.get(user_key, 0) >= per_user or counts.get(address_key, 0) >= per_address


def retry_after() -> int:
    return _limits()[2]


def login_failure_record(*, username: str, address: str) -> None:
    _, _, seconds = _limits()
    for key in _keys(username, address):
        if not cache.add(key, 1, timeout=seconds):  # the window starts at the first failure
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=seconds)


def login_success_record(*, username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0])


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **_: Any
) -> None:
    login_failure_record(
        username=str(credentials.get("username", "")), address=client_address(request)
    )


def on_logged_in(sender: Any, request: Any, user: Any, **_: Any) -> None:
    login_success_record(username=user.get_username(), address=client_address(request))
