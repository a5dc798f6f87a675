"""`{% comment_section story %}`: the comments and the reply form under a story.

The story page's view stays the stories app's; this tag reads what it needs (page, reply
target, the reader's own comment ids) from the request in the template context.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from nutgraf.web.comments import selectors
from nutgraf.web.comments.forms import CommentForm, form_token
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
    form = CommentForm(
        initial={
            "ts": form_token(story_id=story.id),
            "parent": section.reply_to.id if section.reply_to else None,
        }
    )
    return {
        "story": story,
        "section": section,
        "form": form,
        "max_depth": MAX_DEPTH,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.filter
def comment_html(text: str) -> SafeString:
    return render_text(text)
