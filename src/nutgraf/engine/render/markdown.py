"""A brief as Markdown: headings, lists and footnote-style citations [^n] to the sentences.

It says each thing once, as the HTML page does (page.plan_page); footnote n is the same
source sentence wherever it is cited.
"""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.engine.records import Brief
from nutgraf.engine.render.html import plan_brief
from nutgraf.engine.render.page import PagePlan


def _marks(ids: Sequence[int], plan: PagePlan) -> str:
    return "".join(f"[^{plan.number(i)}]" for i in ids)


def render_markdown(brief: Brief) -> str:
    lines: list[str] = [f"*{brief.category}*", "", f"# {brief.title}", ""]
    byline = ", ".join(
        part
        for part in (brief.source.author, brief.source.site_name, brief.source.published)
        if part
    )
    if byline:
        lines += [byline, ""]
    plan = plan_brief(brief)
    lines += [f"{brief.summary} {_marks(brief.summary_sources, plan)}".strip(), ""]
    if plan.key_points:
        lines += ["## Key Points", ""]
        lines += [
            f"- {point.text} {_marks(point.sources, plan)}"
            for point in (brief.key_points[i] for i in plan.key_points)
        ]
        lines.append("")
    text_of = {s.id: s.text for s in brief.sentences}
    paragraph_of = {s.id: s.paragraph for s in brief.sentences}
    for section, shown in zip(brief.sections, plan.sections, strict=True):
        if not shown:
            continue
        lines += [f"## {section.heading}", ""]
        paragraphs: dict[int, list[str]] = {}
        for i in shown:
            paragraphs.setdefault(paragraph_of[i], []).append(text_of[i])
        for sentences in paragraphs.values():
            lines += [" ".join(sentences), ""]
    if plan.faq:
        lines += ["## Frequently Asked Questions", ""]
        for item in (brief.faq[i] for i in plan.faq):
            lines += [f"**{item.question}**", "", f"{item.answer} {_marks(item.sources, plan)}", ""]
    if plan.timeline:
        lines += ["## Timeline", ""]
        lines += [
            f"- **{e.date}**: {e.text} {_marks(e.sources, plan)}"
            for e in (brief.timeline[i] for i in plan.timeline)
        ]
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
    cited = sorted(plan.numbers.items(), key=lambda item: item[1])
    lines += [f"[^{number}]: {text_of[i]}" for i, number in cited if i in text_of]
    return "\n".join(lines).rstrip() + "\n"
