"""Logs go to a rotating file in the log folder, and an uncaught exception is logged, not lost."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from desktop.logs import setup_logging, start_rotating

REPO = Path(__file__).resolve().parents[2]


def test_an_uncaught_exception_in_a_thread_and_in_main_is_logged(tmp_path):
    code = (
        "import threading; from pathlib import Path; from desktop.logs import setup_logging;"
        f"setup_logging(Path({str(tmp_path)!r}));"
        "t = threading.Thread(target=lambda: 1/0, name='worker'); t.start(); t.join();"
        "raise RuntimeError('main went wrong')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=30, env={**os.environ}
    )
    assert result.returncode == 1
    log = (tmp_path / "palaute.log").read_text(encoding="utf-8")
    assert "Uncaught exception in thread worker" in log and "ZeroDivisionError" in log
    assert "Uncaught exception" in log and "RuntimeError: main went wrong" in log


def test_cli_logs_into_the_data_folder_when_one_is_given(cli, data_dir):
    assert cli("capture", "logged", "-c", "payments").returncode == 0
    assert (data_dir / "logs" / "palaute.log").exists()


def test_the_app_logs_to_the_same_file_before_and_after_rotation_starts(tmp_path):
    """The tray app's start logs through a plain handler (no logging.handlers yet); start_rotating swaps it."""
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path, rotate=False)
        logging.getLogger("palaute.test").warning("while starting")
        ours = [h for h in root.handlers if h not in before]
        assert [type(h).__name__ for h in ours] == ["_PrivateFileHandler"]
        start_rotating()
        start_rotating()  # a second call finds nothing left to swap
        logging.getLogger("palaute.test").warning("once the tray is up")
        ours = [h for h in root.handlers if h not in before]
        assert [type(h).__name__ for h in ours] == ["PrivateRotatingFileHandler"]
        assert ours[0].maxBytes == 1_048_576 and ours[0].backupCount == 5  # type: ignore[attr-defined]
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
    assert path is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[0].endswith("while starting") and lines[1].endswith("once the tray is up")
