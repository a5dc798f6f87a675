"""Dates and relative times in English text, resolved against the article's own date.

    absolute   "January 5, 2026", "Jan. 5", "5 March 2025", "2026-01-05", "March 2025", "in 2019"
    relative   "today", "yesterday", "on Saturday", "this week", "last month", "two days ago"
    duration   "90 days", "within two weeks": a period starting on the article's date

A weekday means the most recent such day on or before the article's date, unless the sentence
speaks of the future ("will", "is scheduled to", "next"), then the next such day. Without an
article date, relative expressions are reported with `value=None`: nothing is guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta

from nutgraf.engine.records import DateMention, Sentence

SUPPORTED_LANGUAGES = frozenset({"en"})

_MONTHS = {calendar.month_abbr[number].lower(): number for number in range(1, 13)}
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NUM = r"(?P<count>\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year)s?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    (
        "month_day",
        re.compile(
            _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    (
        "day_month",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MONTH
            + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    ("month_year", re.compile(r"\b(?:in\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("year", re.compile(r"\b(?:in|since|by|until|from|of)\s+(?P<year>(?:19|20)\d\d)\b(?!-)")),
    ("day_word", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>last|next|this|on|late|early|by|until|before)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<which>this|last|next|past|coming)\s+(?P<unit>week|month|year|weekend)\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b", re.IGNORECASE)),
    (
        "duration",
        re.compile(
            r"\b(?P<prep>in|within|for|after|over)?\s*(?:the\s+next\s+|the\s+past\s+)?"
            + _NUM
            + r"[\s-]+"
            + _UNIT
            + r"\b",
            re.IGNORECASE,
        ),
    ),
)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|is|are)\s+(?:be\s+)?(?:scheduled|expected|set|due|planned|going)\b"
    r"|\bwill\b|\bwould\b|\bplans? to\b|\bnext\b|\bupcoming\b|\bto resume\b|\bis to\b",
    re.IGNORECASE,
)


def supports(language: str | None) -> bool:
    return language is None or language in SUPPORTED_LANGUAGES


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name.lower()[:3]]  # the first three letters tell every month apart


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 0)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(
    kind: str, match: re.Match[str], anchor: date | None, future: bool
) -> tuple[str, date | None, date | None]:
    """(mention kind, first day, last day) for one match."""
    groups = match.groupdict()
    if kind == "iso":
        return "absolute", _safe_date(int(groups["year"]), int(groups["m"]), int(groups["d"])), None
    if kind in {"month_day", "day_month"}:
        month = _month_number(groups["month"])
        year = int(groups["year"]) if groups.get("year") else (anchor.year if anchor else None)
        if year is None:
            return "absolute", None, None
        found = _safe_date(year, month, int(groups["day"]))
        if found and anchor and not groups.get("year") and (found - anchor).days > 200:
            found = _safe_date(year - 1, month, int(groups["day"]))  # "Dec. 30" in a January story
        return "absolute", found, None
    if kind == "month_year":
        month = _month_number(groups["month"])
        year = int(groups["year"])
        last = calendar.monthrange(year, month)[1]
        return "absolute", date(year, month, 1), date(year, month, last)
    if kind == "year":
        year = int(groups["year"])
        return "absolute", date(year, 1, 1), date(year, 12, 31)
    if anchor is None:
        return ("duration" if kind == "duration" else "relative"), None, None
    if kind == "day_word":
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[groups["word"].lower()]
        return "relative", anchor + timedelta(days=offset), None
    if kind == "weekday":
        return "relative", _weekday(anchor, groups, future), None
    if kind == "period":
        return ("relative", *_period(anchor, groups["which"].lower(), groups["unit"].lower()))
    days = _count(groups["count"]) * _UNIT_DAYS[groups["unit"].lower()]
    if kind == "ago":
        return "relative", anchor - timedelta(days=days), None
    return "duration", anchor, anchor + timedelta(days=days)


def _weekday(anchor: date, groups: dict[str, str | None], future: bool) -> date:
    target = _WEEKDAYS[(groups["weekday"] or "").lower()]
    which = (groups.get("which") or "").lower()
    back = (anchor.weekday() - target) % 7
    forward = (target - anchor.weekday()) % 7
    if which in {"next", "by", "until", "before"} or (future and which != "last"):
        return anchor + timedelta(days=forward or (7 if which == "next" else 0))
    if which == "last" and back == 0:
        return anchor - timedelta(days=7)
    return anchor - timedelta(days=back)


def _period(anchor: date, which: str, unit: str) -> tuple[date, date]:
    step = {"this": 0, "coming": 1, "next": 1, "last": -1, "past": -1}[which]
    if unit in {"week", "weekend"}:
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        year, month = divmod(month_index, 12)
        month += 1
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    year = anchor.year + step
    return date(year, 1, 1), date(year, 12, 31)


def precision_date(mention: DateMention) -> str | None:
    """The mention's value at the precision it was stated: "2019", "2025-03" or "2026-11-23"."""
    if mention.value is None:
        return None
    if mention.end is None:
        return mention.value
    first, last = date.fromisoformat(mention.value), date.fromisoformat(mention.end)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return mention.value[:4]
    if (
        first.day == 1
        and (first.year, first.month) == (last.year, last.month)
        and (last.day == calendar.monthrange(last.year, last.month)[1])
    ):
        return mention.value[:7]
    return mention.value


def find_dates(sentences: Sequence[Sentence], published: str | None) -> tuple[DateMention, ...]:
    """Every date expression in the sentences, resolved against `published` where possible."""
    anchor = _anchor(published)
    found: list[DateMention] = []
    for sentence in sentences:
        taken: list[tuple[int, int]] = []
        future = bool(_FUTURE.search(sentence.text))
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(sentence.text):
                start, end = match.span()
                if any(start < b and a < end for a, b in taken):
                    continue
                if (
                    kind == "duration"
                    and not match.group("count").isdigit()
                    and not match.group("prep")
                ):
                    continue  # "a day" without "in"/"within" is rarely a period worth a date
                mention_kind, first, last = _resolve(kind, match, anchor, future)
                taken.append((start, end))
                found.append(
                    DateMention(
                        text=match.group(0).strip(),
                        kind=mention_kind,
                        value=first.isoformat() if first else None,
                        sentence_id=sentence.id,
                        end=last.isoformat() if last else None,
                    )
                )
    text_of = {s.id: s.text for s in sentences}
    return tuple(sorted(found, key=lambda m: (m.sentence_id, text_of[m.sentence_id].find(m.text))))
