"""Named entities merged across their mentions, with the roles the text gives them.

The statistical model finds mentions; this module decides which mentions are one entity
("Marco Rubio", "Rubio", "Secretary Rubio") and reads roles from two shapes of English:

    title before the name    "U.S. Secretary of State Marco Rubio", "foreign minister Wang Yi"
    apposition after it      "Jane Doe, the company's chief executive, said"

The model tags "State" in "Secretary of State" as an organisation; a mention that sits inside
a role phrase is part of the title, not an entity of its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from wordfreq import zipf_frequency

from nutgraf.engine.names import first_names
from nutgraf.engine.nlp import Parse
from nutgraf.engine.records import Entity

_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "nationality",
}
#: A score or a rating the model ran into a name ("Kessick Rovers 2-1", "Zamora 7.5",
#: "Michael Cooper – 6"); a bare whole number stays ("Channel 4", "Fox 13").
_TRAILING_FIGURES = re.compile(r"\s*(?:\s\d+\s*[-–]\s*\d+|\s\d+[.,]\d+|\s[-–]\s*\d+(?:[.,]\d+)?)$")
#: Words of a page's interface and of photo credits, never an entity ("Scroll", "Print").
INTERFACE_WORDS = frozenset(
    """scroll print share email e-mail comments comment advertisement advert sponsored
    photo photos picture pictures video videos gallery getty images click subscribe
    newsletter login register menu search home close next previous loading follow like
    tweet embed caption credit copyright related trending popular""".split()
)
#: Tags of words that are never a name, whatever the entity model says: an adverb or an
#: adjective opening a sentence ("Realistically, ..."), an interjection.
_NOT_NAME_TAGS = frozenset({"RB", "RBR", "RBS", "JJ", "JJR", "JJS", "UH", "VB", "VBG", "VBN"})
_KIND_ORDER = {"person": 0, "organization": 1, "place": 2, "nationality": 3}
#: A "person" whose name ends in one of these is an organisation the small model misread:
#: "Kessick Rovers", "Halden United", "Nordic Shipping Group".
_ORGANIZATION_ENDINGS = frozenset(
    """rovers united fc afc athletic wanderers rangers albion hotspur city town club inc ltd
    corp group party council committee association institute university bank trust foundation
    society union ministry agency authority company co plc llc biologics pharmaceuticals pharma
    labs laboratories ferries securities insurance airlines airways motors holdings partners
    technologies inn suites hotel awards""".split()
)
#: A name ending in one of these is a place whatever the model says: "Essequibo Coast",
#: "Van Ness Street NW", "Neuse River Greenway", "Downers Grove".
_PLACE_ENDINGS = frozenset(
    """street st avenue ave road rd drive lane boulevard highway coast river lake mountain
    mountains valley island islands bay beach greenway grove county province channel sea ocean
    peninsula square bridge harbour harbor nw ne sw se""".split()
)

#: Words that make a phrase a role or title. Lower case; multi-word titles are built from these.
TITLE_WORDS = frozenset(
    """president vice secretary minister chancellor senator sen. representative rep. congressman
    congresswoman governor gov. mayor ambassador general gen. admiral colonel col. lieutenant lt.
    captain capt. sergeant commander chief officer director spokesman spokeswoman spokesperson
    chairman chairwoman chair ceo cfo coo cto founder king queen prince princess pope bishop
    judge justice attorney prosecutor commissioner superintendent inspector detective sheriff
    professor premier leader speaker envoy adviser advisor aide analyst
    economist researcher scientist executive head manager coach captain chancellor deputy
    undersecretary under-secretary treasurer editor correspondent president-elect lawmaker
    diplomat negotiator economist auditor councillor councilor alderman author curator trustee
    principal headteacher dean rector archbishop cardinal rabbi imam pastor priest reverend rev.
    surgeon nurse lawyer barrister solicitor pilot firefighter constable striker midfielder
    defender goalkeeper winger quarterback pitcher skipper referee shopkeeper owner farmer
    teacher student resident witness passenger driver neighbour neighbor""".split()
)
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame prof prof. lord lady".split())
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "to", "'s", "’s", "de"})
_ALIASES = {
    "us": "united states",
    "u.s.": "united states",
    "u.s": "united states",
    "usa": "united states",
    "u.s.a.": "united states",
    "america": "united states",
    "the united states": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "u.n.": "united nations",
    "eu": "european union",
    "e.u.": "european union",
}
MAX_ROLE_TOKENS = 16
_CLAUSE_OPENERS = frozenset({"WP", "WDT", "WRB", "IN", "CC", "PRP", "VBG", "VBN"})
_FINITE_VERBS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class _Cluster:
    kind: str
    name: str
    mentions: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    sentence_ids: set[int] = field(default_factory=set)
    first: int = 0
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, mention: str, sentence_id: int) -> None:
        if mention not in self.mentions:
            self.mentions.append(mention)
        self.sentence_ids.add(sentence_id)


def _clean(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip().strip(",.;:()\"“”‘’'"))
    text = _TRAILING_FIGURES.sub("", text)  # "Kessick Rovers 2-1": the score is not the name
    return re.sub(r"\s+", " ", text).strip()


#: Playing positions written before a name: "Browns DL Sheldon Richardson".
_POSITIONS = frozenset("qb rb wr dl ol lb cb dt ss".split())


#: What a person is to someone, or does, written before their name like a title: "Dad Phil",
#: "Cabbie Dave Sidaway", "Supervisor Alfredo Pedroza", "Boss Nigel Pearson".
_RELATIONS = frozenset(
    """dad mum mom father mother brother sister son daughter husband wife uncle aunt
    grandfather grandmother granddad grandad grandma grandpa widow widower pensioner cabbie
    cabby supervisor boss""".split()
)


def _leading_title(words: list[str], at: int) -> bool:
    word = words[at].lower()
    return word in TITLE_WORDS or word in _HONORIFICS or word in _POSITIONS or word in _RELATIONS


def _strip_titles(words: list[str]) -> list[str]:
    """A name without the titles the model read into it: "Striker Tomas Reyes", "Browns DL
    Sheldon Richardson" (a team before a position is part of the title)."""
    while len(words) > 1:
        if _leading_title(words, 0):
            words = words[1:]
        elif len(words) > 2 and words[0][:1].isupper() and _leading_title(words, 1):
            words = words[2:]
        else:
            break
    return words


