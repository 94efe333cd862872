"""The command line that starts Palaute at login, and the error every autostart backend raises."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from desktop.errors import PalauteError


class AutostartError(PalauteError):
    """Start at login could not be switched on or off."""


def launch_command() -> list[str]:
    """The frozen executable, else the `palaute` script beside this Python, else `python -m desktop`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script_name = "palaute.exe" if sys.platform == "win32" else "palaute"
    script = Path(sys.executable).with_name(script_name)
    if script.is_file():
        return [str(script)]
    found = shutil.which(script_name)
    return [found] if found else [sys.executable, "-m", "desktop"]


def command_line(args: list[str]) -> str:
    """One string for Windows' Run key (quoted the way CreateProcess parses it)."""
    return subprocess.list2cmdline(args)
