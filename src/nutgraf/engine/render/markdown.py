"""A brief as Markdown: headings, lists and footnote-style citations [^n] to the sentences."""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.engine.records import Brief


def _marks(ids: Sequence[int]) -> str:
    return "".join(f"[^s{i}]" for i in ids)


def render_markdown(brief: Brief) -> str:
    lines: list[str] = [f"*{brief.category}*", "", f"# {brief.title}", ""]
    byline = ", ".join(
        part
        for part in (brief.source.author, brief.source.site_name, brief.source.published)
        if part
    )
    if byline:
        lines += [byline, ""]
    lines += [f"{brief.summary} {_marks(brief.summary_sources)}".strip(), ""]
    if brief.key_points:
        lines += ["## Key Points", ""]
        lines += [f"- {point.text} {_marks(point.sources)}" for point in brief.key_points]
        lines.append("")
    text_of = {s.id: s.text for s in brief.sentences}
    paragraph_of = {s.id: s.paragraph for s in brief.sentences}
    for section in brief.sections:
        lines += [f"## {section.heading}", ""]
        paragraphs: dict[int, list[str]] = {}
        for i in section.sources:
            paragraphs.setdefault(paragraph_of[i], []).append(text_of[i])
        for sentences in paragraphs.values():
            lines += [" ".join(sentences), ""]
    if brief.faq:
        lines += ["## Frequently Asked Questions", ""]
        for item in brief.faq:
            lines += [f"**{item.question}**", "", f"{item.answer} {_marks(item.sources)}", ""]
    if brief.timeline:
        lines += ["## Timeline", ""]
        lines += [f"- **{e.date}**: {e.text} {_marks(e.sources)}" for e in brief.timeline]
        lines.append("")
    stats = brief.stats
    lines += [
        "## About this brief",
        "",
        f"{stats.sentences} sentences, {stats.distinct_facts} distinct facts, "
        f"information density {stats.information_density:.2f}, "
        f"{stats.reading_time_minutes} min read.",
        "",
    ]
    cited = sorted(
        {i for p in brief.key_points for i in p.sources}
        | {i for f in brief.faq for i in f.sources}
        | {i for e in brief.timeline for i in e.sources}
        | set(brief.summary_sources)
    )
    lines += [f"[^s{i}]: {text_of[i]}" for i in cited if i in text_of]
    return "\n".join(lines).rstrip() + "\n"
