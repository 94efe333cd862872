"""Duplicate hints in the capture window: offered while typing, Alt+N says "same here" instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain import SyncState
from tests.support.community import pull_into, server_insight


def _seed(store) -> dict:
    known = server_insight(
        "Customer cannot split a card payment over two accounts in the mobile app", customers=2, reps=2
    )
    pull_into(
        store,
        known,
        server_insight("Face ID login fails after the iOS update"),
        server_insight("Recurring transfers cannot be set for the last day of the month"),
    )
    return known


def test_similar_insights_are_listed_while_typing(qtbot, capture, store):
    known = _seed(store)
    capture.present()
    qtbot.keyClicks(capture.text, "customer wants to split the card payment over two accounts")
    qtbot.waitUntil(lambda: capture.hints.isVisible(), timeout=5000)
    assert capture.hints.hints[0].insight.id == known["id"]
    first = capture.hints.list.item(0).text()
    assert first.startswith("Alt+1") and "2 customers" in first and "anna" in first
    assert capture.hints.list.accessibleName() == "Similar insights"


def test_alt_1_says_same_here_with_this_calls_customer_and_keeps_the_typed_words_as_a_note(qtbot, capture, store):
    known = _seed(store)
    capture.present()
    qtbot.keyClicks(capture.text, "split card payment over two accounts please")
    capture.customer.setText("CASE-555")
    capture.impact.setCurrentIndex(capture.impact.findData("high"))
    qtbot.waitUntil(lambda: capture.hints.isVisible(), timeout=5000)
    with qtbot.waitSignal(capture.same_here_said, timeout=3000) as said:
        qtbot.keyClick(capture, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    same = said.args[0]
    assert (same.insight_id, same.customer_ref, same.impact.value) == (known["id"], "CASE-555", "high")
    assert same.note == "split card payment over two accounts please" and same.sync_state is SyncState.LOCAL
    assert not capture.isVisible() and capture.text.toPlainText() == "" and not capture.hints.isVisible()
    assert store.load_draft() is None  # the words went with the "same here", not into a leftover draft
    assert store.count_insights() == 3  # no new insight
    assert store.get_insight(known["id"]).following


def test_no_hints_for_a_few_characters_or_unrelated_text(qtbot, capture, store):
    _seed(store)
    capture.present()
    qtbot.keyClicks(capture.text, "split")
    qtbot.wait(500)
    assert not capture.hints.isVisible()
    capture.text.clear()
    qtbot.keyClicks(capture.text, "the weather in Lapland was lovely yesterday")
    qtbot.wait(700)
    assert not capture.hints.isVisible() and capture.hints.hints == []


def test_alt_n_without_hints_saves_nothing(qtbot, capture, store):
    capture.present()
    qtbot.keyClicks(capture.text, "something nobody reported before at all")
    qtbot.keyClick(capture, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert capture.isVisible() and store.sync.outbox_size() == 0


def test_each_hint_is_its_text_then_status_backing_and_author_on_a_second_line(qtbot, capture, store):
    _seed(store)
    capture.present()
    qtbot.keyClicks(capture.text, "customer wants to split the card payment over two accounts")
    qtbot.waitUntil(lambda: capture.hints.isVisible(), timeout=5000)
    text, byline = capture.hints.list.item(0).text().split("\n")
    assert text == "Alt+1  Customer cannot split a card payment over two accounts in the mobile app"
    assert byline == "New · 2 customers · by anna"
    assert capture.hints.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert capture.hints.list.horizontalScrollBar().maximum() == 0  # a long text is cut with "…", not scrolled
    rect = capture.hints.list.visualItemRect(capture.hints.list.item(0))
    assert rect.height() >= 2 * capture.hints.list.fontMetrics().lineSpacing()  # both lines shown
    assert capture.hints.list.viewport().rect().contains(rect)


def test_ctrl_enter_with_a_strong_match_asks_first_and_saves_when_pressed_again(qtbot, capture, store):
    known = _seed(store)
    capture.present()
    qtbot.keyClicks(capture.text, "customer cannot split a card payment over two accounts")
    qtbot.waitUntil(lambda: capture.hints.strong_match() is not None, timeout=5000)
    qtbot.keyClick(capture.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert capture.isVisible() and store.count_insights() == 3  # nothing saved yet
    assert capture.message.isVisible()
    assert capture.message.text().startswith("Add “same here” to “Customer cannot split a card payment")
    assert "Alt+1" in capture.message.text()
    assert capture.hints.hints[0].insight.id == known["id"]
    qtbot.keyClick(capture.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not capture.isVisible(), timeout=3000)
    assert store.count_insights() == 4  # the second press saved a new insight


def test_ctrl_enter_without_a_strong_match_saves_at_once(qtbot, capture, store):
    _seed(store)
    capture.present()
    qtbot.keyClicks(capture.text, "the weather in Lapland was lovely yesterday")
    qtbot.wait(700)
    qtbot.keyClick(capture.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not capture.isVisible(), timeout=3000)
    assert store.count_insights() == 4


# A note typed in the UI's language about what a colleague reported in English (the lexicon: similarity/lexicon.py).
CROSS_LANGUAGE = {
    "en": "kunden kan inte logga in, lösenord fungerar inte",
    "fi": "asiakkaan salasana vanhentui",
    "sv": "kunden kan inte logga in, lösenord fungerar inte",
    "es": "asiakkaan salasana vanhentui",
}


@pytest.mark.parametrize("language", sorted(CROSS_LANGUAGE))
def test_a_note_in_another_language_is_hinted_and_shown_whole(qtbot, capture, store, translations, language):
    """Artifacts for a person to review: the window at its default size with a hint across languages."""
    import os
    from pathlib import Path

    reported = server_insight("Customer's password expired and the login fails", customers=2, reps=2)
    pull_into(store, reported, server_insight("Face ID login fails after the iOS update"))
    translations.apply(language)
    capture.present()
    capture.text.insertPlainText(CROSS_LANGUAGE[language])  # keyClicks types ASCII only
    qtbot.waitUntil(lambda: capture.hints.isVisible(), timeout=5000)
    assert capture.hints.hints[0].insight.id == reported["id"]
    assert "password expired" in capture.hints.list.item(0).text()
    folder = Path(os.environ.get("PALAUTE_ARTIFACTS") or Path(__file__).resolve().parents[2] / "artifacts")
    path = folder / "screenshots" / "ui" / f"capture-hint-across-languages-{language}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert capture.grab().save(str(path))
