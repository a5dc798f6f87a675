"""The "Leave a Reply" form, and the signed token that tells a person from a script.

The token says which story the form was shown for, when, and to which browser (a hash of its
CSRF secret), with a nonce: a form sent back too fast, to another story, from another browser
or a second time is refused and the reader is told why (comments.views).

Only the fields declared here are read from a post: `approved=1`, `status=...` or `story=...`
in the body change nothing. `subject` is the honeypot: hidden from people, filled by bots.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.http import HttpRequest
from django.middleware.csrf import get_token

from nutgraf.web.comments.text import clean_text

TOKEN_SALT = "nutgraf.comments.form"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 2 * 24 * 3600
MAX_TEXT = 5000


def browser_binding(request: HttpRequest | None) -> str:
    """What ties a form to the browser it was shown to: a hash of its CSRF secret.

    Every reader already has that secret (the comment form carries a CSRF token, and Django
    sets the cookie), so no session row is made per reader; a form token taken from one
    browser is refused from another, since CsrfViewMiddleware ties the posted CSRF token to
    the cookie. get_token() makes the secret when the reader has none yet (the cookie is then
    sent with this response); Django keeps it in META["CSRF_COOKIE"] for the request.
    """
    if request is None:
        return ""
    get_token(request)
    return secret_binding(str(request.META.get("CSRF_COOKIE") or ""))


def secret_binding(secret: str) -> str:
    """The binding of the browser whose CSRF secret is `secret` ("" for none)."""
    return hashlib.sha256(f"{TOKEN_SALT}|{secret}".encode()).hexdigest()[:24] if secret else ""


def form_token(*, story_id: int, binding: str, issued_at: float | None = None) -> str:
    """A signed (story, time, browser, nonce) the form carries; the server checks it on return
    (token_read) and accepts each nonce once (comments.services.form_token_spend)."""
    at = time.time() if issued_at is None else issued_at
    # Tenths of a second, rounded down: a form checked at once is never "sent before shown".
    issued = math.floor(at * 10) / 10
    data = {"s": story_id, "t": issued, "b": binding, "n": secrets.token_urlsafe(12)}
    return signing.dumps(data, salt=TOKEN_SALT)


@dataclass(frozen=True, slots=True)
class FormTicket:
    """What a returned form's token says: how long ago the form was shown, and its nonce."""

    seconds: float
    nonce: str


def token_read(
    *, token: str, story_id: int, binding: str, now: float | None = None
) -> FormTicket | None:
    """The ticket of a token issued for `story_id` to this browser (`binding`) in the last two
    days; None for a missing, forged, stale or foreign token."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") != story_id:
        return None
    issued, nonce = data.get("t"), data.get("n")
    if not binding or data.get("b") != binding:
        return None
    if not isinstance(issued, int | float) or not isinstance(nonce, str) or not nonce:
        return None
    return FormTicket(seconds=(time.time() if now is None else now) - float(issued), nonce=nonce)


class UnfilledEmailInput(forms.EmailInput):
    """Never writes the address back into a page, not even the author's own form."""

    def format_value(self, value: Any) -> None:
        return None


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Comment",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT}),
    )
    name = forms.CharField(label="Name", max_length=80)
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=UnfilledEmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.URLField(label="Website", required=False, max_length=200, assume_scheme="https")
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    ts = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    subject = forms.CharField(
        label="Leave this field empty",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs["autocomplete"] = "url"
        for name in ("comment", "name", "email"):
            self.fields[name].widget.attrs.update({"required": True, "aria-required": "true"})

    def clean_comment(self) -> str:
        text = clean_text(self.cleaned_data["comment"])
        if not text:
            raise forms.ValidationError("Write a comment first.")
        return text

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data["name"], multiline=False)
        if not name:
            raise forms.ValidationError("Give a name to sign the comment with.")
        return name

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean_website(self) -> str:
        url = str(self.cleaned_data.get("website") or "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("A website address starts with http:// or https://.")
        return url
