"""Run the real Palaute app as a subprocess under a test X session, and look at its windows from outside."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from Xlib import X
from Xlib.display import Display

from tests.xvfb.xvfb_support import XSession, stop_process, wait_for

CAPTURE_TITLE = "Palaute — Capture insight"
READY_TIMEOUT = 20


class RunningApp:
    """`python -m desktop` with its own data folder; ready once it touched $PALAUTE_READY_FILE."""

    def __init__(self, session: XSession, data_dir: Path) -> None:
        self.session, self.data_dir = session, data_dir
        self.ready_file = data_dir.parent / f"{data_dir.name}.ready"
        self.output = data_dir.parent / f"{data_dir.name}.out"
        self.proc: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        return {**self.session.env, "PALAUTE_DATA_DIR": str(self.data_dir), "PALAUTE_READY_FILE": str(self.ready_file)}

    def start(self) -> RunningApp:
        self.ready_file.unlink(missing_ok=True)
        with self.output.open("ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "desktop"], env=self.env, stdout=out, stderr=out)
        wait_for(
            lambda: self.ready_file.exists() or self.proc.poll() is not None,
            READY_TIMEOUT,
            what="the app to say it is ready",
        )
        assert self.proc.poll() is None, f"the app exited with {self.proc.returncode}:\n{self.log_text()}"
        return self

    def log_text(self) -> str:
        logs = sorted((self.data_dir / "logs").glob("*.log*")) if (self.data_dir / "logs").is_dir() else []
        parts = [p.read_text(errors="replace") for p in [self.output, *logs] if p.exists()]
        return "\n".join(parts)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, timeout=10)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def draft_text(self) -> str | None:
        """The draft the app wrote, read-only with plain sqlite3 (the app may be migrating: never open_store here)."""
        db = self.data_dir / "palaute.db"
        if not db.exists():
            return None
        try:
            with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=2)) as conn:
                row = conn.execute("SELECT text FROM draft").fetchone()
        except sqlite3.Error:  # not created yet
            return None
        return row[0] if row else None

    def insights(self) -> list[dict]:
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "list", "--json"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return json.loads(result.stdout)

    def __enter__(self) -> RunningApp:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def visible_window(session: XSession, title: str) -> int | None:
    found = session.run("xdotool", "search", "--onlyvisible", "--name", title, check=False).stdout.split()
    return int(found[0]) if found else None


def focused_window(session: XSession) -> int:
    return int(session.run("xdotool", "getwindowfocus", "-f").stdout.strip())


def wait_capture_focused(session: XSession, timeout: float = 10) -> int:
    """The capture window's id once it is mapped and holds the keyboard focus."""

    def shown_with_focus() -> int | None:
        window = visible_window(session, CAPTURE_TITLE)
        return window if window is not None and focused_window(session) == window else None

    return int(wait_for(shown_with_focus, timeout, what="the capture window to show with focus"))


def wait_capture_hidden(session: XSession, timeout: float = 10) -> None:
    wait_for(lambda: visible_window(session, CAPTURE_TITLE) is None, timeout, what="the capture window to hide")


def screenshot(session: XSession, path: Path, window: int | None = None) -> Path:
    session.run("import", "-window", hex(window) if window else "root", str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"screenshot {path} is not a PNG"
    return path


def find_docked_icon(display_name: str, app_class: str = "Palaute") -> tuple[int, int] | None:
    """Centre (root coordinates) of the app's tray icon window inside trayer's panel, or None."""
    display = Display(display_name)
    try:
        root = display.screen().root
        for top in root.query_tree().children:
            wm_class = top.get_wm_class() or ()
            if "trayer" not in wm_class or top.get_attributes().map_state != X.IsViewable:
                continue
            stack = list(top.query_tree().children)
            while stack:
                window = stack.pop()
                if app_class in (window.get_wm_class() or ()) and window.get_attributes().map_state == X.IsViewable:
                    geometry = window.get_geometry()
                    pos = window.translate_coords(root, 0, 0)
                    return -pos.x + geometry.width // 2, -pos.y + geometry.height // 2
                stack.extend(window.query_tree().children)
        return None
    finally:
        display.close()


def painted(display_name: str, x: int, y: int, radius: int = 8) -> bool:
    """True once the square around (x, y) holds more than one colour: something is drawn there."""
    display = Display(display_name)
    try:
        image = display.screen().root.get_image(x - radius, y - radius, 2 * radius, 2 * radius, X.ZPixmap, 0xFFFFFFFF)
        data = image.data
        pixels = {bytes(data[i : i + 4]) for i in range(0, len(data), 4)}
        return len(pixels) > 1
    finally:
        display.close()
