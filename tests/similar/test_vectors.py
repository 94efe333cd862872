"""The hints' vectors: kept beside the insights, filled off the capture's transaction, searched in memory."""

from __future__ import annotations

import pytest

from desktop.similar.vectors import WordVectors
from desktop.store.vectors import VectorIndex
from tests.similar.data import insert
from tests.similar.tiny_model import write_tiny_model

PASSWORD = "aaaaaaaa-0000-4000-8000-000000000001"
CARD = "aaaaaaaa-0000-4000-8000-000000000002"


@pytest.fixture
def tiny(tmp_path):
    return WordVectors(write_tiny_model(tmp_path / "model"))


@pytest.fixture
def index(store, tiny):
    store._hints = VectorIndex(store.engine, lambda: tiny)
    return store._hints


def _vector_rows(store) -> dict:
    with store.engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT insight_id, model FROM insight_vector").all())


def _rowid(store, ident: str) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT id FROM insight WHERE uuid = ?", (ident,)).scalar_one()


def test_a_text_and_its_translation_meet_and_other_topics_do_not(tiny):
    import numpy as np

    english, finnish, card = (tiny.embed(t) for t in ("password expired", "salasana vanheni", "card declined abroad"))
    assert float(english @ finnish) > 0.9 and float(english @ card) < 0.3
    assert abs(float(np.linalg.norm(english)) - 1) < 1e-5


def test_unknown_words_stems_and_missing_diacritics(tiny):
    assert tiny.embed("nothing known here") is None
    assert tiny.embed("") is None and tiny.embed(None) is None  # type: ignore[arg-type]
    assert tiny.row("hylatty") == tiny.row("hylätty")  # typed without its diacritics
    assert tiny.row("passwords") == tiny.row("password")  # by its stem


def test_a_capture_writes_no_vector_and_the_next_look_up_fills_it(store, index):
    from desktop.domain import NewInsight

    store.similar("warm up the index")  # loads an empty index
    store.capture(NewInsight(text="The password expired after the login", community="payments"))
    assert _vector_rows(store) == {}  # not in the capture's transaction
    store.similar("salasana vanheni kirjautuminen")
    assert list(_vector_rows(store).values()) == ["tiny-1"]


def test_pulled_insights_get_vectors_and_are_found_across_languages(store, index, monkeypatch):
    from desktop.store import similar

    monkeypatch.setattr("desktop.similar.lexicon.ENABLED", False)  # the vectors alone must cross the languages
    insert(store.engine, {PASSWORD: "The password expired after the login", CARD: "Card declined abroad"})
    store.similar("warm up")
    found = store._read(
        lambda s: similar.candidates(s, "salasana vanheni kirjautuminen jälkeen", store._frequencies, index)
    )
    by_id = {c.row.uuid: c for c in found}
    assert by_id[PASSWORD].words == 0 and by_id[PASSWORD].meaning > 0.9  # no word in common, the same meaning
    assert CARD not in by_id or by_id[CARD].meaning < 0.3
    assert max(found, key=similar.combined).row.uuid == PASSWORD
    assert len(_vector_rows(store)) == 2


def test_a_changed_text_gets_a_new_vector(store, index):
    insert(store.engine, {PASSWORD: "The password expired after the login"})
    store.similar("password expired login")
    rowid = _rowid(store, PASSWORD)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE insight SET text = 'Card declined abroad' WHERE id = ?", (rowid,))
    assert rowid not in _vector_rows(store)  # the trigger dropped the old one
    index.changed()
    store.similar("kortti hylätty ulkomailla")
    assert rowid in _vector_rows(store)
    near = index.nearest(index.embed("kortti hylätty ulkomailla"), 1)
    assert list(near) == [rowid] and next(iter(near.values())) > 0.9
    query = index.embed("password login")  # the running sum behind the baseline followed the rewritten row
    assert abs(index.baseline(query) - float(index._matrix[: index._count].mean(axis=0) @ query)) < 1e-5


def test_a_text_changed_by_another_process_is_found_by_the_next_prepare(store, index):
    insert(store.engine, {PASSWORD: "The password expired after the login"})
    store.similar("password expired login")
    rowid = _rowid(store, PASSWORD)
    with store.engine.begin() as conn:  # as sync applies a pulled edit
        conn.exec_driver_sql("UPDATE insight SET text = 'Card declined abroad' WHERE id = ?", (rowid,))
    store.prepare_hints()
    assert rowid in _vector_rows(store)
    assert list(index.nearest(index.embed("card declined"), 1)) == [rowid]


def test_deleted_insights_lose_their_vectors(store, index):
    insert(store.engine, {PASSWORD: "The password expired after the login"})
    store.similar("password expired login")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM insight")
    assert _vector_rows(store) == {}
    assert store.similar("password expired login") == []


def test_vectors_of_another_model_are_recomputed(store, tmp_path):
    insert(store.engine, {PASSWORD: "The password expired after the login"})
    first = WordVectors(write_tiny_model(tmp_path / "one", name="tiny-1"))
    VectorIndex(store.engine, lambda: first).prepare()
    second = WordVectors(write_tiny_model(tmp_path / "two", name="tiny-2"))
    VectorIndex(store.engine, lambda: second).prepare()
    assert list(_vector_rows(store).values()) == ["tiny-2"]


def test_without_a_model_hints_use_words_alone(store):
    store._hints = VectorIndex(store.engine, lambda: None)
    insert(store.engine, {PASSWORD: "The password expired after the login yesterday"})
    assert [h.insight.id for h in store.similar("password expired after login")] == [PASSWORD]
    assert _vector_rows(store) == {}


@pytest.mark.parametrize(
    "odd",
    [
        "",
        "   \n\t ",
        "salasana " * 2_500,  # 20,000 characters
        "x" * 20_000,
        "😀😀😀 🙈🙉🙊 💳💳",
        "Kortti 카드 không hoạt động ulkomailla карта tarjeta 卡 declined",
        "\x00\x01 \ud800 ‮rtl‬ password",
    ],
)
def test_odd_input_gives_hints_or_none_and_never_raises(store, index, odd):
    insert(store.engine, {PASSWORD: "The password expired after the login", CARD: "Card declined abroad"})
    assert isinstance(store.similar(odd), list)
    assert isinstance(store.similar("card declined " + odd), list)


def test_an_odd_insight_gets_a_vector_row_and_never_stops_the_filling(store, index):
    odd = {
        f"aaaaaaaa-0000-4000-8000-00000000000{n}": text
        for n, text in enumerate(["😀😀😀", "x" * 20_000, "salasana " * 2_500, "карта 卡 kortti"], start=3)
    }
    insert(store.engine, {PASSWORD: "The password expired after the login", **odd})
    store.similar("password expired")
    assert len(_vector_rows(store)) == 5  # a text without a known word gets a row without a vector
