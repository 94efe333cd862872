"""Fixtures for duplicate hints: the core tests' real store in the test's own data folder."""

from __future__ import annotations

from tests.core.conftest import paths, store  # noqa: F401  (pytest finds fixtures by name)
