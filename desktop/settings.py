"""Every user setting, declared once with its type and default; values live in the local store."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _default_hotkey() -> str:
    # Qt's portable text: on macOS "Ctrl" is the Command key and "Meta" the Control key, so this is
    # Ctrl+Cmd+I there (Option/Shift-only hotkeys stopped working on macOS 15).
    return "Ctrl+Meta+I" if sys.platform == "darwin" else "Ctrl+Alt+I"


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    doc: str

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default


SETTINGS: list[Setting] = [
    Setting("hotkey", str, _default_hotkey, "Global shortcut that opens the capture window."),
    Setting("default_community", str, "", "Community preselected in a new capture (empty: the last one used)."),
    Setting("last_community", str, "", "Community of the last saved insight."),
    Setting("language", str, "system", "User-interface language: system, en, fi, sv or es."),
    Setting("start_at_login", bool, False, "Start Palaute when the user logs in."),
    Setting("tray_hint_shown", bool, False, "The note on how to get a tray icon was shown once."),
    Setting("author", str, "", "Name recorded as the author of captures (empty: the login name)."),
    Setting("server_url", str, "", "Address of the Palaute server (empty: work offline only)."),
    Setting("ca_bundle", str, "", "Extra CA certificates (PEM file) trusted besides the system's."),
    Setting("sync_paused", bool, False, "The user paused sync from the tray."),
    Setting("retention_days", int, 0, "Remove synced insights older than this many days (0: keep all)."),
]
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


class UnknownSetting(KeyError):
    pass


class Settings:
    """Typed access to the declared settings over a key/value storage (the store's `setting` table)."""

    def __init__(self, read: Callable[[str], str | None], write: Callable[[str, str], None]) -> None:
        self._read = read
        self._write = write

    def get(self, name: str) -> Any:
        setting = self._declared(name)
        raw = self._read(name)
        if raw is None:
            return setting.default_value()
        value = json.loads(raw)
        # A value of the wrong type (hand-edited, or an older version's) falls back to the default.
        return value if isinstance(value, setting.type) else setting.default_value()

    def set(self, name: str, value: Any) -> None:
        setting = self._declared(name)
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {name} takes {setting.type.__name__}, not {type(value).__name__}")
        self._write(name, json.dumps(value))

    @staticmethod
    def _declared(name: str) -> Setting:
        try:
            return BY_NAME[name]
        except KeyError:
            raise UnknownSetting(name) from None
