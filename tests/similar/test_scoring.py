"""The 0..1 score, and the cached document frequencies it is weighed with."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from desktop.similar import analyze_words, overlap_score, text_words
from desktop.store.similar import DocFrequencies
from tests.similar.data import insert


def score(typed: str, stored: str, weight=lambda stems: 1.0):
    return overlap_score(analyze_words(text_words(typed)), analyze_words(text_words(stored)), weight)


def test_the_same_words_score_1_and_no_shared_word_scores_0():
    assert score("Laskun maksu epäonnistui", "laskun maksu epäonnistui").score == 1.0
    assert score("Laskun maksu epäonnistui", "maksu epäonnistui laskun").score == 1.0  # word order does not count
    assert score("Laskun maksu epäonnistui", "kortti hylättiin").score == 0.0


def test_both_sides_count():
    # All three typed words are in the longer note, but only half of its words were typed.
    scored = score("card declined abroad", "card declined abroad, customer travelling in Spain")
    assert scored.typed_covered == 1.0 and scored.insight_covered == pytest.approx(0.5)
    assert scored.score == pytest.approx(0.75)


def test_rare_words_weigh_more():
    rare = {"iban"}
    weight = lambda stems: 5.0 if stems & rare else 1.0  # noqa: E731
    with_rare = score("iban field missing", "iban button", weight).typed_covered
    with_common = score("iban field missing", "field button", weight).typed_covered
    assert with_rare == pytest.approx(5 / 7) and with_common == pytest.approx(1 / 7)


def test_empty_texts_score_0():
    assert score("", "").score == 0.0 and score("the and ja", "payment").score == 0.0


def test_frequencies_are_read_once_and_recounted_when_the_store_grows(store):
    now = [0.0]
    frequencies = DocFrequencies(clock=lambda: now[0])
    insert(store.engine, {f"00000000-0000-4000-8000-{n:012d}": "payment card" for n in range(200)})
    with Session(store.engine) as session:
        frequencies.refresh(session, ["payment", "card", "unknown"])
    assert (frequencies.total, frequencies.df("payment"), frequencies.df("unknown")) == (200, 200, 0)

    insert(store.engine, {"00000000-0000-4000-9000-000000000001": "payment iban"})
    with Session(store.engine) as session:
        frequencies.refresh(session, ["payment", "iban"])
    # One more insight in 200 is within 1%: the cached count stands; a stem not seen before is read.
    assert (frequencies.total, frequencies.df("payment"), frequencies.df("iban")) == (200, 200, 1)

    insert(store.engine, {f"00000000-0000-4000-9000-{n:012d}": "payment" for n in range(2, 10)})
    with Session(store.engine) as session:
        frequencies.refresh(session, ["payment"])
    assert (frequencies.total, frequencies.df("payment")) == (209, 209)

    with store.engine.begin() as conn:  # deletions leave the highest id alone: the clock catches them
        conn.exec_driver_sql("DELETE FROM insight WHERE text = 'payment card'")
    now[0] += DocFrequencies.RECOUNT_SECONDS + 1
    with Session(store.engine) as session:
        frequencies.refresh(session, ["payment"])
    assert (frequencies.total, frequencies.df("payment")) == (9, 9)
