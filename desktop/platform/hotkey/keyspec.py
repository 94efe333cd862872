"""Parse Qt portable key text ("Ctrl+Alt+I") into a modifier set and one Qt key code."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from desktop.language import _
from desktop.platform.hotkey.errors import HotkeyInvalid

_PORTABLE = QKeySequence.SequenceFormat.PortableText


class Key:
    """Qt::Key and Qt::KeyboardModifier values as plain ints.

    The first use of PySide6's `Qt` namespace builds every enum in it (20-100 ms); the hotkey is registered on
    the start path, so it must not be the one paying for that. tests/platform checks these against Qt.
    """

    ESCAPE, TAB, BACKSPACE, RETURN, ENTER = 0x01000000, 0x01000001, 0x01000003, 0x01000004, 0x01000005
    INSERT, DELETE, PAUSE, PRINT = 0x01000006, 0x01000007, 0x01000008, 0x01000009
    HOME, END, LEFT, UP, RIGHT, DOWN = 0x01000010, 0x01000011, 0x01000012, 0x01000013, 0x01000014, 0x01000015
    PAGE_UP, PAGE_DOWN = 0x01000016, 0x01000017
    SHIFT, CONTROL, META, ALT, ALT_GR = 0x01000020, 0x01000021, 0x01000022, 0x01000023, 0x01001103
    CAPS_LOCK, NUM_LOCK, SCROLL_LOCK = 0x01000024, 0x01000025, 0x01000026
    F1, F24, F35 = 0x01000030, 0x01000047, 0x01000052
    MENU, SPACE, UNKNOWN = 0x01000055, 0x20, 0x01FFFFFF
    SHIFT_MOD, CTRL_MOD, ALT_MOD, META_MOD = 0x02000000, 0x04000000, 0x08000000, 0x10000000
    KEY_MASK = 0x01FFFFFF


_MODIFIER_KEYS = {Key.SHIFT, Key.CONTROL, Key.META, Key.ALT, Key.ALT_GR, Key.CAPS_LOCK, Key.NUM_LOCK, Key.SCROLL_LOCK}


@dataclass(frozen=True)
class KeySpec:
    """One key plus modifiers, in Qt's terms (on macOS Qt's "Ctrl" is Cmd and "Meta" is Control)."""

    key: int
    ctrl: bool
    alt: bool
    shift: bool
    meta: bool
    text: str

    @property
    def key_name(self) -> str:
        return QKeySequence(self.key).toString(_PORTABLE)


def parse(sequence: str) -> KeySpec:
    """Read one key combination; raise HotkeyInvalid in words when it cannot be a global hotkey."""
    seq = QKeySequence.fromString(sequence.strip(), _PORTABLE)
    if seq.count() != 1:
        raise HotkeyInvalid(_("“{key}” is not a single key combination such as Ctrl+Alt+I.").format(key=sequence))
    combined = seq[0].toCombined()  # an int: touching combo.key() would build the Qt namespace
    key = combined & Key.KEY_MASK
    if key == Key.UNKNOWN or key in _MODIFIER_KEYS:
        raise HotkeyInvalid(_("“{key}” does not name a key that a hotkey can use.").format(key=sequence))
    spec = KeySpec(
        key=key,
        ctrl=bool(combined & Key.CTRL_MOD),
        alt=bool(combined & Key.ALT_MOD),
        shift=bool(combined & Key.SHIFT_MOD),
        meta=bool(combined & Key.META_MOD),
        text=seq.toString(_PORTABLE),
    )
    # Without Ctrl, Alt or Meta the key would be stolen from every text box in the session.
    if not (spec.ctrl or spec.alt or spec.meta):
        raise HotkeyInvalid(
            _("“{key}” needs Ctrl, Alt or the Windows/Command key, or it would block typing.").format(key=spec.text)
        )
    return spec
