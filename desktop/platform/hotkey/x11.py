"""X11 global hotkey: XGrabKey on the root window over a private X connection watched by a QSocketNotifier."""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier
from Xlib import XK, X, error, ext as xlib_ext
from Xlib.display import Display

from desktop.language import _
from desktop.platform.hotkey.base import GlobalHotkey
from desktop.platform.hotkey.errors import HotkeyUnavailable, taken
from desktop.platform.hotkey.keyspec import Key, KeySpec

log = logging.getLogger(__name__)

_NAMED_KEYSYMS = {
    Key.ESCAPE: "Escape",
    Key.TAB: "Tab",
    Key.BACKSPACE: "BackSpace",
    Key.RETURN: "Return",
    Key.ENTER: "KP_Enter",
    Key.INSERT: "Insert",
    Key.DELETE: "Delete",
    Key.PAUSE: "Pause",
    Key.PRINT: "Print",
    Key.HOME: "Home",
    Key.END: "End",
    Key.LEFT: "Left",
    Key.UP: "Up",
    Key.RIGHT: "Right",
    Key.DOWN: "Down",
    Key.PAGE_UP: "Prior",
    Key.PAGE_DOWN: "Next",
    Key.MENU: "Menu",
    Key.SPACE: "space",
}


def keysym_for(key: int) -> int:
    """The X keysym for a Qt key code (0 when X has none)."""
    if 0x20 < key <= 0xFF:  # Latin-1: the keysym is the (lower-case) code point
        return ord(chr(key).lower())
    if Key.F1 <= key <= Key.F35:
        return XK.string_to_keysym(f"F{key - Key.F1 + 1}")
    name = _NAMED_KEYSYMS.get(key)
    return XK.string_to_keysym(name) if name else 0


def _modifier_mask(display: Display, keysym_name: str, fallback: int) -> int:
    """Which ModN bit a modifier key sits on in this server's modifier map (NumLock is usually Mod2)."""
    keycode = display.keysym_to_keycode(XK.string_to_keysym(keysym_name))
    for index, keycodes in enumerate(display.get_modifier_mapping()):
        if keycode and keycode in keycodes:
            return 1 << index
    return fallback


def open_display(name: str | None) -> Display:
    """A python-xlib connection without its extensions.

    Display() imports and queries every extension the server offers (about 15 ms at start, a few MiB); grabbing a
    key needs none of them. The module list is swapped back at once; nothing else runs meanwhile (GUI thread).
    """
    saved = xlib_ext.__extensions__
    xlib_ext.__extensions__ = []
    try:
        return Display(name)
    finally:
        xlib_ext.__extensions__ = saved


class X11Hotkey(GlobalHotkey):
    """XGrabKey'd hotkey. The grab consumes the key: the focused window never sees it."""

    def __init__(self, parent: QObject | None = None, display_name: str | None = None) -> None:
        super().__init__(parent)
        self._display_name = display_name or os.environ.get("DISPLAY")
        self._display: Display | None = None
        self._notifier: QSocketNotifier | None = None

    def _connect(self) -> Display:
        # A connection of our own, so python-xlib never competes with Qt's xcb connection for events.
        if self._display is None:
            try:
                display = open_display(self._display_name)
            except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
                raise HotkeyUnavailable(
                    _("Could not connect to the X display for the hotkey ({reason}).").format(reason=exc)
                ) from exc
            display.set_error_handler(self._log_x_error)
            self._masks = {
                "ctrl": X.ControlMask,
                "shift": X.ShiftMask,
                "alt": _modifier_mask(display, "Alt_L", X.Mod1Mask),
                "meta": _modifier_mask(display, "Super_L", X.Mod4Mask),
                "numlock": _modifier_mask(display, "Num_Lock", X.Mod2Mask),
            }
            self._notifier = QSocketNotifier(display.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._drain)
            self._display = display
        return self._display

    def _mask(self, spec: KeySpec) -> int:
        names = [name for name in ("ctrl", "alt", "shift", "meta") if getattr(spec, name)]
        mask = 0
        for name in names:
            mask |= self._masks[name]
        return mask

    def _variants(self, mask: int) -> list[int]:
        # Lock keys are modifiers to X: without these variants the key is dead while NumLock/CapsLock is on.
        lock, num = X.LockMask, self._masks["numlock"]
        return [mask, mask | lock, mask | num, mask | lock | num]

    def _grab(self, spec: KeySpec) -> Any:
        display = self._connect()
        keysym = keysym_for(spec.key)
        keycode = display.keysym_to_keycode(keysym) if keysym else 0
        if not keycode:
            raise HotkeyUnavailable(_("The key “{key}” is not on this keyboard layout.").format(key=spec.key_name))
        mask = self._mask(spec)
        root = display.screen().root
        catcher = error.CatchError(error.BadAccess)
        for variant in self._variants(mask):
            root.grab_key(keycode, variant, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catcher)
        display.sync()  # errors arrive only after the server has processed the requests
        if catcher.get_error() is not None:
            self._release(keycode, mask)  # drop the variants we did get
            raise taken(spec.text)
        return (keycode, mask)

    def _ungrab(self, spec: KeySpec, handle: Any) -> None:
        keycode, mask = handle
        self._release(keycode, mask)

    def _release(self, keycode: int, mask: int) -> None:
        display = self._display
        if display is None:
            return
        root = display.screen().root
        for variant in self._variants(mask):
            root.ungrab_key(keycode, variant)
        display.sync()

    def _drain(self) -> None:
        """Read every queued event: one socket wake-up may carry several."""
        display = self._display
        if display is None:
            return
        relevant = X.ShiftMask | X.ControlMask | self._masks["alt"] | self._masks["meta"]
        try:
            while display.pending_events():
                event = display.next_event()
                if event.type == X.KeyPress and self._handle == (event.detail, event.state & relevant):
                    self.activated.emit()
        except error.ConnectionClosedError as exc:
            log.warning("X connection for the global hotkey closed: %s", exc)
            self._close()

    def _log_x_error(self, err: error.XError, request: Any) -> None:
        log.warning("X error on the hotkey connection: %s", err)

    def _close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
        self._notifier, self._display = None, None
        self._spec, self._handle = None, None

    def close(self) -> None:
        """Ungrab and drop the X connection (the server also releases grabs when the connection ends)."""
        self.unregister()
        if self._display is not None:
            display = self._display
            self._close()
            display.close()
