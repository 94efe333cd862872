"""Fixtures for real-X-server tests: a private Xvfb and D-Bus session per test module."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.xvfb.xvfb_support import XSession, start_session

REPO = Path(__file__).resolve().parents[2]
NEEDED = ["Xvfb", "xdotool", "dbus-daemon", "trayer", "import"]


@pytest.fixture(scope="module")
def xsession() -> Iterator[XSession]:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    # A missing tool is a broken CI image, not a reason to skip: fail with the list.
    assert not missing, f"install these for the X server tests: {', '.join(missing)}"
    session = start_session()
    try:
        yield session
    finally:
        session.stop()


def artifacts_folder() -> Path:
    folder = Path(os.environ.get("PALAUTE_ARTIFACTS") or REPO / "artifacts") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def artifacts_dir() -> Path:
    return artifacts_folder()
