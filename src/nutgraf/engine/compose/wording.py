"""Trimming source sentences for display. Trimming only ever removes words, never adds them."""

from __future__ import annotations

import re

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][\w.' -]{1,30})?\s*(?:\([^)]{1,40}\))?"
    r"\s*[—–-]{1,2}\s+"
    r"|\([A-Z][\w ]{1,30}\)\s*[—–-]{1,2}\s+)"
)
_ELLIPSIS = "…"


def strip_dateline(text: str) -> str:
    """Drop a wire dateline: "HALDEN, Norway (Wire) — About 1,200 ..." -> "About 1,200 ..."."""
    trimmed = _DATELINE.sub("", text, count=1)
    if trimmed != text and trimmed[:1].islower():
        return text  # the "dateline" was the start of an ordinary sentence
    return trimmed


def display_text(text: str) -> str:
    """A source sentence as shown in a key point or answer."""
    return strip_dateline(text.strip())


def shorten_words(text: str, limit: int) -> str:
    """At most `limit` words, cut at a clause boundary where there is one."""
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(" — "))
    if cut > len(head) // 2:
        head = head[:cut]
    return head.rstrip(" ,;:—-") + _ELLIPSIS


def shorten_chars(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head:
        head = head[: head.rfind(" ")]
    return head.rstrip(" ,;:—-") + _ELLIPSIS


#: Words a trim never deletes: a negation, a modal or a hedge, or an attribution. Deleting
#: one can reverse what the sentence claims ("police did not say", "may have been",
#: "allegedly stole", "according to the union").
GUARDED = frozenset(
    """not no never nor n't none nobody nothing neither cannot can't won't didn't doesn't
    isn't aren't wasn't weren't hasn't haven't hadn't couldn't shouldn't wouldn't mustn't
    may might could would should must can will shall ought allegedly alleged reportedly
    reported suspected suspect purportedly apparently possibly probably likely unlikely
    perhaps maybe presumably supposedly unconfirmed unverified claimed claims according
    said says told denied denies if unless theory least far now initially preliminary
    preliminarily estimated unofficial unofficially tentative tentatively provisional
    provisionally partial partly partially nearly almost about around roughly
    approximately""".split()
)
#: A lead-in is an adverb ("Alarmingly") or a phrase opened by a preposition or connective
#: ("In a surprise turn of events", "On the other hand"), never the sentence's subject.
_LEAD = re.compile(
    r"^((?:[A-Z][a-z]+ly|(?:In|On|At|Amid|Amidst|Against|With|Without|For|By|Under|After|"
    r"Before|Despite|Meanwhile|However|Moreover|Furthermore|Indeed|Still|Yet|Overall|"
    r"Ultimately|Additionally|Notably|Interestingly)\b[^,;:—]{0,55})),\s+(?=\S)"
)
#: Participles that link a statement to an abstraction rather than add to it.
LINK_PARTICIPLES = (
    "underscoring|highlighting|signaling|signalling|marking|reflecting|demonstrating|"
    "illustrating|showcasing|serving|representing|providing|offering|raising|posing|"
    "underlining|cementing|solidifying|paving|setting|shaping|sparking|fuelling|fueling"
)
_TAIL = re.compile(
    r",\s+((?:which\s+(?:is|was|marks|underscores|highlights|signals|reflects|"
    r"represents|shows)|" + LINK_PARTICIPLES + r")\b[^;]*?)([.!?…]?[\"”’]?)$"
)
_GUARD_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def _guarded(span: str) -> bool:
    return any(word.lower() in GUARDED for word in _GUARD_WORDS.findall(span))


def trim_commentary(text: str) -> str:
    """Delete what comments on a statement without adding to it, and nothing else.

    Two spans may go: a lead-in before the first comma that names no one and states no
    figure, date or event ("Alarmingly, ", "In a surprise turn of events, "), and a
    participial or "which" clause at the end that does the same (", underscoring the
    pressing need for vaccination", ", which is a big deal"). A span holding a negation, a
    modal, a hedge or an attribution (GUARDED) always stays. The result is the sentence with
    words deleted and its first letter capitalised: a subsequence of its words.
    """
    from nutgraf.engine.facts import asserts_fact, read_claim  # facts reads terms, not compose

    def says_nothing(span: str) -> bool:
        claim = read_claim(span)
        return not (
            _guarded(span)
            or claim.figures
            or claim.dates
            or claim.names
            or claim.event
            or claim.speech
            or asserts_fact(claim)
        )

    trimmed = text
    lead = _LEAD.match(trimmed)
    if lead and says_nothing(lead.group(1)) and len(trimmed) - lead.end() > 30:
        trimmed = trimmed[lead.end() :]
    tail = _TAIL.search(trimmed)
    if tail and says_nothing(tail.group(1)) and tail.start() > 30:
        trimmed = trimmed[: tail.start()] + (tail.group(2) or ".")
    if trimmed != text:
        trimmed = trimmed[:1].upper() + trimmed[1:]
    return trimmed
