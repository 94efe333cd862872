"""The checks `make test` runs before the tests: lint, format, types and the import contracts.

Each runs with this interpreter's tools (the test extra installs them), on every system CI uses:
    python scripts/check.py
Exit status 1 if any check fails; every check runs, so one report shows all that is wrong.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = [
    ("ruff check", ["-m", "ruff", "check", "--quiet", "."]),
    ("ruff format --check", ["-m", "ruff", "format", "--check", "--quiet", "."]),
    # Strict typing covers the parts listed under [tool.mypy] files in pyproject.toml.
    ("mypy", ["-m", "mypy"]),
    ("import contracts", ["-c", "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"]),
]


def main() -> int:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    failed = []
    for name, args in CHECKS:
        started = time.monotonic()
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.monotonic() - started
        if done.returncode == 0:
            print(f"ok    {name} ({seconds:.1f} s)", flush=True)
            continue
        failed.append(name)
        print(f"FAIL  {name} ({seconds:.1f} s)", flush=True)
        print((done.stdout + done.stderr).rstrip(), flush=True)
    if failed:
        print(f"checks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
