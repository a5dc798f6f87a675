"""What changed between two revisions of a story, word by word, for the desk's history page.

A revision's snapshot (stories/services.py `_snapshot`) holds the headline, summary, key points,
FAQ, category, tags, source and lifecycle as they stood after the change. `changes()` pairs two
snapshots field by field and marks removed words with <del> and added ones with <ins>.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True, slots=True)
class Change:
    label: str  # "Key point 2", "Summary"
    html: SafeString  # the new text with <del>/<ins> where it differs from the old


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words `old` had and it lacks in <del>, its own new words in <ins>."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(conditional_escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return mark_safe(" ".join(out))  # noqa: S308 - every piece is escaped above


def _when(iso: str | None) -> str:
    """An ISO time as the desk shows times: "3 Dec 2025, 07:00 UTC" in the site's zone."""
    if not iso:
        return ""
    local = timezone.localtime(datetime.fromisoformat(iso))
    return f"{local.day} {local:%b %Y, %H:%M} {local.tzname()}"


def _pairs(old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for key, label in (("headline", "Headline"), ("summary", "Summary")):
        yield label, str(old.get(key) or ""), str(new.get(key) or "")
    before, after = old.get("key_points") or [], new.get("key_points") or []
    for n in range(max(len(before), len(after))):
        yield (
            f"Key point {n + 1}",
            before[n] if n < len(before) else "",
            after[n] if n < len(after) else "",
        )
    before, after = old.get("faq") or [], new.get("faq") or []
    for n in range(max(len(before), len(after))):
        q0, a0 = before[n] if n < len(before) else ("", "")
        q1, a1 = after[n] if n < len(after) else ("", "")
        yield f"Question {n + 1}", q0, q1
        yield f"Answer {n + 1}", a0, a1
    for key, label in (
        ("description", "Description"),
        ("category", "Category"),
        ("status", "Status"),
        ("featured", "Featured"),
    ):
        yield label, str(old.get(key) or ""), str(new.get(key) or "")
    yield "Publication time", _when(old.get("published_at")), _when(new.get("published_at"))
    yield "Tags", ", ".join(old.get("tags") or ()), ", ".join(new.get("tags") or ())
    old_source, new_source = old.get("source") or {}, new.get("source") or {}
    for key, label in (
        ("author", "Byline"),
        ("site_name", "Outlet"),
        ("published", "Published on"),
        ("url", "Original URL"),
    ):
        yield label, str(old_source.get(key) or ""), str(new_source.get(key) or "")


def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[Change]:
    """Fields that differ from `old` to `new` (every filled field when `old` is None)."""
    return [
        Change(label=label, html=word_diff(before, after))
        for label, before, after in _pairs(old or {}, new)
        if before != after
    ]
