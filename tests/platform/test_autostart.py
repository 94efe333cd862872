"""Start at login: the XDG autostart file for real in a temporary XDG_CONFIG_HOME, the macOS plist in a temp folder."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys

import pytest

from desktop import APP_ID
from desktop.platform.autostart import AutostartError, autostart_backend, launch_command
from desktop.platform.autostart.macos import LaunchAgentAutostart
from desktop.platform.autostart.xdg import XdgAutostart


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def read_entry(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.skipif(sys.platform != "linux", reason="XDG autostart is the Linux mechanism")
def test_xdg_on_off_in_config_home(config_home):
    backend = autostart_backend()
    assert isinstance(backend, XdgAutostart)
    assert not backend.enabled()
    backend.set_enabled(True)
    path = config_home / "autostart" / f"{APP_ID}.desktop"
    assert backend.enabled() and path.is_file()
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert shlex.split(entry["Exec"]) == launch_command()
    backend.set_enabled(False)
    assert not backend.enabled() and not path.exists()
    backend.set_enabled(False)  # switching off twice is fine


def test_exec_line_quotes_spaces_and_percent(tmp_path):
    command = ["/opt/My Apps/palaute", "--data-dir", "/tmp/100% done"]
    backend = XdgAutostart(folder=tmp_path, command=command)
    backend.set_enabled(True)
    exec_line = read_entry(backend.path)["Exec"]
    assert exec_line == '"/opt/My Apps/palaute" --data-dir "/tmp/100%% done"'
    # Undo the spec's %-doubling, then the quoting reads back as the same arguments.
    assert shlex.split(exec_line.replace("%%", "%")) == command


def test_xdg_entry_hidden_by_the_desktop_counts_as_off(tmp_path):
    backend = XdgAutostart(folder=tmp_path, command=["palaute"])
    backend.set_enabled(True)
    backend.path.write_text(backend.path.read_text() + "Hidden=true\n")
    assert not backend.enabled()


def test_unwritable_folder_is_reported_in_words(tmp_path):
    blocker = tmp_path / "autostart"
    blocker.write_text("a file where the folder should be")
    backend = XdgAutostart(folder=blocker / "sub", command=["palaute"])
    with pytest.raises(AutostartError) as caught:
        backend.set_enabled(True)
    assert "Could not change start at login" in caught.value.user_message


def test_launch_agent_plist(tmp_path):
    backend = LaunchAgentAutostart(folder=tmp_path / "LaunchAgents", command=["/Applications/Palaute.app/x"])
    assert not backend.enabled()
    backend.set_enabled(True)
    agent = plistlib.loads(backend.path.read_bytes())
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == ["/Applications/Palaute.app/x"]
    assert agent["RunAtLoad"] is True
    assert backend.enabled()
    backend.set_enabled(False)
    assert not backend.enabled() and not backend.path.exists()
