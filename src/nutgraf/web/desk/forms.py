"""The desk's forms: ingest (URL, upload or paste) and the brief editor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.dateparse import parse_date, parse_datetime

from nutgraf.web.stories import briefs, images
from nutgraf.web.stories.models import PendingEdit, Story

MAX_POINTS = 9  # the engine writes at most 7; two blanks let an editor add a point
MAX_FAQ = 8
MAX_UPLOAD = 5 * 1024 * 1024


class IngestForm(forms.Form):
    url = forms.URLField(
        required=False,
        label="Article URL",
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://example.org/news/story"}),
    )
    upload = forms.FileField(
        required=False,
        label="Or upload an HTML or text file",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".html,.htm,.txt,.md,text/html,text/plain"}
        ),
    )
    text = forms.CharField(
        required=False,
        label="Or paste the article text",
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
    )

    byline = forms.CharField(
        required=False,
        max_length=300,
        label="Byline of the original report",
        help_text="Who wrote it, as the outlet credits them.",
    )
    outlet = forms.CharField(required=False, max_length=200, label="Outlet")
    published = forms.DateTimeField(
        required=False,
        label="Published on",
        help_text="When the outlet published it (YYYY-MM-DD, or with a time).",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    original_url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="Original URL",
        help_text="Where readers can find the original report.",
    )

    SOURCE_FIELDS = ("byline", "outlet", "published", "original_url")

    def source(self) -> dict[str, str]:
        """What the editor said about where pasted or uploaded text came from."""
        data = self.cleaned_data
        published = data.get("published")
        return {
            "author": data.get("byline", ""),
            "site_name": data.get("outlet", ""),
            "published": published.isoformat() if published else "",
            "url": data.get("original_url", ""),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        given = [k for k in ("url", "upload", "text") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError("Give exactly one of: a URL, a file, or pasted text.")
        upload = data.get("upload")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError("That file is larger than 5 MB.")
        return data


def rows_for(text: str, *, width: int = 80, least: int = 2, most: int = 14) -> int:
    """Rows a textarea needs to show `text` whole at about `width` characters a line."""
    lines = sum(max(1, -(-len(line) // width)) for line in (text or "").splitlines() or [""])
    return max(least, min(most, lines + 1))


def parse_ids(raw: str) -> list[int]:
    """Sentence ids as an editor types them: "3, 7 12" -> [3, 7, 12] (order kept, once each)."""
    parts = raw.replace(",", " ").split()
    if not all(p.isdigit() for p in parts):
        raise forms.ValidationError("Give sentence numbers separated by commas, like 3, 7.")
    return list(dict.fromkeys(int(p) for p in parts))


class CitedField(forms.CharField):
    """A text item of the brief, with what the editor sees beside it (desk change_form.html):
    the edit held back for confirmation, if any; the wording readers see; whether that is the
    newsroom's own; and the sentences it cites."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held: PendingEdit | None = None
        self.live = ""
        self.newsroom = False
        self.cites: list[briefs.Citation] = []