def _role_before(span: Any, floor: int) -> tuple[str | None, int]:
    """A title phrase right before `span` (not before char `floor`, where its sentence
    starts), and the char offset where the phrase starts."""
    doc = span.doc
    i = span.start - 1
    start = span.start
    while i >= 0 and doc[i].idx >= floor:
        token = doc[i]
        word = token.text.lower()
        capital = token.text[:1].isupper()
        if token.is_punct and token.text not in {"-", "’s", "'s"}:
            break
        if word in {"and", "or", "with", "&"} or token.ent_type_ == "PERSON":
            break  # "President Donald Trump and French President": that title is Trump's
        if word in TITLE_WORDS or word in _CONNECTORS or capital or token.ent_type_ in _KINDS:
            start = i
            i -= 1
            continue
        break
    while start < span.start and doc[start].text.lower() in _CONNECTORS:
        start += 1  # a phrase never starts with "of", "the", ...
    words = [t.text.lower() for t in doc[start : span.start]]
    if not any(w in TITLE_WORDS for w in words):
        return None, span.start_char
    if words[-1] in _CONNECTORS:
        return None, span.start_char
    phrase = doc[start : span.start].text
    return phrase, doc[start].idx


def _role_after(span: Any) -> str | None:
    """An appositive role: "Jane Doe, the company's chief executive, said".

    Read from tags, not a parse: after a comma, a run of words without a verb, closed by
    a comma or the sentence's end, that holds a title word.
    """
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    first = span.end + 1
    if doc[first].tag_ in _CLAUSE_OPENERS:
        return None  # "Jane Doe, who ..." is a clause, not a title
    last = first
    while last < len(doc) and last - first <= MAX_ROLE_TOKENS:
        token = doc[last]
        if token.text in {",", ".", ";", ":", "—", "–", "(", ")", '"', "“", "”"}:
            break
        if token.tag_ in _FINITE_VERBS:
            return None
        last += 1
    else:
        return None
    words = [t.text.lower() for t in doc[first:last]]
    if not words or not any(w in TITLE_WORDS for w in words):
        return None
    text = doc[first:last].text
    return re.sub(r"^(the|a|an)\s+", "", text.strip(" ,"), flags=re.IGNORECASE)


