"""Start at login: `autostart_backend()` gives the current OS's mechanism (Run key, LaunchAgent, XDG autostart)."""

from __future__ import annotations

import sys
from typing import Protocol

from desktop.platform.autostart.command import AutostartError, launch_command

__all__ = ["Autostart", "AutostartError", "autostart_backend", "launch_command"]


class Autostart(Protocol):
    """Whether Palaute starts when the user logs in; set_enabled raises AutostartError in words."""

    def enabled(self) -> bool: ...

    def set_enabled(self, enabled: bool) -> None: ...


def autostart_backend() -> Autostart:
    """The mechanism for this OS; each module is imported only here, so winreg is never needed elsewhere."""
    if sys.platform == "win32":
        from desktop.platform.autostart.windows import RunKeyAutostart

        return RunKeyAutostart()
    if sys.platform == "darwin":
        from desktop.platform.autostart.macos import LaunchAgentAutostart

        return LaunchAgentAutostart()
    from desktop.platform.autostart.xdg import XdgAutostart

    return XdgAutostart()
