"""Dates and relative times in English text, resolved against the article's own date.

    absolute   "January 5, 2026", "Friday, Dec. 6", "5 March 2025", "2026-01-05", "March 2025",
               "in 2019"
    relative   "today", "yesterday", "last night", "on Saturday", "this week", "last month",
               "two days ago" (a day), "three years ago" (that year)
    duration   "90 days", "within two weeks": a period starting on the article's date

A bare weekday takes the tense of its clause (tense.clause_tense): in the past it is the latest
such day on or before the article's date, otherwise ("will meet on Tuesday", "the show opens
Friday") the next one on or after it; "last"/"next" say so themselves. A weekday followed by its
date ("Saturday, May 18", "Monday night (Nov. 18)") is that date.

Left unresolved (`value=None`), because the text does not fix a day:
  * anything relative when the article has no date;
  * a named day ("Black Friday", "Super Tuesday") and a habit ("every other Sunday", "on a
    Monday"); a rolling span ("in the past month"); "the next year" (the year after another);
  * "today" in a present-tense clause ("the universe as it is today": nowadays);
  * today, tonight, yesterday, tomorrow and this morning inside a quotation: the speaker's day,
    which need not be the article's.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta

from nutgraf.engine.records import DateMention, Sentence
from nutgraf.engine.tense import clause_tense, sentence_tense

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

_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NUM = r"(?P<count>\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    (
        "month_day",
        re.compile(
            r"(?:\b"
            + _WEEKDAY
            + r",?\s+)?\b"
            + _MONTH
            + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
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
    (
        "day_word",
        re.compile(
            r"\b(?P<word>today|yesterday|tomorrow|tonight|last night"
            r"|this (?:morning|afternoon|evening))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>last|next|this|on|late|early|by|until|before)\s+)?"
            + _WEEKDAY
            + r"(?:'s)?"
            + _PART_OF_DAY
            + r"\b"
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<which>this|last|next)\s+(?P<unit>week|month|year|weekend)\b(?!\s+of\b)",
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
# "Black Friday", "Super Tuesday", "every other Sunday", "on a Monday": no calendar day.
_NOT_A_DAY = re.compile(
    r"(?:\b(?:black|cyber|super|good|ash|easter|palm|holy|maundy|giving|shrove|bloody|blue|"
    r"manic|every|each|other|a)\s+)$",
    re.IGNORECASE,
)
# A period ("this week") or weekday already qualified by a following date is that date.
_DATE_AFTER = re.compile(r"^\s*(?:,|\()\s*" + _MONTH + r"\s+(?P<day>\d{1,2})\b")
_ANAPHORIC = re.compile(r"\b(?:the|following|previous)\s+$", re.IGNORECASE)
_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s“(]))‘")
_CLOSE_SINGLE = re.compile(r"’(?![A-Za-z])")
_SPEAKER_DAY_WORDS = frozenset(
    {"today", "tonight", "yesterday", "tomorrow", "this morning", "this afternoon", "this evening"}
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


def _month_day(anchor: date | None, month: int, day: int, year: int | None) -> date | None:
    """A day of a month; without a year, the one nearest the article's date."""
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
        found = _safe_date(year, month, day)
        if found and (found - anchor).days > 200:
            return _safe_date(year - 1, month, day)  # "Dec. 30" in a January story
        if found and (anchor - found).days > 200:
            return _safe_date(year + 1, month, day)  # "Jan. 3" in a December story
        return found
    return _safe_date(year, month, day)


def _resolve(
    kind: str, match: re.Match[str], sentence: str, anchor: date | None
) -> tuple[str, date | None, date | None]:
    """(mention kind, first day, last day) for one match."""
    groups = match.groupdict()
    if kind == "iso":
        return "absolute", _safe_date(int(groups["year"]), int(groups["m"]), int(groups["d"])), None
    if kind in {"month_day", "day_month"}:
        year = int(groups["year"]) if groups.get("year") else None
        found = _month_day(anchor, _month_number(groups["month"]), int(groups["day"]), year)
        return "absolute", found, None
    if kind == "month_year":
        month = _month_number(groups["month"])
        year = int(groups["year"])
        last = calendar.monthrange(year, month)[1]
        return "absolute", date(year, month, 1), date(year, month, last)
    if kind == "year":
        year = int(groups["year"])
        return "absolute", date(year, 1, 1), date(year, 12, 31)
    if kind == "weekday":
        stated = _DATE_AFTER.match(sentence[match.end() :])
        if stated:  # "Monday night (Nov. 18)"
            day = _month_day(anchor, _month_number(stated["month"]), int(stated["day"]), None)
            return "absolute", day, None
    if anchor is None:
        return ("duration" if kind == "duration" else "relative"), None, None
    if kind == "day_word":
        return "relative", _day_word(anchor, groups["word"].lower(), match, sentence), None
    if kind == "weekday":
        tense = sentence_tense(sentence, match.start(), match.end())
        return "relative", _weekday(anchor, groups, tense), None
    if kind == "period":
        which, unit = groups["which"].lower(), groups["unit"].lower()
        if unit == "weekend" and which == "this":
            tense = clause_tense(sentence, match.start(), match.end())
            return ("relative", *_this_weekend(anchor, tense))
        return ("relative", *_period(anchor, which, unit))
    count, unit = _count(groups["count"]), groups["unit"].lower()
    if kind == "ago":
        return ("relative", *_ago(anchor, count, unit))
    return "duration", anchor, anchor + timedelta(days=count * _UNIT_DAYS[unit])


