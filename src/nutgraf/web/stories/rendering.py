"""Render on write: a story's <article> and its JSON-LD, made when the story changes.

A story page used to decode the brief and walk it in templates on every request (citation
marks, sections, FAQ, timeline, mentions, tags): about half of its cost. Those parts depend
only on the story, so services render them once (`story_render` in services.py) and the page
inserts the stored HTML; related articles, comments and the preview notice stay live.

Contract:
- `article_html` is exactly what stories/_article.html renders for the story;
- `ld_json` holds the page's JSON-LD <script> elements with the site's base URL left as
  BASE_MARK, filled in per request by `story_ld()` (the base comes from the request's host
  when NUTGRAF_SITE_URL is unset). ld_json() escapes every "<", so the brief's own text can
  never contain the mark;
- `rendered_key` is render_key(): a hash of the template, of the code that renders, of the
  settings it reads and of the story's `modified_at`. A stored rendering with another key is
  stale (a new template deployed, another site name, a save that bypassed the services) and
  the story page renders it again and stores it.
Renames of categories, tags and entities clear the key of the stories that show them
(stories/apps.py connects `stale_on_rename`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from nutgraf.web.stories import briefs, presentation, structured
from nutgraf.web.stories.models import Category, Entity, Story, Tag
from nutgraf.web.stories.pagecache import pages_invalidate

ARTICLE_TEMPLATE = "stories/_article.html"
BASE_MARK = "<base>"
_CODE = (*(Path(m.__file__ or "") for m in (briefs, presentation, structured)), Path(__file__))


@lru_cache(maxsize=8)
def _key(site_name: str, time_zone: str) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(get_template(ARTICLE_TEMPLATE).template.source.encode())
    for path in _CODE:
        digest.update(path.read_bytes())
    digest.update(f"{site_name}\0{time_zone}".encode())
    return digest.hexdigest()


def render_key(*, story: Story) -> str:
    """The key a rendering of `story` as it stands, made by this code, is stored under.

    It folds in `modified_at`, which every save() moves: a story saved by anything but the
    services (a shell, a test, a future admin action) shows its live rendering, never a stale one.
    """
    stamp = story.modified_at.isoformat() if story.modified_at else ""
    code = _key(settings.SITE_NAME, settings.TIME_ZONE)
    return hashlib.sha1(f"{code}\0{stamp}".encode(), usedforsecurity=False).hexdigest()


@dataclass(frozen=True, slots=True)
class Rendered:
    article_html: str
    ld_json: str
    key: str


def story_rendered(*, story: Story) -> Rendered:
    """Render `story` (loaded with tags and entity_list, see selectors.story_for_render)."""
    page = presentation.story_page(story=story)
    article = get_template(ARTICLE_TEMPLATE).render({"story": story, "page": page})
    # A random stand-in for the base URL, swapped for BASE_MARK after escaping: no text of the
    # brief can collide with it, and none can contain BASE_MARK's "<" afterwards.
    stand_in = "https://" + secrets.token_hex(16) + ".invalid"
    url = stand_in + story.get_absolute_url()
    category_url = stand_in + story.category.get_absolute_url()
    items = [
        structured.news_article(
            story=story,
            page=page,
            url=url,
            site_name=settings.SITE_NAME,
            site_url=stand_in + "/",
            # Unhashed static paths: rendering runs in workers too, where the static files'
            # manifest (collectstatic) may not exist; whitenoise serves these names as well.
            logo_url=stand_in + settings.STATIC_URL + structured.LOGO[0],
            card_url=stand_in + settings.STATIC_URL + structured.CARD[0],
            image_url=_absolute(story.lead_image_url, stand_in),
        ),
        structured.breadcrumbs(
            items=[
                ("Home", stand_in + "/"),
                (story.category.name, category_url),
                (story.headline, url),
            ]
        ),
    ]
    faq = structured.faq_page(page=page, url=url)
    if faq is not None:
        items.append(faq)
    ld = "".join(
        f'\n<script type="application/ld+json">{structured.ld_json(item)}</script>'
        for item in items
    ).replace(stand_in, BASE_MARK)
    return Rendered(article_html=article, ld_json=ld, key=render_key(story=story))


def _absolute(url: str, base: str) -> str:
    return base + url if url.startswith("/") else url


def story_is_current(*, story: Story) -> bool:
    return story.rendered_key == render_key(story=story)


#: Where the story's live coverage line goes: under the headline, before the picture and the
#: summary (stories/_article.html), so a reader sees "covered by 5 outlets" near the top.
COVERAGE_MARK = "<!--coverage-line-->"


def story_article(*, story: Story) -> SafeString:
    return mark_safe(story.article_html)  # noqa: S308 - rendered by our template, escaped there


def story_article_parts(*, story: Story) -> tuple[SafeString, SafeString]:
    """The stored article cut where the coverage line goes: (head, rest)."""
    head, _, rest = story.article_html.partition(COVERAGE_MARK)
    return mark_safe(head), mark_safe(rest)  # noqa: S308 - rendered by our template


def story_ld(*, story: Story, base: str) -> SafeString:
    """The JSON-LD <script> elements with `base` (no trailing slash) as the site's URL."""
    escaped = structured.ld_json(base)[1:-1]
    return mark_safe(story.ld_json.replace(BASE_MARK, escaped))  # noqa: S308 - escaped JSON


def stale_on_rename(sender: type, instance: object, **kwargs: object) -> None:
    """Signal receiver: a category, tag or entity changed or goes, so the stored articles
    that show it are stale (the next page view renders them again)."""
    stories = Story.objects.all()
    if isinstance(instance, Category):
        stories = stories.filter(category=instance)
    elif isinstance(instance, Tag):
        stories = stories.filter(tags=instance)
    elif isinstance(instance, Entity):
        stories = stories.filter(entity_links__entity=instance)
    else:
        return
    Story.objects.filter(pk__in=list(stories.values_list("pk", flat=True))).update(rendered_key="")
    pages_invalidate()
