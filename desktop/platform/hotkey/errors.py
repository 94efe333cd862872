"""Errors a global hotkey can raise, each with a sentence for the user (`user_message`)."""

from __future__ import annotations

from desktop.errors import PalauteError
from desktop.language import _


class HotkeyError(PalauteError):
    """A global hotkey could not be registered; the previously registered key (if any) stays."""


class HotkeyTaken(HotkeyError):
    """Another application already owns this key combination."""


class HotkeyUnavailable(HotkeyError):
    """This session cannot register global hotkeys at all (or not this one)."""


class HotkeyInvalid(HotkeyUnavailable):
    """The text does not describe one key with modifiers that a global hotkey can use."""


def taken(key: str) -> HotkeyTaken:
    """The same words from every backend when another application owns `key`."""
    return HotkeyTaken(
        _("{key} is already used by another application. Choose another key combination in Settings.").format(key=key)
    )
