"""Multi-outlet test sets, written for these tests: fictional events, each reported by a few
independent outlets in their own words, then rewritten by others (padded paraphrases,
re-orderings, copied paragraphs, rewrites that add a fact) with the lineage known.

Every name, place and figure is invented. `EVENTS` lists each event's articles in publication
order; `Item.follows` is the location of the earliest article it follows (None for original
reporting) and `Item.adds` the sentences it states that no earlier article did.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

FILLER = (
    "This is something that a lot of people care about.",
    "Only time will tell what happens next.",
    "It is important to note that the situation is still developing.",
    "Many people are wondering what this means for them.",
    "Stay tuned for more updates as we learn more.",
    "In today's fast-moving world, news like this matters.",
)

#: Word swaps a lazy rewrite makes; each keeps the sentence's names and figures.
SWAPS = {
    "said": "stated",
    "on Monday": "on Monday morning",
    "workers": "employees",
    "began": "started",
    "officials": "authorities",
    "residents": "locals",
    "announced": "revealed",
    "killed": "left dead",
    "injured": "hurt",
    "closed": "shut",
    "expected": "projected",
    "about": "roughly",
}


@dataclass(frozen=True)
class Item:
    location: str
    outlet: str
    published: str
    text: str
    follows: str | None = None
    adds: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        if self.follows is None:
            return "original"
        return "adds" if self.adds else "rewrite"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.strip().split("\n\n") if p.strip()]


def sentences_of(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", paragraph) if s]


def padded_paraphrase(text: str, seed: int) -> str:
    """Swap words for near-synonyms and pad with filler between paragraphs."""
    rng = random.Random(seed)
    out = []
    for paragraph in paragraphs(text):
        for old, new in SWAPS.items():
            paragraph = paragraph.replace(old, new)
        out.append(paragraph)
        out.append(rng.choice(FILLER) + " " + rng.choice(FILLER))
    return "\n\n".join(out)


def reordered(text: str, seed: int) -> str:
    """The same sentences, paragraphs shuffled and each paragraph's sentences reversed."""
    rng = random.Random(seed)
    parts = paragraphs(text)
    rng.shuffle(parts)
    return "\n\n".join(" ".join(reversed(sentences_of(p))) for p in parts)


def copied_paragraphs(text: str, intro: str, keep: int = 2) -> str:
    """An own opening line, then the first `keep` paragraphs verbatim."""
    return "\n\n".join([intro, *paragraphs(text)[:keep]])


# -- event 1: a crane collapse at a harbour -------------------------------------------------

CRANE_WIRE = """A container crane collapsed at the Port of Elsmere on Monday, killing two dock workers and injuring five others, the harbour authority said.

The 60-metre crane toppled onto a cargo ship at berth 14 shortly after 9 a.m., according to Elsmere harbour master Ingrid Tovesen. Operations at the northern terminal were halted for the rest of the day.

Tovesen said wind speeds were below the crane's operating limit at the time. The Maritime Safety Board has opened an investigation into the cause.

The crane was built in 1998 by Haldor Lift and was last inspected in March, the authority said."""

CRANE_GAZETTE = """Two men died when a giant crane fell across a freighter in Elsmere's harbour yesterday morning, and five of their colleagues were taken to St Brigid's Hospital.

Witnesses on the quay described a loud crack before the steel boom folded. "It came down like a tree," said forklift driver Marta Quell, who was working 100 metres away.

The dockers' union, Elsmere Port Workers, said it had warned the harbour authority about corrosion on the crane's legs in a letter last autumn. Union secretary Paul Renner called for every crane at the port to be stopped until it is checked.

The northern terminal stayed closed through the evening, and ships were diverted to the southern quay."""

CRANE_LEDGER = """Shipping through Elsmere faces delays after a harbour crane collapse on Monday left two dead, with the port's northern terminal handling about 40 percent of its container traffic.

Freight forwarder Nordline said it had moved 30 vessels to the southern quay and expected waiting times of up to three days.

Analysts at Brekke Capital estimated the closure could cost shippers 12 million euros a week if it lasts. The Maritime Safety Board said its inspectors would reach the site on Tuesday."""

