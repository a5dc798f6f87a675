"""The "Leave a Reply" form, and the signed timestamp that tells a person from a script.

Only the fields declared here are read from a post: `approved=1`, `status=...` or `story=...`
in the body change nothing. `subject` is the honeypot: hidden from people, filled by bots.
"""

from __future__ import annotations

import re
import time
from typing import Any

from django import forms
from django.core import signing

from nutgraf.web.comments.text import clean_text

TOKEN_SALT = "nutgraf.comments.form"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 2 * 24 * 3600
MAX_TEXT = 5000


def form_token(*, story_id: int, issued_at: float | None = None) -> str:
    """A signed (story, time) pair the form carries; the server checks its age on return."""
    at = time.time() if issued_at is None else issued_at
    return signing.dumps({"s": story_id, "t": round(at, 1)}, salt=TOKEN_SALT)


#: The form's timestamp field as it appears in a rendered page.
FORM_TOKEN_FIELD = re.compile(rb'(name="ts" value=")([A-Za-z0-9_:.-]+)(")')


def refresh_form_token(match: re.Match[bytes]) -> bytes:
    """The same field with a token issued now for the same story (a cached page's form)."""
    try:
        data = signing.loads(match.group(2).decode(), salt=TOKEN_SALT)
        story_id = int(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return match.group(0)
    return match.group(1) + form_token(story_id=story_id).encode() + match.group(3)


def token_age(*, token: str, story_id: int, now: float | None = None) -> float | None:
    """Seconds since the form was shown, or None for a missing, forged or stale token."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") != story_id:
        return None
    issued = data.get("t")
    if not isinstance(issued, int | float):
        return None
    return (time.time() if now is None else now) - float(issued)


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
