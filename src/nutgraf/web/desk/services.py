"""Writes the desk itself needs: the editor account the CLI creates on first run."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction


@transaction.atomic
def editor_ensure(*, username: str, reset: bool = False) -> tuple[Any, str | None]:
    """The editor account `username`, created if missing (staff and superuser).

    Returns the user and its new password when one was set (creation or `reset`), else None.
    """
    users = get_user_model()
    user = users.objects.filter(username=username).first()
    if user is not None and not reset:
        return user, None
    password = secrets.token_urlsafe(12)
    if user is None:
        user = users.objects.create_superuser(username=username, email="", password=password)
    else:
        user.set_password(password)
        user.is_staff = user.is_superuser = user.is_active = True
        user.save()
    return user, password
