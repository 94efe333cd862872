"""What each library costs the desktop app: import time and memory, each in a fresh interpreter.

The budget in docs/architecture.md is built from these figures. Each step runs in its own `python -c`
after the steps it needs (e.g. `protocol.schema` after `pydantic`), so a row is what that step adds:
wall-clock milliseconds of the import (median of RUNS) and the growth of the process's anonymous memory
and of its file-backed resident pages (shared libraries, compiled Python), in MiB, read from
/proc/self/smaps_rollup before and after. No display is needed; Qt runs offscreen.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.bench_desktop import CopyQ, Palaute, app_signed_in, pss_mib, start_trayer
from bench.figures import Figure, print_figures
from tests.xvfb.xvfb_support import XSession, start_session, stop_process, wait_for

APP_IDLE_SECONDS = 10
APP_ROUNDS = int(os.environ.get("PALAUTE_BENCH_ROUNDS", "3"))

RUNS = 5
OWN_PACKAGES = ("desktop", "privacy", "protocol", "similarity")
REPO = Path(__file__).resolve().parents[1]

# (label, what the process has done before, the measured step)
STEPS: list[tuple[str, str, str]] = [
    ("Qt: QtWidgets + QApplication", "", "from PySide6.QtWidgets import QApplication; app = QApplication([])"),
    ("SQLAlchemy ORM", "", "import sqlalchemy.orm"),
    ("store (SQLAlchemy + models, no Alembic)", "", "import desktop.store.store"),
    ("Alembic (only when the schema changes)", "import desktop.store.store", "import alembic.command"),
    ("pydantic", "", "import pydantic"),
    ("protocol schema (pydantic models)", "import pydantic", "import protocol.schema"),
    ("requests + truststore (HTTP session)", "", "import desktop.sync.http; desktop.sync.http.make_session()"),
    ("keyring (backend chosen)", "", "import keyring; keyring.get_keyring()"),
    ("sync stack (client, engine, service)", "", "import desktop.sync.account"),
    (
        "DPoP key + one proof (cryptography)",
        "",
        "from desktop.sync.proof import DeviceKey; DeviceKey.generate().proof('GET', 'https://x.example/y')",
    ),
    ("privacy guard (import)", "", "import privacy"),
    ("privacy guard first use (stdnum, phonenumbers)", "import privacy", "privacy.warm_up()"),
    ("Snowball stemmers (similarity: duplicate hints)", "", "import similarity"),
    ("core CLI (domain, store, export, cli)", "", "import desktop.cli, desktop.store, desktop.domain, desktop.export"),
]

# The signed-in app's imports in the order it makes them, in ONE fresh interpreter: each row is what that group
# adds once the earlier ones are loaded (what it shares with them, e.g. the stdlib modules SQLAlchemy already
# imported, is not counted twice). The first row switches off shiboken's source scan, as the app does.
APP_ORDER: list[tuple[str, str]] = [
    (
        "Qt: QApplication (source scan off)",
        "from desktop.ui.qt_runtime import load_qt; load_qt(); "
        "from PySide6.QtWidgets import QApplication; app = QApplication([])",
    ),
    ("tray and icons", "from desktop.ui.tray import Tray; tray = Tray(app)"),
    ("capture window (built, not shown)", "from desktop.ui.capture_window import CaptureWindow; w = CaptureWindow()"),
    ("QtNetwork (single instance)", "import PySide6.QtNetwork"),
    ("SQLAlchemy Core", "import sqlalchemy"),
    ("SQLAlchemy ORM", "import sqlalchemy.orm"),
    ("store: models, queries, stemmers", "import desktop.store.store"),
    ("requests + urllib3 (+ charset_normalizer, idna, certifi)", "import requests"),
    ("truststore + the HTTP session", "import desktop.sync.http; desktop.sync.http.make_session()"),
    ("pydantic", "import pydantic"),
    ("protocol schema (46 models built)", "import protocol.schema"),
    (
        "cryptography: DPoP key + one proof",
        "from desktop.sync.proof import DeviceKey; DeviceKey.generate().proof('GET', 'https://x.example/y')",
    ),
    ("keyring (Secret Service backend chosen)", "import keyring; keyring.get_keyring()"),
    ("sync engine, service, account", "import desktop.sync.account, desktop.sync.service"),
    ("sync UI (controller, worker, notices)", "import desktop.ui.sync_controller"),
]

IN_ORDER = """
import json, sys, time
def mem():
    v = {}
    for line in open("/proc/self/smaps_rollup"):
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss", "Anonymous", "Private_Clean", "Private_Dirty"):
            v[key] = int(rest.split()[0]) / 1024
    v["Uss"] = v.pop("Private_Clean") + v.pop("Private_Dirty")
    return v
