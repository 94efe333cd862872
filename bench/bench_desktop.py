"""Desktop app under its own Xvfb, side by side with CopyQ: hotkey to window mapped, start to tray ready, idle PSS.

Idle PSS is measured twice: as a fresh app that is signed out (the store then opens on first use), and signed in
to a real server on loopback with its refresh token in a real Secret Service (store and sync stack loaded, the
long-poll running), which is how reps run it.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from Xlib import XK, X
from Xlib.display import Display
from Xlib.ext import xtest

from bench import THROWAWAY_PASSWORD
from bench.figures import Figure, p50_p95, print_figures

# The test suite's Xvfb/D-Bus, keyring and server helpers; reused rather than copied.
from tests.support.keyrings import secret_service
from tests.support.server_process import ServerProcess
from tests.xvfb.xvfb_support import XSession, start_session, stop_process, wait_for

TRIALS = 30
IDLE_SECONDS = 10
MEMORY_ROUNDS = 3
SIGNED_IN_SHARERS: list[int] = []
REPO = Path(__file__).resolve().parents[1]
CAPTURE_TITLE = "Palaute — Capture insight"


class XWatcher:
    """Our own X connection listening to the root window, plus XTest to press keys as a keyboard would."""

    def __init__(self, display_name: str) -> None:
        self.display = Display(display_name)
        self.root = self.display.screen().root
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.display.sync()

    def keycode(self, name: str) -> int:
        return self.display.keysym_to_keycode(XK.string_to_keysym(name))

    def press(self, *names: str) -> None:
        codes = [self.keycode(n) for n in names]
        for code in codes:
            xtest.fake_input(self.display, X.KeyPress, code)
        for code in reversed(codes):
            xtest.fake_input(self.display, X.KeyRelease, code)
        self.display.flush()

    def drain(self) -> None:
        while self.display.pending_events():
            self.display.next_event()

    def wait_event(self, match: Callable[[object], bool], timeout: float) -> float:
        """perf_counter() when the first matching event arrived; events are stamped as they are read."""
        deadline = time.perf_counter() + timeout
        while True:
            while self.display.pending_events():
                event = self.display.next_event()
                stamp = time.perf_counter()
                if match(event):
                    return stamp
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError("no matching X event")
            select.select([self.display.fileno()], [], [], remaining)

    def wm_class(self, window) -> tuple[str, ...]:
        try:
            return tuple(c.lower() for c in (window.get_wm_class() or ()))
        except Exception:  # the window went away meanwhile
            return ()


class Contender:
    """One app under test: how to start it, hide its window again and stop it."""

    name = ""
    wm_class = ""
    unmaps_on_hide = True

    def __init__(self, session: XSession, workdir: Path) -> None:
        self.session, self.workdir = session, workdir
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return self.session.env

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self) -> None:
        self.proc = subprocess.Popen(
            self.command(), env=self.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )

    def wait_ready(self) -> float:
        return 0.0

    def hide(self, watcher: XWatcher) -> None:
        raise NotImplementedError

    def is_shown_window(self, watcher: XWatcher, window) -> bool:
        """The window the hotkey shows."""
        return self.wm_class in watcher.wm_class(window)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, timeout=10)
            self.proc = None

    def pids(self) -> list[int]:
        assert self.proc is not None
        return [self.proc.pid, *descendants(self.proc.pid)]


class Palaute(Contender):
    name, wm_class = "Palaute", "palaute"

    def __init__(self, session: XSession, workdir: Path, extra_env: dict[str, str] | None = None) -> None:
        super().__init__(session, workdir)
        self.extra_env = extra_env or {}

    def env(self) -> dict[str, str]:
        optimize = os.environ.get("PALAUTE_BENCH_OPTIMIZE")  # e.g. 2: the app as the bundle runs it (build.spec)
        return {
            **self.session.env,
            "PALAUTE_DATA_DIR": str(self.workdir / "palaute-data"),
            "PALAUTE_READY_FILE": str(self.ready_file),
            **({"PYTHONOPTIMIZE": optimize} if optimize else {}),
            **self.extra_env,
        }

    @property
    def ready_file(self) -> Path:
        return self.workdir / "palaute.ready"

    def command(self) -> list[str]:
        launcher = Path(sys.executable).with_name("palaute")
        return [str(launcher)] if launcher.exists() else [sys.executable, "-m", "desktop"]

    def start(self) -> None:
        self.ready_file.unlink(missing_ok=True)
        super().start()

    def wait_ready(self) -> float:
        """When the app said tray and hotkey are done (it touches the ready file right after grabbing)."""
        wait_for(self.ready_file.exists, 30, interval=0.002, what="palaute ready")
        age = time.time() - self.ready_file.stat().st_mtime  # it may have appeared while we waited for the dock
        return time.perf_counter() - max(age, 0.0)

    def hide(self, watcher: XWatcher) -> None:
        watcher.press("Escape")  # the capture window has the focus; Esc hides it

    def is_shown_window(self, watcher: XWatcher, window) -> bool:
        try:
            return window.get_full_text_property(watcher.display.intern_atom("_NET_WM_NAME")) == CAPTURE_TITLE
        except Exception:  # gone already
            return False


class CopyQ(Contender):
    name, wm_class = "CopyQ", "copyq"

    def env(self) -> dict[str, str]:
        home = self.workdir / "copyq-home"
        return {
            **self.session.env,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }

    def configure(self, shortcut: str = "ctrl+alt+i") -> None:
        """Its global shortcut shows the main window, as Palaute's shows the capture window."""
        folder = Path(self.env()["XDG_CONFIG_HOME"]) / "copyq"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "copyq-commands.ini").write_text(
            "[Commands]\n1\\Command=copyq: show()\n1\\GlobalShortcut="
            + shortcut
            + "\n1\\IsGlobalShortcut=true\n1\\Name=Show Palaute bench\nsize=1\n"
        )

    def command(self) -> list[str]:
        return ["copyq"]

    unmaps_on_hide = False

    def hide(self, watcher: XWatcher) -> None:
        # Without a window manager `copyq hide` leaves the window mapped and marks it hidden; the next
        # show() unmaps and maps it again, so each trial still ends in a fresh MapNotify.
        subprocess.run(["copyq", "hide"], env=self.env(), timeout=20, capture_output=True)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            subprocess.run(["copyq", "exit"], env=self.env(), timeout=20, capture_output=True)
        super().stop()


