"""The no-tray window shows every word of what it says: it grows to its wrapped text instead of cutting it off."""

from __future__ import annotations

from desktop.ui.fallback_window import FallbackWindow


def _cut_off(window):
    labels = (window.status, window.note, window.problem)
    return [
        (label.objectName() or "status", label.height(), label.heightForWidth(label.width()))
        for label in labels
        if label.isVisible() and label.height() < label.heightForWidth(label.width())
    ]


def test_the_explanation_and_notes_are_never_clipped(qtbot):
    window = FallbackWindow()
    qtbot.addWidget(window)
    window.set_hotkey_text("Ctrl+Alt+I")
    window.show()
    qtbot.waitExposed(window)
    assert _cut_off(window) == []
    window.show_tray_note()
    window.show_problem("Another program already uses Ctrl+Alt+I. Choose another key combination in Settings.")
    assert _cut_off(window) == []
    window.clear_problem()
    assert _cut_off(window) == [] and not window.problem.isVisible()
