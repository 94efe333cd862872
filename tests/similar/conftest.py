"""Fixtures for duplicate hints: a real store in the test's own data folder."""

from __future__ import annotations

import pytest

from desktop.paths import AppPaths
from desktop.store import open_store


@pytest.fixture
def paths(data_dir) -> AppPaths:
    return AppPaths.resolve(data_dir)


@pytest.fixture
def store(paths):
    store = open_store(paths)
    yield store
    store.close()
