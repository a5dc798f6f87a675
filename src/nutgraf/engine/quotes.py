"""Quotes and attributed statements, with who made them (when the text says so for sure).

Two shapes are found:

    direct      "Nobody will be left behind," Vik said.     (words inside quotation marks,
                double or single, over one sentence or several)
    indirect    Solberg warned that the plan could cut 400 jobs.   According to Vik, ...

A quotation's speaker comes from, in this order:

    1. a speech cue in the quotation's own sentences: a speech verb outside the quotation
       with its subject ("..., Vik said."; "Vik said: ..."), read by attribution.py's sieve
    2. a sentence ending in a colon right before it whose cue names the speaker
    3. the quotation right before it, with nothing but captions between: a quote paragraph
       that goes on after "he said:" keeps its speaker, but only when its sentences hold
       nothing outside quotation marks (no cue, no narration, no caption run into it), the
       speaker came from a rule that carries (CARRIED) and no other person is named between

Each quote says which rule found its speaker (`Quote.attribution`, one of ATTRIBUTIONS), so
that `nutgraf bench reading` can measure each rule's precision on real articles and the FAQ
can ask "What did X say?" only of the sure ones.

Passive and hearsay forms ("is said to", "was reported", "it is claimed", "reportedly told")
never make their subject a speaker, and a heading never speaks. When the evidence is not clear
the quote is kept with `speaker` None: `Quote.speaker` is always someone the text names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from nutgraf.engine import attribution as sieve
from nutgraf.engine.attribution import Candidate, Mention
from nutgraf.engine.nlp import Parse
from nutgraf.engine.records import Entity, Quote, Sentence

SPEECH_VERBS = frozenset(
    """say tell warn emphasize emphasise add note state argue insist explain ask write tweet
    post announce claim declare acknowledge admit confirm deny reply respond suggest urge
    stress caution predict promise vow pledge describe call complain recall estimate report
    testify concede contend maintain observe remark reiterate signal accuse counter allege
    quip joke assert reveal criticise criticize""".split()
)
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write"}


def _inflections(verb: str) -> dict[str, str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = {verb, verb + "s", verb + "ed", stem + "ed", stem + "ing", verb + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("s", "sh", "ch")):
        forms.add(verb + "es")
    if verb in {"quip", "admit", "counter"}:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return dict.fromkeys(forms, verb)


#: Every inflected form of a speech verb, mapped to the verb: "warned" -> "warn".
SPEECH_FORMS = {
    form: verb for verb in sorted(SPEECH_VERBS) for form, verb in _inflections(verb).items()
} | _IRREGULAR
_WORDS = re.compile(r"[A-Za-z]+")
_MARKS = re.compile("[\"“”‘’']")
#: Adverbs that make a speech verb hearsay: "he has reportedly told the club".
_HEARSAY = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly"})
#: A quotation shorter than this inside a sentence is a phrase in someone's words ("very
#: happy"), not a quote; one that opens its sentence is a quote however short.
MIN_QUOTE_WORDS = 3
_OPENERS = frozenset(" \t\n([{—–-:;,/")
#: Speech verbs whose object, not a clause, carries what was said: "denied being unfair".
_OBJECT_VERBS = frozenset({"accuse", "deny", "admit", "urge", "criticise", "criticize", "warn"})
_SILENT_ROLES = frozenset({"heading", "navigation", "byline", "stamp", "rating", "dateline"})
#: How a quote's speaker was found (Quote.attribution), one name per rule of the sieve:
#: subject, apposition, relative, surname and pronoun come from attribution.py's reading of
#: a cue's subject, "according" from "according to X", "it" from an organisation's "it said",
#: "lead" from a sentence ending in a colon before the quote, "continuation" from the quote
#: before it.
ATTRIBUTIONS = (
    "subject",
    "apposition",
    "relative",
    "surname",
    "pronoun",
    "it",
    "according",
    "lead",
    "continuation",
)
#: The rules whose speaker a quote paragraph that goes on may keep.
CARRIED = frozenset(
    {"subject", "apposition", "relative", "surname", "pronoun", "lead", "continuation"}
)


def needs_syntax(sentence: Sentence) -> bool:
    """Could this sentence hold a speech cue? Only those get the (costly) dependency parse."""
    text = sentence.text
    if "according to" in text.lower() or text.rstrip().endswith(":"):
        return True
    return any(word.lower() in SPEECH_FORMS for word in _WORDS.findall(text))


# 1. quotations ----------------------------------------------------------------------------------


def _opens_single(text: str, i: int, floor: int) -> bool:
    before = text[i - 1] if i > floor else " "
    after = text[i + 1 : i + 3]
    if before not in _OPENERS:
        return False
    return bool(after) and (after[0].isalnum() or (after[0] == " " and after[1:2].isupper()))


def _reopens(text: str, i: int, floor: int) -> bool:
    """A single mark glued to the end of a sentence while no quotation is open: "she
    added.' I might do things ..." (a quote paragraph going on, its mark set against the
    sentence before it). Nothing is open, so it cannot close anything: it opens."""
    before = text[i - 1] if i > floor else " "
    after = text[i + 1 : i + 3]
    return before in ".?!" and len(after) == 2 and after[0] == " " and after[1].isupper()


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted char ranges of text[start:end] (one paragraph), without their marks.

    Double quotes (" “ ”) and single ones (‘ ’ and a ' that opens after a space and closes
    before one; an apostrophe inside a word is neither). A quotation still open at the end of
    the paragraph runs to it, and a new opening mark inside an open quotation starts another
    one: both are how a quote paragraph goes on.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    kind = ""
    for mark in _MARKS.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        single_open = ch == "‘" or (ch == "'" and _opens_single(text, i, start))
        if opened is None:
            if ch in '"“':
                opened, kind = i + 1, '"'
            elif single_open or (ch in "'’" and _reopens(text, i, start)):
                opened, kind = i + 1, "'"
        elif kind == '"' and (ch in '"”' or text[i : i + 2] in {"’’", "''"}):
            # ’’ (two single marks) closes a double quotation in some wire copy
            spans.append((opened, i))
            opened = None
        elif kind == '"' and ch == "“":
            spans.append((opened, i))
            opened = i + 1
        elif kind == "'" and ch in "'’" and _closes_single(text, i):
            spans.append((opened, i))
            opened = None
        elif kind == "'" and single_open:
            spans.append((opened, i))
            opened = i + 1
    if opened is not None:
        spans.append((opened, end))
    return [(a, b) for a, b in spans if b > a]


# 2. cues ----------------------------------------------------------------------------------------


@dataclass
class Cue:
    """A speech verb (or "according to") outside quotation marks, with what it says of who."""

    sentence: Sentence
    position: int  # char offset of the verb in the article
    verb: str
    entity: Entity | None
    role: str | None
    named: bool  # False: a subject that names nobody ("a spokeswoman") or a pronoun unresolved
    content: str | None  # an indirect statement's words
    rule: str | None = None  # which of ATTRIBUTIONS named the speaker
    #: an unnamed person spoke ("a spokesman", "the woman"): their sex, "m", "f" or "" unknown
    unnamed: str | None = None


@dataclass
class _Unit:
    sentence_ids: list[int]
    text: str
    direct: bool
    cue: Cue | None = None
    inherited: Quote | None = None
    start: int = 0
    end: int = 0
    extra: list[int] = field(default_factory=list)


class _Reader:
    """One article's quotes: the mentions, quotations and cues, then the sieve."""

    def __init__(self, parse: Parse, entities: tuple[Entity, ...]) -> None:
        self.parse = parse
        self.text = parse.doc.text
        self.sentences = parse.sentences
        self.entities = entities
        self.tagged: list[tuple[int, int]] = []  # every span the entity model tagged
        self.mentions, titles = self._mentions()
        self.genders = {e.id: sieve.gender(e, titles) for e in entities if e.kind == "person"}
        self.quoted = sorted(self._quotations())
        self._quote_starts = [a for a, _ in self.quoted]
        self.history: list[Candidate] = []

    # -- mentions

    def _mentions(self) -> tuple[list[Mention], dict[str, str]]:
        found: list[Mention] = []
        titles: dict[str, str] = {}
        doc = self.parse.doc
        for ent in doc.ents:
            self.tagged.append((ent.start_char, ent.end_char))
            sentence_id = self.parse.sentence_id_at(ent.start_char)
            entity = self._entity_named(ent.text, sentence_id)
            if entity is None:
                continue
            end = ent.end_char
            following = doc[ent.end] if ent.end < len(doc) else None
            owner = sieve.possessive(ent.text) or (
                following is not None and following.text in {"'s", "’s", "'", "’"}
            )
            found.append(Mention(ent.start_char, end, entity, owner))
            if ent.start > 0 and entity.kind == "person":
                sex = sieve.word_gender(doc[ent.start - 1].text)
                if sex and titles.get(entity.id, sex) == sex:
                    titles[entity.id] = sex
        return found, titles

    def _entity_named(self, text: str, sentence_id: int) -> Entity | None:
        """The entity a mention's words name, in this sentence first (the same words may name
        two entities in one article only if the model split them)."""
        words = _clean(text)
        if not words:
            return None
        here = [e for e in self.entities if sentence_id in e.sentence_ids]
        for pool in (here, self.entities):
            for entity in pool:
                if words == entity.name or words in entity.mentions:
                    return entity
        return None

    def mention_at(self, char: int) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= char < mention.end:
                return mention
        return None

    # -- quotations

    def _quotations(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        by_paragraph: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
        for group in by_paragraph.values():
            spans += quotations(self.text, group[0].start, group[-1].end)
        return spans

    def quoted_at(self, char: int) -> bool:
        at = bisect.bisect_right(self._quote_starts, char) - 1
        return at >= 0 and char < self.quoted[at][1]

    # -- cues

    def cues(self, sentence: Sentence, span: Any) -> list[Cue]:
        """Every speech cue of a parsed sentence, outside its quotations, in order."""
        if sentence.id not in self.parse.syntax or sentence.role in _SILENT_ROLES:
            return []
        found = []
        offset = sentence.start - span.start_char
        for token in span:
            if self.quoted_at(offset + token.idx):
                continue
            if token.lower_ == "according" and token.i + 1 < len(token.doc):
                following = token.doc[token.i + 1]
                objects = [c for c in following.children if c.dep_ == "pobj"]
                if following.lower_ == "to" and objects:
                    found.append(self._cue(sentence, offset, token, objects[0], "according to"))
                continue
            if not token.tag_.startswith("VB") or token.lower_ not in SPEECH_FORMS:
                continue
            deps = {child.dep_ for child in token.children}
            negated = token.dep_ == "conj" and any(c.dep_ == "neg" for c in token.head.children)
            if (
                negated
                or deps & {"nsubjpass", "auxpass", "neg"}
                or any(child.lower_ in _HEARSAY for child in token.children)
            ):
                continue  # "is said to", "was reported", "reportedly told", "did not say"
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if not subjects and token.dep_ in {"conj", "advcl", "xcomp"} and _joined(token):
                # "... and added: ..." / "saying ...": the subject of the verb it hangs on
                subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if subjects:
                found.append(self._cue(sentence, offset, token, subjects[0], _verb(token)))
        if any(c.verb != "according to" for c in found):
            # "She added that ..., according to Philly.com": the paper reports, she speaks
            found = [c for c in found if c.verb != "according to"]
        return found

    def _cue(self, sentence: Sentence, offset: int, verb: Any, subject: Any, name: str) -> Cue:
        entity, role, named, rule = self._speaker(sentence, offset, subject, verb)
        content = _statement(verb) if name != "according to" else None
        if name == "according to" and named:
            rule = "according"
        unnamed = None
        if not named and rule is None and subject.tag_ == "NN":
            # one person the text does not name: "a spokesman", "the woman", "an official"
            words = [t.lower_ for t in subject.subtree]
            sexes = {sieve.PERSON_NOUNS.get(w) or sieve.word_gender(w) for w in words} - {None}
            unnamed = sexes.pop() if len(sexes) == 1 else ""
        return Cue(sentence, offset + verb.idx, name, entity, role, named, content, rule, unnamed)

    def _speaker(
        self, sentence: Sentence, offset: int, subject: Any, verb: Any
    ) -> tuple[Entity | None, str | None, bool, str | None]:
        """(entity, role, named, rule): who a speech verb's subject names, and which rule of
        the sieve found them."""
        lower = subject.lower_
        if lower in sieve.PERSON_PRONOUNS:
            entity = sieve.resolve_pronoun(
                lower, self._candidates(sentence, offset + subject.idx), self.genders
            )
            return entity, None, entity is not None, "pronoun"
        if lower == "it":
            last = self._last(sentence.id)
            if last and last.entity is not None and last.entity.kind == "organization":
                return last.entity, None, True, "it"
            return None, None, False, None
        if lower in {"they", "we", "i", "you", "this", "that"}:
            return None, None, False, None
        head = subject
        rule = "subject"
        if sieve.relative(lower) and subject.head.dep_ == "relcl":
            head = subject.head.head  # "Mirshekari, the deputy governor, who said"
            rule = "relative"
        mention, how = self._named(head, offset)
        if mention is None:
            mention, how = self._surname(head, offset), "surname"
        phrase = _phrase(head)
        if mention is None or not sieve.speaking(mention.entity):
            return None, sieve.role_words(phrase, ()), False, None
        entity = mention.entity
        name_words = self.text[mention.start : mention.end].split() + entity.name.split()
        return entity, sieve.role_words(phrase, name_words), True, how if how != "subject" else rule

    def _named(self, head: Any, offset: int) -> tuple[Mention | None, str]:
        """The named entity a subject's head stands for, with how it was found: the head
        itself ("subject": a person before an organisation, "USC defensive end Lawrence
        Jackson"), or a person in apposition to it ("apposition": "Carlineo's attorney, Sonya
        Zoghlin"; "Jackson, the USC defensive end")."""
        mention = self.mention_at(offset + head.idx)
        if mention is None and sieve.is_title(head.text):
            # "Det. McGowan said": the parse may take the title for the head
            for token in head.doc[head.i + 1 : head.i + 4]:
                mention = self.mention_at(offset + token.idx)
                if mention:
                    break
        if mention is not None and mention.entity.kind == "person":
            return mention, "subject"
        for child in head.children:
            if child.dep_ == "appos":
                other = self.mention_at(offset + child.idx) or self._by_name(child, offset)
                if other is not None and other.entity.kind == "person":
                    return other, "apposition"
                if other is not None and mention is None and head.tag_ in {"NN", "NNS"}:
                    return other, "apposition"  # "The group that owns her music, Big Machine"
        if head.dep_ == "appos":
            other = self.mention_at(offset + head.head.idx)
            if other is not None and other.entity.kind == "person":
                return other, "apposition"
        if mention is not None and mention.possessive:
            return None, "subject"
        if mention is not None and not mention.start <= offset + head.idx < mention.end:
            return None, "subject"  # "a spokesman with Save the Children": the spokesman speaks
        return mention, "subject"

    def _by_name(self, token: Any, offset: int) -> Mention | None:
        """An untagged proper noun phrase ("Big Machine" the model tagged only once) that is
        exactly the name of one of the article's entities."""
        if token.tag_ not in {"NNP", "NNPS"}:
            return None
        first = min([c.i for c in token.children if c.dep_ == "compound"] + [token.i])
        words = token.doc[first : token.i + 1]
        start = offset + words[0].idx
        named = [e for e in self.entities if e.name == words.text]
        if len(named) != 1:
            return None
        return Mention(start, offset + words[-1].idx + len(words[-1].text), named[0], False)

    def _surname(self, head: Any, offset: int) -> Mention | None:
        """A proper-noun subject the entity model missed ("Schröder said") that is the surname
        of exactly one person of the article."""
        char = offset + head.idx
        if head.tag_ != "NNP" or any(a <= char < b for a, b in self.tagged):
            return None  # tagged as part of another name ("Henry Giroud"): not ours to guess
        owners = [
            e for e in self.entities if e.kind == "person" and e.name.split()[-1] == head.text
        ]
        if len(owners) != 1:
            return None
        return Mention(char, char + len(head.text), owners[0], possessive=False)

    def _last(self, sentence_id: int) -> Candidate | None:
        recent = [c for c in self.history if sentence_id - 2 <= c.sentence_id <= sentence_id]
        return recent[-1] if recent else None

    def _candidates(self, sentence: Sentence, before: int) -> list[Candidate]:
        """Everyone "he"/"she" at char `before` may point to, oldest first: in the two sentences
        before and this one up to the pronoun, outside quotations, the people named (not as a
        possessor), the speakers (named or not) and the unnamed people a gendered word names
        ("Siler's mother started crying ... 'Why?' she asked")."""
        window = [
            s
            for s in self.sentences[max(0, sentence.id - 2) : sentence.id + 1]
            if s.role not in _SILENT_ROLES
        ]
        if not window:
            return []
        floor = window[0].start

        def inside(char: int) -> bool:
            return (
                floor <= char < before
                and not self.quoted_at(char)
                and any(s.start <= char < s.end for s in window)
            )

        found = [c for c in self.history if inside(c.position)]
        for mention in self.mentions:
            if inside(mention.start) and mention.entity.kind == "person" and not mention.possessive:
                found.append(Candidate(mention.start, mention.entity, sentence.id))
        for s in window:
            for token in self._tokens(s):
                char = token.idx
                sex = sieve.PERSON_NOUNS.get(token.lower_)
                if sex and token.tag_ == "NN" and inside(char) and not self._named_by(token):
                    found.append(Candidate(char, None, s.id, sex))
        return sorted(found, key=lambda c: c.position)

    def _named_by(self, noun: Any) -> bool:
        """Is this gendered noun a named person's: part of a name, or a description the name
        follows before the clause's verb ("his wife, Kimberly"; "the man who kidnapped the
        child, Michael Webb")? Read from tags, as the whole text is not parsed."""
        if self.mention_at(noun.idx) is not None:
            return True
        in_relative = False
        for token in noun.doc[noun.i + 1 : noun.i + 12]:
            if token.is_sent_start:
                return False
            if token.lower_ in {"who", "whom", "that", "which"}:
                in_relative = True
                continue
            if token.text == ",":
                in_relative = False
                continue
            mention = self.mention_at(token.idx)
            if mention is not None and mention.entity.kind == "person":
                return True
            if not in_relative and token.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
                return False
        return False

    def _tokens(self, sentence: Sentence) -> Any:
        span = self.parse.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        return span if span is not None else ()

    def goes_on(self, previous: Quote, after: int, start: int, ids: Sequence[int]) -> bool:
        """May the quotation at `start` (over sentences `ids`) keep the speaker of the one
        ending at `after`? Only a quote paragraph that goes on: its sentences hold nothing but
        quoted words (no cue of its own, no narration, no caption glued on), the speaker came
        from a rule that carries (CARRIED), and no other person is named in between."""
        if previous.speaker is None or previous.attribution not in CARRIED:
            return False
        begin, finish = self.sentences[ids[0]].start, self.sentences[ids[-1]].end
        outside = [
            ch
            for i, ch in enumerate(self.text[begin:finish], start=begin)
            if ch.isalnum() and not self.quoted_at(i)
        ]
        if outside:
            return False
        return not any(
            after <= m.start < start
            and m.entity.kind == "person"
            and m.entity.id != previous.entity_id
            and not self.quoted_at(m.start)
            for m in self.mentions
        )

    def remember(self, cue: Cue) -> None:
        if cue.verb == "according to":
            return
        if cue.named:
            self.history.append(Candidate(cue.position, cue.entity, cue.sentence.id, spoke=True))
        elif cue.unnamed is not None:
            sex = cue.unnamed or None
            self.history.append(Candidate(cue.position, None, cue.sentence.id, sex))


def _clean(text: str) -> str:
    text = re.sub(r"(?:'s|’s|'|’)$", "", text.strip().strip(",.;:()\"“”‘’'"))
    return re.sub(r"\s+", " ", text).strip()


def _joined(verb: Any) -> bool:
    """Does a speech verb without a subject of its own really share its head's ("said ... and
    added", "..., saying")? Only when a conjunction, a comma or an adverb comes right before
    it; a name right before it ("... at Goodison Park Martinez insisted", captions run
    together) is a subject the parse missed, so the head's subject is not the speaker."""
    if verb.dep_ != "conj":
        return True  # "..., saying", "went on to say": a participle or infinitive of the verb
    for before in reversed(list(verb.doc[max(0, verb.i - 4) : verb.i])):
        if before.tag_ in {"RB", "MD"} or before.dep_ in {"aux", "neg", "advmod"}:
            continue  # "and then added", "and has since admitted"
        return before.tag_ == "CC" or before.text in {",", ";", ":", "—", "–"}
    return False


def _verb(token: Any) -> str:
    return SPEECH_FORMS[token.lower_]


def _phrase(head: Any) -> str:
    """The subject phrase without relative clauses: "a spokesman with Save the Children"."""
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in {"relcl", "acl"}:
            skip |= {t.i for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in skip and not t.is_space]
    return " ".join(t.text for t in tokens).replace(" 's", "'s").replace(" ’s", "’s")


def _statement(verb: Any) -> str | None:
    """The reported content of an indirect statement: the verb's clausal complement, after it
    ("Vik said that ...") or before it ("Police found the gun, Vik said")."""
    for child in verb.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and child.i > verb.i):
            tokens = list(child.subtree)
            if len(tokens) >= 4:
                start = tokens[0].i
                if verb.doc[start].lower_ == "that":
                    start += 1
                return str(verb.doc[start : tokens[-1].i + 1].text).strip(" ,.")
    # "accused Big Machine of trying to stop her", "denied being unfair to her"
    right = [t for t in verb.subtree if t.i > verb.i]
    if len(right) >= 4 and SPEECH_FORMS[verb.lower_] in _OBJECT_VERBS:
        return str(verb.doc[right[0].i : right[-1].i + 1].text).strip(" ,.")
    return None


