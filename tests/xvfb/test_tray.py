"""The real app's tray icon docks in a real XEmbed tray (trayer), and its menu opens on a right click."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from desktop.paths import AppPaths
from desktop.store import open_store
from tests.xvfb.app_runner import (
    RunningApp,
    find_docked_icon,
    painted,
    screenshot,
    wait_capture_focused,
    wait_capture_hidden,
)
from tests.xvfb.xvfb_support import XSession, stop_process, wait_for

pytestmark = pytest.mark.xvfb


@pytest.fixture
def trayer(xsession: XSession) -> Iterator[subprocess.Popen]:
    proc = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200", "--height", "24"],
        env=xsession.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(
        lambda: xsession.run("xdotool", "search", "--class", "trayer", check=False).stdout.strip(),
        10,
        what="trayer's panel",
    )
    yield proc
    stop_process(proc)


def test_icon_docks_and_menu_opens(xsession, trayer, data_dir, artifacts_dir):
    assert find_docked_icon(xsession.display) is None
    with RunningApp(xsession, data_dir):
        x, y = wait_for(lambda: find_docked_icon(xsession.display), 10, what="the icon to dock in trayer")
        wait_for(lambda: painted(xsession.display, x, y), 10, what="the docked icon to be drawn")
        screenshot(xsession, artifacts_dir / "tray-icon.png")
        xsession.run("xdotool", "mousemove", str(x), str(y), "click", "3")
        menu = wait_for(lambda: popup_menu(xsession), 5, what="the tray menu to open")
        screenshot(xsession, artifacts_dir / "tray-menu.png")
        xsession.run("xdotool", "key", "Escape")
        wait_for(lambda: popup_menu(xsession) != menu, 5, what="the tray menu to close")


def popup_menu(xsession: XSession) -> int | None:
    """A mapped Palaute window other than the icon: Qt's menu popup (override-redirect, no title)."""
    found = xsession.run("xdotool", "search", "--onlyvisible", "--class", "Palaute", check=False).stdout.split()
    icon_and_menus = [int(w) for w in found]
    menus = [w for w in icon_and_menus if _height(xsession, w) > 40]
    return menus[0] if menus else None


def _height(xsession: XSession, window: int) -> int:
    out = xsession.run("xdotool", "getwindowgeometry", str(window), check=False).stdout
    for line in out.splitlines():
        if "Geometry:" in line:
            return int(line.split(":")[1].strip().split("x")[1])
    return 0


def test_signed_out_in_the_tray_the_store_opens_on_first_use(xsession, trayer, data_dir):
    with RunningApp(xsession, data_dir) as app:
        wait_for(lambda: find_docked_icon(xsession.display), 10, what="the icon to dock in trayer")
        wait_for(lambda: "the store opens on first use" in app.log_text(), 10, what="the start-up's decision")
        assert not (data_dir / "palaute.db").exists()
        xsession.run("xdotool", "key", "ctrl+alt+i")
        wait_capture_focused(xsession)
        text = "Opened on first use"
        xsession.run("xdotool", "type", "--delay", "5", text)
        wait_for(lambda: app.draft_text() == text, 20, what="the store to open and the draft to be written")
        xsession.run("xdotool", "key", "ctrl+Return")
        wait_capture_hidden(xsession)
        assert [i["text"] for i in app.insights()] == [text]


def test_signed_in_the_store_and_sync_start_at_once(xsession, trayer, data_dir):
    store = open_store(AppPaths.resolve(data_dir))
    store.sync.set_meta(server_url="https://palaute.invalid", username="anna", device_id="d-1")
    store.close()
    with RunningApp(xsession, data_dir) as app:
        wait_for(lambda: "the store opens now" in app.log_text(), 10, what="the start-up's decision")
        # No refresh token in this session's keyring: sync looks it up at once and says it cannot start.
        wait_for(lambda: "Not syncing" in app.log_text(), 20, what="sync to try the saved sign-in")
