"""A process that ingests article after article until it is killed (tests/web/test_hardening_crash.py).

    python -m tests.web.ingest_worker COMPOSED.json START

Reads one composed article (the brief the engine made and its sanitised source), then stores
variants of it through the site's ingest service with the production settings the environment
names (DATABASE_URL). Prints "ready" once Django is up, and one line per stored story.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nutgraf.web.settings.base")
    import django

    django.setup()
    from nutgraf.web.stories import composition, services

    data = json.loads(open(sys.argv[1], encoding="utf-8").read())  # noqa: SIM115
    start = int(sys.argv[2])
    print("ready", flush=True)
    n = start
    while True:
        brief = dict(data["brief"], title=f"{data['brief']['title']} ({n})")
        content = data["content"].encode() + f"<!-- variant {n} -->".encode()
        composed = composition.Composed(
            brief=brief,
            location=f"crash-{n}.html",
            content=content,
            media_type="text/html",
            url=None,
        )
        story = services.story_ingest_composed(composed=composed)
        print(f"stored {story.pk}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
