"""`{% comment_section story %}`: the comments and the reply form under a story.

The story page's view stays the stories app's; this tag reads what it needs (page, reply
target, the reader's own comment ids) from the request in the template context.

The blank form (no reply target) is the same on every story but for the story's slug, the
signed timestamp and the reader's CSRF token: it is rendered once per process with marks in
their places, which are filled per page (rendering the form's widgets cost a millisecond, a
sixth of a story page).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from nutgraf.web.comments import selectors
from nutgraf.web.comments.forms import CommentForm, form_token
from nutgraf.web.comments.models import CommentReport
from nutgraf.web.comments.services import MAX_DEPTH
from nutgraf.web.comments.text import render_text
from nutgraf.web.comments.views import mine_from

register = template.Library()


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context: template.Context, story: Any) -> dict[str, Any]:
    request = context.get("request")
    query = request.GET if request is not None else {}
    mine = mine_from(request) if request is not None else frozenset()
    section = selectors.comment_section(
        story=story,
        page=_number(query.get("cpage")),
        mine=mine,
        reply_to=_number(query.get("replytocom")),
    )
    csrf_token = context.get("csrf_token")
    shown: dict[str, Any] = {
        "story": story,
        "section": section,
        "max_depth": MAX_DEPTH,
        "csrf_token": csrf_token,
        "request": request,
        "reported": _number(query.get("reported")),
        "report_reasons": CommentReport.Reason.choices,
    }
    if section.reply_to is None:
        shown["form_html"] = blank_form_html(slug=story.slug, story_id=story.id, csrf=csrf_token)
    else:
        shown["form"] = CommentForm(
            initial={"ts": form_token(story_id=story.id), "parent": section.reply_to.id}
        )
    return shown


_SLUG_MARK = "nutgraf-slug-mark"
_TS_MARK = "nutgraf-ts-mark"
_CSRF_MARK = "nutgrafcsrfmark"
_CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF_MARK}">'


@cache
def _blank_form_template() -> str:
    placeholder = {"slug": _SLUG_MARK, "id": 0, "get_absolute_url": f"/{_SLUG_MARK}/"}
    return render_to_string(
        "comments/_form.html",
        {
            "story": placeholder,
            "section": {"reply_to": None},
            "form": CommentForm(initial={"ts": _TS_MARK, "parent": None}),
            "csrf_token": _CSRF_MARK,
        },
    )


def blank_form_html(*, slug: str, story_id: int, csrf: object) -> SafeString:
    """The reply form for a new comment on a story, as `comments/_form.html` renders it."""
    token = str(csrf) if csrf else ""
    html = _blank_form_template().replace(_SLUG_MARK, slug)
    html = html.replace(_TS_MARK, form_token(story_id=story_id))
    if token and token != "NOTPROVIDED":  # noqa: S105 - what Django writes without a token
        html = html.replace(_CSRF_MARK, token)
    else:  # what {% csrf_token %} writes without a token: nothing
        html = html.replace(_CSRF_INPUT, "")
    return mark_safe(html)  # noqa: S308 - our template's output; the slug, token and timestamp are URL-safe


@register.filter
def comment_html(text: str) -> SafeString:
    return render_text(text)
