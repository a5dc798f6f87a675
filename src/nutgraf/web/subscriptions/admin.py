"""The desk's feed pages: subscribe, see each feed's health, poll now. Thin: services do it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from nutgraf.web.jobs.services import job_enqueue
from nutgraf.web.subscriptions.models import Feed, FeedEntry
from nutgraf.web.subscriptions.selectors import feed_health


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
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        for feed in queryset:
            job_enqueue(name="feed_poll", key=f"feed:{feed.id}", arguments={"feed_id": feed.id})
        messages.success(request, f"{queryset.count()} feed(s) sent to be polled.")


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "feed", "seen_at"]
    list_filter = ["feed"]
    search_fields = ["title", "url"]
    readonly_fields = ["feed", "url", "url_hash", "title", "seen_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