BARE_TRAY = """
import sys
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
QApplication.setApplicationName("baretray")
app = QApplication(sys.argv)
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("teal"))
tray = QSystemTrayIcon(QIcon(pixmap))
tray.show()
sys.exit(app.exec())
"""


class BareTray(Contender):
    """The floor: a bare PySide6 tray icon (no hotkey, no store), measured in the same run for context."""

    name, wm_class = "bare PySide6 tray", "baretray"

    def command(self) -> list[str]:
        return [sys.executable, "-c", BARE_TRAY]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def pss_mib(pids: list[int], field: str = "Pss") -> float:
    total_kib = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith(field + ":"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


def qt6_sharers(ours: list[int]) -> int:
    """Other processes mapping Qt 6 now (test runs, other apps). PSS splits each shared page between the
    processes mapping it, so every one of them lowers Palaute's share of Qt 6's ~25 MiB of library pages: on a
    machine where nothing else runs Qt 6 its PSS is higher by up to that much. CopyQ (Qt 5) is unaffected."""
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) not in ours:
            try:
                if "libQt6Core" in (entry / "maps").read_text():
                    count += 1
            except OSError:
                continue
    return count


# --- hotkey to window mapped ------------------------------------------------------------------------------
def hotkey_to_mapped(app: Contender, watcher: XWatcher, trials: int) -> list[float]:
    samples = []
    for trial in range(trials + 1):  # trial 0 warms up (first paint, lazy imports) and is not counted
        watcher.drain()
        began = time.perf_counter()
        watcher.press("Control_L", "Alt_L", "i")
        shown = []

        def is_shown(event) -> bool:
            if event.type == X.MapNotify and app.is_shown_window(watcher, event.window):
                shown.append(event.window.id)
                return True
            return False

        mapped = watcher.wait_event(is_shown, 10)
        if trial:
            samples.append((mapped - began) * 1000)
        time.sleep(0.1)  # as a person would
        if app.unmaps_on_hide:
            wait_focus(watcher, shown[0], 10)  # Esc goes to the focused window: on a busy machine that takes a while
        app.hide(watcher)
        if app.unmaps_on_hide:
            try:
                watcher.wait_event(lambda e: e.type == X.UnmapNotify and e.window.id == shown[0], 10)
            except TimeoutError:
                raise TimeoutError(f"{app.name} did not hide its window (trial {trial})") from None
        time.sleep(0.05)
    return samples


