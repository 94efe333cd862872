"""The tray: menu entries, the hotkey shown, sync actions disabled until sync exists, state icons with a badge."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.ui.icons import TrayState, state_icon
from desktop.ui.tray import Tray


def test_menu_entries_and_their_signals(qtbot):
    tray = Tray()
    tray.set_hotkey_text("Ctrl+Alt+I")
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Capture insight…\tCtrl+Alt+I",
        "Open &inbox",
        "Weekly &digest…",
        "S&ync now",
        "&Pause sync",
        "&Settings…",
        "&Quit Palaute",
    ]
    assert not tray.sync_now_action.isEnabled() and not tray.pause_action.isEnabled()
    tray.set_sync_available(True)
    assert tray.sync_now_action.isEnabled()
    with qtbot.waitSignal(tray.capture_requested):
        tray.capture_action.trigger()
    with qtbot.waitSignal(tray.settings_requested):
        tray.settings_action.trigger()
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()
    with qtbot.waitSignal(tray.digest_requested):
        tray.digest_action.trigger()
    with qtbot.waitSignal(tray.capture_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    tray.set_unread(2)  # with replies unread, a click opens the newest one instead
    with qtbot.waitSignal(tray.unread_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)


def test_each_state_has_its_own_picture_and_the_badge_changes_it():
    images = {state: state_icon(state).pixmap(32).toImage() for state in TrayState}
    for image in images.values():
        assert not image.isNull()
    assert len({bytes(image.constBits()) for image in images.values()}) == len(TrayState)
    badge = state_icon(TrayState.IDLE, unread=3).pixmap(32).toImage()
    assert _differs(badge, images[TrayState.IDLE])
    # The badge is red in the top-right corner, where the plain icon is transparent.
    corner = badge.pixelColor(badge.width() - 6, 6)
    assert corner.red() > 150 and corner.green() < 100


def test_tooltip_says_the_state(qtbot):
    tray = Tray()
    tray.set_state(TrayState.OFFLINE)
    assert "offline" in tray.icon.toolTip()
    tray.set_state(TrayState.ERROR)
    assert "problem" in tray.icon.toolTip()


def test_tooltip_says_who_is_signed_in_the_last_sync_and_what_waits(qtbot):
    from datetime import UTC, datetime

    tray = Tray()
    assert "signed in" not in tray.icon.toolTip().lower()  # not known before sync starts: nothing said
    tray.set_details(None, None, 2)
    assert "Not signed in" in tray.icon.toolTip() and "2 change" in tray.icon.toolTip()
    tray.set_details("anna (palaute.example.com)", datetime(2026, 1, 5, 9, 10, tzinfo=UTC), 0)
    tip = tray.icon.toolTip()
    assert "Signed in as anna (palaute.example.com)" in tip and "Last sync: " in tip and "waiting" not in tip


def _differs(first: QImage, second: QImage) -> bool:
    return bytes(first.constBits()) != bytes(second.constBits())