def _day_word(anchor: date, word: str, match: re.Match[str], sentence: str) -> date | None:
    if word in _SPEAKER_DAY_WORDS and _inside_quote(sentence, match.start()):
        return None  # the speaker's day, not necessarily the article's
    if word == "today":
        stated = _DATE_AFTER.match(sentence[match.end() :])
        if stated:  # "today (Nov. 18)"
            return _month_day(anchor, _month_number(stated["month"]), int(stated["day"]), None)
        if clause_tense(sentence, match.start(), match.end(), before_only=True) == "present":
            return None  # "as it is today", "Today, we're going to talk": nowadays
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return anchor + timedelta(days=offset)


def _inside_quote(sentence: str, position: int) -> bool:
    """Inside a quotation: an odd number of straight quotes before it, or an opening curly quote
    not yet closed. A single ’ closes a quote only when no letter follows it (else it is an
    apostrophe), and a ‘ opens one only after a space or the start."""
    before = sentence[:position]
    if before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”"):
        return True
    opened = max((m.start() for m in _OPEN_SINGLE.finditer(before)), default=-1)
    closed = max((m.start() for m in _CLOSE_SINGLE.finditer(before)), default=-1)
    return opened > closed


def _weekday(anchor: date, groups: dict[str, str | None], tense: str) -> date | None:
    target = _WEEKDAYS[(groups["weekday"] or "").lower()]
    which = (groups.get("which") or "").lower()
    back = (anchor.weekday() - target) % 7
    forward = (target - anchor.weekday()) % 7
    if which == "last":
        return anchor - timedelta(days=back or 7)
    if which == "next":
        return anchor + timedelta(days=forward or 7)
    if which in {"by", "until", "before", "this"} or tense == "future":
        return anchor + timedelta(days=forward)
    if tense == "past":
        return anchor - timedelta(days=back)
    # Present tense is a timetable ("the show opens Friday"), except that yesterday is often
    # named so too ("after Monday night's loss" the next day): then nothing is sure.
    if back == 1 and forward > 1:
        return None
    return anchor + timedelta(days=forward)


def _this_weekend(anchor: date, tense: str) -> tuple[date, date]:
    """This weekend: the one ahead, or the one just past when told in the past on a weekday."""
    saturday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5)
    if tense == "past" and anchor.weekday() < 5:
        saturday -= timedelta(weeks=1)
    return saturday, saturday + timedelta(days=1)


def _period(anchor: date, which: str, unit: str) -> tuple[date, date]:
    step = {"this": 0, "next": 1, "last": -1}[which]
    if unit in {"week", "weekend"}:
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return _month_span(anchor.year * 12 + anchor.month - 1 + step)
    year = anchor.year + step
    return date(year, 1, 1), date(year, 12, 31)


def _month_span(month_index: int) -> tuple[date, date]:
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _ago(anchor: date, count: int, unit: str) -> tuple[date | None, date | None]:
    """ "Two days ago" is a day; "two months ago" that month; "ten years ago" that year: the
    text is no more precise than its unit."""
    if unit == "year":
        year = anchor.year - count
        return date(year, 1, 1), date(year, 12, 31)
    if unit == "month":
        return _month_span(anchor.year * 12 + anchor.month - 1 - count)
    return anchor - timedelta(days=count * _UNIT_DAYS[unit]), None


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


def _skipped(kind: str, match: re.Match[str], sentence: str) -> bool:
    """Matches that name no calendar day (see the module docstring)."""
    before = sentence[: match.start()]
    if kind == "weekday" and not match.group("which") and _NOT_A_DAY.search(before):
        return True
    if kind in {"period", "ago"} and _ANAPHORIC.search(before):
        return True
    return (
        kind == "duration" and not match.group("count").isdigit() and not match.group("prep")
    )  # "a day" without "in"/"within" is rarely a period worth a date


def find_dates(sentences: Sequence[Sentence], published: str | None) -> tuple[DateMention, ...]:
    """Every date expression in the sentences, resolved against `published` where possible."""
    anchor = _anchor(published)
    found: list[tuple[int, int, DateMention]] = []
    for sentence in sentences:
        taken: list[tuple[int, int]] = []
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(sentence.text):
                start, end = match.span()
                if any(start < b and a < end for a, b in taken):
                    continue
                taken.append((start, end))
                if _skipped(kind, match, sentence.text):
                    continue
                mention_kind, first, last = _resolve(kind, match, sentence.text, anchor)
                mention = DateMention(
                    text=match.group(0).strip(),
                    kind=mention_kind,
                    value=first.isoformat() if first else None,
                    sentence_id=sentence.id,
                    end=last.isoformat() if last else None,
                )
                found.append((sentence.id, start, mention))
    return tuple(mention for _, _, mention in sorted(found, key=lambda item: item[:2]))
