"""What one brief may cost: the longest text the engine reads, and an optional time budget.

MAX_TEXT_CHARS is 150,000 characters of extracted text: about 25,000 words, room for the
longest feature a newsroom publishes (10,000-15,000 words) and little more. Past it the cost
grows faster than the text: on this project's 2-core machine 50,000 characters took 3.4 s,
150,000 took 8.8 s and 215,000 took 17.8 s (redundancy grouping compares sentences with each
other), and a megabyte took about ten minutes. spaCy refuses more than 1,000,000 characters
outright. The check runs on the extracted text, right after extraction (pipeline.py), so the
CLI, the site and the API refuse the same articles with the same sentence.

A time budget (Options.time_budget, seconds) is checked between stages: a brief that has used
its budget stops before the next stage with TimeBudgetError. A stage is never interrupted, so
a brief may overrun its budget by at most one stage; with the character limit above no stage
takes more than a few seconds. The CLI sets no budget; the site's API does.
"""

from __future__ import annotations

from nutgraf.engine.errors import TextTooLongError, TimeBudgetError

MAX_TEXT_CHARS = 150_000


def check_text_length(text: str) -> None:
    """Raise TextTooLongError when `text` is longer than the engine reads."""
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLongError(
            f"The article's text is {len(text):,} characters long; nutgraf reads at most "
            f"{MAX_TEXT_CHARS:,} characters."
        )


def check_time_left(*, deadline: float, now: float, budget: float, after: str) -> None:
    """Raise TimeBudgetError when `now` is past `deadline` (monotonic seconds)."""
    if now > deadline:
        raise TimeBudgetError(
            f"The brief took longer than its budget of {budget:g} seconds and was stopped "
            f"after the {after} stage; try a shorter text."
        )
