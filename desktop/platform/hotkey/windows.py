"""Windows global hotkey: RegisterHotKey, with WM_HOTKEY read by a QAbstractNativeEventFilter (ctypes)."""

from __future__ import annotations

import ctypes
import itertools
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication

from desktop.language import _
from desktop.platform.hotkey.base import GlobalHotkey
from desktop.platform.hotkey.errors import HotkeyUnavailable, taken
from desktop.platform.hotkey.keyspec import Key, KeySpec

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
WM_HOTKEY = 0x0312
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
_MESSAGE_TYPES = {b"windows_generic_MSG", b"windows_dispatcher_MSG"}  # thread hotkeys come as the latter
_ids = itertools.count(1)  # application hotkey ids must stay below 0xC000

_NAMED_VKS = {
    Key.SPACE: 0x20,
    Key.RETURN: 0x0D,
    Key.ENTER: 0x0D,
    Key.ESCAPE: 0x1B,
    Key.TAB: 0x09,
    Key.BACKSPACE: 0x08,
    Key.INSERT: 0x2D,
    Key.DELETE: 0x2E,
    Key.HOME: 0x24,
    Key.END: 0x23,
    Key.PAGE_UP: 0x21,
    Key.PAGE_DOWN: 0x22,
    Key.LEFT: 0x25,
    Key.UP: 0x26,
    Key.RIGHT: 0x27,
    Key.DOWN: 0x28,
    Key.PRINT: 0x2C,
    Key.PAUSE: 0x13,
    Key.MENU: 0x5D,
}


class _User32:
    """The few user32 functions we call, with argtypes so ctypes checks and converts arguments."""

    def __init__(self) -> None:
        from ctypes import wintypes

        self.wintypes = wintypes
        dll = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        self.RegisterHotKey = dll.RegisterHotKey
        self.RegisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int, wintypes.UINT, wintypes.UINT]
        self.RegisterHotKey.restype = wintypes.BOOL
        self.UnregisterHotKey = dll.UnregisterHotKey
        self.UnregisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int]
        self.UnregisterHotKey.restype = wintypes.BOOL
        self.VkKeyScanW = dll.VkKeyScanW
        self.VkKeyScanW.argtypes = [wintypes.WCHAR]
        self.VkKeyScanW.restype = ctypes.c_short


def virtual_key(key: int, user32: _User32) -> int:
    """The Windows virtual-key code for a Qt key code (0 when this keyboard layout has none)."""
    if ord("A") <= key <= ord("Z") or ord("0") <= key <= ord("9"):
        return key  # VK_A..VK_Z and VK_0..VK_9 are the ASCII codes
    if Key.F1 <= key <= Key.F24:
        return 0x70 + key - Key.F1
    if key in _NAMED_VKS:
        return _NAMED_VKS[key]
    if 0x20 < key <= 0xFF:  # punctuation and Latin-1 letters depend on the layout
        scan = user32.VkKeyScanW(chr(key).lower())
        return 0 if scan == -1 else scan & 0xFF
    return 0


class _HotkeyFilter(QAbstractNativeEventFilter):
    """Turns WM_HOTKEY messages for our ids into calls; every other message passes through untouched."""

    def __init__(self, user32: _User32) -> None:
        super().__init__()
        self._msg_type = user32.wintypes.MSG
        self.callbacks: dict[int, Any] = {}

    def nativeEventFilter(self, event_type: QByteArray, message: int) -> tuple[bool, int]:
        if bytes(event_type) not in _MESSAGE_TYPES:
            return False, 0
        msg = self._msg_type.from_address(int(message))
        if msg.message == WM_HOTKEY and msg.wParam in self.callbacks:
            self.callbacks[msg.wParam]()
            return True, 0
        return False, 0


class WindowsHotkey(GlobalHotkey):
    """RegisterHotKey'd hotkey: Windows itself consumes the key and posts WM_HOTKEY to the GUI thread."""

    _user32: _User32 | None = None
    _filter: _HotkeyFilter | None = None  # one per process, referenced here so Python does not free it

    @classmethod
    def _setup(cls) -> tuple[_User32, _HotkeyFilter]:
        if cls._user32 is None or cls._filter is None:
            cls._user32 = _User32()
            cls._filter = _HotkeyFilter(cls._user32)
            app = QCoreApplication.instance()
            if app is None:
                raise HotkeyUnavailable(_("The global hotkey needs the application to be running."))
            app.installNativeEventFilter(cls._filter)
        return cls._user32, cls._filter

    def _grab(self, spec: KeySpec) -> Any:
        user32, event_filter = self._setup()
        vk = virtual_key(spec.key, user32)
        if not vk:
            raise HotkeyUnavailable(_("The key “{key}” is not on this keyboard layout.").format(key=spec.key_name))
        mods = MOD_NOREPEAT  # holding the keys down must not fire again and again
        mods |= (MOD_CONTROL if spec.ctrl else 0) | (MOD_ALT if spec.alt else 0)
        mods |= (MOD_SHIFT if spec.shift else 0) | (MOD_WIN if spec.meta else 0)
        # Each registration needs its own id, so the old key can stay registered until the new one succeeds.
        hotkey_id = next(_ids)
        if not user32.RegisterHotKey(None, hotkey_id, mods, vk):
            code = ctypes.get_last_error()  # type: ignore[attr-defined]
            if code == ERROR_HOTKEY_ALREADY_REGISTERED:
                raise taken(spec.text)
            raise HotkeyUnavailable(
                _("Windows refused the hotkey {key} (error {code}).").format(key=spec.text, code=code)
            )
        event_filter.callbacks[hotkey_id] = self.activated.emit
        return hotkey_id

    def _ungrab(self, spec: KeySpec, handle: Any) -> None:
        user32, event_filter = self._setup()
        user32.UnregisterHotKey(None, handle)
        event_filter.callbacks.pop(handle, None)
