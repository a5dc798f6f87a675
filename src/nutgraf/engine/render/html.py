"""A brief as one self-contained HTML page, shaped like a news explainer.

Citation marks are <details> elements: activating one reveals the cited sentence in place,
with a link to it in the "Source text" part of the page, where CSS :target highlights it.
No JavaScript; the page is the template `templates/brief.html` (autoescaped: everything from
the source is escaped). This module gathers what the page shows, in the order it shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from importlib.resources import files

from markupsafe import Markup

from nutgraf.engine.records import Brief, Sentence
from nutgraf.engine.render.jinja import render_template
from nutgraf.engine.render.page import PagePlan, plan_page


def plan_brief(brief: Brief, *, lede_marked: bool = True) -> PagePlan:
    """The page plan of a brief (what to show once, and the citation numbers)."""
    return plan_page(
        summary=brief.summary_sources,
        key_points=[p.sources for p in brief.key_points],
        sections=[s.sources for s in brief.sections],
        faq=[f.sources for f in brief.faq],
        timeline=[e.sources for e in brief.timeline],
        fragments=[i for i, f in enumerate(brief.faq) if f.question == "Who is involved?"],
        lede_marked=lede_marked,
    )


def readable_date(value: str | None) -> str | None:
    """ "2026-11-23T09:30:00+01:00" -> "23 November 2026"; anything unparseable as given."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment.day} {moment:%B %Y}"


def paragraphs(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    """Sentences grouped as the paragraphs they came in, in order."""
    grouped: dict[int, list[Sentence]] = {}
    for s in sentences:
        grouped.setdefault(s.paragraph, []).append(s)
    return list(grouped.values())


def render_html(brief: Brief) -> str:
    """The brief as one page that says each thing once (page.plan_page)."""
    plan = plan_brief(brief)
    by_id = {s.id: s for s in brief.sentences}
    byline = [
        part
        for part in (
            brief.source.author,
            brief.source.site_name,
            readable_date(brief.source.published),
        )
        if part
    ]
    sections = [
        (section.heading, paragraphs([by_id[i] for i in shown if i in by_id]))
        for section, shown in zip(brief.sections, plan.sections, strict=True)
        if shown
    ]
    css = files("nutgraf.engine.render").joinpath("brief.css").read_text(encoding="utf-8")
    return render_template(
        "brief.html",
        brief=brief,
        plan=plan,
        text_of={s.id: s.text for s in brief.sentences},
        css=Markup(css),  # noqa: S704 - the engine's own style sheet, shipped beside this module
        byline=byline,
        points=[brief.key_points[i] for i in plan.key_points],
        sections=sections,
        faq=[brief.faq[i] for i in plan.faq],
        timeline=[brief.timeline[i] for i in plan.timeline],
        stats=brief.stats,
        source=paragraphs(brief.sentences),
    )
