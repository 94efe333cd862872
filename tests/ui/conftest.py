"""Fixtures for the Qt tests: the real store in the test's data folder, and English by default."""

from __future__ import annotations

import pytest

from desktop.paths import AppPaths
from desktop.store import open_store


@pytest.fixture
def paths(data_dir):
    resolved = AppPaths.resolve()
    resolved.ensure()
    return resolved


@pytest.fixture
def store(paths):
    opened = open_store(paths)
    yield opened
    opened.close()


@pytest.fixture
def capture(qtbot, store):
    from desktop.ui.capture_window import CaptureWindow

    window = CaptureWindow()
    qtbot.addWidget(window)
    qtbot.addWidget(window.toast)
    window.set_store(store)
    return window
