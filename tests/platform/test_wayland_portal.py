"""The GlobalShortcuts portal client against a real D-Bus daemon and a stand-in portal service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop import APP_ID
from desktop.platform.hotkey import HotkeyUnavailable
from desktop.platform.hotkey.keyspec import parse
from desktop.platform.hotkey.wayland_portal import PortalHotkey, portal_trigger
from tests.platform.fake_portal import FakePortal


@pytest.fixture
def portal(session_bus) -> Iterator[FakePortal]:
    service = FakePortal(session_bus)
    service.start()
    yield service
    service.stop()


def test_trigger_text_follows_the_xdg_shortcut_spec():
    assert portal_trigger(parse("Ctrl+Alt+I")) == "CTRL+ALT+i"
    assert portal_trigger(parse("Ctrl+Meta+Shift+F5")) == "CTRL+SHIFT+LOGO+F5"


def test_binds_and_fires(qapp, qtbot, session_bus, portal):
    hotkey = PortalHotkey(bus_address=session_bus)
    try:
        hotkey.register("Ctrl+Alt+I")
        assert hotkey.current() == "Ctrl+Alt+I"
        assert portal.registered == [APP_ID]
        ((session, shortcuts),) = portal.bound
        assert shortcuts[0][0] == "capture"
        assert shortcuts[0][1]["preferred_trigger"] == ("s", "CTRL+ALT+i")
        qtbot.waitUntil(lambda: hotkey.bound_trigger == "CTRL+ALT+i", timeout=3000)
        with qtbot.waitSignal(hotkey.activated, timeout=3000):
            portal.fire(session, "capture")
        with qtbot.assertNotEmitted(hotkey.activated, wait=300):
            portal.fire("/some/other/session", "capture")
        hotkey.register("Ctrl+Alt+J")  # a new session; the old one is closed
        assert portal.closed == [session]
        assert len(portal.bound) == 2
    finally:
        hotkey.close()


def test_no_portal_explains_the_desktop_shortcut(qapp, session_bus):
    hotkey = PortalHotkey(bus_address=session_bus)
    try:
        with pytest.raises(HotkeyUnavailable) as caught:
            hotkey.register("Ctrl+Alt+I")
        assert "palaute capture --show" in caught.value.user_message
        assert "Ctrl+Alt+I" in caught.value.user_message
        assert hotkey.current() is None
    finally:
        hotkey.close()
