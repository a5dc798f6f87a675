"""Sign-in throttling for the desk: password guessing stops after a few tries.

Every sign-in attempt is counted before its password is checked, in the exact shared counters
(limits.counters: Redis or one SQL upsert, so parallel guesses cannot slip between a read and
a write), per username and client address, and per address alone (one address trying many
usernames):

    LOGIN_FAILURES_PER_USER     attempts of one username from one address       default 5
    LOGIN_FAILURES_PER_ADDRESS  attempts from one address, any username          default 30
    LOGIN_LOCKOUT_SECONDS       how long the count lasts from the first attempt  default 900

Past either limit the desk answers 429 without checking the password, so a correct guess made
while locked out is worth nothing. A successful sign-in clears its username's count and gives
its attempt back to the address, so only failures add up.

The username is normalised once (`login_name`: NFKC, then case-folded, trimmed), as Django's
sign-in form normalises what it looks up: "ｅｄｉｔｏｒ" and "Editor" count as "editor". The
address is the site's one client address (limits.clients), the proxy's hop behind a proxy.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from django.conf import settings

from nutgraf.web.limits.clients import client_address, client_key
from nutgraf.web.limits.counters import counter_add, counter_clear

__all__ = ["client_address", "login_attempt", "login_name", "login_success_record", "retry_after"]


def _limits() -> tuple[int, int, int]:
    return (
        int(getattr(settings, "LOGIN_FAILURES_PER_USER", 5)),
        int(getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 30)),
        int(getattr(settings, "LOGIN_LOCKOUT_SECONDS", 900)),
    )


def login_name(username: str) -> str:
    """The one form of a typed username that lockouts count under."""
    folded = unicodedata.normalize("NFKC", username).casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def _names(username: str, address: str) -> tuple[str, str]:
    user = hashlib.sha256(f"{login_name(username)}\0{address}".encode()).hexdigest()[:32]
    return f"login:user:{user}", f"login:addr:{client_key(address)[:32]}"


def login_attempt(*, username: str, address: str) -> bool:
    """Count one sign-in attempt; False when it is over a limit and must not be checked."""
    per_user, per_address, seconds = _limits()
    user_name, address_name = _names(username, address)
    user = counter_add(name=user_name, seconds=seconds)
    by_address = counter_add(name=address_name, seconds=seconds)
    return user.hits <= per_user and by_address.hits <= per_address


def retry_after() -> int:
    return _limits()[2]


def login_success_record(*, username: str, address: str) -> None:
    user_name, address_name = _names(username, address)
    counter_clear(name=user_name)
    counter_add(name=address_name, seconds=_limits()[2], delta=-1)


def on_logged_in(sender: Any, request: Any, user: Any, **_: Any) -> None:
    login_success_record(username=user.get_username(), address=client_address(request))
