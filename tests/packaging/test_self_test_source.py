"""The frozen app's entry point run from the sources with `--self-test`: the same checks the installed app runs,
in a child process."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.packaging.conftest import ROOT


def _self_test(tmp_path, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), **extra}
    return subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "palaute_entry.py"), "--self-test"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},  # the script's own folder comes first on sys.path, not the checkout
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_self_test_passes_from_source(tmp_path) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout and "from source" in result.stdout


def test_self_test_leaves_no_data_behind(tmp_path) -> None:
    # It must use its own temporary folder: neither $PALAUTE_DATA_DIR nor the user's folders are touched.
    data = tmp_path / "user-data"
    result = _self_test(tmp_path, PALAUTE_DATA_DIR=str(data))
    assert result.returncode == 0, result.stderr
    assert not data.exists()
    assert not (tmp_path / ".local").exists()
