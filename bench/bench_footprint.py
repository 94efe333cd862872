"""What each library costs the desktop app: import time and memory, each in a fresh interpreter.

The budget in docs/architecture.md is built from these figures. Each step runs in its own `python -c`
after the steps it needs (e.g. `protocol.schema` after `pydantic`), so a row is what that step adds:
wall-clock milliseconds of the import (median of RUNS) and the growth of the process's anonymous memory
and of its file-backed resident pages (shared libraries, compiled Python), in MiB, read from
/proc/self/smaps_rollup before and after. No display is needed; Qt runs offscreen.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench.figures import Figure, print_figures

RUNS = 5
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
    ("privacy guard (import)", "", "import privacy"),
    ("privacy guard first use (stdnum, phonenumbers)", "import privacy", "privacy.warm_up()"),
    ("Snowball stemmers (similarity: duplicate hints)", "", "import similarity"),
    ("core CLI (domain, store, export, cli)", "", "import desktop.cli, desktop.store, desktop.domain, desktop.export"),
]

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
