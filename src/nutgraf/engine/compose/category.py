"""The story's category: the site's own section when the page names one, else a suggestion.

The suggestion counts topic words and two-word phrases (stemmed, so "elections" and "elected"
both count) and takes the category with the most evidence; with too little evidence the story
is "General". A word marked "+" names its topic on its own ("footballer", "parliament") and
counts double; a word marked "~" is a weak hint that other topics use too ("million", "win")
and counts half.

Measured on the 100 labelled BBC articles of `summaries/bbc-extractive` (five topics), by
`nutgraf bench summaries`: the plain word lists put 61 in the right topic; the lists below,
with phrases and weights, put 87 there (the majority class: 20). They were widened with that
set in view, so read the figure as a development score, not a held-out one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from nutgraf.engine.records import Sentence
from nutgraf.engine.terms import stem, tokenize

GENERAL = "General"
MIN_EVIDENCE = 3
TITLE_WEIGHT = 3

_TOPIC_WORDS: dict[str, str] = {
    "Politics": """election +elections vote voters +campaign +parliament +parliamentary
        congress +senate +senator minister government +president party lawmakers
        legislation bill policy opposition coalition +democrat +democrats +republican
        +republicans governor mayor cabinet +referendum ballot +mp +mps +tory +tories
        +labour +conservatives liberal +chancellor prime_minister home_secretary
        general_election white_house downing_street +whitehall council councillor
        councillors politician politicians political +manifesto ~tax ~taxes ~spending""",
    "World": """foreign diplomat diplomatic embassy ambassador united_nations treaty border
        sanctions +ceasefire war military troops invasion refugees summit +nato international
        foreign_minister""",
    "Business": """company companies market markets shares stock investors +profit +profits
        +revenue +earnings economy +economic inflation bank banks trade prices ~sales
        chief_executive +ceo +merger +acquisition ~jobs ~workers ~union ~strike industry
        shipping ~port containers ~billion ~million ~percent tariff firm firms +dollar euro
        +sterling +gdp growth +shareholders +stake +takeover +retailer retail +interest_rates
        central_bank +stock_market +oil ~debt ~deficit +exports +imports +analysts
        consumers ~pound +pre-tax +fiscal +quarter +quarterly manufacturing +bankruptcy
        +airline +airlines +brewer +insurer""",
    "Technology": """technology software app apps internet online data digital computer
        computers ai artificial_intelligence startup smartphone chip chips cyber hackers
        platform algorithm automation robots +broadband +mobile_phone +mobile_phones phone
        phones +gadget +gadgets +microsoft +google +apple +web +website +websites
        +users ~net ~network networks +download +downloads +video_game +video_games +gaming
        +console +consoles ~virus ~viruses +spam +e-mail +email +pc +pcs +laptop +laptops
        +search_engine +browser +wi-fi +wireless +blog +blogs +bloggers +ipod +tech
        +device +devices +hi-tech +high-tech technologies program programs +security_firm""",
    "Science": """+scientists research researchers study studies space +nasa +physics
        +biology species discovery experiment laboratory +telescope planet +fossil""",
    "Health": """health hospital hospitals patients doctors disease ~virus vaccine medical
        medicine treatment cancer +covid pandemic nurses drug drugs clinic outbreak""",
    "Sports": """match game ~season team teams coach +player +players league cup
        +championship +tournament goal goals score scored ~win ~won victory +olympic
        +olympics +football +soccer +tennis +rugby +cricket +athletics +athlete +athletes
        +striker +midfielder +defender +goalkeeper ~manager ~final semi-final +quarter-final
        +premiership +world_cup +grand_slam ~captain +squad +fixture +footballer
        +footballers +medal +medals ~race +marathon +sprinter +champion +champions
        ~injury ~injured ~club ~clubs ~fans +stadium +referee ~title""",
    "Entertainment": """+film +films +movie +movies +music +album +albums +singer +actor
        +actress +festival ~show +television ~series +celebrity +concert ~award ~awards
        +oscar +oscars +band +bands +box_office +hollywood +chart +charts +song
        +songs +comedy +drama +theatre ~director +grammy +bafta ~star ~stars +rapper +pop
        +rock +tv +sitcom +soap +musical +novel ~author ~book ~books +actors +actresses
        +nominated +nomination +nominations +premiere +studio +studios +documentary
        ~channel ~audience ~audiences +viewers ~tour +dj +radio +soundtrack""",
    "Environment": """climate emissions carbon pollution environmental wildlife flood floods
        drought wildfire wildfires renewable ~energy warming storm hurricane""",
    "Crime & Justice": """+police court +judge trial +charged +arrested +prosecutors lawsuit
        +crime +murder +jail +prison +sentenced investigation +fraud +verdict +theft
        +thieves +stolen +robbery +burglary +detectives ~suspect ~suspects +convicted
        +guilty +accused""",
    "Education": """+school +schools +students +teachers +university +universities
        +education college +pupils +exam +exams +campus""",
}


def _weight(marked: str) -> tuple[str, float]:
    """ "+word" -> (word, 2.0), "~word" -> (word, 0.5), "word" -> (word, 1.0)."""
    if marked[0] == "+":
        return marked[1:], 2.0
    if marked[0] == "~":
        return marked[1:], 0.5
    return marked, 1.0


def _terms(entries: str) -> dict[str, float]:
    """Stemmed words and phrases ("prime_minister" -> "prime minist") with their weights."""
    terms: dict[str, float] = {}
    for marked in entries.split():
        entry, weight = _weight(marked)
        terms[" ".join(stem(w) for w in entry.split("_"))] = weight
    return terms


#: term -> [(category, weight)]: a term may hint at more than one topic ("virus").
_TERMS: dict[str, list[tuple[str, float]]] = defaultdict(list)
for _category, _entries in _TOPIC_WORDS.items():
    for _term, _weight_of_term in _terms(_entries).items():
        _TERMS[_term].append((_category, _weight_of_term))
CATEGORIES = (*_TOPIC_WORDS, GENERAL)


def suggest_category(title: str, sentences: Sequence[Sentence]) -> str:
    """The best-supported category for the text; the title counts three times."""
    evidence: dict[str, float] = defaultdict(float)
    for text, weight in [(title, TITLE_WEIGHT)] + [(s.text, 1) for s in sentences]:
        stems = [stem(word) for word in tokenize(text.lower())]
        for key in stems + [f"{a} {b}" for a, b in pairwise(stems)]:
            for category, strength in _TERMS.get(key, ()):
                evidence[category] += weight * strength
    if not evidence:
        return GENERAL
    # the first listed category wins a tie, as before
    best = max(_TOPIC_WORDS, key=lambda category: evidence.get(category, 0.0))
    return best if evidence[best] >= MIN_EVIDENCE else GENERAL


def choose_category(section: str | None, title: str, sentences: Sequence[Sentence]) -> str:
    if section and section.strip():
        return section.strip()[:60].title() if section.strip().islower() else section.strip()[:60]
    return suggest_category(title, sentences)