def _key(kind: str, name: str) -> str:
    lowered = name.lower()
    lowered = _ALIASES.get(lowered, lowered)
    if lowered.startswith("the "):
        lowered = lowered[4:]
    if kind == "nationality" and lowered.endswith("s") and len(lowered) > 4:
        lowered = lowered[:-1]
    return lowered


#: Zipf frequency (wordfreq) from which a word is a common English word, not a surname.
_COMMON_WORD = 4.5


def _first_name_first(text: str, last: str) -> bool:
    """Two or three capitalised words, the first a common first name and none an
    organisation's or a place's word: "Thibaut Courtois" no, "Diego Costa" yes."""
    words = text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if last in _ORGANIZATION_ENDINGS or last in _PLACE_ENDINGS:
        return False
    # "Clarence House", "Victoria Station": a common word after the first name names a thing
    return words[0].lower() in first_names() and zipf_frequency(last, "en") < _COMMON_WORD


def _titled_name(ent: Any) -> bool:
    """An "organisation" of two or three capitalised words right after a title ("councillor
    Petra Nyholm", "shopkeeper Dina Marsh") is a person the small model misread."""
    words = _clean(ent.text).split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if _last_word(ent.text) in _ORGANIZATION_ENDINGS or ent.start == 0:
        return False
    return ent.doc[ent.start - 1].text.lower() in TITLE_WORDS


def _last_word(text: str) -> str:
    words = _clean(text).lower().split()
    return words[-1].rstrip(".") if words else ""


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def find_entities(parse: Parse) -> tuple[Entity, ...]:
    """People, organisations, places and nationalities, each merged across its mentions."""
    clusters: dict[tuple[str, str], _Cluster] = {}
    persons_by_word: dict[str, list[_Cluster]] = defaultdict(list)
    role_spans: list[tuple[int, int]] = []
    pending: list[tuple[str, str, Any, int, float]] = []

    for ent in parse.doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        text = _clean(ent.text)
        if _junk(ent, kind, text):
            continue
        # A one-word mention is weaker evidence of its kind than a full name; our own rules
        # below (a club's ending, a title before a name) are stronger than the model's guess.
        weight = 1.0 if len(ent) > 1 else 0.5
        last = text.lower().split()[-1].rstrip(".") if text else ""
        if kind == "person" and last in _ORGANIZATION_ENDINGS:
            kind, weight = "organization", 2.0
        elif kind == "organization" and _titled_name(ent):
            kind, weight = "person", 2.0
        elif kind == "organization" and len(ent) > 1 and ent[0].lower_ in _HONORIFICS:
            kind, weight = "person", 2.0  # "Dr Mitchell": an honorific only ever names a person
        elif kind in ("person", "organization") and len(ent) > 1 and last in _PLACE_ENDINGS:
            kind, weight = "place", 2.0
        elif kind != "person" and _first_name_first(text, last):
            kind, weight = "person", 2.0  # "Diego Costa", "Jeanine Pirro" read as clubs
        elif kind == "person" and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
            kind = "organization"  # "the Steelers": a person never takes an article
        sentence_id = parse.sentence_id_at(ent.start_char)
        if kind == "person":
            floor = parse.sentences[sentence_id].start
            role, role_start = _role_before(ent, floor)
            if role:
                role_spans.append((role_start, ent.start_char))
        pending.append((kind, text, ent, sentence_id, weight))

    # People first, full names before bare surnames, so "Rubio" finds "Marco Rubio".
    pending.sort(key=lambda item: (item[0] != "person", -len(item[1].split()), item[2].start))
    for kind, text, ent, sentence_id, weight in pending:
        if not text or not any(ch.isalpha() for ch in text) or len(text) > 60:
            continue
        if kind != "person" and any(a <= ent.start_char < b for a, b in role_spans):
            continue  # "State" in "Secretary of State"
        if kind == "person":
            spoken = text.split()
            words = _strip_titles(spoken)
            if not words[0][:1].isupper():
                continue
            name = " ".join(words)
            # a title the model read as part of the name: "Striker Tomas Reyes"
            leading = [w for w in spoken[: len(spoken) - len(words)] if w.lower() in TITLE_WORDS]
            cluster = _person_cluster(name, clusters, persons_by_word, ent.start_char)
            role, _ = _role_before(ent, parse.sentences[sentence_id].start)
            for found in (role, _role_after(ent), " ".join(leading)):
                if found and found not in cluster.roles:
                    cluster.roles.append(found)
        else:
            key = (kind, _key(kind, text))
            known = clusters.get(key) or _by_acronym(kind, text, clusters)
            if known is None:
                known = clusters[key] = _Cluster(kind, text, first=ent.start_char)
            cluster = known
        cluster.add(text, sentence_id)
        cluster.votes[kind] += weight
        cluster.first = min(cluster.first, ent.start_char)

    _fold_misread_surnames(clusters)
    _fold_clipped_names(clusters)
    _fold_run_together_names(clusters)
    _decide_kinds(clusters)
    for cluster in clusters.values():
        cluster.name = _display_name(cluster)
        cluster.roles = [
            role
            for role in cluster.roles
            if not any(role != other and role.lower() in other.lower() for other in cluster.roles)
        ]
    ordered = sorted(
        clusters.values(),
        key=lambda c: (-len(c.sentence_ids), _KIND_ORDER[c.kind], c.first),
    )
    return tuple(
        Entity(
            id=f"e{number}",
            name=c.name,
            kind=c.kind,
            mentions=tuple(c.mentions),
            roles=tuple(c.roles),
            sentence_ids=tuple(sorted(c.sentence_ids)),
        )
        for number, c in enumerate(ordered, start=1)
    )


