"""Global hotkey: `create_hotkey()` picks the backend for the running Qt platform (X11, Windows, macOS, Wayland)."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from desktop.language import _
from desktop.platform.hotkey.base import GlobalHotkey, UnavailableHotkey
from desktop.platform.hotkey.errors import HotkeyError, HotkeyInvalid, HotkeyTaken, HotkeyUnavailable

log = logging.getLogger(__name__)

__all__ = [
    "GlobalHotkey",
    "HotkeyError",
    "HotkeyInvalid",
    "HotkeyTaken",
    "HotkeyUnavailable",
    "create_hotkey",
    "default_sequence",
]


def default_sequence() -> str:
    """Ctrl+Alt+I on Windows and Linux; Ctrl+Cmd+I on macOS (Qt's "Ctrl" is Cmd there, "Meta" is Control)."""
    return "Ctrl+Meta+I" if sys.platform == "darwin" else "Ctrl+Alt+I"


def create_hotkey(parent: QObject | None = None) -> GlobalHotkey:
    """The backend for this session; needs a QGuiApplication. Backend modules are imported only when chosen."""
    platform = QGuiApplication.platformName()
    # Chosen by Qt's platform, not by what imports: offscreen Qt still hands out an X11 native interface.
    if platform == "xcb":
        from desktop.platform.hotkey.x11 import X11Hotkey

        if os.environ.get("WAYLAND_DISPLAY"):
            log.warning("X11 hotkey under XWayland: it fires only while an X11 window has the focus")

        return X11Hotkey(parent)
    if platform == "windows":
        from desktop.platform.hotkey.windows import WindowsHotkey

        return WindowsHotkey(parent)
    if platform == "cocoa":
        from desktop.platform.hotkey.macos import MacHotkey

        return MacHotkey(parent)
    if platform.startswith("wayland"):
        from desktop.platform.hotkey.wayland_portal import PortalHotkey

        return PortalHotkey(parent)
    reason = _(
        "Global hotkeys are not available in this session (Qt platform “{platform}”). "
        "Use the tray menu, or bind the command “palaute capture --show” to a key in your desktop's settings."
    ).format(platform=platform or "none")
    return UnavailableHotkey(reason, parent)
