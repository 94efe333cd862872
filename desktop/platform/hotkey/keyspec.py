"""Parse Qt portable key text ("Ctrl+Alt+I") into a modifier set and one Qt key code."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop.platform.hotkey.errors import HotkeyInvalid

_PORTABLE = QKeySequence.SequenceFormat.PortableText
_MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}


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
        raise HotkeyInvalid(f"“{sequence}” is not a single key combination such as Ctrl+Alt+I.")
    combo = seq[0]
    key = int(combo.key().value)
    mods = combo.keyboardModifiers()
    if combo.key() == Qt.Key.Key_unknown or combo.key() in _MODIFIER_KEYS:
        raise HotkeyInvalid(f"“{sequence}” does not name a key that a hotkey can use.")
    spec = KeySpec(
        key=key,
        ctrl=bool(mods & Qt.KeyboardModifier.ControlModifier),
        alt=bool(mods & Qt.KeyboardModifier.AltModifier),
        shift=bool(mods & Qt.KeyboardModifier.ShiftModifier),
        meta=bool(mods & Qt.KeyboardModifier.MetaModifier),
        text=seq.toString(_PORTABLE),
    )
    # Without Ctrl, Alt or Meta the key would be stolen from every text box in the session.
    if not (spec.ctrl or spec.alt or spec.meta):
        raise HotkeyInvalid(f"“{spec.text}” needs Ctrl, Alt or the Windows/Command key, or it would block typing.")
    return spec
