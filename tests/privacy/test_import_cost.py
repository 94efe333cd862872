"""Importing privacy stays cheap: stdnum and phonenumbers load on first use, not on import."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys, time
started = time.thread_time()
import privacy
elapsed = time.thread_time() - started
heavy = sorted(m for m in ("stdnum", "phonenumbers") if m in sys.modules)
print(f"{elapsed * 1000:.1f} {','.join(heavy) or '-'}")
privacy.find_pii("040 123 4567")
print(",".join(sorted(m for m in ("stdnum", "phonenumbers") if m in sys.modules)))
"""


def _probe() -> tuple[float, str, str]:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    first, second = out.splitlines()
    millis, heavy = first.split()
    return float(millis), heavy, second


def test_import_is_cheap_and_libraries_load_lazily():
    # CPU time of the import, best of five fresh interpreters: other work on this shared machine
    # only ever adds time, and wall-clock time would measure the other work too.
    runs = [_probe() for _ in range(5)]
    best = min(millis for millis, _, _ in runs)
    print(f"\nimport privacy: best of 5 = {best:.1f} ms CPU")
    assert all(heavy == "-" for _, heavy, _ in runs)
    assert all(loaded == "phonenumbers,stdnum" for _, _, loaded in runs)
    assert best < 30
