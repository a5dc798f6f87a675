"""The timeline: dated events found in the text, oldest first, one entry per fact.

An entry is an event: a body sentence (not a caption, dateline or byline) that states something
that happened or will happen on a day, month or year ("the council voted on Tuesday", "the
trial will resume on February 22"); a day named in the present tense is a timetable, and so an
event too ("the levy takes effect on 1 July 2025"). A sentence that merely contains a date word
is not an event: a month or year in a present-tense statement ("the bill contains the 2017 tax
cuts"), a question, a line of fewer than MIN_WORDS words, or a date that could not be resolved.

An event's date keeps the precision the text gave it: "in 2019" is "2019", "last March" is
"2025-03", "on Monday" is a day. ISO 8601 strings of either length sort correctly together.
"""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.engine.compose.wording import display_text
from nutgraf.engine.dates import precision_date
from nutgraf.engine.records import DateMention, Redundancy, Sentence, TimelineEvent
from nutgraf.engine.tense import sentence_tense

MAX_EVENTS = 12
MIN_WORDS = 5


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
        if not _is_event(sentences[sentence_id], mention):
            continue
        events[sentence_id] = TimelineEvent(
            date=precision_date(mention) or mention.value,
            date_text=mention.text,
            text=display_text(sentences[sentence_id].text),
            sources=(sentence_id,),
        )
    ordered = sorted(events.values(), key=lambda event: (event.date, event.sources))
    return tuple(ordered[:MAX_EVENTS])


def _is_event(sentence: Sentence, mention: DateMention) -> bool:
    """Whether the sentence tells of something done or to be done at the mention's date."""
    text = sentence.text
    if sentence.role != "body" or text.rstrip().endswith("?") or len(text.split()) < MIN_WORDS:
        return False
    start = text.find(mention.text)
    if start < 0:
        return False
    if mention.end is None:
        return True  # a day named in a present-tense line is a timetable: "takes effect on 1 July"
    return sentence_tense(text, start, start + len(mention.text)) != "present"
