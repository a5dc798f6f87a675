"""The timeline: dated events found in the text, oldest first, one entry per fact.

An event's date keeps the precision the text gave it: "in 2019" is "2019", "last March" is
"2025-03", "on Monday" is a day. ISO 8601 strings of either length sort correctly together.
"""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.engine.compose.wording import display_text
from nutgraf.engine.dates import precision_date
from nutgraf.engine.records import DateMention, Redundancy, Sentence, TimelineEvent

MAX_EVENTS = 12


def compose_timeline(
    sentences: Sequence[Sentence], dates: Sequence[DateMention], redundancy: Redundancy
) -> tuple[TimelineEvent, ...]:
    """Events whose date resolved to a day, month or year; filler and restatements left out."""
    restated = set(redundancy.redundant_ids) | set(redundancy.filler_ids)
    events: dict[int, TimelineEvent] = {}
    for mention in dates:
        if mention.value is None or mention.kind == "duration":
            continue
        sentence_id = mention.sentence_id
        if sentence_id in restated or sentence_id in events:
            continue
        events[sentence_id] = TimelineEvent(
            date=precision_date(mention) or mention.value,
            date_text=mention.text,
            text=display_text(sentences[sentence_id].text),
            sources=(sentence_id,),
        )
    ordered = sorted(events.values(), key=lambda event: (event.date, event.sources))
    return tuple(ordered[:MAX_EVENTS])
