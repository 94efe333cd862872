"""The GlobalHotkey interface: one key combination, an `activated` signal, and errors in words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.platform.hotkey.errors import HotkeyUnavailable
from desktop.platform.hotkey.keyspec import KeySpec, parse


class GlobalHotkey(QObject):
    """A system-wide key combination owned by this app.

    Signals:
        activated: the registered key combination was pressed, whichever application had focus.
    """

    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._spec: KeySpec | None = None
        self._handle: Any = None

    def register(self, sequence: str) -> None:
        """Own `sequence` (Qt portable text, e.g. "Ctrl+Alt+I"); on failure the previous key stays registered."""
        spec = parse(sequence)
        if self._spec is not None and self._spec.text == spec.text:
            return
        handle = self._grab(spec)  # raises HotkeyTaken / HotkeyUnavailable, leaving the old key in place
        if self._spec is not None:
            self._ungrab(self._spec, self._handle)
        self._spec, self._handle = spec, handle

    def unregister(self) -> None:
        """Give the key back to the system; a no-op when nothing is registered."""
        if self._spec is not None:
            self._ungrab(self._spec, self._handle)
        self._spec, self._handle = None, None

    def current(self) -> str | None:
        """The registered key combination in Qt portable text, or None."""
        return self._spec.text if self._spec is not None else None

    # Backends implement these two; _grab returns whatever _ungrab needs later.
    def _grab(self, spec: KeySpec) -> Any:
        raise NotImplementedError

    def _ungrab(self, spec: KeySpec, handle: Any) -> None:
        raise NotImplementedError


class UnavailableHotkey(GlobalHotkey):
    """For sessions with no global hotkey support (offscreen, unknown platforms): register explains why."""

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason

    def _grab(self, spec: KeySpec) -> Any:
        raise HotkeyUnavailable(self.reason)

    def _ungrab(self, spec: KeySpec, handle: Any) -> None:
        pass
