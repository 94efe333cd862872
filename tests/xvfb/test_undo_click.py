"""The "Saved … Undo" note takes a real mouse click under X11 without taking the keyboard from the CRM."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.xvfb.conftest import REPO

pytestmark = pytest.mark.xvfb


def test_a_click_on_undo_takes_the_save_back_and_brings_the_words_back(xsession, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.xvfb.undo_child", str(tmp_path / "data")],
        env={**xsession.env, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "saved": True,
        "toast": True,
        "insights": 0,
        "text": "Undo me with a real click",
        "window": True,
        "toast_after": False,
    }
