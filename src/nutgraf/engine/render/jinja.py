"""The engine's one template language: Jinja2, with the templates shipped in the package.

Every page the engine writes as HTML (a brief, a story, the index of stories) is a template
in `engine/render/templates/`; Python gathers what a page shows (`plan_page` decides what
is said once) and the template lays it out. Autoescaping is on for every template: text
from an article can never become markup. Mark a value `Markup` only when the engine wrote
it (the page's own CSS).

The Django site keeps its own templates: the engine never imports Django, and the site's
pages have what only the site knows (accounts, comments, forms).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

_ENVIRONMENT = Environment(
    loader=PackageLoader("nutgraf.engine.render", "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a misspelt name fails loudly instead of printing nothing
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render_template(name: str, **context: Any) -> str:
    """The template `name` (in engine/render/templates) filled with `context`, escaped."""
    return _ENVIRONMENT.get_template(name).render(**context)
