"""Related stories come from shared content, deterministically, and are never empty."""

from __future__ import annotations

from nutgraf.web.stories.related import Features, features_of, rank_related


def feature(i: int, text: str, entities=(), category=1) -> Features:
    return features_of(
        id=i,
        category_id=category,
        published_at=None,
        headline=text,
        summary="",
        body=text,
        entities=entities,
        keyphrases=(),
    )


def test_shared_entities_and_words_rank_first():
    target = feature(1, "tram levy council vote", ["Dana Okafor"])
    corpus = [
        target,
        feature(2, "football final match", category=2),
        feature(3, "tram network repairs council", ["Dana Okafor"]),
        feature(4, "tram timetable", category=2),
    ]
    ranked = rank_related(target, corpus)
    assert [m.id for m in ranked][:2] == [3, 4]
    assert ranked[0].reason == "Dana Okafor"


def test_never_empty_while_others_exist():
    target = feature(1, "alpha beta")
    ranked = rank_related(target, [target, feature(2, "gamma delta", category=9)])
    assert [m.id for m in ranked] == [2]


def test_deterministic():
    corpus = [feature(i, f"word{i % 3} shared") for i in range(10)]
    assert rank_related(corpus[0], corpus) == rank_related(corpus[0], list(corpus))


def test_story_pages_link_related(published):
    from nutgraf.web.stories.models import RelatedStory

    for story in published:
        links = RelatedStory.objects.filter(story=story)
        assert links.exists()
        assert not links.filter(related=story).exists()