def _fold_misread_surnames(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """Fold "Okafor" tagged as an organisation or place into the person Dana Okafor: the
    model often misreads a bare surname, and the article has already named the person."""
    names: dict[str, _Cluster] = {}
    for (kind, _), cluster in clusters.items():
        if kind == "person" and len(cluster.name.split()) > 1:
            names.setdefault(cluster.name.split()[-1].lower(), cluster)
    for key in list(clusters):
        if key[0] == "person" or key[0] == "nationality":
            continue
        person = names.get(key[1])
        if person is not None and len(key[1].split()) == 1:
            _absorb(person, clusters.pop(key))


def _fold_clipped_names(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """Fold a one-word name into the one organisation or place it clips, when the article
    names it in full: "Kessick took the lead" (a "person" to the small model) is the club
    Kessick Rovers, "Lysholm" the Lysholm Sound, and "United" is Manchester United. A one-word
    person folds only into a name it begins (a surname ends a name), and no person may share
    the word; a one-word organisation only when it is a word such as "United" or "Council"
    (the model calls towns organisations too: "Brannvik" beside "Brannvik Hospital" stays)."""
    people_words = {
        word
        for (kind, name) in clusters
        if kind == "person" and " " in name
        for word in name.split()
    }
    starts: dict[str, list[_Cluster]] = defaultdict(list)
    ends: dict[str, list[_Cluster]] = defaultdict(list)
    for (kind, name), cluster in clusters.items():
        if kind in ("organization", "place") and " " in name:
            starts[name.split()[0]].append(cluster)
        if kind == "organization" and " " in name:
            ends[name.split()[-1]].append(cluster)
    for key in list(clusters):
        kind, name = key
        if " " in name or name in people_words:
            continue
        if kind == "person":
            found = starts[name]
        elif kind == "organization" and name in _ORGANIZATION_ENDINGS:
            found = ends[name]
        else:
            continue
        if len(found) == 1:
            _absorb(found[0], clusters.pop(key))


def _junk(ent: Any, kind: str, text: str) -> bool:
    """Page furniture the model took for a name: interface and credit words ("Scroll down for
    video", "Getty Images"), and a lone adverb, adjective or verb ("Realistically", "Cosy")."""
    words = text.lower().split()
    if not words or words[0] in INTERFACE_WORDS or " ".join(words) in INTERFACE_WORDS:
        return True
    if "getty" in words:
        return True
    if len(ent) > 1 or kind == "nationality":
        return False
    token = ent[0]
    if token.tag_ in _NOT_NAME_TAGS or token.tag_ in {"NN", "NNS"}:
        return True  # the tagger reads it as a common word: "Challenging: ..." in a caption
    # a word that is a whole sentence by itself is a verdict, not a name: "Cosy." "Solid."
    doc, after = ent.doc, token.i + 1
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        if doc[after].is_sent_start:
            break
        after += 1
    return bool(token.is_sent_start) and (after == len(doc) or bool(doc[after].is_sent_start))


def _decide_kinds(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """One kind per name over the whole document: the clusters one name got under several
    kinds ("Valencia" a person here, a club there) become one, of the kind with most votes."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, cluster in clusters.items():
        if key[0] != "nationality":
            groups[_key("", cluster.name)].append(key)
    for keys in groups.values():
        if len(keys) < 2:
            continue
        members = [clusters[k] for k in keys]
        votes: dict[str, float] = defaultdict(float)
        for member in members:
            for kind, weight in member.votes.items():
                votes[kind] += weight
        kind = max(sorted(votes), key=lambda k: (votes[k], -_KIND_ORDER[k]))
        winner = max(members, key=lambda c: (c.kind == kind, len(c.mentions)))
        for key, member in zip(keys, members, strict=True):
            if member is not winner:
                _absorb(winner, clusters.pop(key))
                winner.roles += [r for r in member.roles if r not in winner.roles]
        winner.kind = kind
        winner.votes = votes


def _fold_run_together_names(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """Undo two names the model ran together where a caption meets the text: "Premier League
    Henderson" -> Jordan Henderson (the first word ends an organisation's name, the last is
    one person's surname), "Henry Giroud" (two people's surnames) is nobody."""
    people = [c for (kind, _), c in clusters.items() if kind == "person" and " " in c.name]
    by_surname: dict[str, list[_Cluster]] = defaultdict(list)
    for person in people:
        by_surname[person.name.split()[-1]].append(person)
    name_ends = {
        c.name.split()[-1] for (k, _), c in clusters.items() if k != "person" and " " in c.name
    }
    for key in list(clusters):
        cluster = clusters[key]
        words = cluster.name.split()
        if key[0] != "person" or len(words) != 2:
            continue
        first, last = words
        owners = [c for c in by_surname.get(last, []) if c is not cluster]
        if first in name_ends and len(owners) == 1:
            _absorb(owners[0], clusters.pop(key))
        elif [c for c in by_surname.get(first, []) if c is not cluster] and owners:
            clusters.pop(key)


def _absorb(whole: _Cluster, part: _Cluster) -> None:
    """`part` was another name for `whole`: its mentions and sentences become whole's."""
    for mention in part.mentions:
        if mention not in whole.mentions:
            whole.mentions.append(mention)
    whole.sentence_ids |= part.sentence_ids


def _display_name(cluster: _Cluster) -> str:
    """The longest mention, preferring one not shouted in capitals, without a leading "the"."""
    calm = [m for m in cluster.mentions if not m.isupper() or len(m) <= 5]
    if calm:
        name = max(calm, key=lambda m: (len(m.split()), -calm.index(m)))
    else:  # only ever SHOUTED, as in a dateline: "HALDEN"
        name = cluster.mentions[0].title() if cluster.mentions else cluster.name
    if cluster.kind != "person":
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    else:
        name = " ".join(_strip_titles(name.split()))  # "Tomas Reyes", not "Striker Tomas Reyes"
    return name


def _person_cluster(
    name: str,
    clusters: dict[tuple[str, str], _Cluster],
    persons_by_word: dict[str, list[_Cluster]],
    position: int,
) -> _Cluster:
    key = ("person", name.lower())
    if key in clusters:
        return clusters[key]
    words = name.split()
    if len(words) == 1:
        candidates = persons_by_word.get(words[0].lower(), [])
        if candidates:
            # The same surname twice: the one named most recently before this mention.
            before = [c for c in candidates if c.first <= position] or candidates
            return max(before, key=lambda c: c.first)
    cluster = clusters[key] = _Cluster("person", name, first=position)
    if len(words) > 1:
        for word in (words[-1], words[0]):
            persons_by_word[word.lower()].append(cluster)
    return cluster


def _by_acronym(kind: str, text: str, clusters: dict[tuple[str, str], _Cluster]) -> _Cluster | None:
    compact = text.replace(".", "")
    if not (compact.isupper() and 2 <= len(compact) <= 6):
        return None
    for (other_kind, _), cluster in clusters.items():
        if other_kind == kind and _acronym(cluster.name) == compact:
            return cluster
    return None
