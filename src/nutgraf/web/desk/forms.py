"""The desk's forms: ingest (URL, upload or paste) and the brief editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape

from nutgraf.web.stories import briefs
from nutgraf.web.stories.models import Story

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

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = [k for k in ("url", "upload", "text") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError("Give exactly one of: a URL, a file, or pasted text.")
        upload = data.get("upload")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError("That file is larger than 5 MB.")
        return data


def _cited(sentences: dict[int, str], ids: Any) -> str:
    found = briefs.citations(sentences, ids or ())
    if not found:
        return "Cites no source sentence."
    # Django admin renders help_text as safe HTML: the sentences are the source's, escaped.
    return escape("Cites " + " ".join(f"[{c.id}] {c.text}" for c in found))


class StoryForm(forms.ModelForm):
    """Story columns an editor sets directly, plus the brief's editable text.

    Point and FAQ fields line up with the brief's items: point_3 edits key point 3 and keeps
    its citations. A blank field removes its item.
    """

    headline = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"size": 90}))
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 90}))
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
        widget=forms.URLInput(attrs={"size": 90}),
    )

    class Meta:
        model = Story
        fields = ["category", "featured", "published_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        story: Story = self.instance
        brief = story.brief if story.pk else {}
        sentences = briefs.sentence_map(brief)
        points = brief.get("key_points", [])
        faq = brief.get("faq", [])
        if story.pk:
            self.initial.setdefault("headline", story.headline)
            self.initial.setdefault("summary", story.summary)
            self.initial.setdefault("description", story.description)
            self.initial.setdefault("image_url", story.image_url)
            self.initial.setdefault("tag_names", ", ".join(t.name for t in story.tags.all()))
        self.fields["summary"].help_text = _cited(sentences, brief.get("summary_sources"))
        _name_the_date_and_time_inputs(self.fields.get("published_at"))
        for i in range(MAX_POINTS):
            point = points[i] if i < len(points) else {}
            self.fields[f"point_{i}"] = forms.CharField(
                required=False,
                label=f"Key point {i + 1}",
                widget=forms.Textarea(attrs={"rows": 2, "cols": 90}),
                help_text=_cited(sentences, point.get("sources")) if point else "New point.",
            )
            self.initial.setdefault(f"point_{i}", point.get("text", ""))
        for i in range(MAX_FAQ):
            item = faq[i] if i < len(faq) else {}
            self.fields[f"faq_q_{i}"] = forms.CharField(
                required=False,
                label=f"Question {i + 1}",
                widget=forms.TextInput(attrs={"size": 90}),
            )
            self.fields[f"faq_a_{i}"] = forms.CharField(
                required=False,
                label=f"Answer {i + 1}",
                widget=forms.Textarea(attrs={"rows": 2, "cols": 90}),
                help_text=_cited(sentences, item.get("sources")) if item else "New answer.",
            )
            self.initial.setdefault(f"faq_q_{i}", item.get("question", ""))
            self.initial.setdefault(f"faq_a_{i}", item.get("answer", ""))

    def key_points(self) -> list[str]:
        return [self.cleaned_data.get(f"point_{i}", "") for i in range(MAX_POINTS)]

    def faq(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data.get(f"faq_q_{i}", ""), self.cleaned_data.get(f"faq_a_{i}", ""))
            for i in range(MAX_FAQ)
        ]

    def tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tag_names", "").split(",") if t.strip()]


POINT_FIELDS = tuple(f"point_{i}" for i in range(MAX_POINTS))
FAQ_FIELDS = tuple(f for i in range(MAX_FAQ) for f in (f"faq_q_{i}", f"faq_a_{i}"))


def _name_the_date_and_time_inputs(field: forms.Field | None) -> None:
    """The desk shows a date-time as two inputs under one label (Django's split widget);
    give each its own accessible name, so a screen reader says which is which."""
    parts = getattr(field.widget, "widgets", ()) if field is not None else ()
    if len(parts) == 2:
        parts[0].attrs["aria-label"] = f"{field.label} (date)"
        parts[1].attrs["aria-label"] = f"{field.label} (time)"
