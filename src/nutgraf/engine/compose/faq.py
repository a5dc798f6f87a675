"""Frequently asked questions, each answered only from the article's own sentences.

The questions are the ones a reader asks of any news story, each asked only when a sentence
answers it; fewer questions beat wrong answers:

    Who is involved?       people the text introduces with a role, in its own words
    Why did it happen?     a sentence that states a cause of the story's main event ("because",
                           "in protest at", "is about a plan to ..."); a sentence that only
                           follows it in time ("after", "amid") is no cause
    What did X say?        someone's words, when the quote finder attributed them to a named
                           person or organisation (Quote.speaker and Quote.entity_id) by a
                           rule that names them in the sentence itself (Quote.attribution in
                           SURE_ATTRIBUTIONS), never by a pronoun or a quote paragraph going on
    What happens next?     a factual sentence that states a future event: a plan or a
                           schedule ("is due to", "plans to"), or "will" with a stated time
                           ("will appear on Wednesday"); not a hedge ("could", "may"), a
                           forecast ("predicted that", "is likely to", "eventually"), a
                           capability ("will be able to go 39 miles") or someone's words

Why and what next are the article's own statements: a sentence inside a quotation that an
earlier sentence opened is a speaker's words, and is never a cause or a plan.

"What happened?" is not asked: the summary answers it. No answer repeats a sentence the
summary or the key points already show (`shown`), nor another answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wordfreq import zipf_frequency

from nutgraf.engine.compose.ranking import RankedFact
from nutgraf.engine.compose.wording import display_text
from nutgraf.engine.facts import quoted_sentences
from nutgraf.engine.names import first_names
from nutgraf.engine.records import Entity, FaqItem, Quote, Sentence
from nutgraf.engine.terms import sentence_terms

#: The quote finder's rules (Quote.attribution) that name the speaker in the quote's own
#: sentence, each measured at precision >= 0.95 on fresh real articles (nutgraf bench reading:
#: the speakers part's "per rule" lines). A pronoun or a carried speaker may be right, but the
#: answer would show a sentence that does not say who is speaking.
SURE_ATTRIBUTIONS = frozenset({"subject", "apposition", "relative", "surname", "according"})
_HEDGED = re.compile(
    r"\b(?:could|may|might|possibly|perhaps|hopefully|hopes?|if|unless|no|not|never|n't|"
    r"whether|speculation|speculate[sd]?|believes?|rumou?rs?|"
    # a forecast is no plan: "has predicted that Apple will", "is likely to", "eventually"
    r"predict\w*|forecast\w*|expects|anticipat\w*|think\w*|estimat\w*|likely|"
    r"probably|eventually|able to|worr(?:y|ies|ied)|fears?|feared|concerns?|concerned)\b|"
    r"n't\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+$", re.IGNORECASE)
#: "said family friend Kathy Willie", "said Ms Jones": a name right after the speech verb
_INVERTED = re.compile(r"\s+(?:(?:[a-z]+\s+){0,3})[A-Z][a-z]+\s+[A-Z][a-z]+")
_DENIAL = re.compile(r"\bden(?:y|ies|ied)\b", re.IGNORECASE)
_OF_NAME = re.compile(r"\bof(?: the)? [a-z][\w'’. -]*$")
_APPOSITION = re.compile(r",[^,]{1,60},?\s*$")
#: Titles the model reads as a name ("Det. McGowan said" -> "Det"): no one to ask about.
_TITLE_WORDS = frozenset(
    "det sgt gov rep sen dr mr mrs ms prof lt col gen capt insp supt cllr".split()
)
_NAME_GOES_ON = re.compile(r"\s+[A-Z][a-z]")
_POSSESSIVE = re.compile(r"['’]s?\b")
_ABSENT = re.compile(r"\b(?:the late|without(?: \w+)?|absence of(?: \w+)?)\s*$", re.IGNORECASE)
_POSSESSIVE_IN = re.compile(r"\w['’]s\b")
_PRONOUN_OPENING = re.compile(
    r"^(?:it|its|they|their|he|his|she|her|this|that|these|those)\b", re.IGNORECASE
)
_FORMER = re.compile(r"\b(?:former|ex-|then-)[^,.;:]*$", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"\b(?:then-|ex-|(?:former|acting|interim|outgoing|incoming) )$",
    re.IGNORECASE,
)
#: An answer longer than this is mostly run-together captions, not one statement.
MAX_ANSWER_WORDS = 50
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|tells|added|adds|stated|states|explained|insisted|warned|claimed|"
    r"claims|admitted|confirmed|announced|wrote|writes|noted|argued|according to)\b",
    re.IGNORECASE,
)

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
    r"(?<!\ba )(?<!\bthe )(?<!'s )(?<!\bits )(?<!\btheir )(?<!rejected )(?<!dropped )"
    r"(?<!scrapped )(?<!abandoned )plans? to|"
    # "next year" alone is no future: "The next year, the Taliban released two videos"
    r"is to(?! blame)|are to(?! blame)|"
    r"would (?:appoint|decide|vote|meet))\b",
    re.IGNORECASE,
)
#: A plan or a schedule states itself; a bare future ("will", "is expected to", "is to") is a
#: next step only with the time it happens ("on Wednesday", "in 2034", "mid-December"):
#: without one, measured on real articles, it was a product's specification or a forecast.
_SCHEDULED = re.compile(
    r"\b(?:(?:is|are) (?:scheduled|due|set) to|(?<!\ba )(?<!\bthe )(?<!'s )(?<!\bits )"
    r"(?<!\btheir )plans? to)\b",
    re.IGNORECASE,
)
_STATED_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|june|july|august|september|october|november|december|(?:jan|feb|aug|sept?|oct|"
    r"nov|dec)\.|tomorrow|tonight|(?<!the )(?:next|this|later this) "
    r"(?:week|month|year|spring|summer|autumn|fall|winter)|(?:19|20)\d\ds?|"
    r"(?:early|mid|late)[- ](?:(?:19|20)\d\ds?|"
    r"(?:january|february|march|april|june|july|august|september|october|november|"
    r"december))|within (?:days|weeks|hours)|in (?:two|three|four|\d+) (?:days|weeks|months))\b",
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


def _who(
    entities: Sequence[Entity], sentences: Sequence[Sentence], central: frozenset[int]
) -> FaqItem | None:
    """ "Who is involved?": each person with the role the text gives, in the text's own words
    ("Head coach Saoirse Flanagan", "Ingrid Halvorsen, the institute's director").

    Only people the story is about: named in `central` (the sentences of the summary, the key
    points and the top facts); a name the article mentions on the side ("days before
    President Obama visited") is not "involved". A name that runs into another ("Gianluigi
    Buffon Hart") or stops short of the text's ("Roger Vanden" of "Roger Vanden Stock") is
    the model's misreading: left out.
    """
    people = [
        e
        for e in entities
        if e.kind == "person"
        and e.roles
        and _plain_role(e.roles[0])
        and not _COMMENTATOR.search(e.roles[0])
        and set(e.sentence_ids) & central
        and not any(o is not e and o.name in e.name for o in entities if o.kind == "person")
        # "Jeff Bezos’s Blue Origin": a name with a possessive in it is the thing he owns
        and not _POSSESSIVE_IN.search(e.name)
        and not _opens_with_common_word(e.name)
    ]
    if not people:
        return None
    parts: list[str] = []
    ids: list[int] = []
    seen: set[str] = set()
    for person in people:
        if len(parts) == MAX_PEOPLE:
            break
        surname = person.name.split()[-1].lower()
        if surname in seen:
            continue  # one person, spelt two ways by the source
        seen.add(surname)
        role = person.roles[0]
        source = next(
            (i for i in person.sentence_ids if role in sentences[i].text), person.sentence_ids[0]
        )
        if sentences[source].role != "body":
            continue
        intro = _introduction(person.name, role, sentences[source].text)
        end = sentences[source].text.find(intro) + len(intro)
        if _NAME_GOES_ON.match(sentences[source].text[end:]):
            continue  # "Roger Vanden" of "Roger Vanden Stock"
        if _POSSESSIVE.match(sentences[source].text[end:]):
            continue  # "Amazon founder Jeff Bezos’s Blue Origin": the company is the actor
        if sentences[source].text[max(0, end - len(intro) - 1) : end - len(intro)] == "-":
            continue  # "CEO" clipped from "co-CEO": a different office
        if _ABSENT.search(sentences[source].text[: end - len(intro)]):
            # "The late Sen. John McCain was held there": background; "Roma was without
            # injured captain Francesco Totti": he took no part
            continue
        parts.append(f"{intro[:1].upper()}{intro[1:]}.")
        if source not in ids:
            ids.append(source)
    if not parts:
        return None
    return FaqItem("Who is involved?", " ".join(parts), tuple(ids))


def _bare(words: frozenset[str] | set[str]) -> set[str]:
    """Stems without a possessive's apostrophe: "port's" and "port" are one word here."""
    return {re.split(r"['’]", word)[0] for word in words}


_QUOTED_SPAN = re.compile(r"[\"“][^\"“”]*[\"”]?")


def _outside_quotes(pattern: re.Pattern[str], text: str) -> bool:
    """Does `pattern` match the text with its quotations taken out?"""
    return bool(pattern.search(_QUOTED_SPAN.sub(" ", text)))


def _names_before_speech(entity: Entity, text: str) -> bool:
    """Does the sentence name the speaker before its speech verb ("Kuhar said ...", "the
    ministry said ...")? A pronoun ("He said ...") leaves the reader guessing, and a name
    after the verb ("She told investigators that Rebbie ...") is not the speaker."""
    names = [m.lower() for m in (*entity.mentions, entity.name)]
    for verb in _SPEECH_VERB.finditer(text):
        before = text[: verb.start()].lower()
        if _PASSIVE_BEFORE.search(before):
            continue  # "Lawler has been told by the Palace": he is told, not telling
        after = text[verb.end() :].lower()
        # "..., said family friend Kathy Willie" follows a quotation or a comma; "He said Mr
        # Blair had ..." is no inversion
        inverted = (
            _INVERTED.match(text[verb.end() :]) if re.search(r"[,”\"']\s*$", before) else None
        )
        if inverted:
            # "..., said family friend Kathy Willie": the speaker follows the verb
            return any(n in after[: inverted.end() + 40] for n in names)
        # the subject is the words right before the verb, past an apposition ("Jeremy
        # Summers, chairman of the panel, said"); "The former Liverpool defender added" is
        # no word from Liverpool
        subject = _APPOSITION.sub("", before.rstrip()).rstrip(" ,")
        if _OF_NAME.search(subject):
            return False  # "a member of the Cabinet says": the Cabinet is not speaking
        return any(subject.endswith((n, n.split()[-1])) for n in names)
    return False


#: Zipf frequency (wordfreq) from which a word is an English word in its own right.
_ENGLISH_WORD = 3.0
#: Endings of the words that open a sentence before its subject: participles and adverbs.
_OPENER_ENDINGS = ("ing", "ed", "ly")


def _opens_with_common_word(name: str) -> bool:
    """Does a person's name start with a sentence's opening participle or adverb ("Hosting
    Cook", read from "Hosting Cook, Benioff said")? A known first name is a name ("Sterling",
    "Ed")."""
    words = name.split()
    first = words[0].lower()
    return (
        len(words) > 1
        and first.endswith(_OPENER_ENDINGS)
        and first not in first_names()
        and zipf_frequency(first, "en") >= _ENGLISH_WORD
    )


#: Roles of people who comment on a story from outside it: quoted, but not involved.
_COMMENTATOR = re.compile(
    r"\b(?:analysts?|correspondents?|commentators?|columnists?|economists?|strategists?|"
    r"experts?|pundits?|observers?|critics?|historians?|reporters?|editors?)\b",
    re.IGNORECASE,
)


def _plain_role(role: str) -> bool:
    """A role a reader can trust: a title with at most one name in it ("Arsenal manager",
    "Union leader"), not a run of names the model read as one ("Manchester United River
    Plate vice president", "March FC Tokyo president")."""
    words = role.split()
    capitalised = sum(1 for w in words[:-1] if w[:1].isupper())
    all_names = len(words) >= 2 and all(w[:1].isupper() for w in words)  # "Premier League"
    return len(words) <= 4 and capitalised <= 1 and not all_names


def _introduction(name: str, role: str, text: str) -> str:
    """The words of `text` that name the person with the role: "Union leader Ingrid Solberg"
    or "Ingrid Halvorsen, the institute's director"; "name: role" when they are not together."""
    lower = text.lower()
    name_at = lower.find(name.lower())
    before = lower.find(f"{role.lower()} {name.lower()}")
    if before >= 0:
        # "then-Defense Minister", "former chancellor": the qualifier is part of the role,
        # and leaving it out would make a past office a present one
        qualifier = _QUALIFIER.search(text[:before])
        # "Former Downing Street communications chief": "former" a few words before the role
        earlier = _FORMER.search(text[max(0, before - 45) : before])
        start = qualifier.start() if qualifier else before
        if earlier:
            start = max(0, before - 45) + earlier.start()

        return text[start : before + len(role) + 1 + len(name)]
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

    # someone's words, a quotation an earlier sentence opened: never the article's own cause
    # or plan ("... because [the game] may be exclusive to services ...\"")
    # a sentence opening with a single quotation mark is someone's words too ("'That was
    # Daniel James and the £207 was put aside because ..."): British papers quote so
    quoted = [
        inside or s.text.lstrip()[:1] in {"'", "‘"}
        for inside, s in zip(quoted_sentences([s.text for s in sentences]), sentences, strict=True)
    ]

    def free(i: int) -> bool:
        return (
            i not in shown
            and i not in filler
            and not _used(i, items)
            and sentences[i].role == "body"
            and len(sentences[i].text.split()) <= MAX_ANSWER_WORDS
        )

    # people named in what the page leads with: the summary's and key points' facts
    central = frozenset(fact.representative for fact in ranked[:3]) | shown
    who = _who(entities, sentences, central)
    if who:
        items.append(who)

    # a cause of the story's main event: the sentence must share a name or a rare word with
    # the top fact or the headline, or it explains something else
    # "it" is the headline's event: the cause must share two content words with the headline,
    # and be stated by the article, not inside a quotation. Judged by hand, a cause that
    # shared words with the top fact alone explained a side detail as often as the story.
    story: set[str] = _bare(sentence_terms(title).words)
    causes = [
        i
        for i in informative
        if free(i)
        and not quoted[i]
        and _outside_quotes(_CAUSE, sentences[i].text)
        # "Boesky said Epstein was still a high risk because ...": a speaker's view of why,
        # judged by hand as often a side explanation as the story's cause
        and not _SPEECH_VERB.search(sentences[i].text)
        and not _DENIAL.search(sentences[i].text)  # "denied it, because he was away"
        and len(story & _bare(sentence_terms(sentences[i].text).words)) >= 2
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
        if quote.attribution not in SURE_ATTRIBUTIONS:
            continue
        entity = by_id.get(quote.entity_id)
        if entity is None or entity.kind not in {"person", "organization"}:
            continue
        if entity.name.lower().rstrip(".") in _TITLE_WORDS:
            continue
        if entity.kind == "person" and _opens_with_common_word(entity.name):
            continue  # "Hosting Cook": a sentence's first word read into the name
        if not all(free(i) for i in quote.sentence_ids):
            continue
        said = next(
            (i for i in quote.sentence_ids if _SPEECH_VERB.search(sentences[i].text)),
            quote.sentence_ids[0],
        )
        if not _names_before_speech(entity, sentences[said].text):
            continue
        asked.add(quote.speaker)
        speaker = _as_named(by_id[quote.entity_id]) if quote.entity_id in by_id else quote.speaker
        items.append(_item(f"What did {speaker} say?", quote.sentence_ids, sentences))

    ahead = [
        i
        for i in informative
        if free(i)
        and not quoted[i]
        and _outside_quotes(_NEXT, sentences[i].text)  # a plan, not a speaker's prediction
        and (
            _outside_quotes(_SCHEDULED, sentences[i].text)
            or bool(_STATED_TIME.search(_QUOTED_SPAN.sub(" ", sentences[i].text)))
        )
        and not _HEDGED.search(sentences[i].text)
        and not _PRONOUN_OPENING.match(sentences[i].text)  # "It is expected to last": what is?
    ]
    if ahead:
        items.append(_item("What happens next?", ahead[-2:], sentences))
    return tuple(items)
