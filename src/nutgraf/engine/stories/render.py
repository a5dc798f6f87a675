"""A story brief, and an index of stories, as JSON, Markdown or one self-contained HTML page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

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


def _html_cites(citations: Sequence[Citation], story: StoryBrief) -> str:
    parts = []
    for c in citations:
        article = story.articles[c.article]
        label = escape(article.outlet)
        quoted = escape(c.text)
        link = f' <a href="{escape(article.url, quote=True)}">source</a>' if article.url else ""
        parts.append(
            f'<details class="cite"><summary>{label}</summary><span>“{quoted}”{link}</span>'
            "</details>"
        )
    return "".join(parts)


def render_story_html(story: StoryBrief) -> str:
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(story.title)}</title></head><body><main>",
        f"<h1>{escape(story.title)}</h1>",
        f'<p class="counts">{escape(story.counts.text)}</p>',
        f"<p>{escape(story.summary)}</p>",
        "<h2>Key points</h2><ul>",
    ]
    for point in story.key_points:
        mark = ' <strong class="single">single source</strong>' if point.single_source else ""
        out.append(
            f"<li>{escape(point.text)} <small>{point.independent} independent</small>{mark}"
            f"{_html_cites(point.citations, story)}</li>"
        )
    out.append("</ul>")
    if story.conflicts:
        out.append("<h2>Outlets disagree</h2>")
        for conflict in story.conflicts:
            cells = "".join(
                f"<td><strong>{escape(c.value)}</strong><br>{escape(c.outlet)}: "
                f"“{escape(c.citation.text)}”</td>"
                for c in conflict.claims
            )
            out.append(f"<table><caption>{escape(conflict.kind)}</caption><tr>{cells}</tr></table>")
    if story.timeline:
        out.append("<h2>Timeline</h2><ol>")
        out += [
            f"<li><time>{escape(e.date)}</time> {escape(e.text)}"
            f"{_html_cites(e.citations, story)}</li>"
            for e in story.timeline
        ]
        out.append("</ol>")
    out.append("<h2>Sources</h2><ol>")
    for article in story.articles:
        title = escape(article.title)
        if article.url:
            title = f'<a href="{escape(article.url, quote=True)}">{title}</a>'
        out.append(
            f"<li>{escape(article.outlet)}: {title} — "
            f"{escape(describe_role(story, article.index))}</li>"
        )
    out.append("</ol></main></body></html>")
    return "\n".join(out) + "\n"


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
    items = "".join(
        f'<li><a href="{escape(name, quote=True)}">{escape(s.title)}</a> '
        f"<small>{escape(s.counts.text)}</small></li>"
        for name, s in stories
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stories</title>'
        f"</head><body><main><h1>Stories</h1><ol>{items}</ol></main></body></html>\n"
    )
