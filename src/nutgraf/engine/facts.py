"""Facts: which sentences assert something checkable, and which say an earlier fact again.

A news report is a list of checkable statements: an actor did or said something, a figure, a
date, a specific event. A machine-padded page wraps those few statements in two kinds of
sentence that add nothing:

    commentary    asserts nothing checkable ("This surge underscores the pressing need for
                  vaccination", "Only time will tell"): no figure, no date, no one named doing
                  or saying something, no specific event
    restatement   asserts a fact the text already gave, in other words ("The company confirmed
                  layoffs only after an internal email mistakenly alerted employees", after "The
                  technology giant has announced job cuts hours after an email, mistakenly sent
                  to staff, hinted at the layoffs")

The interface is free of single-article assumptions, so the same tests compare sentences of
different articles (engine/stories uses them to find rewrites across outlets):

    read_claim(text, words=None, quoted=False) -> Claim   what one sentence asserts
    read_claims(texts, words=None) -> list[Claim]         a passage's sentences in order (a quote
                                                          that runs on keeps its attribution)
    quoted_sentences(texts) -> list[bool]                 which of them are someone's words
    asserts_fact(claim) -> bool                           checkable, not commentary
    checkable(claim) -> frozenset[str]                    its names, figures, dates, rare words
    adds_to(claim, known) -> frozenset[str]               what it says beyond `known` (earlier
                                                          claims, or a Known gathering them)
    restates(claim, known) -> bool                        it says nothing `known` did not
    same_fact(a, b, weights=None) -> bool                 two claims state one fact

`words` are the statistical model's tokens for the sentence (text, Penn tag, entity label),
as nlp.Parse holds them. Without them (another language, a caller with text alone) a lexical
reading stands in: capitalised words for names, regular expressions for dates, suffixes for
past tenses. It is weaker, and says so by erring towards "fact": a sentence is only ever
called commentary on positive evidence that it names no one doing anything checkable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from nutgraf.engine.terms import (
    NUMBER_WORDS,
    Terms,
    Weights,
    normalize_number,
    sentence_terms,
    stem,
    weighted_overlap,
)


@dataclass(frozen=True, slots=True)
class Word:
    """One token as the model read it: its text, Penn Treebank tag and entity label ("" if
    none). A caller without the model passes no words at all."""

    text: str
    tag: str = ""
    entity: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """What one sentence asserts, as far as it can be checked.

    figures   numbers it states ("1,200", "three", "4.75"), normalised
    dates     specific times it names ("Friday", "June 27", "2019", "last week")
    names     stems of the people, organisations and places it names
    actor     who acts in it: "named" (a name or a pronoun standing for one), "definite" ("the
              outbreak": a specific thing of the story), "deictic" ("This surge", "It": a
              pointer back at the story), or "" (nobody in particular)
    event     a verb of something that happened: past tense, perfect or past passive
    state     a present tense that reports how things stand ("The strike is about a plan to
              automate the cranes"), not one that links the story to an abstraction
    speech    reports what someone said (a speech verb, "according to")
    hedged    a modal frame (could, may, might, must, should) with nothing attributed
    quoted    inside a quotation that began in an earlier, attributed sentence
    """

    text: str
    terms: Terms
    figures: frozenset[str]
    dates: frozenset[str]
    names: frozenset[str]
    actor: str
    event: bool
    speech: bool
    hedged: bool
    quoted: bool
    state: bool = False


#: Entity labels that name an actor or a place a fact is about.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})

_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
#: A time named precisely enough to be checked. "In recent years", "the coming months" and
#: "these days" name no time at all, so a DATE entity counts only with one of these in it.
_SPECIFIC_TIME = re.compile(
    r"\b(?:" + "|".join(_WEEKDAYS) + r"|january|february|march|april|june|july|august|"
    r"september|october|november|december|yesterday|today(?!['’]s)|tonight|"
    r"(?:last|next|this|earlier this|later this)\s+(?:week|month|year|morning|afternoon|"
    r"evening|night|weekend|spring|summer|autumn|fall|winter)|"
    r"(?:1[89]|20)\d\d|\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?))\b",
    re.IGNORECASE,
)
#: Verbs that link rather than report: a past tense of these is no event ("was a prime
#: example", "has become the norm").
_COPULAS = frozenset(
    "be is are was were been being become became becomes remain remained remains seem seemed "
    "seems appear appeared appears".split()
)
_HAVE = frozenset({"has", "have", "had", "having"})
#: Auxiliaries of a past passive ("were evacuated", "has been traced"); a present passive
#: ("are declared") describes, it does not report.
_PASSIVE = frozenset({"was", "were", "been"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
#: Modals that make a sentence a possibility rather than a report. "Will" and "would" are
#: left out: "will take office today" and "said he would resign" report plans.
_HEDGES = frozenset({"could", "may", "might", "must", "should", "can", "ought"})
_HEDGE_ADVERBS = frozenset({"potentially", "possibly", "perhaps", "arguably"})
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_DEICTIC = frozenset({"this", "these", "that", "those", "such", "it"})
_OPENING_QUOTE = re.compile(r"[\"“]")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
#: Past tenses the suffix rule misses, for reading text without the model.
_IRREGULAR_PAST = frozenset(
    """said told won lost took made came went gave held left found began fell rose struck hit
    shot killed met sent spent built brought bought caught fought kept led paid sold stood
    threw wrote broke chose drove flew froze grew knew rode ran saw spoke stole swore tore
    woke wore beat bit bled bred dealt dug fed felt fled forbade forgot forgave got hung heard
    hid laid lent lit meant overtook quit read rang sank shook shut slid sought split spread
    sprang stuck stung swept swam swung taught thought understood upheld withdrew""".split()
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s")


#: Verbs that report speech in any tense ("says", "warned", "has confirmed").
_SPEECH = frozenset(
    """say tell announce confirm deny claim warn insist argue urge ask accuse vow pledge promise
    write tweet admit acknowledge declare predict estimate reply respond testify concede
    contend complain recall stress emphasise emphasize explain disclose reveal""".split()
)
#: Verbs that report speech only in a past tense ("added", "noted", "reported"): in the
#: present they are padding's favourite links ("This adds a layer of suspense", "The move
#: signals a new era").
_PAST_SPEECH = frozenset("add note report suggest describe call observe state signal".split())


def _inflected(verbs: frozenset[str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for verb in verbs:
        root = verb[:-1] if verb.endswith("e") else verb
        for form in (verb, verb + "s", verb + "es", root + "ed", verb + "ed", root + "ing"):
            forms[form] = verb
        if verb.endswith("y"):
            forms[verb[:-1] + "ies"] = forms[verb[:-1] + "ied"] = verb
    return forms


_IRREGULAR_SPEECH = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
}
_SPEECH_FORMS = _inflected(_SPEECH) | _IRREGULAR_SPEECH
_PAST_SPEECH_FORMS = {
    form: verb for form, verb in _inflected(_PAST_SPEECH).items() if form.endswith("ed")
}


def _is_speech(word: str, tag: str = "") -> bool:
    low = word.lower()
    if low in _SPEECH_FORMS:
        return True
    return low in _PAST_SPEECH_FORMS and (not tag or tag in {"VBD", "VBN"})


def _figures(text: str, words: Sequence[Word] | None) -> frozenset[str]:
    """Numbers the sentence states; a list marker ("1. Impact ...") and "one" are not."""
    body = _LIST_MARKER.sub("", text, count=1)
    if words:
        found = {
            normalize_number(w.text.lower())
            for i, w in enumerate(words)
            if (w.tag == "CD" or w.entity in FIGURE_LABELS)
            and w.tag != "LS"
            and w.text.lower() not in {"one", "first"}
            and any(ch.isdigit() for ch in w.text) | (w.text.lower() in NUMBER_WORDS)
            # "the two sides", "both nations": a count of what the story already named
            and not (
                w.text.lower() in NUMBER_WORDS
                and i > 0
                and words[i - 1].text.lower() in {"the", "these", "those", "both"}
            )
        }
        # "two-thirds", "twenty-three": a figure the tagger may read as an adjective
        found |= {
            w.text.lower()
            for w in words
            if "-" in w.text and any(p in NUMBER_WORDS for p in w.text.lower().split("-"))
        }
        return frozenset(found & set(sentence_terms(body).numbers) or found)
    return frozenset(n for n in sentence_terms(body).numbers if n not in {"one"})


def _dates(text: str, words: Sequence[Word] | None) -> frozenset[str]:
    if words:
        spans: list[str] = []
        current: list[str] = []
        for w in [*words, Word("")]:
            if w.entity in {"DATE", "TIME"}:
                current.append(w.text)
                continue
            if current and w.tag != "POS":  # "today's world" is no date
                spans.append(" ".join(current))
            current = []
        return frozenset(s.lower() for s in spans if _SPECIFIC_TIME.search(s))
    return frozenset(m.group(0).lower() for m in _SPECIFIC_TIME.finditer(text))


def _names(text: str, terms: Terms, words: Sequence[Word] | None) -> frozenset[str]:
    if words:
        found = {stem(w.text.lower()) for w in words if w.entity in NAME_LABELS}
        found |= {
            stem(w.text.lower())
            for i, w in enumerate(words)
            if w.tag in {"NNP", "NNPS"} and i > 0 and w.text[:1].isupper() and len(w.text) > 1
        }
        return frozenset(found - terms.numbers)
    return frozenset(terms.anchors - terms.numbers)


def _past_progressive(before: Sequence[str]) -> bool:
    return bool({"was", "were"} & set(before)) or list(before) == ["had", "been"]


#: Participles whose perfect passes a verdict rather than reporting an event: "has shown
#: resilience", "has highlighted the need", "has proved a turning point". Their simple past
#: ("CCTV showed the man") still reports.
_VERDICTS = frozenset(
    """shown signalled signaled highlighted underscored underlined demonstrated illustrated
    proved proven showcased exemplified reflected""".split()
)
#: The longest list label, in tokens, before its colon ("Job market resilience:").
MAX_LABEL_TOKENS = 6


def _without_label(words: Sequence[Word]) -> Sequence[Word]:
    """The sentence after a list label: "Job market resilience: The labor market has ...".
    A label is a few common words and a colon, with no verb and no name in it; a speaker
    ("Bailey: ...") or a clause ("He said: ...") is no label."""
    for i, w in enumerate(words[: MAX_LABEL_TOKENS + 1]):
        if w.text == ":":
            label = words[:i]
            plain = all(
                not x.tag.startswith(("VB", "NNP", "PRP", "MD")) and x.entity not in NAME_LABELS
                for x in label
            )
            return words[i + 1 :] if label and plain and len(words) > i + 2 else words
    return words


def _verbs(words: Sequence[Word]) -> tuple[bool, bool, bool]:
    """(event, speech, hedged) from the tagged words."""
    event = speech = hedged = reported = False
    lowered = [w.text.lower() for w in words]
    for i, w in enumerate(words):
        low = lowered[i]
        # a modal inside a relative clause ("consequences that can arise") hedges that
        # clause, not the sentence; after a reporting verb ("The Court held that courts
        # cannot ...") it is part of what was reported
        modal = (w.tag == "MD" and low in _HEDGES) or low in _HEDGE_ADVERBS
        if modal and not _RELATIVE & set(lowered[max(0, i - 2) : i]) and not reported:
            hedged = True
        if w.tag == "VBD" and low not in _COPULAS and low not in _HAVE:
            reported = True
        if not w.tag.startswith("VB"):
            continue
        # "says", "said", "has announced"; not "will tell" or "to announce", which report
        # nothing yet
        # and not a passive ("all seats are declared"): someone must be doing the saying
        active = w.tag != "VBN" or bool(_HAVE & set(lowered[max(0, i - 2) : i]))
        if w.tag not in {"VB", "VBG"} and active and _is_speech(w.text, w.tag):
            speech = True
        if w.tag == "VBD" and low not in _COPULAS and low not in _HAVE:
            event = True
        elif w.tag == "VBG" and _past_progressive(lowered[max(0, i - 2) : i]):
            event = True  # "were working", "had been reporting"; not "has been grappling"
        elif w.tag == "VBN" and low not in _COPULAS:
            # perfect ("has announced") or passive ("were evacuated", "has been traced"):
            # an auxiliary within the three words before it
            before = lowered[max(0, i - 3) : i]
            if low in _VERDICTS and _HAVE & set(before):
                continue  # "The labor market has shown surprising resilience": a verdict
            if any(b in _HAVE or b in _PASSIVE for b in before):
                event = True
    return event, speech, hedged


#: Verbs that link the story to an abstraction instead of reporting a state of it: "the
#: victory signals a new era", "the threat underscores the importance of prevention". Their
#: present tense is commentary's stock link; a past tense of them is still an event. A
#: present aspiration ("the bank hopes to make borrowing cheaper", "aims to") reports no
#: state either: what is hoped for is not checkable.
_LINKS = frozenset(
    """underscore underscores highlight highlights signal signals reflect reflects mark marks
    show shows demonstrate demonstrates illustrate illustrates represent represents serve
    serves indicate indicates suggest suggests pose poses raise raises add adds offer offers
    provide provides bring brings shape shapes reshape reshapes pave paves set sets spark
    sparks fuel fuels affect affects impact impacts influence influences shift shifts drive
    drives mean means matter matters face faces continue continues come comes seem seems
    appear appears become becomes remain remains lead leads play plays require requires
    need needs depend depends stand stands thrive thrives prove proves underline underlines
    showcase showcases speak speaks point points emphasize emphasizes emphasise emphasises
    stress stresses hope hopes aim aims seek seeks wish wishes aspire aspires""".split()
)


def _named_subject(before: Sequence[Word]) -> bool:
    """Is the last phrase before the verb a name or a person ("Italy is", "Dirar believes",
    "he says"), and not the object of a preposition ("wildfires in California are")?"""
    if not before:
        return False
    head = before[-1]
    if head.text.lower() in _PERSON_PRONOUNS:
        return True
    if head.tag not in {"NNP", "NNPS"}:
        return False
    start = len(before) - 1
    while start > 0 and before[start - 1].tag in {"NNP", "NNPS", "POS"}:
        start -= 1
    return (
        start == 0
        or before[start - 1].tag not in {"IN", "DT"}
        or before[start - 1].text.lower() == "the"
    )


def _present_state(words: Sequence[Word]) -> bool:
    """Does the main clause report a present state of the story?

    Two shapes do: a present "is"/"are" before a definite noun phrase, a figure or a
    preposition ("The strike is about a plan to automate the cranes", "The fire is one of
    three"), and a name or a person right before a present verb that is no link to an
    abstraction (_LINKS): "River Plate are keen to sign Falcao", "Italy is coping with a
    wave of migrants", "Dirar believes Falcao regrets the move". An adjective after the
    copula of a common noun ("efforts are crucial"), a participle ("is shrouded") or "a"/"an"
    ("is an important story": a verdict) do not; nor, measured on the padding set, do other
    present tenses of common nouns ("the decision gives the executive more flexibility").
    """
    for i, w in enumerate(words):
        if w.tag not in _FINITE:
            continue
        low = w.text.lower()
        if w.tag not in {"VBZ", "VBP"} or low in _HAVE:
            return False
        before = [x for x in words[:i] if x.tag not in {"RB", "RBR", "RBS", ","}]
        if _named_subject(before):
            if low in _LINKS:
                return False
            if low in _COPULAS:
                # "River Plate are keen to sign Manchester United striker Radamel Falcao";
                # not "X and Y are seasoned diplomats": an adjective is a verdict unless the
                # sentence goes on to name whom it concerns
                after = words[i + 1 :]
                adjective = bool(after) and after[0].tag in {"JJ", "JJR", "JJS", "VBN"}
                return not adjective or any(x.tag in {"NNP", "NNPS"} for x in after)
            return True
        if low in {"is", "are", "'s", "’s", "'re"}:
            following = [x for x in words[i + 1 : i + 4] if x.tag not in {"RB", "RBR", "RBS"}]
            # "is about a plan", "is one of three"; not "is an important story" (a verdict)
            return (
                bool(following)
                and following[0].tag in {"DT", "IN", "CD", "PRP$", "NN"}
                and following[0].text.lower() not in {"a", "an"}
            )
        return False
    return False


def _verbs_from_text(text: str) -> tuple[bool, bool, bool]:
    """The same three readings without tags: suffixes and the irregular past tenses."""
    tokens = [t.lower() for t in re.findall(r"[A-Za-z']+", text)]
    speech = any(_is_speech(t) for t in tokens)
    hedged = any(t in _HEDGES or t in _HEDGE_ADVERBS for t in tokens)
    event = any(
        t in _IRREGULAR_PAST
        or (
            t.endswith("ed")
            and len(t) > 4
            and i > 0
            and tokens[i - 1]
            in (_HAVE | _PASSIVE | {"they", "he", "she", "it", "we", "which", "who", "that"})
        )
        for i, t in enumerate(tokens)
    )
    return event, speech, hedged


_QUANTIFIERS = frozenset({"many", "some", "most", "numerous", "various", "several", "few"})
#: Finite verbs and modals: the subject of an English clause comes before the first of them.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_LEAD_INS = frozenset({"however", "meanwhile", "moreover", "still", "yet", "and", "but", "so"})


def _opens_deictic(lowered: Sequence[str]) -> bool:
    """Does the subject point back at what came before ("This surge", "Such moves", "It")?
    Such a sentence comments on the story rather than reporting a new part of it."""
    rest = [w for w in lowered if w not in _LEAD_INS and w not in {",", "—", "-"}]
    return bool(rest) and rest[0] in _DEICTIC


def _actor(words: Sequence[Word] | None, text: str, names: frozenset[str]) -> str:
    """Who acts: a name (or a pronoun for one), a definite thing of the story, or nobody.

    Read from the words before the first verb, the subject's usual place in English news.
    """
    if words:
        opening: list[Word] = []
        for w in words:
            if w.tag in _FINITE:
                break
            opening.append(w)
        lowered = [w.text.lower() for w in opening]
        if lowered[-1:] == ["it"] and len(words) > len(opening):
            # "It is learnt that Canada has rejected ...": the report's subject is the
            # clause after "that"
            after = [w.text.lower() for w in words[len(opening) :]]
            if "that" in after[:6]:
                return _actor(list(words[len(opening) + after.index("that") + 1 :]), text, names)
        if _opens_deictic(lowered):
            return "deictic"
        if any(w.entity in NAME_LABELS or w.tag in {"NNP", "NNPS"} for w in opening):
            return "named"
        if any(low in _PERSON_PRONOUNS for low in lowered):
            return "named"
        if opening and opening[0].tag == "IN" and "," in lowered:
            # "Over the years, many vaccines have ...": the subject follows the comma
            cut = len(lowered) - lowered[::-1].index(",")
            opening, lowered = opening[cut:], lowered[cut:]
        nouns = [w for w in opening if w.tag.startswith("NN") or w.tag == "CD"]
        if not nouns:
            return "named" if names and not opening else ""
        if _QUANTIFIERS & set(lowered):
            return ""  # "many vaccines", "some analysts": nobody in particular
        # "the outbreak", "its team", and "a teacher" or "a passenger": in news an indefinite
        # singular subject is a particular person or thing ("A teacher has been banned")
        if {"the", "a", "an"} & set(lowered) or any(w.tag in {"PRP$", "POS"} for w in opening):
            return "definite"
        # a bare plural ("Thousands were ordered to leave", "Residents fled") is people or
        # things of the story; a bare singular ("Climate change has played a role",
        # "Diplomacy thrives") is a concept, and a concept does nothing checkable
        if any(w.tag in {"NNS", "NNPS", "CD"} for w in nouns):
            return "definite"
        return ""
    first = re.findall(r"[A-Za-z']+", text)[:4]
    lowered = [f.lower() for f in first]
    if _opens_deictic(lowered):
        return "deictic"
    if names or any(low in _PERSON_PRONOUNS for low in lowered):
        return "named"
    if lowered[:1] == ["the"]:
        return "definite"
    return ""


def read_claim(text: str, words: Sequence[Word] | None = None, *, quoted: bool = False) -> Claim:
    """What `text` asserts. `words`: the model's tokens for it, when there are any; `quoted`:
    it goes on with a quotation an earlier, attributed sentence opened."""
    terms = sentence_terms(text)
    names = _names(text, terms, words)
    if words:
        words = _without_label(words)
        event, speech, hedged = _verbs(words)
    else:
        event, speech, hedged = _verbs_from_text(text)
    speech = speech or bool(_ACCORDING.search(text))
    state = _present_state(words) if words else False
    return Claim(
        text=text,
        terms=terms,
        figures=_figures(text, words),
        dates=_dates(text, words),
        names=names,
        actor=_actor(words, text, names),
        event=event,
        speech=speech,
        hedged=hedged and not speech,
        quoted=quoted,
        state=state,
    )


def quoted_sentences(texts: Sequence[str]) -> list[bool]:
    """Which of consecutive sentences are someone's words: one that opens with a quotation
    mark, or that a quotation left open runs on into ("... he said: “Changing a country is
    not like flipping a switch. The world is now a more unstable place.”"). In news a direct
    quotation is attributed within a sentence or two; padding seldom quotes anyone."""
    found: list[bool] = []
    inside = False
    for text in texts:
        found.append(inside or bool(_OPENING_QUOTE.match(text.lstrip())))
        for char in text:
            if char == "“":
                inside = True
            elif char == "”":
                inside = False
            elif char == '"':
                inside = not inside
    return found


def read_claims(
    texts: Sequence[str], words: Sequence[Sequence[Word] | None] | None = None
) -> list[Claim]:
    """The claims of consecutive sentences, in reading order; quotations that run over
    several sentences make each of them quoted (quoted_sentences)."""
    quoted = quoted_sentences(texts)
    return [
        read_claim(text, words[index] if words is not None else None, quoted=quoted[index])
        for index, text in enumerate(texts)
    ]


def asserts_fact(claim: Claim) -> bool:
    """Does the sentence assert something checkable?

    Yes when it states a figure or a specific date, when it is someone's attributed words,
    or when a named or definite actor did something (past, perfect, passive) or is in a
    state of the story (present tense, not a link to an abstraction), outside a modal frame.
    Otherwise it is commentary.
    """
    if claim.quoted:
        return True
    figures = {f for f in claim.figures if not _YEAR.fullmatch(f)}
    dates = {d for d in claim.dates if not _YEAR.fullmatch(d)}
    if figures or dates:
        # a year alone ("a significant change since the 2019 election") dates a comment as
        # easily as a fact; a figure or a day does not
        return True
    if claim.hedged:
        return False
    if claim.speech and claim.actor in {"named", "definite"}:
        return True
    if claim.event and claim.actor == "deictic":
        # "This is the moment a palace guard slipped", "This alerted employees": a pointer
        # back, but at something that happened
        return bool(claim.names) or claim.speech
    return (claim.event or claim.state) and claim.actor in {"named", "definite"}


def checkable(claim: Claim) -> frozenset[str]:
    """The claim's checkable content: names, figures, dates and the words rare in the
    language at large (by wordfreq), all as stems."""
    return claim.names | claim.figures | _date_stems(claim) | claim.terms.specific


def _date_stems(claim: Claim) -> frozenset[str]:
    return frozenset(stem(word) for date in claim.dates for word in date.split())


class Known:
    """What earlier claims said, gathered as they are read: the stems of their content words,
    checkable items and the acronyms of their names. Growing it costs one claim's words, so a
    passage is read in linear time."""

    def __init__(self, claims: Iterable[Claim] = ()) -> None:
        self.stems: set[str] = set()
        for claim in claims:
            self.add(claim)

    def add(self, claim: Claim) -> None:
        self.stems |= _said_of(claim)

    def __bool__(self) -> bool:
        return bool(self.stems)


@lru_cache(maxsize=65536)
def _said_of(claim: Claim) -> frozenset[str]:
    return checkable(claim) | claim.terms.words | frozenset(_acronyms(claim.text))


def _known(known: Known | Iterable[Claim]) -> Known:
    return known if isinstance(known, Known) else Known(known)


def adds_to(claim: Claim, known: Known | Iterable[Claim]) -> frozenset[str]:
    """What `claim` says that none of `known` said: the stems of its content words and
    checkable items that they lack. An acronym of a name they gave ("WHO" after "World
    Health Organization") is no new name."""
    return (checkable(claim) | claim.terms.words) - _known(known).stems


_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’-]*(?:\s+(?:of|for|and|the|de)\s+|\s+)?){2,}")


def _acronyms(text: str) -> set[str]:
    """Initials of each run of capitalised words, with and without its small words:
    "Bank of England" gives "boe" and "be"; "World Health Organization" gives "who"."""
    found: set[str] = set()
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        for start in range(len(words) - 1):  # "The World Health Organization" holds "WHO"
            run = words[start:]
            found.add("".join(w[0] for w in run).lower())
            found.add("".join(w[0] for w in run if w[0].isupper()).lower())
    return found


def adds_checkable(claim: Claim, known: Known | Sequence[Claim]) -> bool:
    """Does `claim` name an actor, state a figure or give a date that `known` did not?"""
    return bool(adds_to(claim, known) & (claim.names | claim.figures | _date_stems(claim)))


#: Share of a sentence's content words that may be new while it still only restates.
RESTATES_NEW_SHARE = 1 / 3


def restates(claim: Claim, known: Known | Sequence[Claim]) -> bool:
    """Does `claim` only say again what `known` said?

    It restates when it names no one, states no figure and no date that `known` did not,
    and at most a third of its content words are new: "The company confirmed layoffs after
    an email alerted staff" after "It announced job cuts hours after an email sent to staff
    by mistake hinted at layoffs". Someone's quoted words never restate: a quotation that
    runs over several sentences goes on saying new things in common words.
    """
    known = _known(known)
    if claim.quoted or not known or adds_checkable(claim, known):
        return False
    new = adds_to(claim, known)
    content = checkable(claim) | claim.terms.words
    return len(new) < RESTATES_NEW_SHARE * max(len(content), 1)


#: Overlap (relative to the smaller sentence, words weighted by rarity, names and figures
#: counting double) above which two factual sentences state the same fact.
SAME_FACT = 0.55
#: The lower bar when both state the same figures and share a name.
SAME_FACT_ANCHORED = 0.4


def _undated(claim: Claim) -> Terms:
    dates = _date_stems(claim)
    if not dates:
        return claim.terms
    terms = claim.terms
    return Terms(
        terms.words - dates,
        terms.anchors - dates,
        terms.numbers,
        terms.length,
        terms.specific - dates,
    )


def same_fact(a: Claim, b: Claim, weights: Weights | None = None) -> bool:
    """Do two claims, from one article or two, state the same fact?

    Figures must not disagree ("400 jobs" and "40 jobs" are two facts), and their words must
    largely overlap; figures stated alike and a shared name lower the bar.
    """
    if a.figures and b.figures and a.figures.isdisjoint(b.figures):
        return False
    if not (checkable(a) - _date_stems(a)) & (checkable(b) - _date_stems(b)):
        return False  # sharing only common words ("rates", "on hold") is no evidence
    weights = weights or Weights({}, 1.0)
    # a shared day ("Friday") says when, not what: it is no evidence of one fact
    overlap = weighted_overlap(_undated(a), _undated(b), weights)
    if overlap >= SAME_FACT:
        return True
    return a.figures == b.figures and bool(a.names & b.names) and overlap >= SAME_FACT_ANCHORED
