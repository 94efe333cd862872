"""The wired app in this process (offscreen: no tray, no global hotkey), with the real store opened aside."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import PalauteApp


def start(qtbot, qapp, paths) -> PalauteApp:
    app = PalauteApp(qapp, paths)
    qtbot.waitUntil(lambda: app.store is not None, timeout=15_000)
    return app


def stop(app: PalauteApp) -> None:
    if app._shut_down:
        return
    app.shutdown()
    for window in (app.capture, app.fallback, app.settings_window, app.inbox_window):
        if window is not None:
            window.close()
            window.deleteLater()
    if app.capture is not None:
        app.capture.toast.deleteLater()
    app.translations.apply("en")


@pytest.fixture
def palaute(qtbot, qapp, paths):
    app = start(qtbot, qapp, paths)
    yield app
    stop(app)


def test_without_a_tray_a_window_explains_once(qtbot, qapp, paths, palaute):
    assert not palaute.has_tray
    assert palaute.fallback.isVisible()
    assert "AppIndicator" in palaute.fallback.note.text()
    assert palaute.store.settings.get("tray_hint_shown") is True
    # The missing global hotkey is said in words too, next to the note.
    assert "not available" in palaute.fallback.problem.text()
    stop(palaute)

    again = start(qtbot, qapp, paths)
    try:
        assert again.fallback.isVisible()
        assert again.fallback.note.text() == ""
    finally:
        stop(again)


def test_requests_from_other_processes(qtbot, palaute):
    palaute.on_message({"action": "show_capture"})
    assert palaute.capture.isVisible()
    palaute.capture.hide()
    palaute.on_message({"action": "activate"})  # no tray: the small window comes forward
    assert palaute.fallback.isVisible()
    palaute.on_message({"action": "something new"})  # logged and ignored


def test_a_capture_from_the_command_line_refreshes_the_inbox(qtbot, palaute):
    from desktop.domain import NewInsight

    palaute.show_inbox()
    assert palaute.inbox_window.model.rowCount() == 0
    palaute.store.capture(NewInsight(text="from the CLI", community="cards"))
    palaute.on_message({"type": "captured", "id": "whatever"})  # what `palaute capture TEXT` sends
    assert palaute.inbox_window.model.rowCount() == 1


def test_capture_then_inbox_and_settings(qtbot, palaute):
    palaute.show_capture()
    qtbot.keyClicks(palaute.capture.text, "Statement download times out")
    assert palaute.capture.save()
    palaute.show_inbox()
    assert palaute.inbox_window.isVisible()
    assert palaute.inbox_window.model.rowCount() == 1
    assert palaute.inbox_window.model.inbox_row(0).insight.text == "Statement download times out"
    palaute.show_settings()
    assert palaute.settings_window.isVisible()
    assert "not available" in palaute.settings_window.hotkey_message.text()


def test_quit_writes_the_pending_draft(qtbot, palaute):
    palaute.show_capture()
    qtbot.keyClicks(palaute.capture.text, "typed just before logging out")
    assert palaute.capture.autosave.pending
    palaute.flush()
    assert palaute.store.load_draft().text == "typed just before logging out"


def test_the_stored_language_is_applied_once_the_store_opens(qtbot, qapp, paths, store):
    store.settings.set("language", "fi")
    app = start(qtbot, qapp, paths)
    try:
        QApplication.processEvents()
        assert app.translations.language == "fi"
        assert app.capture.windowTitle() == "Palaute — Kirjaa havainto"
        assert app.fallback.buttons[0].text() == "&Kirjaa havainto…"
    finally:
        stop(app)


def test_a_store_that_cannot_open_is_explained_and_typing_is_kept(qtbot, qapp, paths):
    paths.db_path.mkdir(parents=True)  # a folder where the database file should be: it cannot open
    app = PalauteApp(qapp, paths)
    try:
        qtbot.waitUntil(lambda: app.loader.error is not None, timeout=15_000)
        qtbot.waitUntil(lambda: "data folder" in app.fallback.problem.text(), timeout=5000)
        assert app.tray.state == "error"
        app.show_capture()
        qtbot.keyClicks(app.capture.text, "still here")
        assert not app.capture.save()
        assert "data folder" in app.capture.message.text()
        assert app.capture.text.toPlainText() == "still here"
    finally:
        stop(app)


def test_every_window_names_its_controls(qtbot, palaute):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    palaute.show_inbox()
    palaute.show_settings()
    for window in (palaute.fallback, palaute.inbox_window, palaute.settings_window):
        for widget in window.findChildren(QWidget):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
                assert widget.accessibleName(), f"{window.objectName()}: {widget.objectName() or type(widget).__name__}"


def test_palaute_inbox_show_opens_the_inbox_at_that_thread(qtbot, palaute):
    from desktop.domain import NewInsight
    from desktop.platform.instance_client import show_inbox

    first = palaute.store.capture(NewInsight(text="Card limit cannot be raised", community="cards"))
    palaute.store.capture(NewInsight(text="Statement PDF misses the IBAN", community="payments"))
    palaute.on_message(show_inbox(first.id))  # what `palaute inbox --show ID` (and a notification) sends
    assert palaute.inbox_window.isVisible()
    assert palaute.inbox_window.current_id() == first.id
    assert palaute.inbox_window.thread_view.insight.id == first.id
    palaute.inbox_window.hide()
    palaute.on_message(show_inbox())  # no id: just the inbox
    assert palaute.inbox_window.isVisible()


def test_the_app_started_by_palaute_inbox_show_opens_it(qtbot, qapp, paths):
    app = PalauteApp(qapp, paths)
    app.after_start(lambda: app.on_message({"action": "show_inbox", "insight_id": None}))
    try:
        qtbot.waitUntil(lambda: app.inbox_window is not None and app.inbox_window.isVisible(), timeout=15_000)
    finally:
        stop(app)
