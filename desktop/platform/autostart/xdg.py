"""Linux/BSD start at login: a .desktop file in $XDG_CONFIG_HOME/autostart (the XDG Autostart spec)."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from desktop import APP_ID, APP_NAME
from desktop.language import _
from desktop.platform.autostart.command import AutostartError, launch_command


def autostart_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or ""
    # The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "autostart"


def _exec_line(args: list[str]) -> str:
    # Desktop-entry Exec quoting: double quotes, with `"`, backtick, `$` and `\` escaped; `%` doubled.
    def quote(arg: str) -> str:
        if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%"):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg).replace("%", "%%")
        return f'"{escaped}"'

    return " ".join(quote(a) for a in args)


class XdgAutostart:
    """~/.config/autostart/fi.palaute.Palaute.desktop; removing the file switches autostart off."""

    def __init__(self, folder: Path | None = None, command: list[str] | None = None) -> None:
        self.path = (folder or autostart_dir()) / f"{APP_ID}.desktop"
        self.command = command or launch_command()

    def enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise AutostartError(
                _("Could not read {file}: {reason}.").format(file=self.path, reason=exc.strerror)
            ) from exc
        # A desktop may disable the entry in place instead of deleting it.
        lines = {line.strip().replace(" ", "") for line in text.splitlines()}
        return "Hidden=true" not in lines and "X-GNOME-Autostart-enabled=false" not in lines

    def set_enabled(self, enabled: bool) -> None:
        try:
            if enabled:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                partial = self.path.with_suffix(".partial")
                partial.write_text(self._entry(), encoding="utf-8")
                partial.replace(self.path)  # atomic: a session starting now sees the old file or the new one
            else:
                self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(
                _("Could not change start at login ({file}): {reason}.").format(
                    file=self.path, reason=exc.strerror or exc
                )
            ) from exc

    def _entry(self) -> str:
        return "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                f"Name={APP_NAME}",
                "Comment=Capture product insights during customer calls",
                f"Exec={_exec_line(self.command)}",
                f"Icon={APP_ID}",
                "Terminal=false",
                "X-GNOME-Autostart-enabled=true",
                # Let the panel and its tray come up first, so the icon docks at once.
                "X-GNOME-Autostart-Delay=2",
                f"# command: {shlex.join(self.command)}",
                "",
            ]
        )