rows, last = [], mem()
for code in json.loads(sys.argv[1]):
    started = time.perf_counter()
    exec(compile(code, "<step>", "exec"))
    elapsed, now = (time.perf_counter() - started) * 1000, mem()
    rows.append({"ms": elapsed, **{k: now[k] - last[k] for k in ("Rss", "Uss", "Anonymous")}, "modules": len(sys.modules)})
    last = now
print(json.dumps({"rows": rows, "total": last}))
"""

PROBE = """
import json, sys, time
def mem():
    v = {}
    for line in open("/proc/self/smaps_rollup"):
        key, _, rest = line.partition(":")
        if key in ("Anonymous", "Rss"):
            v[key] = int(rest.split()[0]) / 1024
    return v
exec(compile(sys.argv[1], "<before>", "exec"))
before = mem()
started = time.perf_counter()
exec(compile(sys.argv[2], "<step>", "exec"))
elapsed = (time.perf_counter() - started) * 1000
after = mem()
print(json.dumps({"ms": elapsed, "anon": after["Anonymous"] - before["Anonymous"],
                  "file": (after["Rss"] - after["Anonymous"]) - (before["Rss"] - before["Anonymous"]),
                  "total_anon": after["Anonymous"], "total_rss": after["Rss"]}))
"""


def measure(before: str, step: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    samples = []
    for run in range(RUNS + 1):  # the first run writes .pyc files and fills the page cache; not counted
        done = subprocess.run(
            [sys.executable, "-c", PROBE, before, step], cwd=REPO, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{step!r} failed: {done.stderr.strip().splitlines()[-1:]}")
        if run:
            samples.append(json.loads(done.stdout.splitlines()[-1]))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def measure_in_app_order() -> list[Figure]:
    """APP_ORDER in one fresh interpreter (median of RUNS): the RSS, USS (pages no other process maps) and
    anonymous memory each group adds. Anonymous memory does not depend on what else runs on the machine; RSS
    counts shared libraries whole, and PSS (not shown) would split them with whatever else maps them."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    codes = json.dumps([code for _, code in APP_ORDER])
    runs = []
    for run in range(RUNS + 1):  # the first run writes .pyc files and fills the page cache; not counted
        done = subprocess.run(
            [sys.executable, "-c", IN_ORDER, codes], cwd=REPO, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"the app-order probe failed: {done.stderr.strip().splitlines()[-1:]}")
        if run:
            runs.append(json.loads(done.stdout.splitlines()[-1]))
    figures = []
    for i, (label, _) in enumerate(APP_ORDER):
        row = {key: statistics.median(r["rows"][i][key] for r in runs) for key in ("Rss", "Uss", "Anonymous", "ms")}
        figures += [
            Figure(f"{label}: +RSS", row["Rss"], "MiB"),
            Figure(f"{label}: +USS", row["Uss"], "MiB"),
            Figure(f"{label}: +anon", row["Anonymous"], "MiB"),
        ]
    for key in ("Rss", "Uss", "Anonymous"):
        figures.append(Figure(f"all of it: {key}", statistics.median(r["total"][key] for r in runs), "MiB"))
    return figures


