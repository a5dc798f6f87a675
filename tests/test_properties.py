"""Invariants of a brief on generated text: whatever goes in, what comes out is grounded."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutgraf.engine import NutgrafError, Options, brief_from_text

WORDS = (
    "the minister said on Monday that 1,200 workers in Oslo would strike over the plan "
    "Rubio U.S. Sec. Jan. 5 percent union talks resume “we will win” because of a deal "
    "it is important to note many people are wondering only time will tell 400 jobs"
).split()

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=25).map(
    lambda words: " ".join(words).capitalize() + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
article = st.lists(paragraph, min_size=2, max_size=8).map(
    lambda paragraphs: "A generated headline\n\n" + "\n\n".join(paragraphs)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article, st.integers(min_value=1, max_value=9))
def test_every_citation_points_at_a_real_sentence(text: str, points: int) -> None:
    try:
        made = brief_from_text(text, options=Options(points=points))
    except NutgrafError:
        return  # refusing with a clear error is allowed; crashing is not
    ids = {s.id for s in made.sentences}
    cited = (
        [p.sources for p in made.key_points]
        + [f.sources for f in made.faq]
        + [e.sources for e in made.timeline]
        + [s.sources for s in made.sections]
        + [made.summary_sources]
    )
    for sources in cited:
        assert set(sources) <= ids
    for quote in made.quotes:
        assert set(quote.sentence_ids) <= ids
    for entity in made.entities:
        assert set(entity.sentence_ids) <= ids
    assert len(made.key_points) <= points
    assert len(made.summary.split()) <= 60
    assert len(made.description) <= 160
    assert made.stats.distinct_facts <= made.stats.sentences
    assert 0.0 <= made.stats.information_density <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        made = brief_from_text(text)
    except NutgrafError:
        return
    body_ids = [s.id for s in made.sentences]
    assert body_ids == list(range(len(body_ids)))


def _unreadable_plainly(sample: str) -> int:
    return sum(1 for ch in sample if ch == "\ufffd" or (not ch.isprintable() and not ch.isspace()))


# Printable text (most pages) with a few of the characters the fast path must get right put
# in: white space of every kind (split() and isspace() must agree), controls, format
# characters, U+FFFD; and any characters at all.
_tricky = st.sampled_from(
    list("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000")
    + list("\x00\x07\x7f\x9f\u200b\u200e\ufeff\ufffd\U000e0001\ud800")
)
_samples = st.one_of(
    st.builds(
        lambda base, extra, at: base[:at] + extra + base[at:],
        st.text(st.characters(categories=("L", "M", "N", "P", "S")), max_size=200),
        st.text(_tricky, max_size=2),
        st.integers(min_value=0, max_value=200),
    ),
    st.text(max_size=200),
)


@given(_samples)
def test_the_printability_check_counts_as_the_plain_loop_does(sample: str) -> None:
    from nutgraf.engine.extract.decoding import unreadable

    assert unreadable(sample) == _unreadable_plainly(sample)
