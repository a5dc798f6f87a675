from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse

from nutgraf.web.comments.selectors import comment_queue_size
from nutgraf.web.stories import selectors


class DeskSite(admin.AdminSite):
    site_header = "nutgraf editors' desk"
    site_title = "nutgraf desk"
    index_title = "Desk"
    index_template = "desk/index.html"

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        context = {
            "drafts": selectors.story_drafts(limit=10),
            "comments_waiting": comment_queue_size(),
            **(extra_context or {}),
        }
        return super().index(request, context)