# 3. putting it together -------------------------------------------------------------------------


def find_quotes(parse: Parse, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Every direct quotation and every attributed statement, each with its speaker when the
    text names them for sure (else None), in reading order."""
    reader = _Reader(parse, entities)
    spans = parse.sentence_spans()
    cues_of: dict[int, list[Cue]] = {}
    for sentence, span in spans:
        # in reading order, so that "he said" can look back to the speakers before it
        cues_of[sentence.id] = reader.cues(sentence, span)
        for said in cues_of[sentence.id]:
            reader.remember(said)

    sentences = parse.sentences
    found: list[Quote] = []
    taken: set[int] = set()  # cue positions that attributed a quotation
    quotes_in: dict[int, list[tuple[int, int]]] = {}
    for start, end in reader.quoted:
        opens = reader.text[parse.sentences[parse.sentence_id_at(start)].start : start - 1]
        if len(reader.text[start:end].split()) < MIN_QUOTE_WORDS and opens.strip():
            continue  # a phrase in someone's words mid-sentence; "“Amazing,” Davis said" stays
        first = parse.sentence_id_at(start)
        last = parse.sentence_id_at(max(start, end - 1))
        quotes_in.setdefault(first, []).append((start, end))
        for sentence_id in range(first + 1, last + 1):
            quotes_in.setdefault(sentence_id, [])

    previous: Quote | None = None
    previous_last = -1
    previous_end = -1
    cue: Cue | None
    for sentence in sentences:
        for start, end in quotes_in.get(sentence.id, ()):
            first = sentence.id
            last = parse.sentence_id_at(max(start, end - 1))
            ids = list(range(first, last + 1))
            cue = _cue_for(ids, start, end, cues_of)
            sentence_ids = tuple(ids)
            lead = False
            if cue is None and first > 0 and sentences[first - 1].text.rstrip().endswith(":"):
                leads = cues_of.get(first - 1, [])
                if leads:
                    cue = leads[-1]
                    sentence_ids = (first - 1, *ids)
                    lead = True
            text = " ".join(reader.text[start:end].split()).strip(" ,")
            if cue is not None:
                taken.add(cue.position)
                quote = _quote(text, cue, True, sentence_ids, "lead" if lead else None)
            elif (
                previous is not None
                and _adjacent(previous_last, first, sentences)
                and reader.goes_on(previous, previous_end, start, ids)
            ):
                quote = Quote(
                    text=text,
                    speaker=previous.speaker,
                    entity_id=previous.entity_id,
                    verb=previous.verb,
                    direct=True,
                    sentence_ids=sentence_ids,
                    role=previous.role,
                    attribution="continuation" if previous.speaker else None,
                )
            else:
                quote = Quote(
                    text=text,
                    speaker=None,
                    entity_id=None,
                    verb="",
                    direct=True,
                    sentence_ids=sentence_ids,
                )
            found.append(quote)
            previous, previous_last, previous_end = quote, last, end
        for cue in cues_of.get(sentence.id, ()):
            if cue.position in taken:
                continue
            content = cue.content
            if cue.verb == "according to":
                content = sentence.text.strip()
            if content is None or reader.quoted_at(cue.position):
                continue
            found.append(_quote(content, cue, False, (sentence.id,)))
    return tuple(sorted(found, key=lambda q: q.sentence_ids))


def _cue_for(ids: Sequence[int], start: int, end: int, cues_of: dict[int, list[Cue]]) -> Cue | None:
    """The cue that attributes a quotation: in the sentence where it ends, after it
    ("..., Vik said"), else the nearest one before it in its first sentence ("Vik said: ...")."""
    after = [c for c in cues_of.get(ids[-1], []) if c.position >= end]
    if after:
        return after[0]
    before = [c for c in cues_of.get(ids[0], []) if c.position < start]
    if before:
        return before[-1]
    inside = [c for i in ids for c in cues_of.get(i, []) if start <= c.position < end]
    return inside[0] if inside else None


def _adjacent(previous_last: int, first: int, sentences: Sequence[Sentence]) -> bool:
    """The quotation before ended in the sentence right before this one (or in this one),
    with nothing but captions between."""
    if previous_last < 0 or previous_last > first:
        return False
    between = sentences[previous_last + 1 : first]
    return all(s.role == "caption" for s in between)


def _quote(
    text: str, cue: Cue, direct: bool, sentence_ids: tuple[int, ...], rule: str | None = None
) -> Quote:
    named = cue.named and cue.entity is not None
    return Quote(
        text=text,
        speaker=cue.entity.name if named and cue.entity else None,
        entity_id=cue.entity.id if named and cue.entity else None,
        verb=cue.verb,
        direct=direct,
        sentence_ids=sentence_ids,
        role=cue.role,
        attribution=(rule or cue.rule) if named else None,
    )
