"""The start path stays lean: nothing heavy is imported, and Qt's costly `Qt` namespace is not touched, before ready."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "desktop.cli",  # a bare `palaute` builds no command-line parser
    "desktop.domain",
    "privacy.",  # the guard's detector and patterns; `privacy.files` (the log folder's modes) is allowed
    "phonenumbers",
    "stdnum",
    "sqlalchemy",
    "alembic",
    "requests",
    "pydantic",
    "keyring",
    "joserfc",
    "cryptography",
    "PySide6.QtNetwork",
    "desktop.store",
    "desktop.sync",
    "desktop.ui.capture_window",
    # What the store, the duplicate hints, sign-in and the core's language bring: each was a suspect when the
    # idle figure rose, and each is a single import away from the start path.
    "filelock",
    "similarity",
    "Stemmer",
    "numpy",
    "babel",
    "http.server",  # single sign-on's loopback page
    "email",
    # The log's rotation: logging.handlers imports pickle and queue (and socket, which python-xlib needs anyway);
    # the start logs to the same file through a plain handler and rotates once the tray is up.
    "logging.handlers",
    "pickle",
    "queue",
)

PROBE = f"""
import json, sys
import PySide6.QtCore as QtCore
import desktop.app as app

def announce(self, original=app.PalauteApp._announce_ready):
    seen = {{"qt_namespace": "Qt" in QtCore.__dict__,
            "heavy": sorted(m for m in sys.modules if m.startswith({HEAVY!r}) and m != "privacy.files")}}
    original(self)
    print("PROBE " + json.dumps(seen), flush=True)
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, self.qapp.quit)

app.PalauteApp._announce_ready = announce
from desktop.__main__ import main
code = main([])  # as the desktop's launcher starts it
import logging
print("HANDLERS " + json.dumps([type(h).__name__ for h in logging.getLogger().handlers]), flush=True)
sys.exit(code)
"""


def test_nothing_heavy_before_ready(data_dir):
    env = dict(os.environ, PALAUTE_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    line = next(text for text in done.stdout.splitlines() if text.startswith("PROBE "))
    seen = json.loads(line.removeprefix("PROBE "))
    assert seen["heavy"] == []
    assert seen["qt_namespace"] is False
    # Once started, the log rotates (the plain start-up handler was swapped for the rotating one).
    handlers = json.loads(
        next(t for t in done.stdout.splitlines() if t.startswith("HANDLERS ")).removeprefix("HANDLERS ")
    )
    assert handlers == ["PrivateRotatingFileHandler"]