def main() -> int:
    if not Path("/proc/self/smaps_rollup").exists():
        print("bench_footprint reads /proc/self/smaps_rollup (Linux only)", file=sys.stderr)
        return 1
    figures = []
    bare = measure("", "pass")
    figures.append(Figure("interpreter alone: anonymous memory", bare["total_anon"], "MiB"))
    figures.append(Figure("interpreter alone: resident", bare["total_rss"], "MiB"))
    for label, before, step in STEPS:
        got = measure(before, step)
        target = "<= 120 ms" if label.startswith("core CLI") else ""
        figures += [
            Figure(f"{label}: import ms", got["ms"], "ms", target),
            Figure(f"{label}: +anon", got["anon"], "MiB"),
            Figure(f"{label}: +file", got["file"], "MiB"),
        ]
    print_figures("Footprint per library (fresh interpreter each, median of 5)", figures)
    print_figures(
        "The signed-in app's imports in its order (one fresh interpreter, median of 5)", measure_in_app_order()
    )
    return 0


# --- the whole app, signed in (or out) -----------------------------------------------------------------------
def signed_in_app() -> int:
    return probe_app(signed_in=True)


def probe_app(*, signed_in: bool) -> int:
    """The real app in a tray under Xvfb, beside CopyQ: PSS after APP_IDLE_SECONDS idle, PSS at each step of its
    log and (in a run of its own, since tracemalloc costs memory) the live Python heap by package. Signed in:
    to a real server on loopback, its refresh token in a real Secret Service, idle counted from the first sync."""
    session = start_session()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="bench-footprint-") as tmp,
            _probed_app(session, Path(tmp), signed_in) as app,
        ):
            trayer = start_trayer(session)
            try:
                rounds, copyq_pss = [], []
                for _ in range(APP_ROUNDS):
                    copyq = CopyQ(session, Path(tmp))
                    copyq.configure("ctrl+alt+k")
                    copyq.start()
                    try:
                        rounds.append(app.probe(APP_IDLE_SECONDS))
                        copyq_pss.append(pss_mib(copyq.pids()))
                    finally:
                        copyq.stop()
                traced = app.probe(APP_IDLE_SECONDS, tracemalloc=True)
            finally:
                stop_process(trayer)
            if signed_in:
                app.check_synced()
    finally:
        session.stop()
    _print_app(rounds, copyq_pss, traced, "signed in and syncing" if signed_in else "signed out")
    return 0


@contextlib.contextmanager
def _probed_app(session: XSession, folder: Path, signed_in: bool) -> Iterator[ProbedApp]:
    if not signed_in:
        yield ProbedApp(session, folder)
        return
    with app_signed_in(session, folder, ProbedApp) as app:
        assert isinstance(app, ProbedApp)
        app.extra_env["PALAUTE_PROBE_SYNC"] = "1"
        yield app


