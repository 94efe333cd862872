"""macOS global hotkey: Carbon RegisterEventHotKey through ctypes (needs no Accessibility permission)."""

from __future__ import annotations

import ctypes
import itertools
from typing import Any

from desktop.language import _
from desktop.platform.hotkey.base import GlobalHotkey
from desktop.platform.hotkey.errors import HotkeyInvalid, HotkeyUnavailable, taken
from desktop.platform.hotkey.keyspec import Key, KeySpec

CARBON_PATH = "/System/Library/Frameworks/Carbon.framework/Carbon"
CMD_KEY, SHIFT_KEY, OPTION_KEY, CONTROL_KEY = 1 << 8, 1 << 9, 1 << 11, 1 << 12
EVENT_HOTKEY_EXISTS_ERR = -9878
K_EVENT_HOTKEY_PRESSED = 5
NO_ERR = 0


def fourcc(code: str) -> int:
    return int.from_bytes(code.encode("ascii"), "big")


SIGNATURE = fourcc("PLTE")
# Hardware key codes (kVK_*) of the ANSI layout: Carbon hotkeys are bound to key positions, not characters.
_LETTERS = "asdfhgzxcv?bqweryt"  # 0x00..0x11, "?" is 0x0A (ISO section key)
_KEYCODES: dict[int, int] = {ord(ch.upper()): code for code, ch in enumerate(_LETTERS) if ch != "?"}
_KEYCODES.update(
    {
        ord("1"): 0x12,
        ord("2"): 0x13,
        ord("3"): 0x14,
        ord("4"): 0x15,
        ord("6"): 0x16,
        ord("5"): 0x17,
        ord("="): 0x18,
        ord("9"): 0x19,
        ord("7"): 0x1A,
        ord("-"): 0x1B,
        ord("8"): 0x1C,
        ord("0"): 0x1D,
        ord("]"): 0x1E,
        ord("O"): 0x1F,
        ord("U"): 0x20,
        ord("["): 0x21,
        ord("I"): 0x22,
        ord("P"): 0x23,
        ord("L"): 0x25,
        ord("J"): 0x26,
        ord("'"): 0x27,
        ord("K"): 0x28,
        ord(";"): 0x29,
        ord("\\"): 0x2A,
        ord(","): 0x2B,
        ord("/"): 0x2C,
        ord("N"): 0x2D,
        ord("M"): 0x2E,
        ord("."): 0x2F,
        ord("`"): 0x32,
    }
)
_NAMED = {
    Key.RETURN: 0x24,
    Key.ENTER: 0x4C,
    Key.TAB: 0x30,
    Key.SPACE: 0x31,
    Key.BACKSPACE: 0x33,
    Key.ESCAPE: 0x35,
    Key.DELETE: 0x75,
    Key.HOME: 0x73,
    Key.END: 0x77,
    Key.PAGE_UP: 0x74,
    Key.PAGE_DOWN: 0x79,
    Key.LEFT: 0x7B,
    Key.RIGHT: 0x7C,
    Key.DOWN: 0x7D,
    Key.UP: 0x7E,
}
_FKEYS = [
    0x7A,
    0x78,
    0x63,
    0x76,
    0x60,
    0x61,
    0x62,
    0x64,
    0x65,
    0x6D,
    0x67,
    0x6F,
    0x69,
    0x6B,
    0x71,
    0x6A,
    0x40,
    0x4F,
    0x50,
    0x5A,
]  # F1..F20
_KEYCODES.update(_NAMED)
_KEYCODES.update({Key.F1 + n: code for n, code in enumerate(_FKEYS)})


def mac_keycode(key: int) -> int | None:
    return _KEYCODES.get(key)


class EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


class EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


EventHandlerProc = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


