"""A brief as one self-contained HTML page, shaped like a news explainer.

Citation marks are <details> elements: activating one reveals the cited sentence in place,
with a link to it in the "Source text" part of the page, where CSS :target highlights it.
No JavaScript; everything from the source is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from importlib.resources import files

from nutgraf.engine.records import Brief, Sentence
from nutgraf.engine.render.page import PagePlan, plan_page


def _cite(ids: Sequence[int], text_of: dict[int, str], plan: PagePlan) -> str:
    """One mark per cited sentence, numbered by sentence across the page (page.plan_page)."""
    marks = []
    for sentence_id in ids:
        number = plan.number(sentence_id)
        sentence = escape(text_of.get(sentence_id, ""))
        marks.append(
            f'<details class="cite"><summary aria-label="Show source sentence {number}">'
            f'[{number}]</summary><span class="cited">“{sentence}” '
            f'<a href="#s{sentence_id}">in the source text</a></span></details>'
        )
    return "".join(marks)


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


def _source_text(sentences: Sequence[Sentence], *, anchors: bool = True) -> str:
    """Sentences as the paragraphs they came in; with `anchors`, each is a link target."""
    paragraphs: dict[int, list[str]] = {}
    for s in sentences:
        text = f'<span id="s{s.id}">{escape(s.text)}</span>' if anchors else escape(s.text)
        paragraphs.setdefault(s.paragraph, []).append(text)
    return "\n".join(f"<p>{' '.join(parts)}</p>" for parts in paragraphs.values())


def readable_date(value: str | None) -> str | None:
    """ "2026-11-23T09:30:00+01:00" -> "23 November 2026"; anything unparseable as given."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment.day} {moment:%B %Y}"


def render_html(brief: Brief) -> str:
    """The brief as one page that says each thing once (page.plan_page)."""
    text_of = {s.id: s.text for s in brief.sentences}
    plan = plan_brief(brief)
    css = files("nutgraf.engine.render").joinpath("brief.css").read_text(encoding="utf-8")
    byline_parts = (
        brief.source.author,
        brief.source.site_name,
        readable_date(brief.source.published),
    )
    byline = " · ".join(escape(part) for part in byline_parts if part)
    out = [
        "<!doctype html>",
        f'<html lang="{escape(brief.source.language or "en")}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(brief.title)}</title>",
        f'<meta name="description" content="{escape(brief.description)}">',
        f"<style>{css}</style></head>",
        "<body><main>",
        f'<p class="category">{escape(brief.category)}</p>',
        f"<h1>{escape(brief.title)}</h1>",
    ]
    if byline:
        out.append(f'<p class="byline">{byline}</p>')
    # A <details> mark cannot sit inside a <p>: the parser would close the paragraph first.
    out.append(
        f'<div class="summary">{escape(brief.summary)}'
        f"{_cite(brief.summary_sources, text_of, plan)}</div>"
    )
    points = [brief.key_points[i] for i in plan.key_points]
    if points:
        out.append('<section class="key-points"><h2>Key Points</h2><ul>')
        out += [f"<li>{escape(p.text)}{_cite(p.sources, text_of, plan)}</li>" for p in points]
        out.append("</ul></section>")
    by_id = {s.id: s for s in brief.sentences}
    for section, shown in zip(brief.sections, plan.sections, strict=True):
        if shown:
            body = _source_text([by_id[i] for i in shown if i in by_id], anchors=False)
            out.append(f"<section><h2>{escape(section.heading)}</h2>{body}</section>")
    if plan.faq:
        out.append('<section class="faq"><h2>Frequently Asked Questions</h2><dl>')
        for item in (brief.faq[i] for i in plan.faq):
            out.append(
                f"<dt>{escape(item.question)}</dt>"
                f"<dd>{escape(item.answer)}{_cite(item.sources, text_of, plan)}</dd>"
            )
        out.append("</dl></section>")
    if plan.timeline:
        out.append('<section class="timeline"><h2>Timeline</h2><ol>')
        out += [
            f'<li><time datetime="{escape(e.date)}">{escape(e.date)}</time>'
            f"{escape(e.text)}{_cite(e.sources, text_of, plan)}</li>"
            for e in (brief.timeline[i] for i in plan.timeline)
        ]
        out.append("</ol></section>")
    stats = brief.stats
    out.append(
        f'<p class="stats">{stats.sentences} sentences · {stats.distinct_facts} distinct facts · '
        f"information density {stats.information_density:.2f} · "
        f"{stats.reading_time_minutes} min read</p>"
    )
    out.append('<section class="source-text"><h2>Source text</h2>')
    out.append(_source_text(brief.sentences))
    out.append("</section></main></body></html>")
    return "\n".join(out) + "\n"
