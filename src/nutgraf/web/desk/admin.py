"""The desk's admin pages. Thin: saving and every button call stories.services.

Buttons on the story page (names of the submit inputs):
    _publish     publish now (or at "published at" if that is in the future: a schedule)
    _unpublish   take the story down; it returns to the review queue
    _recompose   run the engine again on the stored source text

Permissions (Django's per-model ones; a superuser has them all):
    see stories                       view
    ingest an article                 add (stories.add_story)
    edit, publish, unpublish, re-run  change: the buttons post the change form, which Django
                                      refuses without it; the list's actions declare it too
Every admin action of the desk declares the permission it needs (`permissions=[...]`): an action
without one would be offered to anyone who may only view the list.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from nutgraf.engine.errors import NutgrafError
from nutgraf.web.desk.forms import FAQ_FIELDS, POINT_FIELDS, IngestForm, StoryForm
from nutgraf.web.stories import presentation, services
from nutgraf.web.stories.models import (
    Category,
    DraftStory,
    Entity,
    Story,
    StoryRevision,
    Tag,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]


class RevisionInline(admin.TabularInline):
    model = StoryRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "editor", "changed", "public"]
    readonly_fields = fields
    verbose_name_plural = "history of changes"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    form = StoryForm
    change_form_template = "admin/stories/story/change_form.html"
    change_list_template = "admin/stories/story/change_list.html"
    list_display = ["headline", "category", "state", "published_at", "updated_at", "flag_count"]
    list_filter = ["status", "category", "featured"]
    list_select_related = ["category"]
    search_fields = ["headline", "summary"]
    date_hierarchy = "created_at"
    inlines = [RevisionInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "category", "summary", "description", "tag_names"]}),
        ("Key points", {"fields": list(POINT_FIELDS)}),
        ("Frequently asked questions", {"fields": list(FAQ_FIELDS), "classes": ["collapse"]}),
        ("Publication", {"fields": ["published_at", "featured", "image_url"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # stories are made by ingesting; see the ingest page

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        # The brief's fields are added by StoryForm.__init__, so let Meta.fields decide.
        kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description="state")
    def state(self, story: Story) -> str:
        if story.is_scheduled:
            return "scheduled"
        return story.get_status_display().lower()

    @admin.display(description="flags")
    def flag_count(self, story: Story) -> str:
        count = len(story.review_flags or ())
        return format_html('<span class="desk-flag">{} to check</span>', count) if count else "—"

    def get_urls(self) -> list[Any]:
        ingest = path(
            "ingest/", self.admin_site.admin_view(self.ingest_view), name="stories_story_ingest"
        )
        if self.model is not Story:
            return super().get_urls()
        return [ingest, *super().get_urls()]

    def has_ingest_permission(self, request: HttpRequest) -> bool:
        # has_add_permission is False on purpose (no blank "add story" form): ingest is the add.
        return bool(request.user.has_perm("stories.add_story"))

    def has_publish_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Publishing and unpublishing change what readers see: the change permission."""
        return self.has_change_permission(request, obj)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        extra = {"can_ingest": self.has_ingest_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def ingest_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_ingest_permission(request):
            raise PermissionDenied("Ingesting an article needs the permission to add stories.")
        bound = request.method == "POST"
        form = IngestForm(request.POST if bound else None, request.FILES if bound else None)
        if bound and form.is_valid():
            data = form.cleaned_data
            try:
                if data.get("url"):
                    story = services.story_ingest_url(url=data["url"], editor=request.user)
                elif data.get("upload"):
                    upload = data["upload"]
                    story = services.story_ingest_upload(
                        name=upload.name, content=upload.read(), editor=request.user
                    )
                else:
                    story = services.story_ingest_text(text=data["text"], editor=request.user)
            except NutgrafError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Composed a draft: “{story.headline}”. Review it below.")
                return HttpResponseRedirect(reverse("admin:stories_story_change", args=[story.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Ingest an article",
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "desk/ingest.html", context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        story = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if story is not None:
            extra["source_paragraphs"] = presentation.source_paragraphs(
                brief=story.brief, highlight=()
            )
            extra["review_flags"] = story.review_flags
            extra["story_state"] = self.state(story)
        return super().change_view(request, object_id, form_url, extra)

    def save_model(self, request: HttpRequest, obj: Story, form: Any, change: bool) -> None:
        data = form.cleaned_data
        services.story_update(
            story=obj,
            editor=request.user,
            headline=data["headline"],
            category=data["category"],
            summary=data["summary"],
            description=data.get("description", ""),
            key_points=form.key_points(),
            faq=form.faq(),
            tags=form.tags(),
            featured=data.get("featured", False),
            image_url=data.get("image_url", ""),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def response_change(self, request: HttpRequest, obj: Story) -> HttpResponse:
        try:
            if "_publish" in request.POST:
                later = obj.published_at and obj.published_at > timezone.now()
                at = obj.published_at if later else None
                services.story_publish(story=obj, editor=request.user, at=at)
                word = "Scheduled" if obj.is_scheduled else "Published"
                self.message_user(request, f"{word} “{obj.headline}”.", messages.SUCCESS)
            elif "_unpublish" in request.POST:
                services.story_unpublish(story=obj, editor=request.user)
                self.message_user(request, "Unpublished; the story is back in the review queue.")
            elif "_recompose" in request.POST:
                services.story_recompose(story=obj, editor=request.user)
                self.message_user(request, "Composed again from the stored source.")
            else:
                return super().response_change(request, obj)
        except NutgrafError as error:
            self.message_user(request, str(error), messages.ERROR)
        return HttpResponseRedirect(request.path)

    @admin.action(description="Publish the selected stories now", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story in queryset:
            services.story_publish(story=story, editor=request.user)
        self.message_user(request, f"Published {len(queryset)} stories.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected stories", permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story in queryset:
            services.story_unpublish(story=story, editor=request.user)
        self.message_user(request, f"Unpublished {len(queryset)} stories.")


@admin.register(DraftStory)
class ReviewQueueAdmin(StoryAdmin):
    """Drafts waiting for an editor, oldest first so nothing waits forever."""

    list_display = ["headline", "category", "suggested_category", "created_at", "flag_count"]
    list_filter = ["category"]
    date_hierarchy = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Story]:
        drafts = super().get_queryset(request).filter(status=Story.Status.DRAFT)
        return drafts.order_by("created_at")
