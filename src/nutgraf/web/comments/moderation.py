"""Which comments go up at once, which wait for an editor, and which are spam.

`judge_comment` applies the rules in this order; the first that matches decides:

    1. spam: the honeypot field was filled
    2. spam: a link farm (many links, or links making up most of the text)
    3. spam: known spam phrasing (two or more phrases, or one with a link)
    4. spam: repeated text (the same words posted before, or one line or word over and over)
    5. held: two or more links
    6. held: a first-time commenter (no approved comment under this email address yet)
    7. approved

Spam never reaches the editors' queue; held comments do. The reasons are for editors only.

A form sent back faster than a person types, or with a token that is missing, forged, stale,
from another browser or already used, never gets here: the view refuses it, keeps the text in
the form and tells the reader why (comments.views).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from nutgraf.web.comments.text import count_links, strip_links

LINK_FARM = 5
HOLD_LINKS = 2

SPAM_PHRASES = tuple(
    p.strip()
    for p in """
    viagra, cialis, levitra, casino, poker online, online slots, payday loan, cheap loans,
    replica watches, rolex replica, buy followers, backlinks, seo services, link building,
    work from home, make money online, earn money fast, earn $, bitcoin investment,
    crypto investment, forex signals, binary options, weight loss pills, diet pills,
    male enhancement, adult dating, hot singles, escort service, xxx, porn,
    click here, visit my website, check out my site, best price, limited offer, 100% free,
    free gift card, cheap essay, essay writing service, nice post thanks for sharing,
    great article keep it up, i really like your blog, very informative article,
    """.split(",")
    if p.strip()
)
_PHRASE = re.compile("|".join(re.escape(p) for p in SPAM_PHRASES), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # "approved", "pending" or "spam" (Comment.Status values)
    reason: str = ""


def _repetitive(text: str) -> bool:
    lines = [line.strip().casefold() for line in text.split("\n") if line.strip()]
    if len(lines) >= 3 and Counter(lines).most_common(1)[0][1] >= 3:
        return True
    words = re.findall(r"\w+", text.casefold())
    if len(words) >= 8:
        word, n = Counter(words).most_common(1)[0]
        if n / len(words) > 0.5 and len(word) > 2:
            return True
    return False


def judge_comment(
    *,
    text: str,
    trap_filled: bool,
    seen_before: bool,
    known_commenter: bool,
) -> Verdict:
    """Decide a new comment's status from its text and the facts the service looked up.

    `seen_before` says the same words were posted recently; `known_commenter` that this email
    address already has an approved comment.
    """
    if trap_filled:
        return Verdict("spam", "honeypot field filled")
    links = count_links(text)
    words = len(re.findall(r"\w+", strip_links(text)))
    if links >= LINK_FARM or (links >= HOLD_LINKS and words < links * 3):
        return Verdict("spam", f"link farm ({links} links)")
    phrases = {m.group(0).casefold() for m in _PHRASE.finditer(text)}
    if len(phrases) >= 2 or (phrases and links):
        return Verdict("spam", "spam phrasing: " + ", ".join(sorted(phrases)))
    if seen_before:
        return Verdict("spam", "the same text was posted before")
    if _repetitive(text):
        return Verdict("spam", "repeated text")
    if links >= HOLD_LINKS:
        return Verdict("pending", f"{links} links")
    if not known_commenter:
        return Verdict("pending", "first comment from this address")
    return Verdict("approved")
