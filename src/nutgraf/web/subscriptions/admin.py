"""The desk's feed pages: subscribe, see each feed's health, poll now. Thin: services do it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from nutgraf.web.jobs.errors import JobQueueDown
from nutgraf.web.subscriptions.models import Feed, FeedEntry
from nutgraf.web.subscriptions.selectors import feed_health
from nutgraf.web.subscriptions.services import feed_poll_enqueue


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "health",
        "last_polled_at",
        "last_success_at",
        "items_added",
        "not_modified",
        "interval",
        "active",
    ]
    list_filter = ["kind", "status", "active"]
    search_fields = ["url", "title"]
    fields = ["url", "kind", "title", "interval", "active"]
    readonly_fields = []
    actions = ["poll_now"]

    @admin.display(description="health")
    def health(self, feed: Feed) -> str:
        text = feed_health(feed=feed)
        return f"{text} — {feed.last_error}" if feed.last_error else text

    def save_model(self, request: HttpRequest, obj: Feed, form: Any, change: bool) -> None:
        if not change and request.user.is_authenticated:  # the desk is signed in
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        sent, refused = 0, 0
        for feed in queryset:
            try:
                feed_poll_enqueue(feed_id=feed.id)
            except JobQueueDown:
                refused += 1
            else:
                sent += 1
        if sent:
            messages.success(request, f"{sent} feed(s) sent to be polled.")
        if refused:
            messages.warning(
                request,
                f"The job queue is not answering, so {refused} feed(s) could not be sent now. "
                "They will be polled automatically within minutes of it coming back.",
            )


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "feed", "seen_at"]
    list_filter = ["feed"]
    search_fields = ["title", "url"]
    readonly_fields = ["feed", "url", "url_hash", "title", "seen_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
