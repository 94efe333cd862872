"""Logs go to a rotating file in the log folder, and an uncaught exception is logged, not lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