CRANE_ADDS = """A container crane collapsed at the Port of Elsmere on Monday, killing two dock workers and injuring five others, the harbour authority said.

The 60-metre crane toppled onto a cargo ship at berth 14 shortly after 9 a.m., according to Elsmere harbour master Ingrid Tovesen.

The two men who died were named on Tuesday as Jonas Hult, 34, and Emil Strand, 51, both employed by the stevedoring firm Kaiservik.

Kaiservik chief executive Lene Aas said the company would pay the families' funeral costs."""

CRANE_ADDED = (
    "The two men who died were named on Tuesday as Jonas Hult, 34, and Emil Strand, 51, "
    "both employed by the stevedoring firm Kaiservik.",
    "Kaiservik chief executive Lene Aas said the company would pay the families' funeral costs.",
)

# -- event 2: a flood after a dam spillway opened ---------------------------------------------

FLOOD_WIRE = """Officials in the Kestrel Valley ordered 3,400 residents to leave their homes on Saturday after engineers opened the spillway of the Morrow Dam to relieve pressure from record rainfall.

The regional water agency said the reservoir reached 97 percent of capacity after 210 millimetres of rain fell in 48 hours. Water released from the dam flooded low-lying parts of Tarnby and Ostwick.

Agency director Hanna Virtanen said the dam itself was sound and that the release was a planned safety measure. Two emergency shelters opened in the Tarnby sports hall and the Ostwick school.

No deaths or injuries were reported by Saturday evening."""

FLOOD_RADIO = """Rescue crews in boats pulled 85 people from flooded houses in Ostwick on Saturday night as water from the Morrow Dam spread across the lower town.

Fire chief Oskar Lindqvist said most of those rescued were elderly residents who had ignored the evacuation order. "We went street by street," he said.

Farmers downstream said fields planted with winter wheat were under a metre of water. The Kestrel Farmers' Association estimated losses at 4 million crowns.

The main road between Tarnby and Ostwick was closed at the Sellin bridge."""

FLOOD_ADDS = """Officials in the Kestrel Valley ordered 3,400 residents to leave their homes on Saturday after engineers opened the spillway of the Morrow Dam to relieve pressure from record rainfall.

The regional water agency said the reservoir reached 97 percent of capacity after 210 millimetres of rain fell in 48 hours.

Insurers said claims from the valley had passed 900 by Sunday morning, according to the Nordic Insurance Federation."""

FLOOD_ADDED = (
    "Insurers said claims from the valley had passed 900 by Sunday morning, according to the "
    "Nordic Insurance Federation.",
)

# A later report that disagrees with the wire on how many people were told to leave.
FLOOD_CONFLICT = """Officials in the Kestrel Valley ordered 4,100 residents to leave their homes on Saturday after engineers opened the spillway of the Morrow Dam to relieve pressure from record rainfall.

Volunteers from the Red Cross handed out blankets and hot soup at the Tarnby sports hall through the night, coordinator Signe Ahlberg said. Schools in the valley will stay closed on Monday."""

# -- event 3: a city council votes on a tram line ---------------------------------------------

TRAM_WIRE = """The Varmouth city council voted 31 to 18 on Thursday to build a 14-kilometre tram line linking the central station with the Brenna university campus.

The project is expected to cost 420 million euros, with construction due to begin in 2027 and the first trams running in 2031, transport councillor Amir Haddad said.

Opponents on the council argued the money would be better spent on buses. Councillor Ruth Okafor said the budget had already risen twice since the plan was first presented."""

TRAM_CAMPUS = """Students at Brenna University cheered in the council gallery as the tram vote passed on Thursday night, ending a campaign that began with a petition signed by 12,000 people.

Student union president Leif Marstrand said the 45-minute bus journey to the campus had become impossible during exams. The university's rector, Dagny Holm, said the line would let the campus grow to 30,000 students.

Shop owners on Kvarn Street, where the line will run, said they feared two years of roadworks would drive customers away."""

