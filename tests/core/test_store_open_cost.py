"""Opening a store whose schema is current loads only the store: what a signed-in app holds all day."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Alembic only when the schema changes (~11 MiB); the hints' vector table (numpy) on the first look-up and
# only when the meaning layer is on; the sync stack and single sign-on once a sign-in is recorded.
NOT_AT_OPEN = ("alembic", "numpy", "requests", "pydantic", "keyring", "cryptography", "desktop.sync", "http.server")

PROBE = """
import json, sys
from desktop.paths import AppPaths
from desktop.store import open_store
store = open_store(AppPaths.resolve(None))
store.settings.get("language")
store.close()
print(json.dumps(sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[1:])))))
"""


def _open_in_fresh_interpreter(data_dir: Path) -> list[str]:
    env = {**os.environ, "PALAUTE_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *NOT_AT_OPEN], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_current_store_opens_without_alembic_the_vectors_or_the_sync_stack(data_dir):
    first = _open_in_fresh_interpreter(data_dir)  # creates the store: Alembic runs the migrations
    assert any(m.startswith("alembic") for m in first)  # the probe sees what it looks for
    assert _open_in_fresh_interpreter(data_dir) == []
