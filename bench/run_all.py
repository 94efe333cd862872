"""Run every benchmark in this folder, each in its own process, and print their figures."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    wanted = set(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    failed = []
    for script in scripts:
        if wanted and script.stem not in wanted and script.stem.removeprefix("bench_") not in wanted:
            continue
        started = time.monotonic()
        # Each benchmark runs in a fresh interpreter so import costs and caches do not leak between them.
        result = subprocess.run([sys.executable, "-m", f"bench.{script.stem}"], cwd=HERE.parent)
        print(f"   ({script.stem} took {time.monotonic() - started:.1f} s)\n", flush=True)
        if result.returncode != 0:
            failed.append(script.stem)
    if failed:
        print("benchmarks that failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
