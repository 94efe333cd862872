"""Errors a global hotkey can raise, each with a sentence for the user."""

from __future__ import annotations

try:
    from desktop.errors import PalauteError
except ImportError:  # the core's error module has not landed yet

    class PalauteError(Exception):  # type: ignore[no-redef]
        """Stand-in until desktop.errors exists: an error with a sentence for the user."""

        def __init__(self, user_message: str) -> None:
            super().__init__(user_message)
            self.user_message = user_message


class HotkeyError(PalauteError):
    """A global hotkey could not be registered; the previously registered key (if any) stays."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class HotkeyTaken(HotkeyError):
    """Another application already owns this key combination."""


class HotkeyUnavailable(HotkeyError):
    """This session cannot register global hotkeys at all (or not this one)."""


class HotkeyInvalid(HotkeyUnavailable):
    """The text does not describe one key with modifiers that a global hotkey can use."""
