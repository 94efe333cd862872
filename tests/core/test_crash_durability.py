"""Kill a capturing process with SIGKILL at random moments: no reported capture is lost or doubled."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from desktop.paths import AppPaths

KILLS = 60
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sigkill_during_captures_loses_and_doubles_nothing(data_dir):
    rng = random.Random(20261122)  # fixed seed: a failure can be replayed
    env = {**os.environ, "PALAUTE_DATA_DIR": str(data_dir)}
    reported: list[str] = []
    for run in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.core.capture_child", str(run)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "ready"
        # Let it finish a few captures first (however slow a loaded machine makes one), then kill it somewhere
        # inside a capture, a commit or between two.
        seen = [child.stdout.readline() for _ in range(rng.randint(0, 3))]
        time.sleep(rng.uniform(0.0, 0.05))
        child.kill()  # SIGKILL (TerminateProcess on Windows): no clean-up runs
        out, _ = child.communicate(timeout=30)
        reported += [line.split()[1] for line in [*seen, *out.splitlines()] if line.startswith("ok ")]

    db = sqlite3.connect(AppPaths.resolve(data_dir).db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = Counter(ref for (ref,) in db.execute("SELECT customer_ref FROM insight"))
        outbox = Counter(obj for (obj,) in db.execute("SELECT object_id FROM outbox"))
        fts_hits = db.execute("SELECT count(*) FROM insight_fts WHERE insight_fts MATCH 'crash'").fetchone()[0]
        insight_count = db.execute("SELECT count(*) FROM insight").fetchone()[0]
    finally:
        db.close()
    lost = [ref for ref in reported if ref not in stored]
    doubled = [ref for ref, n in stored.items() if n > 1]
    print(
        f"\ncrash test: {KILLS} SIGKILLs, {len(reported)} captures reported saved, {insight_count} stored, "
        f"{len(lost)} lost, {len(doubled)} duplicated, integrity_check ok"
    )
    assert reported, "the children never got to save anything: the test would prove nothing"
    assert lost == [] and doubled == []
    assert all(n == 1 for n in outbox.values()) and len(outbox) == insight_count  # an outbox entry per insight
    assert fts_hits == insight_count  # the search index is in step with the table
