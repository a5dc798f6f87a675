"""Comments in the editors' desk: the moderation queue, single and bulk approve / spam / delete.

Thin: every change goes through comments.services. The email address is shown here, to
editors only, because moderation is what it is kept for.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
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


# The comment's row in the desk: every column, all read-only but its status.
COMMENT_FIELDS = (
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
)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "comment_text",
        "name",
        "story",
        "state",
        "report_count",
        "created_at",
        "row_actions",
    ]
    list_display_links = ["name"]
    list_filter = ["status", ReportedFilter, "created_at"]
    list_select_related = ["story"]
    search_fields = ["text", "name", "email"]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "spam_selected", "hold_selected"]
    fields = COMMENT_FIELDS
    readonly_fields = [f for f in COMMENT_FIELDS if f != "status"]
    list_per_page = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers

    @admin.display(description="comment")
    def comment_text(self, obj: Comment) -> str:
        """The comment as its author wrote it (escaped, line breaks kept), long ones cut."""
        return format_html(
            '<div class="desk-comment-text">{}</div>', Truncator(obj.text).chars(600)
        )

    @admin.display(description="status and reason", ordering="status")
    def state(self, obj: Comment) -> str:
        return format_html(
            '<span class="desk-comment-status status-{}">{}</span>{}',
            obj.status,
            obj.get_status_display(),
            format_html('<span class="desk-comment-reason">{}</span>', obj.reason)
            if obj.reason
            else "",
        )

    @admin.display(description="moderate")
    def row_actions(self, obj: Comment) -> str:
        """Approve, spam and reply on the row itself. The buttons sit inside the change list's
        own form (which carries the CSRF token) and post it to row_action_view with
        `formaction`; that view reads only `do` and checks the permission again."""
        moderate = reverse("admin:comments_comment_moderate", args=[obj.pk])
        buttons = format_html_join(
            "",
            '<button type="submit" class="button" formaction="{}" formmethod="post" name="do" '
            'value="{}" aria-label="{} the comment by {}">{}</button>',
            (
                (moderate, verb, label, obj.name, label)
                for verb, label, status in (
                    ("approve", "Approve", Comment.Status.APPROVED),
                    ("spam", "Spam", Comment.Status.SPAM),
                )
                if obj.status != status
            ),
        )
        reply = format_html(
            '<a class="button" href="{}" aria-label="Reply to {}">Reply</a>',
            reverse("admin:comments_comment_reply", args=[obj.pk]),
            obj.name,
        )
        return format_html('<div class="desk-row-actions">{}{}</div>', buttons, reply)

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/moderate/", view(self.row_action_view), name="comments_comment_moderate"
            ),
            path("<int:pk>/reply/", view(self.reply_view), name="comments_comment_reply"),
            *super().get_urls(),
        ]

    #: What each row button needs: the model permission it acts under, and the service.
    ROW_ACTIONS = {
        "approve": ("change", Comment.Status.APPROVED),
        "spam": ("change", Comment.Status.SPAM),
    }

    def row_action_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(Comment, pk=pk)
        verb = str(request.POST.get("do", ""))
        if verb not in self.ROW_ACTIONS:
            return HttpResponseBadRequest("Unknown action.")
        permission, status = self.ROW_ACTIONS[verb]
        if permission == "change" and not self.has_change_permission(request, comment):
            raise PermissionDenied
        ACTION_BY_STATUS[status](comments=Comment.objects.filter(pk=comment.pk))
        label = Comment.Status(status).label.lower()
        self.message_user(request, f"Comment by {comment.name}: {label}.", messages.SUCCESS)
        back = request.META.get("HTTP_REFERER", "")
        changelist = reverse("admin:comments_comment_changelist")
        target = back if url_has_allowed_host_and_scheme(back, {request.get_host()}) else changelist
        return HttpResponseRedirect(target)

    def reply_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """An editor's reply, published at once under their name (change permission)."""
        comment = get_object_or_404(Comment.objects.select_related("story"), pk=pk)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        error = ""
        if request.method == "POST":
            try:
                reply = services.comment_reply_as_editor(
                    parent=comment, text=str(request.POST.get("text", "")), editor=request.user
                )
            except services.CommentRefusedError as refused:
                error = str(refused)
            else:
                self.message_user(request, "Reply published.", messages.SUCCESS)
                return HttpResponseRedirect(reply.story.get_absolute_url() + f"#{reply.anchor}")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {comment.name}",
            "comment": comment,
            "error": error,
            "opts": self.model._meta,
        }
        return render(request, "desk/comment_reply.html", context)

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
