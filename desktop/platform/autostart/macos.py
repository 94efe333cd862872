"""macOS start at login: a LaunchAgent plist with RunAtLoad in ~/Library/LaunchAgents."""

from __future__ import annotations

import plistlib
from pathlib import Path

from desktop import APP_ID
from desktop.language import _
from desktop.platform.autostart.command import AutostartError, launch_command


class LaunchAgentAutostart:
    """~/Library/LaunchAgents/fi.palaute.Palaute.plist; launchd reads it at the next login."""

    def __init__(self, folder: Path | None = None, command: list[str] | None = None) -> None:
        self.path = (folder or Path.home() / "Library" / "LaunchAgents") / f"{APP_ID}.plist"
        self.command = command or launch_command()

    def enabled(self) -> bool:
        try:
            with self.path.open("rb") as stream:
                agent = plistlib.load(stream)
        except FileNotFoundError:
            return False
        except (OSError, plistlib.InvalidFileException) as exc:
            raise AutostartError(_("Could not read {file}: {reason}.").format(file=self.path, reason=exc)) from exc
        return bool(agent.get("RunAtLoad")) and not agent.get("Disabled", False)

    def set_enabled(self, enabled: bool) -> None:
        agent = {
            "Label": APP_ID,
            "ProgramArguments": self.command,
            "RunAtLoad": True,
            # Interactive: launchd must not throttle a UI app; no KeepAlive, so Quit stays quit.
            "ProcessType": "Interactive",
        }
        try:
            if enabled:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                partial = self.path.with_suffix(".partial")
                with partial.open("wb") as stream:
                    plistlib.dump(agent, stream)
                partial.replace(self.path)
            else:
                self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(
                _("Could not change start at login ({file}): {reason}.").format(
                    file=self.path, reason=exc.strerror or exc
                )
            ) from exc
