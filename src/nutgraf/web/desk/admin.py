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

from datetime import datetime
from typing import Any, ClassVar

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from nutgraf.engine.errors import NutgrafError
from nutgraf.web.desk import diffs
from nutgraf.web.desk.forms import FAQ_FIELDS, POINT_FIELDS, IngestForm, StoryForm
from nutgraf.web.jobs.politeness import fetcher_make
from nutgraf.web.stories import presentation, services
from nutgraf.web.stories.models import (
    Category,
    DraftStory,
    Entity,
    PendingEdit,
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


def local_when(moment: datetime) -> str:
    """A time as the desk says it: "3 Dec 2025, 07:00 UTC", in the site's time zone."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b %Y, %H:%M} {local.tzname()}"


class StateFilter(admin.SimpleListFilter):
    """Draft, scheduled (published with a time to come) or live: the three states an editor
    asks about; "scheduled" is not a column, so it needs its own filter."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("live", "Published (live)")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Story]) -> QuerySet[Story]:
        now = timezone.now()
        published = Story.Status.PUBLISHED
        if self.value() == "draft":
            return queryset.filter(status=Story.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.filter(status=published, published_at__gt=now)
        if self.value() == "live":
            return queryset.filter(status=published, published_at__lte=now)
        return queryset


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    form = StoryForm
    change_form_template = "admin/stories/story/change_form.html"
    change_list_template = "admin/stories/story/change_list.html"
    object_history_template = "desk/history.html"
    list_display = ["headline", "category", "state", "published_at", "updated_at", "flag_count"]
    list_filter = [StateFilter, "status", "category", "featured"]
    list_select_related = ["category"]
    search_fields = ["headline", "summary"]
    date_hierarchy: ClassVar[str | None] = "created_at"
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
        if story.is_scheduled and story.published_at is not None:
            return f"scheduled for {local_when(story.published_at)}"
        return story.get_status_display().lower()

    @admin.display(description="flags")
    def flag_count(self, story: Story) -> str:
        count = len(story.review_flags or ())
        return format_html('<span class="desk-flag">{} to check</span>', count) if count else "—"

    def get_urls(self) -> list[Any]:
        if self.model is not Story:
            return super().get_urls()
        view = self.admin_site.admin_view
        return [
            path("ingest/", view(self.ingest_view), name="stories_story_ingest"),
            path(
                "<int:story_id>/history/<int:revision_id>/restore/",
                view(self.restore_view),
                name="stories_story_restore",
            ),
            *super().get_urls(),
        ]

    def has_ingest_permission(self, request: HttpRequest) -> bool:
        # has_add_permission is False on purpose (no blank "add story" form): ingest is the add.
        return bool(request.user.has_perm("stories.add_story"))

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
                    story = services.story_ingest_url(
                        url=data["url"], fetcher=fetcher_make(), editor=request.user
                    )
                elif data.get("upload"):
                    upload = data["upload"]
                    story = services.story_ingest_upload(
                        name=upload.name,
                        content=upload.read(),
                        editor=request.user,
                        source=form.source(),
                    )
                else:
                    story = services.story_ingest_text(
                        text=data["text"], editor=request.user, source=form.source()
                    )
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
            extra["time_zone"] = timezone.get_current_timezone_name()
            extra["is_nav_sidebar_enabled"] = False  # the editor needs the width
            extra["recent_revisions"] = list(
                story.revisions.select_related("editor").order_by("-created_at", "-id")[:5]
            )
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
            point_sources=form.point_sources(),
            faq=form.faq(),
            tags=form.tags(),
            featured=data.get("featured", False),
            image_url=data.get("image_url", ""),
            source=form.source(),
        )
        upload = data.get("image_upload")
        services.story_image_update(
            story=obj,
            editor=request.user,
            upload=upload.read() if upload is not None else None,
            remove=bool(data.get("image_remove")),
            alt=data.get("image_alt", ""),
            caption=data.get("image_caption", ""),
            credit=data.get("image_credit", ""),
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
                if obj.is_scheduled and obj.published_at is not None:
                    when = local_when(obj.published_at)
                    text = f"Scheduled “{obj.headline}” for {when} (the site's time zone)."
                else:
                    text = f"Published “{obj.headline}”."
                self.message_user(request, text, messages.SUCCESS)
            elif "_unpublish" in request.POST:
                services.story_unpublish(story=obj, editor=request.user)
                self.message_user(request, "Unpublished; the story is back in the review queue.")
            elif "_recompose" in request.POST:
                services.story_recompose(story=obj, editor=request.user)
                self.message_user(request, "Composed again from the stored source.")
            elif "_confirm" in request.POST:
                item = str(request.POST["_confirm"])
                services.story_confirm_wording(story=obj, item=item, editor=request.user)
                self.message_user(
                    request,
                    "Confirmed: readers now see that wording, marked as the newsroom's.",
                    messages.SUCCESS,
                )
            elif "_discard" in request.POST:
                services.story_discard_wording(
                    story=obj, item=str(request.POST["_discard"]), editor=request.user
                )
                self.message_user(request, "Dropped the held wording; readers see what they saw.")
            else:
                if obj.pending_edits.exists():
                    self.message_user(
                        request,
                        "Saved. Some edits are held back: the cited sentences do not support "
                        "them. Readers see the earlier wording until you confirm each one.",
                        messages.WARNING,
                    )
                return super().response_change(request, obj)
        except (NutgrafError, PendingEdit.DoesNotExist) as error:
            text = (
                "That edit is no longer held."
                if isinstance(error, PendingEdit.DoesNotExist)
                else str(error)
            )
            self.message_user(request, text, messages.ERROR)
        return HttpResponseRedirect(request.path)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        """Every change to the story, newest first, each shown as a word diff against the
        version before it, with a button to restore it."""
        story = self.get_object(request, object_id)
        if story is None or not self.has_view_or_change_permission(request, story):
            raise PermissionDenied
        revisions = list(story.revisions.select_related("editor").order_by("created_at", "id"))
        entries = []
        previous: dict[str, Any] | None = None
        for revision in revisions:
            entries.append(
                {
                    "revision": revision,
                    "changes": diffs.changes(previous, revision.snapshot),
                    "when": local_when(revision.created_at),
                }
            )
            if revision.action != "held":
                previous = revision.snapshot
        entries.reverse()
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {story.headline}",
            "original": story,
            "entries": entries,
            "opts": self.model._meta,
            "can_restore": self.has_change_permission(request, story),
            "is_nav_sidebar_enabled": False,
            **(extra_context or {}),
        }
        return render(request, "desk/history.html", context)

    def restore_view(self, request: HttpRequest, story_id: int, revision_id: int) -> HttpResponse:
        story = self.get_object(request, str(story_id))
        if story is None or not self.has_change_permission(request, story):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        revision = get_object_or_404(StoryRevision, pk=revision_id, story=story)
        services.story_restore(story=story, revision=revision, editor=request.user)
        self.message_user(
            request, f"Restored the version of {local_when(revision.created_at)}.", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:stories_story_change", args=[story.pk]))

    @admin.action(description="Publish the selected stories now", permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story in queryset:
            services.story_publish(story=story, editor=request.user)
        self.message_user(request, f"Published {len(queryset)} stories.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected stories", permissions=["change"])
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