def wait_focus(watcher: XWatcher, window_id: int, timeout: float) -> None:
    """Until the X input focus is on the window (or the timeout passes: the caller's next step then says so)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        focus = watcher.display.get_input_focus().focus
        if getattr(focus, "id", focus) == window_id:
            return
        time.sleep(0.005)


def measure_hotkey(session: XSession, workdir: Path) -> dict[str, list[float]]:
    watcher = XWatcher(session.display)
    results = {}
    copyq = CopyQ(session, workdir)
    copyq.configure()
    for app in (Palaute(session, workdir), copyq):
        app.start()
        try:
            app.wait_ready()
            time.sleep(1.5)  # let it finish starting (Palaute opens its store, CopyQ loads its tabs)
            results[app.name] = hotkey_to_mapped(app, watcher, TRIALS)
        finally:
            app.stop()
    watcher.display.close()
    return results


# --- start to tray ready -----------------------------------------------------------------------------------
def start_to_tray(app: Contender, watcher: XWatcher, before: Callable[[], None] | None = None) -> float:
    """From process start until its tray icon is docked in trayer (and, for Palaute, the hotkey is grabbed)."""
    if before is not None:
        before()
    watcher.drain()
    began = time.perf_counter()
    app.start()
    try:
        # trayer reparents the icon window (a child of root) into its socket: ReparentNotify on root.
        docked = watcher.wait_event(
            lambda e: e.type == X.ReparentNotify and app.wm_class in watcher.wm_class(e.window), 30
        )
        ready = app.wait_ready()
    finally:
        app.stop()
    return (max(docked, ready) - began) * 1000


def start_trayer(session: XSession) -> subprocess.Popen:
    proc = subprocess.Popen(
        ["trayer", "--edge", "top", "--widthtype", "pixel", "--width", "200", "--height", "24"],
        env=session.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: session.run("xdotool", "search", "--class", "trayer", check=False).stdout.strip(), 10)
    return proc


def drop_caches() -> str | None:
    """Empty the whole page cache when allowed; otherwise None."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return "drop_caches"
    except OSError:
        return None


def files_to_evict(pids: list[int]) -> list[str]:
    """What a start reads: every file the running app maps, and the compiled Python it imports."""
    files = set()
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
                parts = line.split(maxsplit=5)
                if len(parts) == 6 and parts[5].startswith("/") and not parts[5].startswith("/dev"):
                    files.add(parts[5].removesuffix(" (deleted)"))
        except OSError:
            continue
    if any("python" in Path(f).name for f in files):
        roots = {Path(sys.prefix) / "lib", Path(sys.base_prefix) / "lib", REPO / "desktop"}
        for root in roots:
            for folder, _dirs, names in os.walk(root):
                files.update(os.path.join(folder, n) for n in names if n.endswith((".pyc", ".so")))
    return sorted(files)


