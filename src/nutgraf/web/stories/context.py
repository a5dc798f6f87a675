"""Template context every page gets: the site's name and its sections for the navigation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nutgraf.web.stories import fragments, selectors


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "nav_categories": SimpleLazyObject(
            lambda: fragments.kept("nav_categories", selectors.category_list)
        ),
    }
