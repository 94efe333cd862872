"""Choosing the hotkey backend by Qt platform; under offscreen Qt the hotkey explains why it cannot work."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QGuiApplication

from desktop.errors import PalauteError
from desktop.platform.hotkey import HotkeyUnavailable, create_hotkey, default_sequence


def test_offscreen_register_explains_and_keeps_nothing(qapp):
    assert QGuiApplication.platformName() == "offscreen"
    hotkey = create_hotkey()
    with pytest.raises(HotkeyUnavailable) as caught:
        hotkey.register(default_sequence())
    assert isinstance(caught.value, PalauteError)
    assert "palaute capture --show" in caught.value.user_message
    assert hotkey.current() is None
    hotkey.unregister()  # harmless when nothing is registered


def test_default_sequence_per_platform():
    expected = "Ctrl+Meta+I" if sys.platform == "darwin" else "Ctrl+Alt+I"
    assert default_sequence() == expected


def test_platform_modules_import_on_any_os():
    # Their ctypes/winreg parts load lazily, so importing them must not fail on Linux.
    import desktop.platform.autostart.macos
    import desktop.platform.autostart.windows
    import desktop.platform.hotkey.macos
    import desktop.platform.hotkey.windows  # noqa: F401
