"""Comments in the editors' desk: the moderation queue, single and bulk approve / spam / delete.

Thin: every change goes through comments.services. The email address is shown here, to
editors only, because moderation is what it is kept for.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator

from nutgraf.web.comments import services
from nutgraf.web.comments.models import Comment

ACTION_BY_STATUS = {
    Comment.Status.APPROVED: services.comment_approve,
    Comment.Status.SPAM: services.comment_mark_spam,
    Comment.Status.PENDING: services.comment_hold,
}


class ReportedFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Reported by readers")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        return queryset.filter(report_count__gt=0) if self.value() == "yes" else queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "name", "story", "status", "reason", "report_count", "created_at"]
    list_filter = ["status", ReportedFilter, "created_at"]
    list_select_related = ["story"]
    search_fields = ["text", "name", "email"]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "spam_selected", "hold_selected"]
    fields = [
        "status",
        "story",
        "parent",
        "name",
        "email",
        "website",
        "text",
        "reason",
        "report_count",
        "client_address",
        "user_agent",
        "created_at",
    ]
    readonly_fields = [f for f in fields if f != "status"]
    list_per_page = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers

    @admin.display(description="comment")
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.text).chars(90)

    def save_model(self, request: HttpRequest, obj: Comment, form: Any, change: bool) -> None:
        if "status" in form.changed_data:
            ACTION_BY_STATUS[Comment.Status(obj.status)](comments=Comment.objects.filter(pk=obj.pk))

    def _bulk(self, request: HttpRequest, queryset: QuerySet[Comment], status: str) -> None:
        n = ACTION_BY_STATUS[Comment.Status(status)](comments=queryset)
        label = Comment.Status(status).label.lower()
        plural = "s" if n != 1 else ""
        self.message_user(request, f"{n} comment{plural}: {label}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._bulk(request, queryset, Comment.Status.APPROVED)

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def spam_selected(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._bulk(request, queryset, Comment.Status.SPAM)

    @admin.action(description="Hold selected comments for moderation", permissions=["change"])
    def hold_selected(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._bulk(request, queryset, Comment.Status.PENDING)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        services.comment_delete(comments=queryset)

    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        services.comment_delete(comments=Comment.objects.filter(pk=obj.pk))
