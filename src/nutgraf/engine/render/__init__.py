"""Renderers: a Brief as JSON, Markdown or one self-contained HTML page."""

from __future__ import annotations

import json

from nutgraf.engine.records import Brief
from nutgraf.engine.render.html import render_html
from nutgraf.engine.render.markdown import render_markdown

FORMATS = ("json", "markdown", "html")


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(brief: Brief, fmt: str) -> str:
    """`brief` in one of FORMATS."""
    if fmt == "markdown":
        return render_markdown(brief)
    if fmt == "html":
        return render_html(brief)
    return render_json(brief)


__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown"]
