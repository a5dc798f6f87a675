"""`{% comment_section story %}`: the comments and the reply form under a story.

The story page's view stays the stories app's; this tag reads what it needs (page, reply
target, the reader's own comment ids) from the request in the template context.

The page is shared by every reader (stories/caching.py), so its forms carry no token: the
section's script fetches this browser's own (comments.views.comment_tokens), and a form sent
without one comes back once with it (nutgraf.web.views.csrf_failure).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString

from nutgraf.web.comments import selectors
from nutgraf.web.comments.forms import CommentForm
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
    reply_to = section.reply_to.id if section.reply_to else None
    return {
        "story": story,
        "section": section,
        "max_depth": MAX_DEPTH,
        "request": request,
        "reported": _number(query.get("reported")),
        "report_reasons": CommentReport.Reason.choices,
        # Made only when the form's fragment is not kept (comments/_section.html).
        "form": SimpleLazyObject(lambda: CommentForm(initial={"parent": reply_to})),
    }


@register.filter
def comment_html(text: str) -> SafeString:
    return render_text(text)
