"""The tests CI runs on Linux, Windows and macOS: the core, the server and the Qt windows (offscreen).

    python scripts/ci_tests.py [more pytest arguments]

PostgreSQL runs too where one answers on 127.0.0.1:5432 (the Linux job starts one); the tests that need an
X server (Xvfb, xdotool, trayer) or Chromium are left to `make test`, which installs those on Linux.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = [
    "tests/core",
    "tests/privacy",
    "tests/similar",
    "tests/platform",
    "tests/server",
    "tests/ui",
    "tests/ui_inbox",
]


def postgres_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    excluded = ["xvfb", "browser"] + ([] if postgres_answers() else ["postgres"])
    marks = " and ".join(f"not {mark}" for mark in excluded)
    print(f"running {' '.join(PATHS)} -m '{marks}'", flush=True)
    return subprocess.run([sys.executable, "-m", "pytest", *PATHS, "-m", marks, *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
