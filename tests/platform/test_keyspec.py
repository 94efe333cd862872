"""Parsing hotkey text, and the per-platform key tables (pure lookups, runnable on any OS)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from Xlib import XK

from desktop.platform.hotkey.errors import HotkeyInvalid
from desktop.platform.hotkey.keyspec import parse
from desktop.platform.hotkey.macos import mac_keycode
from desktop.platform.hotkey.x11 import keysym_for


@pytest.mark.parametrize(
    ("text", "normal", "mods"),
    [
        ("Ctrl+Alt+I", "Ctrl+Alt+I", (True, True, False, False)),
        (" ctrl+alt+i ", "Ctrl+Alt+I", (True, True, False, False)),
        ("Ctrl+Meta+I", "Meta+Ctrl+I", (True, False, False, True)),
        ("Ctrl+Shift+F5", "Ctrl+Shift+F5", (True, False, True, False)),
        ("Alt+,", "Alt+,", (False, True, False, False)),
    ],
)
def test_parse_normalises(text, normal, mods):
    spec = parse(text)
    assert spec.text == normal
    assert (spec.ctrl, spec.alt, spec.shift, spec.meta) == mods


@pytest.mark.parametrize("text", ["", "I", "Shift+I", "Ctrl+Foo", "Ctrl+A, Ctrl+B", "Ctrl+Alt"])
def test_parse_rejects_in_words(text):
    with pytest.raises(HotkeyInvalid) as caught:
        parse(text)
    assert caught.value.user_message.endswith(".")


def test_x11_keysyms():
    assert keysym_for(ord("I")) == XK.XK_i
    assert keysym_for(int(Qt.Key.Key_F5.value)) == XK.XK_F5
    assert keysym_for(int(Qt.Key.Key_Space.value)) == XK.XK_space
    assert keysym_for(int(Qt.Key.Key_PageUp.value)) == XK.XK_Prior
    assert keysym_for(ord(",")) == XK.XK_comma
    assert keysym_for(int(Qt.Key.Key_VolumeUp.value)) == 0


def test_mac_keycodes_follow_the_ansi_layout():
    # Values from HIToolbox/Events.h (kVK_ANSI_I = 0x22, kVK_ANSI_A = 0, kVK_F1 = 0x7A, kVK_Return = 0x24).
    assert mac_keycode(ord("I")) == 0x22
    assert mac_keycode(ord("A")) == 0x00
    assert mac_keycode(ord("Q")) == 0x0C
    assert mac_keycode(int(Qt.Key.Key_F1.value)) == 0x7A
    assert mac_keycode(int(Qt.Key.Key_Return.value)) == 0x24
    assert mac_keycode(int(Qt.Key.Key_VolumeUp.value)) is None
