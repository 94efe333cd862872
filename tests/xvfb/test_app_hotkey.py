"""The real app under Xvfb: the hotkey shows the capture window with focus, typing and Ctrl+Enter store it."""

from __future__ import annotations

import time

import pytest
from Xlib import X

from tests.xvfb.app_runner import (
    CAPTURE_TITLE,
    RunningApp,
    focused_window,
    screenshot,
    visible_window,
    wait_capture_focused,
    wait_capture_hidden,
)
from tests.xvfb.xvfb_support import ForeignGrab, KeyRecorder, wait_for

pytestmark = pytest.mark.xvfb


def saved_texts(app: RunningApp) -> list[str]:
    return [insight["text"] for insight in app.insights()]


@pytest.mark.parametrize("locks", [[], ["Num_Lock"], ["Caps_Lock"]], ids=["plain", "numlock", "capslock"])
def test_hotkey_shows_capture_and_ctrl_enter_stores(xsession, data_dir, artifacts_dir, locks):
    with RunningApp(xsession, data_dir) as app:
        for lock in locks:
            xsession.run("xdotool", "key", lock)
        try:
            xsession.run("xdotool", "key", "ctrl+alt+i")
            window = wait_capture_focused(xsession)
        finally:
            for lock in locks:  # typing below must not be upper-cased by CapsLock
                xsession.run("xdotool", "key", lock)
        text = f"Customer cannot find the export button ({'+'.join(locks) or 'no locks'})"
        xsession.run("xdotool", "type", "--delay", "5", text)
        # The draft autosave runs once the store is open in the window; only then can Ctrl+Enter save.
        wait_for(lambda: app.draft_text() == text, 20, what="the draft autosave")
        if not locks:
            screenshot(xsession, artifacts_dir / "capture-window.png", window)
            screenshot(xsession, artifacts_dir / "capture-window-screen.png")
        xsession.run("xdotool", "key", "ctrl+Return")
        wait_capture_hidden(xsession)
        wait_for(lambda: text in saved_texts(app), 10, what="the insight in `palaute list --json`")


def test_hotkey_is_not_delivered_to_the_focused_window(xsession, data_dir):
    recorder = KeyRecorder(xsession.display)
    try:
        xsession.run("xdotool", "key", "ctrl+alt+i")  # control: without Palaute the window gets the key
        wait_for(lambda: recorder.got("i"), 5, what="the recorder to receive ctrl+alt+i")
        recorder.pressed.clear()
        with RunningApp(xsession, data_dir):
            focus_recorder(xsession, recorder)  # the app's own window may have taken the focus at start
            xsession.run("xdotool", "key", "ctrl+alt+i")
            wait_capture_focused(xsession)
            xsession.run("xdotool", "key", "Escape")
            wait_capture_hidden(xsession)
            focus_recorder(xsession, recorder)
            xsession.run("xdotool", "key", "k")  # a marker sent after the hotkey
            wait_for(lambda: recorder.got("k"), 5, what="the marker key")
            assert not recorder.got("i"), "the hotkey also reached the focused window"
    finally:
        recorder.close()


def test_hotkey_taken_by_another_client_is_reported(xsession, data_dir, artifacts_dir):
    other_app = ForeignGrab(xsession.display, "i", X.ControlMask | X.Mod1Mask)
    try:
        with RunningApp(xsession, data_dir) as app:
            message = "Ctrl+Alt+I is already used by another application"
            wait_for(lambda: message in app.log_text(), 5, what="the hotkey problem in the app's log")
            time.sleep(0.5)  # let the window paint the message before the picture
            screenshot(xsession, artifacts_dir / "hotkey-taken.png")
    finally:
        other_app.close()


def test_draft_survives_sigkill(xsession, data_dir):
    text = "Half-typed note when the laptop died"
    app = RunningApp(xsession, data_dir).start()
    try:
        xsession.run("xdotool", "key", "ctrl+alt+i")
        wait_capture_focused(xsession)
        xsession.run("xdotool", "type", "--delay", "5", text)
        wait_for(lambda: app.draft_text() == text, 20, what="the draft autosave")
    finally:
        app.kill()
    assert app.draft_text() == text
    with RunningApp(xsession, data_dir) as app:  # also recovers the stale lock and socket
        xsession.run("xdotool", "key", "ctrl+alt+i")
        wait_capture_focused(xsession)
        save_until_hidden(xsession)  # saves whatever the window shows: the restored draft
        wait_for(lambda: text in saved_texts(app), 10, what="the restored draft to be saved")


def save_until_hidden(xsession, timeout: float = 20) -> None:
    """Press Ctrl+Enter until the window hides: until the store is open it answers "try again in a moment"."""
    deadline = time.monotonic() + timeout
    while visible_window(xsession, CAPTURE_TITLE) is not None:
        assert time.monotonic() < deadline, "Ctrl+Enter never saved"
        xsession.run("xdotool", "key", "ctrl+Return")
        time.sleep(0.5)


def focus_recorder(xsession, recorder: KeyRecorder) -> None:
    def focused() -> bool:
        recorder.focus()
        time.sleep(0.05)
        return focused_window(xsession) == recorder.window.id

    wait_for(focused, 5, what="the key recorder to hold the focus")
