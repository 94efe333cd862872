"""Helpers for real-X-server tests: a private Xvfb and D-Bus session, xdotool, and a key-recording X window."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from dataclasses import dataclass, field

from Xlib import XK, X
from Xlib.display import Display

from tests.support.waiting import wait_for  # also imported from here by the display tests


@dataclass
class XSession:
    """A running Xvfb plus a private D-Bus session bus; `env` is what child processes need."""

    display: str
    xvfb: subprocess.Popen
    dbus: subprocess.Popen
    dbus_address: str
    extra: list[subprocess.Popen] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(DISPLAY=self.display, DBUS_SESSION_BUS_ADDRESS=self.dbus_address, QT_QPA_PLATFORM="xcb")
        return env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(args, env=self.env, check=check, capture_output=True, text=True, timeout=30)

    def stop(self) -> None:
        for proc in [*self.extra, self.dbus, self.xvfb]:
            stop_process(proc)


def stop_process(proc: subprocess.Popen, timeout: float = 5) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _read_line(fd: int, timeout: float) -> str:
    """One line from a pipe, failing loudly instead of hanging when the server never answers."""
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise RuntimeError(f"no answer within {timeout} s (got {data!r})")
        chunk = os.read(fd, 256)
        if not chunk:
            raise RuntimeError(f"pipe closed (got {data!r})")
        data += chunk
    return data.decode().strip()


def start_xvfb(size: str = "1280x800x24") -> tuple[str, subprocess.Popen]:
    """Start Xvfb on a free display number (it picks one and tells us through -displayfd)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp", "-noreset"],
        pass_fds=[write_fd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        number = _read_line(read_fd, 15)
    except RuntimeError:
        stop_process(proc)
        raise
    finally:
        os.close(read_fd)
    return f":{number}", proc


def start_dbus() -> tuple[str, subprocess.Popen]:
    """A private session bus, so nothing the tests start autolaunches a daemon that outlives them."""
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    try:
        address = _read_line(proc.stdout.fileno(), 10)
    except RuntimeError:
        stop_process(proc)
        raise
    return address, proc


def start_session() -> XSession:
    display, xvfb = start_xvfb()
    try:
        address, dbus = start_dbus()
    except Exception:
        stop_process(xvfb)
        raise
    return XSession(display=display, xvfb=xvfb, dbus=dbus, dbus_address=address)


class KeyRecorder:
    """A small X window of our own that takes the input focus and records the keys it receives."""

    def __init__(self, display_name: str) -> None:
        self.display = Display(display_name)
        screen = self.display.screen()
        self.window = screen.root.create_window(
            10,
            10,
            200,
            100,
            0,
            screen.root_depth,
            X.InputOutput,
            X.CopyFromParent,
            background_pixel=screen.white_pixel,
            event_mask=X.KeyPressMask | X.StructureNotifyMask,
        )
        self.window.set_wm_name("key recorder")
        self.window.map()
        self.display.sync()
        self.pressed: list[int] = []  # keysyms received, in order
        wait_for(self._mapped, 5, what="the key recorder window to map")
        self.focus()

    def _mapped(self) -> bool:
        return self.window.get_attributes().map_state == X.IsViewable

    def focus(self) -> None:
        self.window.set_input_focus(X.RevertToParent, X.CurrentTime)
        self.display.sync()

    def poll(self) -> list[int]:
        while self.display.pending_events():
            event = self.display.next_event()
            if event.type == X.KeyPress:
                self.pressed.append(self.display.keycode_to_keysym(event.detail, 0))
        return self.pressed

    def got(self, char: str) -> bool:
        return XK.string_to_keysym(char) in self.poll()

    def close(self) -> None:
        self.window.destroy()
        self.display.close()


class ForeignGrab:
    """Another X client holding a key grab, as a second app owning the same hotkey would."""

    def __init__(self, display_name: str, keysym: str, modifiers: int) -> None:
        self.display = Display(display_name)
        keycode = self.display.keysym_to_keycode(XK.string_to_keysym(keysym))
        self.display.screen().root.grab_key(keycode, modifiers, True, X.GrabModeAsync, X.GrabModeAsync)
        self.display.sync()

    def close(self) -> None:
        self.display.close()
