"""Template context every page gets: the site's name, its sections for the navigation, and the
content generation that template fragments are kept under (stories/caching.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nutgraf.web.stories import selectors
from nutgraf.web.stories.caching import content_generation


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "nav_categories": SimpleLazyObject(selectors.category_list),
        # Read by SharedPageMiddleware before the view ran; a POST's page reads it now.
        "generation": getattr(request, "content_generation", None) or content_generation(),
    }
