from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.shortcuts import render
from django.template.response import TemplateResponse

from nutgraf.web.comments.selectors import comment_queue_size
from nutgraf.web.desk import lockout
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

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Django's sign-in page, closed for a while to a username and address that keep
        failing (lockout.py): the password is then not even checked."""
        if request.method == "POST":
            username = str(request.POST.get("username", ""))
            address = lockout.client_address(request)
            if not lockout.login_attempt(username=username, address=address):
                response = render(
                    request,
                    "desk/locked.html",
                    {**self.each_context(request), "title": "Too many attempts"},
                    status=429,
                )
                response["Retry-After"] = str(lockout.retry_after())
                return response
        return super().login(request, extra_context)
