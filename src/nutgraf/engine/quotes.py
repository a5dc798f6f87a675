"""Quotes and attributed statements, with who made them.

Two shapes are found:

    direct      "Nobody will be left behind," Vik said.     (words inside quotation marks)
    indirect    Solberg warned that the plan could cut 400 jobs.

The speaker is the subject of a speech verb in the same sentence (or, for a quote standing
alone, the sentence right before it that ends in a colon). A pronoun subject ("he said") is the
person named most recently before it; "it said" is the organisation named most recently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from nutgraf.engine.nlp import Parse
from nutgraf.engine.records import Entity, Quote, Sentence

SPEECH_VERBS = frozenset(
    """say tell warn emphasize emphasise add note state argue insist explain ask write tweet
    post announce claim declare acknowledge admit confirm deny reply respond suggest urge
    stress caution predict promise vow pledge describe call complain recall estimate report
    testify concede contend maintain observe remark reiterate signal""".split()
)
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write"}


def _inflections(verb: str) -> dict[str, str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = {verb, verb + "s", verb + "ed", stem + "ed", stem + "ing", verb + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("s", "sh", "ch")):
        forms.add(verb + "es")
    return dict.fromkeys(forms, verb)


#: Every inflected form of a speech verb, mapped to the verb: "warned" -> "warn".
SPEECH_FORMS = {
    form: verb for verb in sorted(SPEECH_VERBS) for form, verb in _inflections(verb).items()
} | _IRREGULAR
_DIRECT = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
_WORDS = re.compile(r"[A-Za-z]+")
_PERSON_PRONOUNS = frozenset({"he", "she", "they"})
_THING_PRONOUNS = frozenset({"it"})


def _entity_at(entities: tuple[Entity, ...], sentence_id: int, text: str) -> Entity | None:
    """The entity `text` names: one mentioned in this sentence first, else anywhere (the
    model may miss "Okafor" in one sentence yet find him in the article)."""
    lowered = text.lower()
    for entity in entities:
        if sentence_id in entity.sentence_ids and any(
            m.lower() in lowered for m in entity.mentions
        ):
            return entity
    words = set(lowered.split())
    for entity in entities:
        surnames = {m.lower().split()[-1] for m in entity.mentions}
        if entity.kind == "person" and words & surnames:
            return entity
        if any(m.lower() == lowered for m in entity.mentions):
            return entity
    return None


def _last_named(
    entities: tuple[Entity, ...], sentence_id: int, kinds: tuple[str, ...]
) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for entity in entities:
        if entity.kind not in kinds:
            continue
        earlier = [i for i in entity.sentence_ids if i <= sentence_id]
        if earlier and (best is None or max(earlier) > best[0]):
            best = (max(earlier), entity)
    return best[1] if best else None


def _speech_verb(span: Any, quoted: Sequence[tuple[int, int]] = ()) -> tuple[Any, Any] | None:
    """(verb, subject) of the first speech verb in `span`, outside the `quoted` char ranges."""
    for token in span:
        if not token.tag_.startswith("VB") or token.lower_ not in SPEECH_FORMS:
            continue
        if any(start <= token.idx - span.start_char < end for start, end in quoted):
            continue
        for child in token.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return token, child
    for token in span:  # "according to Rubio, ..."
        if token.lower_ == "according" and token.i + 2 < len(token.doc):
            following = token.doc[token.i + 1]
            if following.lower_ == "to":
                for child in following.children:
                    if child.dep_ == "pobj":
                        return token, child
    return None


def _verb_name(verb: Any) -> str:
    return "according to" if verb.lower_ == "according" else SPEECH_FORMS[verb.lower_]


def _speaker(
    subject: Any, sentence: Sentence, entities: tuple[Entity, ...]
) -> tuple[str | None, Entity | None]:
    words = subject.doc[subject.left_edge.i : subject.right_edge.i + 1].text
    lower = subject.lower_
    if lower in _PERSON_PRONOUNS:
        entity = _last_named(entities, sentence.id, ("person",))
        return (entity.name if entity else None), entity
    if lower in _THING_PRONOUNS:
        entity = _last_named(entities, sentence.id, ("organization", "place"))
        return (entity.name if entity else None), entity
    entity = _entity_at(entities, sentence.id, words)
    if entity is not None:
        return entity.name, entity
    return words, None


def _statement(verb: Any, span: Any) -> str | None:
    """The reported content of an indirect statement: the verb's clausal complement."""
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"} and child.i > verb.i:
            tokens = [t for t in child.subtree if t.i >= span.start and t.i < span.end]
            if len(tokens) >= 4:
                start = tokens[0].i
                if span.doc[start].lower_ == "that":
                    start += 1
                return str(span.doc[start : tokens[-1].i + 1].text).strip(" ,.")
    return None


def needs_syntax(sentence: Sentence) -> bool:
    """Could this sentence report speech? Only those get the (costly) dependency parse."""
    text = sentence.text
    if _DIRECT.search(text) or "according to" in text.lower() or text.rstrip().endswith(":"):
        return True
    return any(word.lower() in SPEECH_FORMS for word in _WORDS.findall(text))


def find_quotes(parse: Parse, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Every direct quote, and every statement attributed with a speech verb."""
    found: list[Quote] = []
    spans = parse.sentence_spans()
    for index, (sentence, span) in enumerate(spans):
        matches = list(_DIRECT.finditer(sentence.text))
        quoted = [(m.start(), m.end()) for m in matches]
        attribution = _speech_verb(span, quoted)
        direct = [m.group(1).strip(" ,") for m in matches]
        if direct:
            sentence_ids: tuple[int, ...] = (sentence.id,)
            verb_text = _verb_name(attribution[0]) if attribution else ""
            speaker, entity = (None, None)
            if attribution:
                speaker, entity = _speaker(attribution[1], sentence, entities)
            elif index > 0 and spans[index - 1][0].text.rstrip().endswith(":"):
                previous, previous_span = spans[index - 1]
                lead = _speech_verb(previous_span)
                if lead:
                    verb_text = _verb_name(lead[0])
                    speaker, entity = _speaker(lead[1], previous, entities)
                    sentence_ids = (previous.id, sentence.id)
            elif found and found[-1].direct and found[-1].sentence_ids[-1] == sentence.id - 1:
                # A quote that runs on into the next sentence keeps its speaker.
                speaker, verb_text = found[-1].speaker, found[-1].verb
                entity = next((e for e in entities if e.id == found[-1].entity_id), None)
            for text in direct:
                found.append(
                    Quote(
                        text=text,
                        speaker=speaker,
                        entity_id=entity.id if entity else None,
                        verb=verb_text,
                        direct=True,
                        sentence_ids=sentence_ids,
                    )
                )
            continue
        if attribution is None:
            continue
        verb, subject = attribution
        content = _statement(verb, span)
        if content is None:
            continue
        speaker, entity = _speaker(subject, sentence, entities)
        found.append(
            Quote(
                text=content,
                speaker=speaker,
                entity_id=entity.id if entity else None,
                verb=_verb_name(verb),
                direct=False,
                sentence_ids=(sentence.id,),
            )
        )
    return tuple(found)
