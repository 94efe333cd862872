"""Personal data in the capture window: highlighted as typed, masked on save, kept when the rep ticks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.ui.capture_window import CaptureWindow

CARD = "4111 1111 1111 1111"
HETU = "131052-308T"


def _window(qtbot, data_dir):
    store = open_store(AppPaths.resolve(data_dir))
    window = CaptureWindow(autosave_delay_ms=50)
    qtbot.addWidget(window)
    window.set_store(store)
    window.present()
    return window, store


def _formats_at(window, text: str) -> list:
    """The highlighter's format ranges covering `text` (Qt positions are UTF-16 units)."""
    plain = window.text.toPlainText()
    start = len(plain[: plain.index(text)].encode("utf-16-le")) // 2
    block = window.text.document().findBlock(start)
    start -= block.position()
    return [r for r in block.layout().formats() if r.start <= start < r.start + r.length]


def test_found_items_are_highlighted_while_typing_and_masked_on_save(qtbot, data_dir):
    window, store = _window(qtbot, data_dir)
    window.text.insertPlainText("Asiakas 🙂 ääneen: ")  # QTest types ASCII only; the rest is pasted
    qtbot.keyClicks(window.text, f"luki korttinsa {CARD} ja hetun {HETU}")
    qtbot.waitUntil(lambda: window.pii.list.count() == 2, timeout=3000)
    assert window.pii.isVisible()
    highlighted = _formats_at(window, CARD)
    assert highlighted and highlighted[0].format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert highlighted[0].length == len(CARD)  # positions right even after an emoji (2 UTF-16 units)
    qtbot.keyClick(window.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [saved] = store.list_insights()
    assert CARD not in saved.text and HETU not in saved.text and "••••1111" in saved.text
    assert saved.pii_kept == () and not window.pii.isVisible()
    store.close()


def test_an_item_the_rep_ticks_is_kept_as_typed(qtbot, data_dir):
    window, store = _window(qtbot, data_dir)
    qtbot.keyClicks(window.text, f"Card {CARD}, hetu {HETU}")
    qtbot.waitUntil(lambda: window.pii.list.count() == 2, timeout=3000)
    card_item = next(window.pii.list.item(i) for i in range(2) if CARD in window.pii.list.item(i).toolTip())
    card_item.setCheckState(Qt.CheckState.Checked)
    assert _formats_at(window, CARD)[0].format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert window.save()
    [saved] = store.list_insights()
    assert CARD in saved.text and HETU not in saved.text
    assert [k.kind for k in saved.pii_kept] == ["card"]
    store.close()


def test_a_plain_note_shows_no_privacy_list(qtbot, data_dir):
    window, store = _window(qtbot, data_dir)
    qtbot.keyClicks(window.text, "Order 2024-118 for 1 299,00 EUR arrived on 3.11.2026 at 14:05")
    qtbot.wait(400)
    assert window.pii.list.count() == 0 and not window.pii.isVisible()
    store.close()
