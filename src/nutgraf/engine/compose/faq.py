"""Frequently asked questions, each answered only from the article's own sentences.

The questions are the ones a reader asks of any news story, each asked only when a sentence
answers it; fewer questions beat wrong answers:

    Who is involved?       people the text introduces with a role, in its own words
    Why did it happen?     a sentence that states a cause of the story's main event ("because",
                           "in protest at", "is about a plan to ..."); a sentence that only
                           follows it in time ("after", "amid") is no cause
    What did X say?        someone's words, when the quote finder attributed them to a named
                           person or organisation (Quote.speaker and Quote.entity_id)
    What happens next?     a factual sentence that states a future event ("will", "is due
                           to", "plans to"), not a hedge ("could", "may")

"What happened?" is not asked: the summary answers it. No answer repeats a sentence the
summary or the key points already show (`shown`), nor another answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nutgraf.engine.compose.ranking import RankedFact
from nutgraf.engine.compose.wording import display_text
from nutgraf.engine.records import Entity, FaqItem, Quote, Sentence
from nutgraf.engine.terms import sentence_terms

_HEDGED = re.compile(r"\b(?:could|may|might|possibly|perhaps)\b", re.IGNORECASE)

_CAUSE = re.compile(
    # "due to" but not "is due to start" (a schedule, not a cause)
    r"\b(?:because|(?<!is )(?<!are )(?<!was )(?<!were )due to|in a dispute over|"
    r"in protest (?:at|against|over)|in response to|as a result of|prompted by|"
    r"triggered by|caused by|over (?:a|an|the) (?:plan|decision|dispute|row|proposal)|"
    r"(?:is|are|was|were) (?:about|over) (?:a|an|the)|over (?:how|whether)|"
    r"cent(?:re|er)s on|cent(?:r|er)ed on|"  # the verb; "the city centre on Tuesday" is a place
    # "after", "amid" and "following" order events in time; they do not explain them
    r"in order to|aimed at|the reason)\b",
    re.IGNORECASE,
)
_NEXT = re.compile(
    r"\b(?:will|is (?:scheduled|expected|set|due) to|are (?:scheduled|expected|set|due) to|"
    # "plans to" as a verb ("the hospital plans to"), not the noun ("a plan to automate")
    r"(?<!\ba )(?<!\bthe )(?<!'s )(?<!\bits )(?<!\btheir )plans? to|"
    r"next (?:week|month|year)|is to|are to|would (?:appoint|decide|vote|meet))\b",
    re.IGNORECASE,
)
MAX_PEOPLE = 4
#: Characters allowed between a name and the role after it ("Halvorsen, the institute's ").
MAX_ROLE_GAP = 12
MAX_SPEAKERS = 2


def _item(question: str, ids: Sequence[int], sentences: Sequence[Sentence]) -> FaqItem:
    answer = " ".join(display_text(sentences[i].text) for i in ids)
    return FaqItem(question=question, answer=answer, sources=tuple(ids))


def _used(sentence_id: int, items: Sequence[FaqItem]) -> bool:
    return any(sentence_id in item.sources for item in items)


def _as_named(entity: Entity) -> str:
    """ "the World Health Organization" where the text says so; people never get "the"."""
    if entity.kind != "person" and any(m.lower().startswith("the ") for m in entity.mentions):
        return f"the {entity.name}"
    return entity.name


def _who(entities: Sequence[Entity], sentences: Sequence[Sentence]) -> FaqItem | None:
    """ "Who is involved?": each person with the role the text gives, in the text's own words
    ("Head coach Saoirse Flanagan", "Ingrid Halvorsen, the institute's director")."""
    people = [e for e in entities if e.kind == "person" and e.roles][:MAX_PEOPLE]
    if not people:
        return None
    parts, ids = [], []
    for person in people:
        role = person.roles[0]
        source = next(
            (i for i in person.sentence_ids if role in sentences[i].text), person.sentence_ids[0]
        )
        intro = _introduction(person.name, role, sentences[source].text)
        parts.append(f"{intro[:1].upper()}{intro[1:]}.")
        if source not in ids:
            ids.append(source)
    return FaqItem("Who is involved?", " ".join(parts), tuple(ids))


def _introduction(name: str, role: str, text: str) -> str:
    """The words of `text` that name the person with the role: "Union leader Ingrid Solberg"
    or "Ingrid Halvorsen, the institute's director"; "name: role" when they are not together."""
    lower = text.lower()
    name_at = lower.find(name.lower())
    before = lower.find(f"{role.lower()} {name.lower()}")
    if before >= 0:
        return text[before : before + len(role) + 1 + len(name)]
    after = lower.find(role.lower(), name_at + len(name)) if name_at >= 0 else -1
    if after >= 0 and after - (name_at + len(name)) <= MAX_ROLE_GAP:
        return text[name_at : after + len(role)]
    return f"{name}: {role}"


def compose_faq(
    sentences: Sequence[Sentence],
    ranked: Sequence[RankedFact],
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    filler: frozenset[int],
    shown: frozenset[int] = frozenset(),
    title: str = "",
) -> tuple[FaqItem, ...]:
    """Questions in the order a reader asks them, each with cited sentences.

    `shown`: sentences the page already shows (summary, key points and what they cite); no
    answer repeats one, and a sentence that answers one question answers no other.
    """
    if not ranked:
        return ()
    items: list[FaqItem] = []
    informative = sorted(
        i for fact in ranked for i in fact.sentence_ids[:1] if sentences[i].role == "body"
    )

    def free(i: int) -> bool:
        return i not in shown and i not in filler and not _used(i, items)

    who = _who(entities, sentences)
    if who:
        items.append(who)

    # a cause of the story's main event: the sentence must share a name or a content word
    # with the headline or the top fact, or it explains something else
    top = sentence_terms(sentences[ranked[0].representative].text)
    story = (top.anchors - top.numbers) | top.specific | sentence_terms(title).words
    causes = [
        i
        for i in informative
        if free(i)
        and _CAUSE.search(sentences[i].text)
        and story & sentence_terms(sentences[i].text).words
    ]
    if causes:
        items.append(_item("Why did it happen?", causes[:1], sentences))

    by_id = {entity.id: entity for entity in entities}
    asked: set[str] = set()
    for quote in quotes:
        if len(asked) == MAX_SPEAKERS:
            break
        if not quote.speaker or quote.entity_id is None or quote.speaker in asked:
            continue
        if not all(free(i) for i in quote.sentence_ids):
            continue
        asked.add(quote.speaker)
        speaker = _as_named(by_id[quote.entity_id]) if quote.entity_id in by_id else quote.speaker
        items.append(_item(f"What did {speaker} say?", quote.sentence_ids, sentences))

    ahead = [
        i
        for i in informative
        if free(i) and _NEXT.search(sentences[i].text) and not _HEDGED.search(sentences[i].text)
    ]
    if ahead:
        items.append(_item("What happens next?", ahead[-2:], sentences))
    return tuple(items)