class StoryForm(forms.ModelForm):
    """Story columns an editor sets directly, plus the brief's editable text.

    Point and FAQ fields line up with the brief's items: point_3 edits key point 3 and keeps
    its citations, or takes those in point_sources_3. A blank field removes its item. A field
    whose edit is held (edits.py) shows the held wording, so saving again keeps it held.
    """

    headline = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"size": 90}))
    summary = CitedField(widget=forms.Textarea(attrs={"rows": 4, "cols": 90}))
    description = forms.CharField(
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"size": 90}),
        help_text="For search results and link previews; at most 160 characters is best.",
    )
    tag_names = forms.CharField(
        required=False,
        label="Tags",
        help_text="Comma-separated.",
        widget=forms.TextInput(attrs={"size": 90}),
    )
    image_url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="Image URL",
        help_text="An image elsewhere; an uploaded image takes its place.",
        widget=forms.URLInput(attrs={"size": 90}),
    )
    image_upload = forms.FileField(
        required=False,
        label="Upload an image",
        help_text="JPEG, PNG or WebP, up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_remove = forms.BooleanField(required=False, label="Remove the uploaded image")
    image_alt = forms.CharField(
        required=False,
        max_length=300,
        label="Alt text",
        help_text="What the image shows, for readers who cannot see it.",
    )
    image_caption = forms.CharField(required=False, max_length=300, label="Caption")
    image_credit = forms.CharField(
        required=False, max_length=200, label="Credit", help_text="Photographer or agency."
    )
    source_author = forms.CharField(required=False, max_length=300, label="Byline")
    source_site = forms.CharField(required=False, max_length=200, label="Outlet")
    source_published = forms.CharField(
        required=False,
        max_length=40,
        label="Published on",
        help_text="As ISO 8601: 2025-12-03 or 2025-12-03T07:00:00+00:00.",
    )
    source_url = forms.URLField(
        required=False, max_length=2000, assume_scheme="https", label="Original URL"
    )

    class Meta:
        model = Story
        fields = ["category", "featured", "published_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        story: Story = self.instance
        brief = story.brief if story.pk else {}
        self.sentences = briefs.sentence_map(brief)
        pending = {p.item: p for p in story.pending_edits.all()} if story.pk else {}
        self.pending = pending
        points = brief.get("key_points", [])
        faq = brief.get("faq", [])
        if story.pk:
            source = briefs.source_info(brief)
            for name, value in (
                ("headline", story.headline),
                ("summary", pending["summary"].text if "summary" in pending else story.summary),
                ("description", story.description),
                ("image_url", story.image_url),
                ("image_alt", story.image_alt),
                ("image_caption", story.image_caption),
                ("image_credit", story.image_credit),
                ("tag_names", ", ".join(t.name for t in story.tags.all())),
                ("source_author", source["author"]),
                ("source_site", source["site_name"]),
                ("source_published", source["published"]),
                ("source_url", source["url"]),
            ):
                self.initial.setdefault(name, value)
        summary = self.cited("summary")
        summary.widget.attrs["rows"] = rows_for(self.initial.get("summary", ""))
        summary.held = pending.get("summary")
        summary.cites = briefs.citations(self.sentences, brief.get("summary_sources", ()))
        _name_the_date_and_time_inputs(self.fields.get("published_at"))
        for i in range(MAX_POINTS):
            point = points[i] if i < len(points) else {}
            held = pending.get(f"key_points.{i}") or pending.get(f"key_points.new.{i}")
            text = held.text if held else point.get("text", "")
            ids = list(held.sources) if held else list(point.get("sources", ()))
            field = CitedField(
                required=False,
                label=f"Key point {i + 1}",
                widget=forms.Textarea(attrs={"rows": rows_for(text), "cols": 90}),
            )
            field.held = held
            field.live = point.get("text", "")
            field.newsroom = point.get("wording") == "newsroom"
            field.cites = briefs.citations(self.sentences, ids)
            self.fields[f"point_{i}"] = field
            self.fields[f"point_sources_{i}"] = forms.CharField(
                required=False,
                label=f"Key point {i + 1} cites sentences",
                widget=forms.TextInput(
                    attrs={"class": "desk-cites-input", "data-point": str(i), "size": 20}
                ),
            )
            self.initial.setdefault(f"point_{i}", text)
            self.initial.setdefault(f"point_sources_{i}", ", ".join(str(n) for n in ids))
        for i in range(MAX_FAQ):
            item = faq[i] if i < len(faq) else {}
            held = pending.get(f"faq.{i}") or pending.get(f"faq.new.{i}")
            answer = held.text if held else item.get("answer", "")
            self.fields[f"faq_q_{i}"] = forms.CharField(
                required=False,
                label=f"Question {i + 1}",
                widget=forms.TextInput(attrs={"size": 90}),
            )
            field = CitedField(
                required=False,
                label=f"Answer {i + 1}",
                widget=forms.Textarea(attrs={"rows": rows_for(answer), "cols": 90}),
            )
            field.held = held
            field.live = item.get("answer", "")
            field.newsroom = item.get("wording") == "newsroom"
            field.cites = briefs.citations(self.sentences, item.get("sources", ()))
            self.fields[f"faq_a_{i}"] = field
            question = (held.question if held else "") or item.get("question", "")
            self.initial.setdefault(f"faq_q_{i}", question)
            self.initial.setdefault(f"faq_a_{i}", answer)

    def clean_published_at(self) -> Any:
        """The inputs show whole seconds: the same time sent back is no change."""
        value = self.cleaned_data.get("published_at")
        stored = self.instance.published_at if self.instance.pk else None
        if value and stored and value == stored.replace(microsecond=0):
            return stored
        return value

    def cited(self, name: str) -> CitedField:
        field = self.fields[name]
        assert isinstance(field, CitedField)  # summary, point_* and faq_a_* are made so
        return field

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for i in range(MAX_POINTS):
            if self.add_prefix(f"point_sources_{i}") not in self.data:
                data[f"point_sources_{i}"] = None  # not sent: the point keeps its citations
                continue
            raw = data.get(f"point_sources_{i}", "") or ""
            try:
                ids = parse_ids(raw)
            except forms.ValidationError as error:
                self.add_error(f"point_sources_{i}", error)
                continue
            unknown = [n for n in ids if n not in self.sentences]
            if unknown:
                self.add_error(
                    f"point_sources_{i}",
                    f"The source has no sentence {', '.join(map(str, unknown))}.",
                )
            data[f"point_sources_{i}"] = ids
        upload = data.get("image_upload")
        if upload is not None and upload.size > MAX_UPLOAD:
            self.add_error("image_upload", "That image is larger than 5 MB.")
        elif upload is not None:
            try:
                images.image_prepare(content=upload.read())
            except images.ImageRefusedError as refused:
                self.add_error("image_upload", str(refused))
            upload.seek(0)
        published = (data.get("source_published") or "").strip()
        if published and not (parse_datetime(published) or parse_date(published)):
            self.add_error("source_published", "Write it as 2025-12-03 or 2025-12-03T07:00.")
        return data

    def key_points(self) -> list[str]:
        return [self.cleaned_data.get(f"point_{i}", "") for i in range(MAX_POINTS)]

    def point_sources(self) -> list[list[int] | None]:
        return [self.cleaned_data.get(f"point_sources_{i}") for i in range(MAX_POINTS)]

    def faq(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data.get(f"faq_q_{i}", ""), self.cleaned_data.get(f"faq_a_{i}", ""))
            for i in range(MAX_FAQ)
        ]

    def tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tag_names", "").split(",") if t.strip()]

    def source(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "author": data.get("source_author", ""),
            "site_name": data.get("source_site", ""),
            "published": data.get("source_published", ""),
            "url": data.get("source_url", ""),
        }

    def points_for_editor(self) -> list[dict[str, Any]]:
        """Each key point slot's bound fields and what it cites, for the editor's template."""
        return [
            {
                "n": i,
                "text": self[f"point_{i}"],
                "sources": self[f"point_sources_{i}"],
                "field": self.fields[f"point_{i}"],
            }
            for i in range(MAX_POINTS)
        ]

    def faq_for_editor(self) -> list[dict[str, Any]]:
        return [
            {
                "n": i,
                "question": self[f"faq_q_{i}"],
                "answer": self[f"faq_a_{i}"],
                "field": self.fields[f"faq_a_{i}"],
            }
            for i in range(MAX_FAQ)
        ]


POINT_FIELDS = tuple(f"point_{i}" for i in range(MAX_POINTS))
FAQ_FIELDS = tuple(f for i in range(MAX_FAQ) for f in (f"faq_q_{i}", f"faq_a_{i}"))


def _name_the_date_and_time_inputs(field: forms.Field | None) -> None:
    """The desk shows a date-time as two inputs under one label (Django's split widget);
    give each its own accessible name, so a screen reader says which is which."""
    if field is None:
        return
    parts: Sequence[forms.Widget] = getattr(field.widget, "widgets", ())
    if len(parts) == 2:
        parts[0].attrs["aria-label"] = f"{field.label} (date)"
        parts[1].attrs["aria-label"] = f"{field.label} (time)"
