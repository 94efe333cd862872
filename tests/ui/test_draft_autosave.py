"""Draft autosave: debounced while typing, in the store within ~500 ms of the last key, at once on hide."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from desktop.domain import Draft
from desktop.errors import StoreWriteFailed
from desktop.ui.draft_autosave import DEFAULT_DELAY_MS, DraftAutosave


def test_typing_is_written_within_half_a_second_after_it_stops(qtbot, capture, store):
    writes = []
    original = store.save_draft
    store.save_draft = lambda draft: (writes.append(time.monotonic()), original(draft))  # count real writes
    capture.present()
    qtbot.keyClicks(capture.text, "The export button does nothing")
    last_key = time.monotonic()
    assert store.load_draft() is None  # debounced: nothing written while the user types
    qtbot.waitUntil(lambda: (store.load_draft() or Draft()).text == "The export button does nothing", timeout=1500)
    elapsed = time.monotonic() - last_key
    assert elapsed <= 0.55, f"draft written {elapsed * 1000:.0f} ms after the last key"
    assert len(writes) == 1, "one write for a burst of typing"


def test_every_field_is_part_of_the_draft(qtbot, capture, store):
    capture.present()
    qtbot.keyClicks(capture.customer, "REF-7")
    capture.impact.setCurrentIndex(capture.impact.findData("blocker"))
    capture.area.setCurrentIndex(capture.area.findData("insurance"))
    qtbot.waitUntil(lambda: store.load_draft() is not None, timeout=1500)
    draft = store.load_draft()
    assert (draft.customer_ref, str(draft.impact), draft.product_area) == ("REF-7", "blocker", "insurance")


def test_clearing_the_text_clears_the_stored_draft(qtbot, capture, store):
    capture.present()
    qtbot.keyClicks(capture.text, "oops")
    capture.hide()
    assert store.load_draft() is not None
    capture.present()
    capture.text.selectAll()
    qtbot.keyClick(capture.text, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: store.load_draft() is None, timeout=1500)


def test_debounce_unit_calls_the_sink_once_after_the_pause(qtbot):
    written: list[Draft] = []
    counter = iter(range(100))
    autosave = DraftAutosave(lambda: Draft(text=str(next(counter))), written.append, delay_ms=100)
    for _ in range(5):
        autosave.touch()
        qtbot.wait(20)
    assert written == []
    qtbot.waitUntil(lambda: len(written) == 1, timeout=1000)
    qtbot.wait(200)
    assert len(written) == 1
    assert not autosave.pending
    assert DEFAULT_DELAY_MS <= 450


def test_flush_writes_at_once_and_waits_for_a_sink(qtbot):
    written: list[Draft] = []
    autosave = DraftAutosave(lambda: Draft(text="x"), None, delay_ms=10_000)
    autosave.touch()
    assert autosave.flush() is False  # no store yet: still pending, nothing lost
    assert autosave.pending
    autosave.set_sink(written.append)
    assert autosave.flush() is True
    assert [d.text for d in written] == ["x"]


def test_a_failed_write_is_reported_in_words_and_stays_pending(qtbot):
    def full_disk(_draft: Draft) -> None:
        raise StoreWriteFailed("The disk is full. Free some space; your text is still in the window.")

    autosave = DraftAutosave(lambda: Draft(text="x"), full_disk, delay_ms=10)
    with qtbot.waitSignal(autosave.failed, timeout=1000) as failed:
        autosave.touch()
    assert "disk is full" in failed.args[0]
    assert autosave.pending


def test_a_failed_draft_write_shows_in_the_window(qtbot, capture):
    def full_disk(_draft: Draft) -> None:
        raise StoreWriteFailed("The disk is full.")

    capture.present()
    capture.autosave.set_sink(full_disk)
    qtbot.keyClicks(capture.text, "kept")
    qtbot.waitUntil(lambda: "disk is full" in capture.message.text(), timeout=1500)
    assert capture.text.toPlainText() == "kept"
