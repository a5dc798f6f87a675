"""Greedy decoding of the model's entity recogniser, all sentences of an article at once.

spaCy's entity recogniser is a transition system: it walks the tokens left to right and at each
one takes the best valid move (O, or B/I/L/U with a label). In the spaCy 3.8 wheels its loop
takes the interpreter lock for an exception check on every validity test, which made it two
thirds of an article's analysis time. This module runs the same model and the same moves with
numpy: spaCy's own layers compute each token's features once, then the walk advances every
sentence by one token per step, which is exact because no entity may cross a sentence start.
`tests/test_entity_decoder.py` checks the result against spaCy's own decoding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.pipeline import EntityRecognizer
    from spacy.tokens import Doc

_MOVES = "BILUO"
_B, _I, _L, _U, _O = range(len(_MOVES))


class EntityDecoder:
    """Finds entities with `recogniser`'s weights; `decode(doc)` sets `doc.ents`.

    Which moves are valid depends only on the state's code: for a state outside an entity,
    whether the token is whitespace and whether the next token starts a sentence (or there is
    none); inside one, its label and that same look-ahead. `_penalty[code]` holds 0 for the
    moves valid in that state and -inf for the rest.
    """

    def __init__(self, recogniser: EntityRecognizer) -> None:
        model = recogniser.model
        if model.attrs.get("unseen_classes") or not model.attrs.get("has_upper"):
            raise ValueError("entity model shape not supported by the fast decoder")
        self._tok2vec = model.get_ref("tok2vec")
        self._lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        self._weights = np.ascontiguousarray(upper.get_param("W").T)
        self._bias = upper.get_param("b")
        self._hidden_bias = self._lower.get_param("b").reshape(-1)
        self._pieces = self._lower.get_dim("nP")
        names = [recogniser.moves.get_class_name(i) for i in range(recogniser.moves.n_moves)]
        if len(names) != self._weights.shape[1]:
            raise ValueError("entity moves do not match the model's outputs")
        self._kind, self._label, self.labels = _parse_moves(names)
        self._penalty = _penalty_table(self._kind, self._label, len(self.labels))

    def decode(self, doc: Doc) -> None:
        """Set `doc.ents` from the model, not crossing the sentence starts marked on `doc`."""
        from spacy.tokens import Span

        if len(doc) == 0:
            return
        spans = [
            Span(doc, start, end, label=self.labels[label])
            for start, end, label in self._walk(doc, self._token_features(doc))
        ]
        doc.set_ents(spans, default="outside")

    def _token_features(self, doc: Doc) -> tuple[np.ndarray, ...]:
        """For each state slot (the token, the entity's first token, the one before): a
        (tokens + 1, hidden * pieces) array whose row 0 is the empty slot's padding."""
        vectors = self._tok2vec.predict([doc])
        features = self._lower.predict(vectors)  # (tokens + 1, slots, hidden, pieces)
        rows = features.shape[0]
        return tuple(
            np.ascontiguousarray(features[:, slot].reshape(rows, -1))
            for slot in range(features.shape[1])
        )

    def _walk(self, doc: Doc, features: tuple[np.ndarray, ...]) -> list[tuple[int, int, int]]:
        from spacy.attrs import IS_SPACE, SENT_START

        token_slot, first_slot, before_slot = features
        count = len(doc)
        marks = doc.to_array([SENT_START, IS_SPACE]).reshape(count, 2)
        is_start = marks[:, 0] == 1
        is_start[0] = True
        # outside an entity: code = 2 * whitespace + blocked; inside: 4 + 2 * label + blocked,
        # where "blocked" means no entity may run on to the next token
        blocked = np.ones(count, dtype=np.intp)
        blocked[:-1] = is_start[1:]
        closed_code = 2 * marks[:, 1].astype(np.intp) + blocked

        starts = np.flatnonzero(is_start)
        lengths = np.diff(np.append(starts, count))
        order = np.argsort(-lengths, kind="stable")  # longest first: live states are a prefix
        starts, lengths = starts[order], lengths[order]
        open_label = np.full(len(starts), -1)
        entity_start = np.full(len(starts), -1)
        found: list[tuple[int, int, int]] = []
        for step in range(int(lengths[0])):
            live = int(np.count_nonzero(lengths > step))
            position = starts[:live] + step
            label = open_label[:live]
            inside = label >= 0
            first = np.where(inside, entity_start[:live], -1)
            before = np.where(inside, position - 1, -1)
            summed = token_slot[position + 1] + first_slot[first + 1]
            summed += before_slot[before + 1]
            summed += self._hidden_bias
            hidden = summed.reshape(live, -1, self._pieces).max(axis=2)
            scores = hidden @ self._weights
            scores += self._bias
            code = np.where(inside, 4 + 2 * label + blocked[position], closed_code[position])
            scores += self._penalty[code]
            chosen = scores.argmax(axis=1)
            move, chosen_label = self._kind[chosen], self._label[chosen]

            for row in np.flatnonzero(move == _L):  # the open entity ends here
                found.append((int(first[row]), int(position[row]) + 1, int(label[row])))
            for row in np.flatnonzero(move == _U):  # a one-token entity
                found.append((int(position[row]), int(position[row]) + 1, int(chosen_label[row])))
            begins = move == _B
            label[begins] = chosen_label[begins]
            entity_start[:live][begins] = position[begins]
            label[move == _L] = -1
        found.sort()
        return found


def _parse_moves(names: list[str]) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Class names such as "B-ORG" or "O" as (move kind, label number) arrays, and the labels."""
    kinds, numbers, labels = [], [], []
    for name in names:
        kind, _, label = name.partition("-")
        kinds.append(_MOVES.index(kind))
        if label and label not in labels:
            labels.append(label)
        numbers.append(labels.index(label) if label else -1)
    return np.array(kinds), np.array(numbers), tuple(labels)


def _penalty_table(kind: np.ndarray, label: np.ndarray, labels: int) -> np.ndarray:
    """0 for a valid move and -inf for an invalid one, per state code (see EntityDecoder).

    The rules are spaCy's (BiluoPushDown) for a document with no preset entities: outside an
    entity, O is always valid, U unless the token is whitespace, B unless it is whitespace or
    blocked; inside one, L with the entity's label, and I with it unless blocked.
    """
    valid = np.zeros((4 + 2 * labels, len(kind)), dtype=bool)
    for space in (0, 1):
        for blocked in (0, 1):
            row = valid[2 * space + blocked]
            row |= kind == _O
            row |= (kind == _U) & (not space)
            row |= (kind == _B) & (not space) & (not blocked)
    for number in range(labels):
        for blocked in (0, 1):
            same = label == number
            valid[4 + 2 * number + blocked] = (kind == _L) & same | (kind == _I) & same & (
                not blocked
            )
    return np.where(valid, 0.0, -np.inf).astype(np.float32)


def fast_decoder(recogniser: Any) -> EntityDecoder | None:
    """The numpy decoder for `recogniser`, or None when its shape is not the one handled."""
    try:
        return EntityDecoder(recogniser)
    except (ValueError, KeyError, AttributeError):
        return None
