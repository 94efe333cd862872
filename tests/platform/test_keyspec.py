"""Parsing hotkey text, and the per-platform key tables (pure lookups, runnable on any OS)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from Xlib import XK

from desktop.platform.hotkey.errors import HotkeyInvalid
from desktop.platform.hotkey.keyspec import Key, parse
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


def test_plain_int_key_constants_match_qt():
    pairs = {
        "ESCAPE": Qt.Key.Key_Escape,
        "TAB": Qt.Key.Key_Tab,
        "BACKSPACE": Qt.Key.Key_Backspace,
        "RETURN": Qt.Key.Key_Return,
        "ENTER": Qt.Key.Key_Enter,
        "INSERT": Qt.Key.Key_Insert,
        "DELETE": Qt.Key.Key_Delete,
        "PAUSE": Qt.Key.Key_Pause,
        "PRINT": Qt.Key.Key_Print,
        "HOME": Qt.Key.Key_Home,
        "END": Qt.Key.Key_End,
        "LEFT": Qt.Key.Key_Left,
        "UP": Qt.Key.Key_Up,
        "RIGHT": Qt.Key.Key_Right,
        "DOWN": Qt.Key.Key_Down,
        "PAGE_UP": Qt.Key.Key_PageUp,
        "PAGE_DOWN": Qt.Key.Key_PageDown,
        "SHIFT": Qt.Key.Key_Shift,
        "CONTROL": Qt.Key.Key_Control,
        "META": Qt.Key.Key_Meta,
        "ALT": Qt.Key.Key_Alt,
        "ALT_GR": Qt.Key.Key_AltGr,
        "CAPS_LOCK": Qt.Key.Key_CapsLock,
        "NUM_LOCK": Qt.Key.Key_NumLock,
        "SCROLL_LOCK": Qt.Key.Key_ScrollLock,
        "F1": Qt.Key.Key_F1,
        "F24": Qt.Key.Key_F24,
        "F35": Qt.Key.Key_F35,
        "MENU": Qt.Key.Key_Menu,
        "SPACE": Qt.Key.Key_Space,
        "UNKNOWN": Qt.Key.Key_unknown,
        "SHIFT_MOD": Qt.KeyboardModifier.ShiftModifier,
        "CTRL_MOD": Qt.KeyboardModifier.ControlModifier,
        "ALT_MOD": Qt.KeyboardModifier.AltModifier,
        "META_MOD": Qt.KeyboardModifier.MetaModifier,
    }
    for name, qt_value in pairs.items():
        assert getattr(Key, name) == qt_value.value, name


def test_parsing_does_not_build_the_qt_namespace():
    # PySide6 builds the whole Qt namespace on first use (20-100 ms); the hotkey is on the start path.
    code = (
        "import sys\n"
        "from desktop.platform.hotkey.keyspec import Key, parse\n"
        "import desktop.platform.hotkey.x11\n"
        "spec = parse('Ctrl+Alt+F5')\n"
        "assert desktop.platform.hotkey.x11.keysym_for(spec.key)\n"
        "import PySide6.QtCore as core\n"
        "print('Qt' in vars(core))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"