class _Carbon:
    """Carbon's hotkey calls with argtypes set; one application event handler dispatches by hotkey id."""

    def __init__(self) -> None:
        lib = ctypes.CDLL(CARBON_PATH)
        vp, u32, i32 = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int32
        self.GetApplicationEventTarget = lib.GetApplicationEventTarget
        self.GetApplicationEventTarget.argtypes, self.GetApplicationEventTarget.restype = [], vp
        self.RegisterEventHotKey = lib.RegisterEventHotKey
        self.RegisterEventHotKey.argtypes = [u32, u32, EventHotKeyID, vp, u32, ctypes.POINTER(vp)]
        self.RegisterEventHotKey.restype = i32
        self.UnregisterEventHotKey = lib.UnregisterEventHotKey
        self.UnregisterEventHotKey.argtypes, self.UnregisterEventHotKey.restype = [vp], i32
        self.InstallEventHandler = lib.InstallEventHandler
        self.InstallEventHandler.argtypes = [
            vp,
            EventHandlerProc,
            ctypes.c_ulong,
            ctypes.POINTER(EventTypeSpec),
            vp,
            ctypes.POINTER(vp),
        ]
        self.InstallEventHandler.restype = i32
        self.GetEventParameter = lib.GetEventParameter
        self.GetEventParameter.argtypes = [
            vp,
            u32,
            u32,
            ctypes.POINTER(u32),
            ctypes.c_ulong,
            ctypes.POINTER(ctypes.c_ulong),
            vp,
        ]
        self.GetEventParameter.restype = i32
        self.callbacks: dict[int, Any] = {}
        self._proc = EventHandlerProc(self._on_event)  # must outlive the handler: Carbon keeps the pointer
        self._install()

    def _install(self) -> None:
        spec = EventTypeSpec(fourcc("keyb"), K_EVENT_HOTKEY_PRESSED)
        handler_ref = ctypes.c_void_p()
        status = self.InstallEventHandler(
            self.GetApplicationEventTarget(), self._proc, 1, ctypes.byref(spec), None, ctypes.byref(handler_ref)
        )
        if status != NO_ERR:
            raise HotkeyUnavailable(_("macOS refused the hotkey event handler (error {code}).").format(code=status))

    def _on_event(self, _call_ref: int, event: int, _user_data: int) -> int:
        hotkey_id = EventHotKeyID()
        status = self.GetEventParameter(
            event, fourcc("----"), fourcc("hkid"), None, ctypes.sizeof(hotkey_id), None, ctypes.byref(hotkey_id)
        )
        if status == NO_ERR and hotkey_id.signature == SIGNATURE and hotkey_id.id in self.callbacks:
            self.callbacks[hotkey_id.id]()
        return NO_ERR


class MacHotkey(GlobalHotkey):
    """RegisterEventHotKey'd hotkey. Qt's "Ctrl" is Cmd and "Meta" is Control on macOS."""

    _carbon: _Carbon | None = None
    _ids = itertools.count(1)

    @classmethod
    def _lib(cls) -> _Carbon:
        if cls._carbon is None:
            try:
                cls._carbon = _Carbon()
            except OSError as exc:
                raise HotkeyUnavailable(
                    _("Could not load Carbon for the global hotkey ({reason}).").format(reason=exc)
                ) from exc
        return cls._carbon

    def _grab(self, spec: KeySpec) -> Any:
        # Since macOS 15, hotkeys whose only modifiers are Option and/or Shift never fire.
        if not (spec.ctrl or spec.meta):
            raise HotkeyInvalid(_("On macOS a hotkey needs ⌘ or ⌃; “{key}” has neither.").format(key=spec.text))
        keycode = mac_keycode(spec.key)
        if keycode is None:
            raise HotkeyUnavailable(
                _("The key “{key}” cannot be used for a hotkey on macOS.").format(key=spec.key_name)
            )
        carbon = self._lib()
        mods = (CMD_KEY if spec.ctrl else 0) | (CONTROL_KEY if spec.meta else 0)
        mods |= (OPTION_KEY if spec.alt else 0) | (SHIFT_KEY if spec.shift else 0)
        hotkey_id = next(self._ids)
        ref = ctypes.c_void_p()
        status = carbon.RegisterEventHotKey(
            keycode, mods, EventHotKeyID(SIGNATURE, hotkey_id), carbon.GetApplicationEventTarget(), 0, ctypes.byref(ref)
        )
        if status == EVENT_HOTKEY_EXISTS_ERR:
            raise taken(spec.text)
        if status != NO_ERR:
            raise HotkeyUnavailable(
                _("macOS refused the hotkey {key} (error {code}).").format(key=spec.text, code=status)
            )
        carbon.callbacks[hotkey_id] = self.activated.emit
        return (hotkey_id, ref)

    def _ungrab(self, spec: KeySpec, handle: Any) -> None:
        hotkey_id, ref = handle
        carbon = self._lib()
        carbon.UnregisterEventHotKey(ref)
        carbon.callbacks.pop(hotkey_id, None)
