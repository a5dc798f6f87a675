"""A story brief, and an index of stories, as JSON, Markdown or one self-contained HTML page.

The HTML pages are Jinja2 templates (`engine/render/templates/story.html`, `stories.html`),
autoescaped like every page the engine writes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from nutgraf.engine.render.jinja import render_template
from nutgraf.engine.stories.records import Citation, StoryBrief

FORMATS = ("json", "markdown", "html")
SUFFIXES = {"json": "json", "markdown": "md", "html": "html"}


def describe_role(story: StoryBrief, index: int) -> str:
    article = story.articles[index]
    versions = (
        f" (also as {len(article.versions)} other page{'s' if len(article.versions) > 1 else ''}"
        " of the outlet: one article)"
        if article.versions
        else ""
    )
    if article.follows is None:
        return f"original reporting{versions}"
    source = story.articles[article.follows].outlet
    if article.role == "adds":
        return f"rewrite of {source}, adds {len(article.added)} fact(s){versions}"
    return f"rewrite of {source}{versions}"


def _marks(citations: Sequence[Citation], story: StoryBrief) -> str:
    return "".join(f"[{story.articles[c.article].outlet}]" for c in citations)


def render_story_markdown(story: StoryBrief) -> str:
    out = [f"# {story.title}", "", f"*{story.category} · {story.counts.text}*", "", story.summary]
    out += ["", "## Key points", ""]
    for point in story.key_points:
        mark = " **(single source)**" if point.single_source else ""
        out.append(
            f"- {point.text} — {point.independent} independent, {point.articles} article(s)"
            f"{mark} {_marks(point.citations, story)}"
        )
    if story.conflicts:
        out += ["", "## Outlets disagree", ""]
        for conflict in story.conflicts:
            sides = " | ".join(f"{c.outlet}: **{c.value}**" for c in conflict.claims)
            out.append(f"- {conflict.kind}: {sides}")
    if story.timeline:
        out += ["", "## Timeline", ""]
        out += [f"- **{e.date}** {e.text} {_marks(e.citations, story)}" for e in story.timeline]
    out += ["", "## Sources", ""]
    for article in story.articles:
        link = f"[{article.title}]({article.url})" if article.url else article.title
        out.append(
            f"{article.index + 1}. {article.outlet}, {article.published or 'undated'}: {link} — "
            f"{describe_role(story, article.index)}"
        )
        out += [f"   - adds: {c.text}" for c in article.added]
    return "\n".join(out) + "\n"


def render_story_html(story: StoryBrief) -> str:
    """The story as one page (the template `engine/render/templates/story.html`)."""
    roles = [describe_role(story, article.index) for article in story.articles]
    return render_template("story.html", story=story, roles=roles)


def render_story(story: StoryBrief, fmt: str) -> str:
    if fmt == "markdown":
        return render_story_markdown(story)
    if fmt == "html":
        return render_story_html(story)
    return json.dumps(story.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_index(stories: Sequence[tuple[str, StoryBrief]], fmt: str) -> str:
    """The story index: (file name, story) pairs, largest story first as given."""
    if fmt == "json":
        rows = [
            {
                "file": name,
                "title": s.title,
                "articles": s.counts.articles,
                "outlets": s.counts.outlets,
                "independent": s.counts.independent,
                "first_published": s.first_published,
                "last_published": s.last_published,
            }
            for name, s in stories
        ]
        return json.dumps({"nutgraf_story_index": 1, "stories": rows}, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["# Stories", ""]
        lines += [f"- [{s.title}]({name}) — {s.counts.text}" for name, s in stories]
        return "\n".join(lines) + "\n"
    return render_template("stories.html", stories=stories)
