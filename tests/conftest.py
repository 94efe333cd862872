"""Test-wide set-up: Qt offscreen, a private data folder and an in-memory keyring for every test."""

from __future__ import annotations

import os

# Set before anything imports Qt: GUI tests run without a display unless they start their own Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PALAUTE_DATA_DIR", None)

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the real user's files."""
    folder = tmp_path / "palaute-data"
    monkeypatch.setenv("PALAUTE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def translations(qapp):
    """Translations that are put back to English after the test (translators are process-wide)."""
    from desktop.ui.i18n import Translations

    installed = Translations()
    yield installed
    installed.apply("en")
