"""The plan of a brief's page: what it shows where, so that it says each thing once.

Shared by the CLI's renders and the site's story page, which read a brief in two shapes
(records and the JSON contract): both reduce it to sentence ids and ask `plan_page`.

    lede        the summary's sentences
    key points  each shows its first source; a point whose sentence the lede shows is left out
    sections    their sentences, less any shown above (a brief made before sections held only
                the rest of the story still reads once)
    FAQ         an answer whose sentences are all shown above is left out; "Who is involved?"
                shows fragments, not sentences, and always stays
    timeline    entries whose sentence is shown above are left out; when fewer than
                MIN_TIMELINE remain, the timeline is left out: one date is no timeline
    quotes      a pull quote from a sentence shown above is left out

Citation marks are numbered by sentence, in order of first appearance on the page: one
number per sentence, the same wherever that sentence is cited.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MIN_TIMELINE = 2


@dataclass(frozen=True, slots=True)
class PagePlan:
    """Indexes of the items to show, and the citation number of each cited sentence."""

    key_points: tuple[int, ...]
    sections: tuple[tuple[int, ...], ...]  # per section (same order), the sentence ids to show
    faq: tuple[int, ...]
    timeline: tuple[int, ...]
    quotes: tuple[int, ...]
    numbers: dict[int, int] = field(default_factory=dict)

    def number(self, sentence_id: int) -> int:
        return self.numbers[sentence_id]


def plan_page(
    *,
    summary: Sequence[int],
    key_points: Sequence[Sequence[int]],
    sections: Sequence[Sequence[int]],
    faq: Sequence[Sequence[int]],
    timeline: Sequence[Sequence[int]],
    quotes: Sequence[Sequence[int]] = (),
    fragments: Iterable[int] = (),
    lede_marked: bool = True,
    own_words: Iterable[int] = (),
) -> PagePlan:
    """Plan a page from the sentence ids of each item (an item's own sentence first).

    `fragments`: indexes of FAQ items whose answer quotes only fragments of sentences ("Who
    is involved?"); they stay whatever else is shown. `lede_marked`: the lede carries
    citation marks, so its sentences are numbered first. `own_words`: indexes of key points
    in a newsroom's own wording (the site's confirmed edits): they say something their
    sentences do not, so they are shown whatever else is.
    """
    shown: set[int] = set(summary)
    numbers: dict[int, int] = {}

    def cite(ids: Iterable[int]) -> None:
        for i in ids:
            numbers.setdefault(i, len(numbers) + 1)

    if lede_marked:
        cite(summary)
    points = []
    reworded = set(own_words)
    for index, sources in enumerate(key_points):
        if index not in reworded and (not sources or sources[0] in shown):
            continue
        points.append(index)
        shown.update(sources[:1])
        cite(sources)
    parts = []
    for ids in sections:
        kept = tuple(i for i in ids if i not in shown)
        shown.update(kept)
        parts.append(kept)
    kept_faq = []
    fragment_items = set(fragments)
    for index, sources in enumerate(faq):
        if index in fragment_items:
            kept_faq.append(index)
            cite(sources)
            continue
        new = [i for i in sources if i not in shown]
        if not new:
            continue
        kept_faq.append(index)
        shown.update(sources)
        cite(sources)
    dated = [index for index, sources in enumerate(timeline) if sources and sources[0] not in shown]
    if len(dated) < MIN_TIMELINE:
        dated = []
    for index in dated:
        shown.add(timeline[index][0])
        cite(timeline[index])
    pulled = [index for index, ids in enumerate(quotes) if ids and not set(ids) & shown]
    return PagePlan(
        key_points=tuple(points),
        sections=tuple(parts),
        faq=tuple(kept_faq),
        timeline=tuple(dated),
        quotes=tuple(pulled),
        numbers=numbers,
    )
