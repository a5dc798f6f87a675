"""`nutgraf stories INPUT...`: many articles in, one merged brief per story out, plus an index.

INPUT may be article files (.html/.htm/.txt/.md), folders of them, or RSS/Atom feed files
(each entry is an article). Progress goes to stderr; the files go to --output (default: ./stories).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ARTICLE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".md", ".markdown"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})


def add_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "stories",
        help="group many articles into stories and write one merged brief per story",
        description=(
            "Group articles into stories (no number of stories needed), tell original reporting "
            "from rewrites, and write one merged brief per story plus an index."
        ),
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="article files, folders, or RSS/Atom feed files"
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("json", "markdown", "html"),
        default="json",
        help="output format (default: json, the story contract in docs/brief-json.md)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("stories"),
        help="folder to write the story briefs and index into (default: ./stories)",
    )
    parser.add_argument("--points", "-n", type=int, default=7, help="key points per story")
    parser.set_defaults(func=run_stories)


def _expand(inputs: list[str]) -> Iterator[Path]:
    from nutgraf.engine.errors import InputError

    for name in inputs:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES | FEED_SUFFIXES
            )
        elif path.is_file():
            yield path
        else:
            raise InputError(f"No such file or folder: {name}.")


def _progress(label: str, done: int, total: int, started: float) -> None:
    if sys.stderr.isatty() or done == total or done % max(1, total // 10) == 0:
        end = "\n" if done == total or not sys.stderr.isatty() else "\r"
        elapsed = time.monotonic() - started
        print(f"  {label}: {done}/{total} ({elapsed:.0f}s)", end=end, file=sys.stderr, flush=True)


def read_articles(inputs: list[str]) -> list[Any]:
    """Sources for every article named, with feed entries as their own sources."""
    from nutgraf.engine.errors import InputError
    from nutgraf.engine.feeds import looks_like_feed, parse_feed
    from nutgraf.engine.ingest import read_source
    from nutgraf.engine.records import Source

    found: list[tuple[Source, dict[str, str | None]]] = []
    for path in _expand(inputs):
        content = path.read_bytes()
        if path.suffix.lower() in FEED_SUFFIXES or looks_like_feed(content):
            for n, item in enumerate(parse_feed(content)):
                if not item.body.strip():
                    continue
                body = item.body if "<" in item.body else f"<p>{item.body}</p>"
                html = f"<html><head><title>{item.title}</title></head><body>{body}</body></html>"
                source = Source(
                    location=item.link or f"{path}#{n + 1}",
                    content=html.encode("utf-8"),
                    media_type="text/html",
                    url=item.link,
                    charset="utf-8",
                )
                found.append(
                    (
                        source,
                        {
                            "title": item.title,
                            "published": item.published,
                            "site_name": item.feed_title,
                        },
                    )
                )
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            found.append((read_source(str(path)), {}))
        else:
            raise InputError(f"{path} is neither an article (.html, .txt, .md) nor a feed.")
    return found


def run_stories(args: argparse.Namespace) -> int:
    from nutgraf.engine import NutgrafError, Options, brief_from_source
    from nutgraf.engine.stories.clustering import cluster_profiles
    from nutgraf.engine.stories.merge import merge_story
    from nutgraf.engine.stories.profiles import profile_text
    from nutgraf.engine.stories.render import SUFFIXES, render_index, render_story

    if args.points < 1:
        raise NutgrafError("--points must be at least 1.")
    sources = read_articles(args.inputs)
    if not sources:
        raise NutgrafError("No articles found in the inputs.")
    started = time.monotonic()
    briefs = []
    for n, (source, facts) in enumerate(sources, start=1):
        try:
            result = brief_from_source(source, Options(points=args.points))
        except NutgrafError as error:
            print(f"nutgraf: skipped {source.location}: {error}", file=sys.stderr)
            continue
        info = {k: v for k, v in facts.items() if v and k != "title"}
        if info:
            result = dataclasses.replace(result, source=dataclasses.replace(result.source, **info))
        if facts.get("title"):
            result = dataclasses.replace(result, title=str(facts["title"]))
        briefs.append(result)
        _progress("briefs", n, len(sources), started)
    profiles = [
        profile_text(
            " ".join(s.text for s in b.sentences), title=b.title, published=b.source.published
        )
        for b in briefs
    ]
    labels = cluster_profiles(profiles)
    groups: dict[int, list[Any]] = {}
    for label, b in zip(labels, briefs, strict=True):
        groups.setdefault(label, []).append(b)
    ordered = sorted(groups.values(), key=lambda members: -len(members))
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise NutgrafError(f"Cannot create {args.output}: {error.strerror}.") from error
    suffix = SUFFIXES[args.format]
    written = []
    started = time.monotonic()
    for n, members in enumerate(ordered, start=1):
        story = merge_story(members, points=args.points)
        name = f"story-{n:04d}.{suffix}"
        (args.output / name).write_text(render_story(story, args.format), encoding="utf-8")
        written.append((name, story))
        _progress("stories", n, len(ordered), started)
    (args.output / f"index.{suffix}").write_text(
        render_index(written, args.format), encoding="utf-8"
    )
    print(
        f"nutgraf: {len(briefs)} articles, {len(written)} stories, written to {args.output}",
        file=sys.stderr,
    )
    return 0
