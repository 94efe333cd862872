"""Windows start at login: a value under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run (winreg)."""

from __future__ import annotations

from desktop import APP_NAME
from desktop.language import _
from desktop.platform.autostart.command import AutostartError, command_line, launch_command

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class RunKeyAutostart:
    """The per-user Run key: no admin rights needed, and Task Manager's Startup tab shows and toggles it."""

    def __init__(self, value_name: str = APP_NAME, command: list[str] | None = None) -> None:
        self.value_name = value_name
        self.command = command or launch_command()

    def enabled(self) -> bool:
        import winreg  # Windows-only module: imported here so the package imports everywhere

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, self.value_name)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise AutostartError(
                _("Could not read the Windows start-up list: {reason}.").format(reason=exc.strerror or exc)
            ) from exc
        return True

    def set_enabled(self, enabled: bool) -> None:
        import winreg

        try:
            with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                if enabled:
                    winreg.SetValueEx(key, self.value_name, 0, winreg.REG_SZ, command_line(self.command))
                else:
                    try:
                        winreg.DeleteValue(key, self.value_name)
                    except FileNotFoundError:
                        pass
        except OSError as exc:
            raise AutostartError(
                _("Could not change the Windows start-up list: {reason}.").format(reason=exc.strerror or exc)
            ) from exc