TRAM_ADDS = """The Varmouth city council voted 31 to 18 on Thursday to build a 14-kilometre tram line linking the central station with the Brenna university campus.

Councillor Ruth Okafor said the budget had already risen twice since the plan was first presented.

The national government has agreed to pay 150 million euros of the cost, the Ministry of Transport confirmed on Friday."""

TRAM_ADDED = (
    "The national government has agreed to pay 150 million euros of the cost, the Ministry of "
    "Transport confirmed on Friday.",
)

EVENTS: dict[str, tuple[Item, ...]] = {
    "crane": (
        Item("crane/wire", "Coastal Wire", "2025-03-10T11:00:00+00:00", CRANE_WIRE),
        Item("crane/gazette", "Elsmere Gazette", "2025-03-10T14:00:00+00:00", CRANE_GAZETTE),
        Item(
            "crane/daily-pad",
            "Daily Roundup",
            "2025-03-10T15:00:00+00:00",
            padded_paraphrase(CRANE_WIRE, 1),
            follows="crane/wire",
        ),
        Item("crane/ledger", "Northern Ledger", "2025-03-10T16:00:00+00:00", CRANE_LEDGER),
        Item(
            "crane/shuffle",
            "Newsbeat",
            "2025-03-10T17:00:00+00:00",
            reordered(CRANE_GAZETTE, 2),
            follows="crane/gazette",
        ),
        Item(
            "crane/copy",
            "Port Digest",
            "2025-03-10T18:00:00+00:00",
            copied_paragraphs(
                CRANE_WIRE, "Here is what we know so far about the accident at the harbour."
            ),
            follows="crane/wire",
        ),
        Item(
            "crane/adds",
            "Harbour Times",
            "2025-03-11T09:00:00+00:00",
            CRANE_ADDS,
            follows="crane/wire",
            adds=CRANE_ADDED,
        ),
    ),
    "flood": (
        Item("flood/wire", "Coastal Wire", "2025-11-08T12:00:00+00:00", FLOOD_WIRE),
        Item("flood/radio", "Valley Radio", "2025-11-08T22:00:00+00:00", FLOOD_RADIO),
        Item(
            "flood/pad",
            "Daily Roundup",
            "2025-11-09T07:00:00+00:00",
            padded_paraphrase(FLOOD_WIRE, 3),
            follows="flood/wire",
        ),
        Item(
            "flood/shuffle",
            "Newsbeat",
            "2025-11-09T08:00:00+00:00",
            reordered(FLOOD_RADIO, 4),
            follows="flood/radio",
        ),
        Item(
            "flood/adds",
            "Money Line",
            "2025-11-09T10:00:00+00:00",
            FLOOD_ADDS,
            follows="flood/wire",
            adds=FLOOD_ADDED,
        ),
    ),
    "tram": (
        Item("tram/wire", "Coastal Wire", "2025-06-12T18:00:00+00:00", TRAM_WIRE),
        Item("tram/campus", "Brenna Student", "2025-06-12T23:00:00+00:00", TRAM_CAMPUS),
        Item(
            "tram/copy",
            "City Pulse",
            "2025-06-13T07:00:00+00:00",
            copied_paragraphs(TRAM_WIRE, "The council has made its decision.", keep=3),
            follows="tram/wire",
        ),
        Item(
            "tram/pad",
            "Daily Roundup",
            "2025-06-13T08:00:00+00:00",
            padded_paraphrase(TRAM_CAMPUS, 5),
            follows="tram/campus",
        ),
        Item(
            "tram/adds",
            "Capital Post",
            "2025-06-13T12:00:00+00:00",
            TRAM_ADDS,
            follows="tram/wire",
            adds=TRAM_ADDED,
        ),
    ),
}

#: Independent reports per event: the originals.
INDEPENDENT = {
    name: sum(1 for i in items if i.role == "original") for name, items in EVENTS.items()
}
