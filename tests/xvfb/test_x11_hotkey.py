"""The X11 hotkey backend against a real Xvfb, fired by xdotool through XTest, heard by a bare QObject."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Slot
from Xlib import X

from desktop.platform.hotkey import HotkeyTaken
from desktop.platform.hotkey.x11 import X11Hotkey
from tests.xvfb.xvfb_support import ForeignGrab, KeyRecorder, XSession, wait_for

pytestmark = pytest.mark.xvfb


@pytest.fixture
def hotkey(qapp, xsession: XSession) -> Iterator[X11Hotkey]:
    hk = X11Hotkey(display_name=xsession.display)
    yield hk
    hk.close()


@pytest.fixture
def recorder(xsession: XSession) -> Iterator[KeyRecorder]:
    rec = KeyRecorder(xsession.display)
    yield rec
    rec.close()


def lock_state(recorder: KeyRecorder) -> int:
    return recorder.window.query_pointer().mask & (X.LockMask | X.Mod2Mask)


def fires(qtbot, hotkey: X11Hotkey, xsession: XSession, keys: str) -> bool:
    with qtbot.waitSignal(hotkey.activated, timeout=1500, raising=False) as blocker:
        xsession.run("xdotool", "key", keys)
    return blocker.signal_triggered


class Listener(QObject):
    """A bare QObject the way the app connects: a slot that counts activations."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot()
    def on_activated(self) -> None:
        self.count += 1


def test_fires_with_every_lock_combination(qtbot, hotkey, xsession, recorder):
    listener = Listener()
    hotkey.activated.connect(listener.on_activated)
    hotkey.register("Ctrl+Alt+I")
    assert hotkey.current() == "Ctrl+Alt+I"
    for locks in ([], ["Num_Lock"], ["Caps_Lock"], ["Num_Lock", "Caps_Lock"]):
        for lock in locks:
            xsession.run("xdotool", "key", lock)
        try:
            expected = (X.Mod2Mask if "Num_Lock" in locks else 0) | (X.LockMask if "Caps_Lock" in locks else 0)
            assert lock_state(recorder) == expected, f"lock keys {locks} did not take effect"
            assert fires(qtbot, hotkey, xsession, "ctrl+alt+i"), f"hotkey did not fire with {locks or 'no locks'}"
        finally:
            for lock in locks:  # switch the locks off again, or every later test in this X session is affected
                xsession.run("xdotool", "key", lock)
    assert lock_state(recorder) == 0
    assert listener.count == 4  # once per press: no repeats, nothing lost


def test_key_is_consumed_not_delivered_to_the_focused_window(qtbot, hotkey, xsession, recorder):
    xsession.run("xdotool", "key", "ctrl+alt+i")  # before the grab the focused window gets it
    wait_for(lambda: recorder.got("i"), 3, what="the recorder to receive ctrl+alt+i before the grab")
    recorder.pressed.clear()
    hotkey.register("Ctrl+Alt+I")
    assert fires(qtbot, hotkey, xsession, "ctrl+alt+i")
    xsession.run("xdotool", "key", "k")  # a marker: once it arrives, anything sent before it has arrived too
    wait_for(lambda: recorder.got("k"), 3, what="the marker key")
    assert not recorder.got("i"), "the grabbed key also reached the focused window"


def test_other_modifiers_do_not_fire(qtbot, hotkey, xsession, recorder):
    hotkey.register("Ctrl+Alt+I")
    assert not fires(qtbot, hotkey, xsession, "ctrl+i")
    assert not fires(qtbot, hotkey, xsession, "ctrl+alt+j")


def test_taken_key_is_reported_and_the_old_key_stays(qtbot, hotkey, xsession, recorder):
    other_app = ForeignGrab(xsession.display, "i", X.ControlMask | X.Mod1Mask)
    try:
        hotkey.register("Ctrl+Alt+J")
        with pytest.raises(HotkeyTaken) as caught:
            hotkey.register("Ctrl+Alt+I")
        assert "Ctrl+Alt+I is already used by another application" in caught.value.user_message
        assert hotkey.current() == "Ctrl+Alt+J"
        assert fires(qtbot, hotkey, xsession, "ctrl+alt+j"), "the previous hotkey stopped working"
    finally:
        other_app.close()
    hotkey.register("Ctrl+Alt+I")  # free again once the other client is gone
    assert fires(qtbot, hotkey, xsession, "ctrl+alt+i")


def test_changing_and_unregistering_give_the_key_back(qtbot, hotkey, xsession, recorder):
    hotkey.register("Ctrl+Alt+I")
    hotkey.register("Ctrl+Shift+F5")
    assert hotkey.current() == "Ctrl+Shift+F5"
    assert fires(qtbot, hotkey, xsession, "ctrl+shift+F5")
    assert not fires(qtbot, hotkey, xsession, "ctrl+alt+i")
    wait_for(lambda: recorder.got("i"), 3, what="the old hotkey to reach the focused window again")
    hotkey.unregister()
    assert hotkey.current() is None
    assert not fires(qtbot, hotkey, xsession, "ctrl+shift+F5")
