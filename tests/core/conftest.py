"""Fixtures for the core: a real store in the test's own data folder, and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.store import open_store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def paths(data_dir) -> AppPaths:
    return AppPaths.resolve(data_dir)


@pytest.fixture
def store(paths):
    store = open_store(paths)
    yield store
    store.close()


def run_cli(
    *args: str, data_dir: Path, stdin: str | None = None, env: dict | None = None, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `palaute ARGS` as a user would, in a child process, with its own data folder."""
    full_env = {**os.environ, "PALAUTE_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8", **(env or {})}
    command = [*(prefix or []), sys.executable, "-m", "desktop", *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=full_env, cwd=REPO, timeout=60)


@pytest.fixture
def cli(data_dir):
    def _run(*args: str, **kwargs):
        return run_cli(*args, data_dir=data_dir, **kwargs)

    return _run
