from __future__ import annotations

import dataclasses

import pytest

from nutgraf.engine import Brief, brief_from_text
from tests.stories.corpus import EVENTS, Item


def brief_of(item: Item) -> Brief:
    result = brief_from_text(item.text, location=item.location)
    source = dataclasses.replace(result.source, published=item.published, site_name=item.outlet)
    return dataclasses.replace(result, source=source)


@pytest.fixture(scope="session")
def event_briefs() -> dict[str, list[Brief]]:
    return {name: [brief_of(item) for item in items] for name, items in EVENTS.items()}
