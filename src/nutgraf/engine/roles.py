"""What each sentence of the extracted text is: the article's prose, or the page's clutter.

Pages leave lines around and inside the story that are not its prose. Each sentence gets one of
records.SENTENCE_ROLES; composition reads "body" sentences only, the source view shows all.

    caption     a photo caption or credit: "(Picture by Jameel Springer)", "Photo: AP/M. Cleaver",
                "Stephen Brashear / AP", "In this Sunday, Nov. 10, 2019, photograph, ..."
    dateline    a line that is only a date or a place and date: "February 1, 2024", "Posted on",
                "Kathmandu, September 2:", "Posted: Thursday, April 21, 2022."
    byline      "By Jane Roe", "- By Lucy White", "Written by Business World, on 20th Oct 2016"
    stamp       "Updated at 11:30 p.m. ET", "Site last updated ...", "PTI | Bloomington |
                Updated: 04-01-2022 02:28 IST"
    navigation  share and navigation lines: "View all news | Send to a friend | Print",
                "Home > World > ...", "Share this with Facebook", "Read more", "0 40"
    rating      a player rating: "Altay Bayindir – 5/10", "GK: Ederson 8.3/10", "De Gea 6"
    heading     a short line without final punctuation that heads the paragraphs after it

A line is judged as a whole paragraph first (a caption paragraph is caption throughout), then
sentence by sentence for credits inside a paragraph. Only clear patterns are marked: a sentence
that is not surely clutter stays "body".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from nutgraf.engine.extract.publication import read_date
from nutgraf.engine.records import Sentence

MAX_LINE_WORDS = 14  # clutter lines are short; longer text is prose whatever it starts with
MAX_HEADING_WORDS = 12
MAX_RATING_WORDS = 8
MAX_CAPTION_WORDS = 45
MIN_PROSE_WORDS = 12
_TRAILING_CONJUNCTIONS = frozenset({"and", "but", "or", "of", "the", "a", "to", "with"})
_PROSE_END = re.compile(r"[.!?][\"'”’)]?$")

_CREDIT_END = re.compile(
    r"(?:\((?:ap\s+)?(?:photo|picture|image|credit|file)[^)]*\)"
    r"|(?:photo|picture|image|credit|courtesy)s?\s*(?:by|credit)?\s*:\s*[^.]{2,60}"
    r"|\b(?:getty images|shutterstock|istock|ap photo/[^)]*|reuters/\w[\w ]*)"
    r"|\s/\s*(?:ap|afp|reuters|getty(?: images)?|epa|pa))\W*$",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"^\W*(?:file photo|photo|image|picture|video|credit|getty images)\W*$", re.I
)
_CAPTION_DATE = re.compile(
    r"\b(?:in this|this)\s+\w+,\s+\w+\.?\s+\d{1,2},\s+\d{4},?\s+(?:file\s+)?photo", re.I
)
_BYLINE = re.compile(
    r"^\W{0,3}(?:by|written by|posted by|words by|author:|reporting by|additional reporting by)"
    r"\s+[A-Z\w]",
    re.I,
)
_STAMP = re.compile(
    r"^(?:site\s+)?(?:last\s+)?(?:updated|modified|edited)\b|\|\s*(?:updated|created)\s*:"
    r"|^(?:published|posted|first published)\b.{0,60}\bupdated\b",
    re.I,
)
_DATELINE_WORDS = re.compile(
    r"^(?:(?:published|posted|released|dated?)(?:\s+(?:on|at))?\s*:?\s*)?$", re.I
)
_PLACE_DATE = re.compile(
    r"^[A-Z][\w .'-]{1,40},\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2}\s*:?$",
    re.I,
)
_DATE_NOISE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{1,2}[:.]\d\d\b|\b(?:[ap]\.?m\.?|gmt|bst|utc|"
    r"[ecmp][sd]t|ist|cet|on|at|published|posted|updated|created|jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?|\d+(?:st|nd|rd|th)?|[^\w\s]",
    re.I,
)
_NAVIGATION = re.compile(
    r"^(?:share(?:\s+(?:this|on|via)\b.*)?|tweet|email|print|comments?|\d+\s+comments?"
    r"|read more\b.*|view all\b.*|send to a friend\b.*|follow us\b.*|sign up\b.*|subscribe\b.*"
    r"|click here\b.*|skip to\b.*|add news|advertisement|related(?: articles| stories)?\s*:?.*"
    r"|tags?\s*:.*|more on this story\b.*|back to top|next article|previous article"
    r"|[\d\s]+)\W*$",
    re.I,
)
_BREADCRUMB = re.compile(r"\s(?:>|»|›)\s")
_PIPES = re.compile(r"\s\|\s")
_NAME = (
    r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|van|der|den|da|di|le|la|von|dos|del|al|el|bin|ter)\s+)?"
    r"[A-Z][\w'’.-]*){0,3}"
)
_RATING = re.compile(
    r"^(?:\(?[A-Z]{1,4}\)?\s*:?\s*)?" + _NAME + r"\s*(?:\([A-Z]{1,4}\))?"
    r"\s*[-–—:|]?\s*\d{1,2}(?:\.\d)?(?:\s*/\s*10)?\s*$"
)
_SCORE_ONLY = re.compile(r"^\s*\d{1,2}(?:\.\d)?\s*/\s*10\s*$")
_END = re.compile(r"[.!?…:;,\"'”’)\]]$")


def mark_roles(sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """The sentences with `role` set (see the module docstring); text and offsets unchanged."""
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    order = sorted(paragraphs)
    roles: dict[int, str] = {}
    for position, number in enumerate(order):
        members = paragraphs[number]
        text = " ".join(s.text for s in members)
        following = (
            " ".join(s.text for s in paragraphs[order[position + 1]])
            if position + 1 < len(order)
            else ""
        )
        role = paragraph_role(text, following)
        for sentence in members:
            roles[sentence.id] = role if role != "body" else sentence_role(sentence.text)
    return tuple(replace(s, role=roles[s.id]) if roles[s.id] != s.role else s for s in sentences)


def paragraph_role(text: str, following: str = "") -> str:
    """The role of a whole paragraph; `following` is the next paragraph's text."""
    words = text.split()
    if not words or len(words) > MAX_LINE_WORDS * 3:
        return "body"
    short = len(words) <= MAX_LINE_WORDS
    if short and _STAMP.search(text):
        return "stamp"
    if short and _BYLINE.match(text):
        return "byline"
    if short and _is_dateline(text):
        return "dateline"
    if short and (
        _NAVIGATION.match(text) or _BREADCRUMB.search(text) or len(_PIPES.findall(text)) >= 2
    ):
        return "navigation"
    if _SCORE_ONLY.match(text) or (
        len(words) <= MAX_RATING_WORDS and _RATING.match(text) and not _END.search(text)
    ):
        return "rating"
    if _is_caption(text):
        return "caption"
    if _is_heading(text, following):
        return "heading"
    return "body"


