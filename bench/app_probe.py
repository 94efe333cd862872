"""Runs the real desktop app and writes where its memory went: PSS per logged step, and at idle by package.

Run by hand: `python -m bench.app_probe [--signed-in]` starts the bench's own Xvfb, D-Bus and tray (and, signed
in, a real server and keyring), runs the app through this module in rounds beside CopyQ and prints the report
(it is bench_footprint's app part). The app needs a real X server and a tray: offscreen, Qt has no tray, so
the app would show its fallback window and idle in another state than reps see.

The app's side: started as `python -m bench.app_probe` with PALAUTE_PROBE_OUT (a JSON file to write),
PALAUTE_PROBE_IDLE (seconds to idle after the ready file appears), PALAUTE_PROBE_SYNC=1 when signed in (the
idle time then counts from the first sync) and optionally PYTHONTRACEMALLOC=1 (then the report also
attributes the live Python heap to the package that allocated it; tracemalloc itself costs memory, so PSS
figures come from a run without it). Bench-only: the app knows nothing of it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path


def memory() -> dict[str, float]:
    """PSS, anonymous and resident memory of this process in MiB (/proc/self/smaps_rollup)."""
    values = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Pss", "Pss_Anon", "Pss_File", "Anonymous", "Rss"):
            values[key] = int(rest.split()[0]) / 1024
    return values


ARENA_BYTES = 64 * 2**20  # glibc's HEAP_MAX_SIZE on 64-bit: each thread's malloc arena is one such mapping
THREAD_STACK_BYTES = 8 * 2**20  # glibc's and Qt's default thread stack on Linux (from an 8 MiB stack limit)


def _mappings() -> list[dict]:
    maps: list[dict] = []
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if "-" in head[0] and not head[0].endswith(":"):
            low, high = (int(x, 16) for x in head[0].split("-"))
            maps.append(
                {"low": low, "high": high, "perms": head[1], "name": " ".join(head[5:]), "anon": 0.0, "rss": 0.0}
            )
        elif head[0] == "Anonymous:":
            maps[-1]["anon"] = int(head[1]) / 1024
        elif head[0] == "Rss:":
            maps[-1]["rss"] = int(head[1]) / 1024
    return maps


def anonymous_by_kind() -> dict[str, float]:
    """The process's anonymous memory (MiB) by what holds it, told apart by the mappings' shapes: glibc's main
    heap (`[heap]`), the 64 MiB-aligned arenas glibc gives threads that malloc, thread stacks (an 8 MiB mapping
    right above its guard), written pages of libraries, and the rest (pymalloc's arenas, large blocks). The
    shapes are a heuristic: a thread started with another stack size counts in the rest."""
    maps, kinds = _mappings(), {}
    for i, m in enumerate(maps):
        if not m["anon"]:
            continue
        size, prev = m["high"] - m["low"], maps[i - 1] if i else None
        after = maps[i + 1] if i + 1 < len(maps) else None
        if m["name"] in ("[heap]", "[stack]"):
            kind = "malloc main heap" if m["name"] == "[heap]" else "main thread stack"
        elif m["name"]:
            kind = "libraries' written pages"
        elif m["low"] % ARENA_BYTES == 0 and (
            size == ARENA_BYTES or (after and after["low"] == m["high"] and after["high"] - m["low"] == ARENA_BYTES)
        ):
            kind = "malloc arenas of threads"
        elif prev and prev["high"] == m["low"] and prev["perms"].startswith("---") and size == THREAD_STACK_BYTES:
            # exactly a default stack above its guard page: pymalloc's arenas (1 MiB each, merged by the kernel
            # when adjacent) may also follow a guard, but not with this size
            kind = "thread stacks"
        else:
            kind = "other mappings (pymalloc arenas, large blocks)"
        kinds[kind] = kinds.get(kind, 0.0) + m["anon"]
    return dict(sorted(kinds.items(), key=lambda kv: -kv[1]))


def resident_files() -> dict[str, float]:
    """Resident pages (MiB) of each mapped file (shared libraries, Python's extension modules), largest first."""
    files: dict[str, float] = {}
    for m in _mappings():
        if m["name"].startswith("/") and m["rss"]:
            name = Path(m["name"]).name
            files[name] = files.get(name, 0.0) + m["rss"]
    return dict(sorted(files.items(), key=lambda kv: -kv[1]))


def malloc_fill() -> dict[str, float]:
    """glibc's heap (all arenas, MiB): in use and free but still mapped. Much free would mean fragmentation
    (more arenas, a trim too early); little means the anonymous memory is live data. Empty off glibc."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_size_t)
            for name in (
                "arena",
                "ordblks",
                "smblks",
                "hblks",
                "hblkhd",
                "usmblks",
                "fsmblks",
                "uordblks",
                "fordblks",
                "keepcost",
            )
        ]

    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return {}
    mallinfo2.restype = MallInfo2
    info = mallinfo2()
    return {"in use": info.uordblks / 2**20, "free": info.fordblks / 2**20, "mmapped blocks": info.hblkhd / 2**20}


def thread_names() -> list[str]:
    """Every thread of the process, Qt's and the libraries' included (their kernel names)."""
    names = []
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError):
            names.append((task / "comm").read_text().strip())
    return sorted(names)


class StepRecorder(logging.Handler):
    """Memory at each log line of the app: its log already names the steps (ready, store open, synced)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.steps: list[dict] = []
        self.began = time.monotonic()

    def emit(self, record: logging.LogRecord) -> None:
        self.note(record.getMessage().splitlines()[0][:90], memory())

    def note(self, text: str, mem: dict[str, float]) -> None:
        if len(self.steps) < 200:
            self.steps.append({"t": time.monotonic() - self.began, "step": text, **mem})


WATCHED = (
    "sqlalchemy",
    "alembic",
    "desktop.store.store",
    "pydantic",
    "protocol.schema",
    "requests",
    "urllib3",
    "truststore",
    "keyring",
    "jeepney",
    "secretstorage",
    "cryptography",
    "joserfc",
    "desktop.sync.service",
    "desktop.sync.account",
    "privacy",
    "phonenumbers",
    "stdnum",
    "snowballstemmer",
    "similarity",
    "babel",
    "PySide6.QtNetwork",
)


class ImportSteps:
    """A meta-path finder that notes memory before and after the first import of each WATCHED module, as steps.

    Inclusive figures (what the module imports counts too) and approximate where two threads import at once."""

    def __init__(self, recorder: StepRecorder) -> None:
        self.recorder = recorder
        self.seen: set[str] = set()

    def find_spec(self, name, path, target=None):
        if name not in WATCHED or name in self.seen:
            return None
        self.seen.add(name)
        import importlib.util

        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return None
        loader, recorder = spec.loader, self.recorder

        class Timed:
            def create_module(self, spec):
                return loader.create_module(spec)

            def exec_module(self, module):
                before = memory()
                loader.exec_module(module)
                after = memory()
                recorder.note(f"import {name}: +{after['Pss'] - before['Pss']:.1f} MiB inclusive", after)

        spec.loader = Timed()
        return spec


def package_of(filename: str) -> str:
    """`sqlalchemy`, `desktop.store`, `<frozen ...>`: the package a source file belongs to."""
    parts = Path(filename).parts
    if "site-packages" in parts:
        rest = parts[parts.index("site-packages") + 1 :]
        return rest[0].removesuffix(".py") if rest else filename
    repo = Path(__file__).resolve().parents[1]
    try:
        rest = Path(filename).resolve().relative_to(repo).parts
    except ValueError:
        return "stdlib " + Path(filename).stem if "python3" in filename else filename
    return ".".join(p.removesuffix(".py") for p in rest[:2])


def owner(traceback: tracemalloc.Traceback) -> str:
    """The package whose code made an allocation: the innermost frame outside the import machinery (so a
    module's code objects count for the package that imported it, mostly its own package). With one frame
    traced (what the bench uses), the code objects of every imported module show as the import machinery."""
    for frame in reversed(traceback):  # innermost first
        if not frame.filename.startswith("<frozen") and "/importlib/" not in frame.filename:
            return package_of(frame.filename)
    return "<import machinery>"


def heap_by_package() -> dict[str, float]:
    totals: dict[str, float] = {}
    for stat in tracemalloc.take_snapshot().statistics(
        "traceback" if tracemalloc.get_traceback_limit() > 1 else "filename"
    ):
        name = owner(stat.traceback)
        totals[name] = totals.get(name, 0.0) + stat.size / 2**20
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def qt6_sharers() -> int:
    """Other processes mapping Qt 6: each lowers this app's PSS share of Qt's pages (see bench_desktop)."""
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                count += "libQt6Core" in (entry / "maps").read_text()
            except OSError:
                continue
    return count


def modules_by_package() -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in list(sys.modules):
        top = name.split(".")[0]
        counts[top] = counts.get(top, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def report_when_idle(recorder: StepRecorder, out: Path, idle: float) -> None:
    try:
        write_report(recorder, out, idle)
    except Exception as exc:  # the bench then says why instead of waiting for a file that never comes
        out.write_text(json.dumps({"error": repr(exc)}))


def write_report(recorder: StepRecorder, out: Path, idle: float) -> None:
    ready = Path(os.environ["PALAUTE_READY_FILE"])
    while not ready.exists():
        time.sleep(0.05)
    began = time.monotonic()
    while (
        os.environ.get("PALAUTE_PROBE_SYNC") == "1"
        and not any("Communities now" in s["step"] for s in recorder.steps)
        and time.monotonic() - began < 120
    ):
        time.sleep(0.1)  # a slow start (tracemalloc, a loaded machine) still ends synced before the idle figure
    time.sleep(max(0.0, idle - (time.monotonic() - began)))
    idle_memory = memory()
    report = {
        "idle": idle_memory,
        "steps": recorder.steps,
        "modules": modules_by_package(),
        "module_names": sorted(sys.modules),
        "qt6_sharers": qt6_sharers(),
        "anonymous_by_kind": anonymous_by_kind(),
        "threads": thread_names(),
        "resident_files": resident_files(),
        "malloc": malloc_fill(),
        "heap": heap_by_package() if tracemalloc.is_tracing() else {},
        "traced_mib": tracemalloc.get_traced_memory()[0] / 2**20 if tracemalloc.is_tracing() else 0.0,
    }
    partial = out.with_suffix(".partial")
    partial.write_text(json.dumps(report))
    partial.replace(out)  # whole or not there: the bench polls for it


def main() -> int:
    if "PALAUTE_PROBE_OUT" not in os.environ:  # run by hand: drive the app under the bench's X server
        from bench.bench_footprint import probe_app

        return probe_app(signed_in="--signed-in" in sys.argv[1:])
    recorder = StepRecorder()
    logging.getLogger().addHandler(recorder)
    sys.meta_path.insert(0, ImportSteps(recorder))
    out, idle = Path(os.environ["PALAUTE_PROBE_OUT"]), float(os.environ.get("PALAUTE_PROBE_IDLE", "10"))
    threading.Thread(target=report_when_idle, args=(recorder, out, idle), daemon=True, name="probe").start()
    from desktop.__main__ import main as app_main

    return app_main([])


if __name__ == "__main__":
    raise SystemExit(main())
