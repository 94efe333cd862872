"""Hints find the known near-duplicate among thousands of similar notes in four languages."""

from __future__ import annotations

from tests.similar.data import insert, key_id, near_duplicates
from tests.similar.distractors import distractors

DISTRACTORS = 2_400


def test_the_near_duplicate_is_in_the_top_3_for_at_least_90_percent_of_queries(store):
    fixture = near_duplicates()
    assert len(fixture["insights"]) >= 60 and len(fixture["queries"]) >= 40
    insert(store.engine, {key_id(i["key"]): i["text"] for i in fixture["insights"]})
    insert(store.engine, {f"00000000-0000-4000-8000-{n:012d}": t for n, t in enumerate(distractors(DISTRACTORS))})

    top1 = top3 = 0
    misses = []
    for query in fixture["queries"]:
        ids = [h.insight.id for h in store.similar(query["text"], limit=3)]
        expected = key_id(query["expect"])
        top1 += ids[:1] == [expected]
        top3 += expected in ids
        if expected not in ids:
            misses.append(query["text"])
    n = len(fixture["queries"])
    print(
        f"\nduplicate hints: {n} queries among {DISTRACTORS + len(fixture['insights']):,} insights: "
        f"top-1 {top1 / n:.1%}, top-3 {top3 / n:.1%}; missed: {misses}"
    )
    assert top3 / n >= 0.90, misses


def test_unrelated_text_gets_no_hint(store):
    # Among notes about the same products, a sentence about something else must not be hinted as a duplicate.
    insert(store.engine, {key_id(i["key"]): i["text"] for i in near_duplicates()["insights"]})
    insert(store.engine, {f"00000000-0000-4000-8000-{n:012d}": t for n, t in enumerate(distractors(400))})
    for unrelated in (
        "The coffee machine on the third floor is broken again",
        "Kahvinkeitin on taas rikki kolmannessa kerroksessa",
        "Customer praised the friendly staff at the branch",
    ):
        assert store.similar(unrelated) == [], unrelated