def sentence_role(text: str) -> str:
    """The role of one sentence inside a prose paragraph: only credits are told apart here."""
    if len(text.split()) <= MAX_LINE_WORDS and (
        _CREDIT_END.search(text) or _CREDIT_LINE.match(text)
    ):
        return "caption"
    return "body"


def _is_heading(text: str, following: str) -> bool:
    """A short capitalised line without final punctuation, with prose after it (list items and
    table rows are followed by more of the same, and hold figures)."""
    words = text.split()
    return (
        len(words) <= MAX_HEADING_WORDS
        and text[:1].isupper()
        and not _END.search(text)
        and words[-1].lower() not in _TRAILING_CONJUNCTIONS
        and len(re.findall(r"\d+", text)) < 2
        and len(following.split()) >= MIN_PROSE_WORDS
        and bool(_PROSE_END.search(following))
    )


def _is_caption(text: str) -> bool:
    if _CAPTION_DATE.search(text):
        return True
    short = len(text.split()) <= MAX_CAPTION_WORDS
    return short and bool(_CREDIT_END.search(text) or _CREDIT_LINE.match(text))


def _is_dateline(text: str) -> bool:
    if _PLACE_DATE.match(text.strip()):
        return True
    if _DATELINE_WORDS.match(text.strip()) and text.strip():
        return True  # "Posted on" left alone by a date the extractor dropped
    if read_date(text) is None:
        return False
    return not _DATE_NOISE.sub(" ", text).split()