def evict(files: list[str]) -> None:
    """Drop these files' pages from the page cache (pages other processes still map stay resident)."""
    for name in files:
        try:
            fd = os.open(name, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def measure_start(
    session: XSession, workdir: Path, fadvise: bool = False
) -> tuple[dict[str, dict[str, list[float]]], str]:
    """Warm then cold starts of Palaute, CopyQ and the bare PySide6 tray, taking turns trial by trial, so that a
    change in the machine's load meanwhile weighs on all three alike. `fadvise`: evict each app's files rather than
    drop the whole page cache even where that is allowed (it slows whatever else runs on the machine)."""
    watcher = XWatcher(session.display)
    trayer = start_trayer(session)
    copyq = CopyQ(session, workdir)
    copyq.configure()
    apps: list[Contender] = [Palaute(session, workdir), copyq, BareTray(session, workdir)]
    results: dict[str, dict[str, list[float]]] = {app.name: {"warm": [], "cold": []} for app in apps}
    cold_method = "fadvise" if fadvise or drop_caches() is None else "drop_caches"
    evictable: dict[str, list[str]] = {}
    try:
        for app in apps:
            app.start()  # a first run creates the data folders and gives us the files to evict
            app.wait_ready()
            time.sleep(1.0)
            evictable[app.name] = files_to_evict(app.pids())
            app.stop()
        for kind in ("warm", "cold"):
            for _ in range(TRIALS):
                for app in apps:
                    files = evictable[app.name]
                    before = (
                        None
                        if kind == "warm"
                        else drop_caches
                        if cold_method == "drop_caches"
                        else (lambda: evict(files))
                    )
                    results[app.name][kind].append(start_to_tray(app, watcher, before))
    finally:
        stop_process(trayer)
        watcher.display.close()
    return results, cold_method


def start_figures(start: dict[str, dict[str, list[float]]], cold_method: str) -> list[Figure]:
    figures = pair(
        f"start -> tray docked + hotkey, warm ({TRIALS})",
        start["Palaute"]["warm"],
        start["CopyQ"]["warm"],
        "ms",
        "p50 <= 250 ms",
    )
    figures += pair(
        f"start -> tray docked + hotkey, cold [{cold_method}] ({TRIALS})",
        start["Palaute"]["cold"],
        start["CopyQ"]["cold"],
        "ms",
        "",
        ratio_target="<= 1.5 x",
    )
    # The floor: Python, PySide6 and a tray icon alone, started and evicted the same way.
    bare, copyq_cold = start["bare PySide6 tray"], statistics.median(start["CopyQ"]["cold"])
    for kind in ("warm", "cold"):
        p50, p95 = p50_p95(bare[kind])
        figures += [
            Figure(f"start -> tray docked, {kind} ({TRIALS}): bare PySide6 tray p50", p50, "ms"),
            Figure(f"start -> tray docked, {kind} ({TRIALS}): bare PySide6 tray p95", p95, "ms"),
        ]
    figures.append(
        Figure("start, cold: ratio bare PySide6 tray/CopyQ p50", statistics.median(bare["cold"]) / copyq_cold, "x")
    )
    return figures


def print_cold_note(cold_method: str) -> None:
    if cold_method == "fadvise":
        print(
            "cold: /proc/sys/vm/drop_caches is not writable here; each cold start follows posix_fadvise(DONTNEED)\n"
            "on every file the app maps and every .pyc/.so it may import (pages other processes map stay cached)."
        )


# --- memory ----------------------------------------------------------------------------------------------
def measure_memory(session: XSession, workdir: Path) -> dict[str, list[float]]:
    """PSS after IDLE_SECONDS idle; both run at once (CopyQ on another shortcut; it uses Qt 5, so they share
    little besides libc), in rounds."""
    results: dict[str, list[float]] = {}
    trayer = start_trayer(session)  # with a tray, as most users run it (no fallback window)
    try:
        _memory_rounds(session, workdir, results)
    finally:
        stop_process(trayer)
    return results


def _memory_rounds(session: XSession, workdir: Path, results: dict[str, list[float]]) -> None:
    for _ in range(MEMORY_ROUNDS):
        # Not the bare PySide6 tray: it shares Qt 6's pages with Palaute and would halve Palaute's share (PSS).
        apps = [Palaute(session, workdir), CopyQ(session, workdir)]
        apps[1].configure("ctrl+alt+k")
        for app in apps:
            app.start()
        try:
            apps[0].wait_ready()
            time.sleep(IDLE_SECONDS)
            for app in apps:
                results.setdefault(app.name, []).append(pss_mib(app.pids()))
            results.setdefault("Palaute RSS", []).append(pss_mib(apps[0].pids(), "Rss"))
            results.setdefault("Qt 6 sharers", []).append(qt6_sharers(apps[0].pids()))
        finally:
            for app in apps:
                app.stop()


@contextlib.contextmanager
def app_signed_in(session: XSession, folder: Path, make_app: type[Palaute] | None = None) -> Iterator[Palaute]:
    """A real server on loopback with one rep, and the app (`make_app`, default Palaute) signed in to it, its
    token in a real Secret Service. bench_footprint's probed app signs in the same way."""
    password = THROWAWAY_PASSWORD
    with secret_service() as keyring_env, ServerProcess.start(folder / "server") as server:
        server.add_user("anna", "rep", password, communities=["payments"])
        # The app reaches the keyring's D-Bus session; the X display and trayer stay the bench's.
        extra = {k: keyring_env[k] for k in ("DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME")}
        app = (make_app or Palaute)(session, folder, extra)
        login = subprocess.run(
            [sys.executable, "-m", "desktop", "login", "--server", server.url, "--user", "anna", "--password-stdin"],
            input=password + "\n",
            env=app.env(),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if login.returncode != 0 or "keyring" in login.stderr:
            raise RuntimeError(f"signing the bench's app in failed: {login.stderr.strip()}")
        yield app


def measure_signed_in_memory(session: XSession, workdir: Path) -> list[float]:
    """PSS after IDLE_SECONDS of the app signed in and syncing; its own process only (it starts none)."""
    folder = workdir / "signed-in"
    folder.mkdir()
    with app_signed_in(session, folder) as app:
        trayer = start_trayer(session)
        try:
            samples = []
            for _ in range(MEMORY_ROUNDS):
                app.start()
                try:
                    app.wait_ready()
                    time.sleep(IDLE_SECONDS)
                    samples.append(pss_mib([app.proc.pid]))
                    SIGNED_IN_SHARERS.append(qt6_sharers([app.proc.pid]))
                finally:
                    app.stop()
        finally:
            stop_process(trayer)
    log = (folder / "palaute-data" / "logs" / "palaute.log").read_text(errors="replace")
    if "Not syncing" in log or "Communities now" not in log:  # the figure must be of an app that synced
        raise RuntimeError("the bench's signed-in app did not sync; see " + str(folder / "palaute-data" / "logs"))
    return samples


# --- report ----------------------------------------------------------------------------------------------
def pair(
    label: str, ours: list[float], theirs: list[float], unit: str, target: str, ratio_target: str = ""
) -> list[Figure]:
    p50, p95 = p50_p95(ours)
    c50, c95 = p50_p95(theirs)
    return [
        Figure(f"{label}: Palaute p50", p50, unit, target if "p50" in target else ""),
        Figure(f"{label}: Palaute p95", p95, unit, target if "p95" in target else ""),
        Figure(f"{label}: CopyQ p50", c50, unit),
        Figure(f"{label}: CopyQ p95", c95, unit),
        Figure(f"{label}: ratio Palaute/CopyQ p50", p50 / c50, "x", ratio_target),
        Figure(f"{label}: ratio Palaute/CopyQ p95", p95 / c95, "x"),
    ]


def main(argv: list[str] | None = None) -> int:
    """All figures; with --start only the start-up ones (a minute or two instead of ~15); with --fadvise cold
    starts evict the apps' files instead of dropping the whole page cache (for a machine others measure on)."""
    argv = sys.argv[1:] if argv is None else argv
    only_start, fadvise = "--start" in argv, "--fadvise" in argv
    missing = [t for t in ("Xvfb", "dbus-daemon", "xdotool", "trayer", "copyq") if shutil.which(t) is None]
    if missing:
        print(f"bench_desktop needs: {', '.join(missing)}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # so a killed run still stops its servers
    session = start_session()
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-desktop-") as tmp:
            workdir = Path(tmp)
            if only_start:
                start, cold_method = measure_start(session, workdir, fadvise)
            else:
                hotkey = measure_hotkey(session, workdir)
                start, cold_method = measure_start(session, workdir, fadvise)
                memory = measure_memory(session, workdir)
                signed_in = measure_signed_in_memory(session, workdir)
    finally:
        session.stop()
    if only_start:
        print_figures("Desktop app vs CopyQ under Xvfb: start", start_figures(start, cold_method))
        print_cold_note(cold_method)
        print(
            f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; took {time.monotonic() - started:.0f} s)"
        )
        return 0
    figures = pair(
        f"hotkey -> window mapped ({TRIALS} trials, XTest)", hotkey["Palaute"], hotkey["CopyQ"], "ms", "p95 <= 10 ms"
    )
    figures += start_figures(start, cold_method)
    ours, theirs = statistics.median(memory["Palaute"]), statistics.median(memory["CopyQ"])
    synced = statistics.median(signed_in)
    figures += [
        Figure(
            f"PSS after {IDLE_SECONDS} s idle: Palaute signed out (median of {MEMORY_ROUNDS})", ours, "MiB", "<= 70 MiB"
        ),
        Figure(f"PSS after {IDLE_SECONDS} s idle: CopyQ, all processes", theirs, "MiB"),
        Figure("PSS ratio Palaute signed out/CopyQ", ours / theirs, "x", "<= 1 x"),
        Figure(
            f"PSS after {IDLE_SECONDS} s idle: Palaute signed in, syncing (median of {MEMORY_ROUNDS})", synced, "MiB"
        ),
        Figure("PSS ratio Palaute signed in/CopyQ", synced / theirs, "x"),
        Figure("RSS Palaute signed out (no sharing counted)", statistics.median(memory["Palaute RSS"]), "MiB"),
    ]
    print_figures("Desktop app vs CopyQ under Xvfb", figures)
    print_cold_note(cold_method)
    sharers = memory["Qt 6 sharers"] + SIGNED_IN_SHARERS
    print(
        f"Other processes mapping Qt 6 during the memory rounds: {min(sharers):.0f}-{max(sharers):.0f} "
        "(each lowers Palaute's PSS share of Qt 6's pages; 0 is a quiet machine)"
    )
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
