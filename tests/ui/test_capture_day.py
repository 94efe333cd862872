"""The capture window through a rep's day: a layout that never jumps, drafts announced, save feedback, Undo."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.domain import Draft
from desktop.ui.capture_window import CaptureWindow
from tests.support.community import pull_into, server_insight

CARD = "4111 1111 1111 1111"


def _shown(qtbot, window):
    window.present()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.text, timeout=2000)


def _geometry(window):
    return {w.objectName(): w.geometry() for w in (window.text, window.community, window.save_button, window.hints)}


def test_chips_and_hints_appear_without_moving_or_shrinking_anything(qtbot, capture, store):
    pull_into(store, server_insight("Customer cannot split a card payment over two accounts in the mobile app"))
    _shown(qtbot, capture)
    before, height = _geometry(capture), capture.text.height()
    qtbot.keyClicks(capture.text, f"customer wants to split the card payment over two accounts, card {CARD}")
    qtbot.waitUntil(lambda: capture.hints.isVisible() and capture.pii.isVisible(), timeout=5000)
    assert capture.text.height() == height >= 5 * capture.text.fontMetrics().lineSpacing()
    after = _geometry(capture)
    assert {k: v for k, v in after.items() if k != "duplicateHints"} == {
        k: v for k, v in before.items() if k != "duplicateHints"
    }
    # The chip says what is found and what it becomes, without a scroll bar to hide it.
    [chip] = [capture.pii.list.item(i).text() for i in range(capture.pii.list.count())]
    assert chip == "4111… → card ••••1111"
    assert capture.pii.list.visualItemRect(capture.pii.list.item(0)).right() <= capture.pii.list.viewport().width()


def test_a_draft_from_earlier_is_announced_and_can_be_discarded_by_key(qtbot, store):
    store.save_draft(Draft(text="Typed in the morning", customer_ref="CASE-4711"))
    window = CaptureWindow()
    qtbot.addWidget(window)
    window.set_store(store)
    _shown(qtbot, window)
    assert window.banner.isVisible()
    assert window.banner_text.text().startswith("Draft from ") and window.banner_text.text().endswith("· CASE-4711")
    assert window.banner_button.text() == "&Discard draft"
    window.banner_button.animateClick()  # Alt+D in the window
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=2000)
    assert window.text.toPlainText() == "" and window.customer.text() == "" and store.load_draft() is None


def test_last_calls_customer_reference_is_not_carried_into_the_next_call(qtbot, capture):
    _shown(qtbot, capture)
    qtbot.keyClicks(capture.customer, "CASE-1")  # the rep typed the case, then the call ended without a note
    capture.hide()
    capture.present()
    assert capture.customer.text() == ""


def test_saving_says_where_it_went_and_what_was_masked_and_undo_takes_it_back(qtbot, capture, store, translations):
    translations.apply("en")  # English plural forms come from the English catalogue, like every language's
    _shown(qtbot, capture)
    qtbot.keyClicks(capture.text, f"Card {CARD} declined, e-mail anna@example.fi")
    assert capture.request_save()
    assert capture.toast.text() == "✓ Saved to Payments CoP · 2 items masked"
    assert capture.toast.undo.isVisible() and capture.toast.undo.text() == "Undo"
    [saved] = store.list_insights()
    capture.toast.undo.click()
    assert store.list_insights() == [] and store.sync.outbox_size() == 0  # not sent yet: simply removed
    assert capture.isVisible() and capture.text.toPlainText() == f"Card {CARD} declined, e-mail anna@example.fi"
    assert "removed" in capture.message.text()
    assert saved.id  # (the removed insight's id is not reused)


def test_the_capture_window_offers_undo_by_keyboard_for_a_while_after_a_save(qtbot, capture, store):
    _shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "Statement PDF misses the IBAN")
    assert capture.save()
    capture.present()  # the hotkey again, at once
    assert capture.banner.isVisible() and capture.banner_button.text() == "U&ndo"
    capture._undo_timer.timeout.emit()  # the time to undo is over
    assert not capture.banner.isVisible() and not capture.undo_last_save()
    assert len(store.list_insights()) == 1