class ProbedApp(Palaute):
    """The app started through bench/app_probe.py, which writes its memory report after idling."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "bench.app_probe"]

    def env(self) -> dict[str, str]:
        return {**super().env(), "PYTHONPATH": str(REPO)}

    def probe(self, idle: float, *, tracemalloc: bool = False) -> dict:
        out = self.workdir / "probe.json"
        out.unlink(missing_ok=True)
        self.extra_env.update({"PALAUTE_PROBE_OUT": str(out), "PALAUTE_PROBE_IDLE": str(idle)})
        self.extra_env.pop("PYTHONTRACEMALLOC", None)
        if tracemalloc:
            self.extra_env["PYTHONTRACEMALLOC"] = (
                "1"  # one frame: deeper tracebacks make the snapshot take minutes here
            )
        self.start()
        try:
            self.wait_ready()
            deadline = time.monotonic() + idle + 240  # a snapshot of tracemalloc is slow
            while not out.exists() and time.monotonic() < deadline and self.proc.poll() is None:
                time.sleep(0.2)
            report = json.loads(out.read_text())
        finally:
            self.stop()
        if "error" in report:
            raise RuntimeError(f"the probe failed: {report['error']}")
        return report

    def wait_ready(self) -> float:
        wait_for(self.ready_file.exists, 120, interval=0.05, what="palaute ready")  # tracemalloc slows the start
        return time.perf_counter()

    def check_synced(self) -> None:
        log = (self.workdir / "palaute-data" / "logs" / "palaute.log").read_text(errors="replace")
        if "Not syncing" in log or "Communities now" not in log:  # the figures must be of an app that synced
            raise RuntimeError("the probed app did not sync; see its log in " + str(self.workdir))


def _print_app(rounds: list[dict], copyq: list[float], traced: dict, state: str) -> None:
    pss = statistics.median(r["idle"]["Pss"] for r in rounds)
    theirs = statistics.median(copyq)
    figures = [
        Figure(f"{state}, {APP_IDLE_SECONDS} s idle: Palaute PSS (median of {APP_ROUNDS})", pss, "MiB", "<= 70 MiB"),
        Figure(
            "  of which anonymous (heap, Python objects)",
            statistics.median(r["idle"]["Pss_Anon"] for r in rounds),
            "MiB",
        ),
        Figure(
            "  of which files (libraries, share of Qt)", statistics.median(r["idle"]["Pss_File"] for r in rounds), "MiB"
        ),
        Figure("CopyQ PSS, same run, all processes", theirs, "MiB"),
        Figure(f"ratio Palaute {state}/CopyQ", pss / theirs, "x", "<= 1 x"),
    ]
    print_figures(f"The app {state}, in a tray under Xvfb, beside CopyQ", figures)
    print("rounds, Palaute: " + ", ".join(f"{r['idle']['Pss']:.1f}" for r in rounds) + " MiB; CopyQ: ", end="")
    print(", ".join(f"{c:.1f}" for c in copyq) + " MiB")
    rss = ", ".join(f"{r['idle']['Rss']:.1f}" for r in rounds)
    sharers = ", ".join(str(r.get("qt6_sharers", "?")) for r in rounds)
    print(f"Palaute RSS (no sharing counted): {rss} MiB; other processes mapping Qt 6: {sharers}\n")
    kinds = rounds[0].get("anonymous_by_kind", {})
    print("## Anonymous memory at idle by what holds it (first round; MiB)")
    print(", ".join(f"{kind} {mib:.1f}" for kind, mib in kinds.items()))
    malloc = rounds[0].get("malloc", {})
    print("malloc (all arenas): " + ", ".join(f"{what} {mib:.1f}" for what, mib in malloc.items()))
    print("threads: " + ", ".join(rounds[0].get("threads", [])))
    files = list(rounds[0].get("resident_files", {}).items())
    print("resident files (largest): " + ", ".join(f"{name} {mib:.1f}" for name, mib in files[:12]), end="\n\n")
    print("## PSS at each step of the app's log (first round; MiB)")
    last = 0.0
    for step in rounds[0]["steps"]:
        print(f"{step['t']:7.2f} s  {step['Pss']:6.1f} ({step['Pss'] - last:+5.1f})  {step['step']}")
        last = step["Pss"]
    idle = rounds[0]["idle"]["Pss"]
    print(f"{'idle':>9}  {idle:6.1f} ({idle - last:+5.1f})\n")
    print(f"## Live Python heap by package at idle (tracemalloc run; {traced['traced_mib']:.1f} MiB traced)")
    print(f"({len(traced['heap'])} owners; the first 30 hold {sum(list(traced['heap'].values())[:30]):.1f} MiB)")
    for name, mib in list(traced["heap"].items())[:30]:
        print(f"{name:<40} {mib:7.2f} MiB")
    print("\n## Modules loaded at idle, by top-level package")
    print(", ".join(f"{name} {count}" for name, count in traced["modules"].items()), end="\n\n")
    own = [m for m in rounds[0].get("module_names", []) if m.split(".")[0] in OWN_PACKAGES]
    print("## The project's own modules loaded at idle (first round)")
    print(", ".join(own), end="\n\n", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--app-order"]:
        print_figures(
            "The signed-in app's imports in its order (one fresh interpreter, median of 5)", measure_in_app_order()
        )
        raise SystemExit(0)
    if sys.argv[1:] in (["--signed-in"], ["--signed-out"]):
        raise SystemExit(probe_app(signed_in=sys.argv[1] == "--signed-in"))
    raise SystemExit(main() or signed_in_app())  # both parts when run_all.py runs it
